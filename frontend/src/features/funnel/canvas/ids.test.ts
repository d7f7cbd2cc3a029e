import { describe, expect, it } from 'vitest';
import { baseId, nextId } from './ids';

describe('new step ids', () => {
  it('are readable', () => {
    expect(baseId('action.send_email', 'action')).toBe('email');
    expect(baseId('wait.delay', 'wait')).toBe('wait');
    expect(baseId('wait.event', 'wait')).toBe('wait-event');
    expect(baseId('condition.tag', 'condition')).toBe('if-tag');
    expect(baseId('split.random', 'split')).toBe('split-random');
    expect(baseId('trigger.list_joined', 'trigger')).toBe('list-joined');
    expect(baseId('exit', 'exit')).toBe('exit');
  });

  it('take the first free number', () => {
    expect(nextId('email', new Set())).toBe('email-1');
    expect(nextId('wait', new Set(['wait-1']))).toBe('wait-2');
    expect(nextId('wait', new Set(['wait-2']))).toBe('wait-1');
  });
});
