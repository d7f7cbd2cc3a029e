import { describe, expect, it } from 'vitest';
import { decorateEdges } from './Canvas';
import { displayEdges, mergedLinks } from './frames';
import { makeEdge } from './convert';
import { countsToOverlay, decorate, edgeNumbers, formatShare, pathHighlight } from './overlay';
import type { CanvasNode, Overlay } from './types';

const edges = [makeEdge('t', 'next', 'c'), makeEdge('c', 'yes', 'a'), makeEdge('c', 'no', 'b')];
const overlay: Overlay = {
  source: 'live',
  nodes: { t: { entered: 10, waiting: 0, errors: 0 }, c: { entered: 10, waiting: 0, errors: 1 } },
  edges: { 't:next': 10, 'c:yes': 6, 'c:no': 3 },
};

describe('overlay', () => {
  it('turns the engine’s counts into per-step numbers and per-output counts', () => {
    const o = countsToOverlay({
      nodes: [{ node: 'w', entered: 5, waiting: 2, errors: 1, skipped: 0, failed: 0 }],
      edges: [
        { node: 'w', port: 'next', count: 3 },
        { node: 'c', port: 'yes', count: 4 },
      ],
      enrolled: 5,
      active: 2,
      done: 3,
      goals: 0,
    });
    expect(o).toEqual({ source: 'live', nodes: { w: { entered: 5, waiting: 2, errors: 1 } }, edges: { 'w:next': 3, 'c:yes': 4 } });
  });

  it('labels a link with its count, and its share when the step has several ways out', () => {
    const n = edgeNumbers(edges, overlay);
    expect(n['t:next->c']).toEqual({ count: 10, percent: null });
    expect(n['c:yes->a']!.percent).toBeCloseTo(66.67, 1);
    expect(n['c:no->b']!.count).toBe(3);
    expect(formatShare(66.666)).toBe('67%');
    expect(formatShare(0.2)).toBe('<1%');
    const drawn = decorateEdges(edges, overlay, null, 'en');
    expect(drawn.map((e) => e.label)).toEqual(['10', '6 · 67%', '3 · 33%']);
  });

  it('sums the numbers of the links a collapsed frame merges into one, on the link drawn', () => {
    // c's Yes and No go into the frame's steps a and b, which both lead on to d.
    const links = [...edges, makeEdge('a', 'next', 'd'), makeEdge('b', 'next', 'd')];
    const step = (id: string, y: number): CanvasNode => ({ id, type: 'step', position: { x: 0, y }, data: { nodeType: 'wait.delay', config: {} } }) as CanvasNode;
    const frame = { id: 'frame:f1', type: 'frame', position: { x: 0, y: 0 }, data: { title: 'Lessons', members: ['a', 'b'], collapsed: true } } as CanvasNode;
    const nodes = [step('t', 0), step('c', 200), step('a', 400), step('b', 400), step('d', 600), frame];
    const counts: Overlay = { ...overlay, edges: { ...overlay.edges, 'a:next': 5, 'b:next': 2 } };
    const merged = mergedLinks(links, nodes);
    expect([...merged]).toEqual([['a:next->d', ['a:next->d', 'b:next->d']]]);
    const drawn = displayEdges(decorateEdges(links, counts, null, 'en', merged), nodes).filter((e) => !e.hidden);
    const out = drawn.find((e) => e.source === 'frame:f1')!;
    expect(out.label).toBe('7'); // 5 + 2, no share: they leave two steps
    // Each of c's ways into the frame keeps its own number and share.
    expect(drawn.filter((e) => e.source === 'c').map((e) => e.label)).toEqual(['6 · 67%', '3 · 33%']);
    // On a contact's path when any merged link is.
    const pathed = displayEdges(decorateEdges(links, null, { nodes: ['b'], edges: ['b:next'] }, 'en', merged), nodes);
    expect(pathed.find((e) => e.source === 'frame:f1' && !e.hidden)!.className).toBe('is-path');
  });

  it('leaves the links untouched without numbers or path, and marks a path’s links', () => {
    expect(decorateEdges(edges, null, null, 'en')).toBe(edges);
    const drawn = decorateEdges(edges, null, { nodes: ['t', 'c', 'b'], edges: ['t:next', 'c:no'] }, 'en');
    expect(drawn.map((e) => e.className ?? '')).toEqual(['is-path', '', 'is-path']);
    expect(drawn[1]).toBe(edges[1]);
  });

  it('keeps a step’s decoration object while it is unchanged, so only changed steps re-render', () => {
    const first = decorate(overlay, true, null, {});
    const next = decorate({ ...overlay, nodes: { ...overlay.nodes, c: { entered: 11, waiting: 0, errors: 1 } } }, true, null, first);
    expect(next.t).toBe(first.t);
    expect(next.c).not.toBe(first.c);
    expect(decorate(overlay, false, null, first)).toEqual({});
    const withPath = decorate(overlay, true, { nodes: ['c', 'x'], edges: [] }, first);
    expect(withPath.c).toEqual({ numbers: overlay.nodes.c, pathIndex: 1 });
    expect(withPath.x).toEqual({ pathIndex: 2 });
    expect(withPath.t).toBe(first.t);
  });

  it('turns a contact’s journal into the steps and links to highlight', () => {
    const step = (node: string, port: string) => ({ enrollment_id: 1, flow_id: 'f', version: 1, node, port, reason: '', outcome: 'ok', at: '' });
    expect(pathHighlight([step('t', 'next'), step('c', 'no'), step('b', ''), step('c', 'no')])).toEqual({ nodes: ['t', 'c', 'b'], edges: ['t:next', 'c:no'] });
  });
});
