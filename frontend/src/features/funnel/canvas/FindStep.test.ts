import { beforeEach, describe, expect, it } from 'vitest';
import { resetAll } from '../../../test/helpers';
import { findSteps } from './FindStep';
import type { CanvasNode } from './types';

beforeEach(() => {
  resetAll();
});

const step = (id: string, nodeType: string, label?: string, config: Record<string, unknown> = {}): CanvasNode => ({ id, type: 'step', position: { x: 0, y: 0 }, data: { nodeType, label, config } });

describe('finding a step', () => {
  const nodes = [
    step('a', 'action.send_email', 'Lesson 1'),
    step('b', 'wait.delay', undefined, { duration: '3d' }),
    step('c', 'action.send_email', 'Bonus lesson'),
    step('d', 'action.send_email', 'Lesson 2'),
    step('e', 'wait.delay', undefined, { duration: '2d' }),
    { id: 'note:1', type: 'note', position: { x: 0, y: 0 }, data: { text: 'lesson' } } as CanvasNode,
  ];

  it('finds by name, names starting with the query first, notes never', () => {
    expect(findSteps(nodes, 'lesson', 'en').map((m) => m.id)).toEqual(['a', 'd', 'c']);
    expect(findSteps(nodes, 'LESSON 2', 'en').map((m) => m.id)).toEqual(['d']);
  });

  it('finds by kind of step in either language, and by what an unnamed step does', () => {
    expect(findSteps(nodes, 'wait', 'en').map((m) => m.name)).toEqual(['Wait 3 days', 'Wait 2 days']);
    expect(findSteps(nodes, 'wait 2', 'en').map((m) => m.id)).toEqual(['e']);
    expect(findSteps(nodes, 'courriel', 'en').map((m) => m.id)).toEqual(['a', 'c', 'd']);
    expect(findSteps(nodes, 'envoyer', 'fr').map((m) => m.id)).toEqual(['a', 'c', 'd']);
  });

  it('finds nothing for an empty query or a word no step has', () => {
    expect(findSteps(nodes, '  ', 'en')).toEqual([]);
    expect(findSteps(nodes, 'zebra', 'en')).toEqual([]);
  });
});
