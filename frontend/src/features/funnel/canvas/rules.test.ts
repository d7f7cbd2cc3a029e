import { describe, expect, it } from 'vitest';
import { SPECS } from '../../../test/fakeBackend';
import { makeEdge } from './convert';
import { checkConnection } from './rules';
import type { CanvasNode } from './types';

const specOf = (t: string) => SPECS.find((s) => s.type === t);
const step = (id: string, nodeType: string): CanvasNode => ({ id, type: 'step', position: { x: 0, y: 0 }, data: { nodeType, config: {} } });
const nodes: CanvasNode[] = [
  step('start', 'trigger.list_joined'),
  step('mail', 'action.send_email'),
  step('check', 'condition.tag'),
  step('end', 'exit'),
  { id: 'note:n1', type: 'note', position: { x: 0, y: 0 }, data: { text: 'hi' } },
];
const c = (source: string, sourceHandle: string | null, target: string) => ({ source, sourceHandle, target, targetHandle: 'in' });

describe('connection rules', () => {
  it('allow a link from a free output to a step with an input', () => {
    expect(checkConnection(c('start', 'next', 'mail'), nodes, [], specOf)).toBeNull();
    expect(checkConnection(c('check', 'no', 'end'), nodes, [makeEdge('check', 'yes', 'end')], specOf)).toBeNull();
  });

  it('refuse a link into a start step', () => {
    expect(checkConnection(c('mail', 'next', 'start'), nodes, [], specOf)).toBe('into_start');
  });

  it('refuse a step leading to itself', () => {
    expect(checkConnection(c('check', 'yes', 'check'), nodes, [], specOf)).toBe('self_loop');
  });

  it('allow one link per output', () => {
    const edges = [makeEdge('start', null, 'mail')];
    expect(checkConnection(c('start', 'next', 'check'), nodes, edges, specOf)).toBe('port_taken');
    expect(checkConnection(c('start', null, 'check'), nodes, edges, specOf)).toBe('port_taken');
    // …unless that link is the one being moved
    expect(checkConnection(c('start', 'next', 'check'), nodes, edges, specOf, edges[0]!.id)).toBeNull();
  });

  it('refuse notes and unknown steps', () => {
    expect(checkConnection(c('start', 'next', 'note:n1'), nodes, [], specOf)).toBe('note');
    expect(checkConnection(c('start', 'next', 'ghost'), nodes, [], specOf)).toBe('unknown_step');
    expect(checkConnection({ source: null, target: 'mail' }, nodes, [], specOf)).toBe('unknown_step');
  });

  it('are the catalogue’s: every spec from Go declares them, as the engine validates them', () => {
    for (const s of SPECS) {
      expect(typeof s.input, s.type).toBe('boolean');
      expect(s.self_link, s.type).toBe(false);
      expect(s.links_per_output, s.type).toBe(1);
      expect(s.input, s.type).toBe(s.kind !== 'trigger');
    }
  });

  it('follow what a spec declares, not rules of their own', () => {
    const loose = (t: string) => {
      const s = specOf(t);
      if (!s) return undefined;
      if (t === 'condition.tag') return { ...s, self_link: true, links_per_output: 2 };
      if (t === 'exit') return { ...s, input: false };
      return s;
    };
    expect(checkConnection(c('check', 'yes', 'check'), nodes, [], loose)).toBeNull();
    const edges = [makeEdge('check', 'yes', 'end')];
    expect(checkConnection(c('check', 'yes', 'mail'), nodes, edges, loose)).toBeNull();
    expect(checkConnection(c('check', 'yes', 'mail'), nodes, [...edges, makeEdge('check', 'yes', 'mail')], loose)).toBe('port_taken');
    expect(checkConnection(c('mail', 'next', 'end'), nodes, [], loose)).toBe('into_start');
  });
});
