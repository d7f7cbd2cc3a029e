import { beforeEach, describe, expect, it } from 'vitest';
import { specOf } from '../../../stores/catalogue';
import { resetAll } from '../../../test/helpers';
import { richFlow } from '../../../test/flows';
import { flowToCanvas, makeEdge } from './convert';
import { outline } from './outline';
import { below, downstream, freeSpot } from './place';
import type { CanvasNode } from './types';

beforeEach(() => {
  resetAll();
});

describe('the funnel in words', () => {
  it('lists the steps in the order contacts meet them, with where each output leads', () => {
    const c = flowToCanvas(richFlow);
    const steps = outline(c.nodes, c.edges, specOf, 'en');
    expect(steps.map((s) => s.id).slice(0, 5)).toEqual(['signup', 'hello', 'wait2d', 'opened', 'ab']);
    expect(steps[0]).toMatchObject({ n: 1, title: 'Newsletter sign-up', summary: 'When a contact joins newsletter', exits: [{ port: '', to: 2 }] });
    const opened = steps.find((s) => s.id === 'opened')!;
    expect(opened.exits).toEqual([
      { port: 'Yes', to: steps.find((s) => s.id === 'ab')!.n },
      { port: 'No', to: steps.find((s) => s.id === 'by-country')!.n },
    ]);
    expect(steps).toHaveLength(richFlow.nodes.length);
    expect(outline(c.nodes, c.edges, specOf, 'fr')[0]!.summary).toContain('newsletter');
  });
});

describe('placing a new step', () => {
  const n = (id: string, x: number, y: number): CanvasNode => ({ id, type: 'step', position: { x, y }, data: { nodeType: 'exit', config: {} } });

  it('goes under the output, and beside anything already there', () => {
    expect(below(n('a', 0, 0), 1, 2)).toEqual({ x: 144, y: 168 });
    const taken = [n('a', 0, 0), n('b', 0, 168)];
    expect(freeSpot(taken, { x: 0, y: 168 })).not.toEqual({ x: 0, y: 168 });
    expect(freeSpot(taken, { x: 0, y: 168 }, new Set(['b']))).toEqual({ x: 0, y: 168 });
  });

  it('finds what follows a step, stopping at the step it starts from', () => {
    const edges = [makeEdge('a', 'next', 'b'), makeEdge('b', 'next', 'c'), makeEdge('c', 'next', 'a')];
    expect([...downstream('b', edges, 'a')].sort()).toEqual(['b', 'c']);
  });
});
