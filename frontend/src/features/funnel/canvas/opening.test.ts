import { describe, expect, it } from 'vitest';
import { deferred, drawsLater, FIT_UP_TO, lite, LITE_BELOW, opening, opensLite, START_ZOOM } from './opening';
import type { CanvasNode } from './types';

function step(id: string, nodeType: string, x: number, y: number): CanvasNode {
  return { id, type: 'step', position: { x, y }, data: { nodeType, config: {} } } as CanvasNode;
}

const isStart = (t: string) => t.startsWith('trigger.');

function grid(n: number): CanvasNode[] {
  // The start is not the first node and not top-left: a step sits above it.
  const out = [step('above', 'action.tag_add', 0, -400)];
  for (let i = 0; i < n - 2; i++) out.push(step(`s${i}`, 'wait.delay', (i % 10) * 300, Math.floor(i / 10) * 200));
  out.push(step('start', 'trigger.list_joined', 600, -200));
  return out;
}

describe('opening', () => {
  it('fits a small funnel and keeps an empty one at zoom 1', () => {
    expect(opening(grid(FIT_UP_TO), isStart)).toEqual({ fit: true });
    expect(opening([], isStart)).toEqual({ fit: false });
  });

  it('opens a large funnel on its top-most start, readable, centred across the pane', () => {
    const o = opening(grid(FIT_UP_TO + 1), isStart);
    expect(o.fit).toBe(false);
    const v = o.start!(1000);
    expect(v.zoom).toBe(START_ZOOM);
    // The start step (x 600, width 248) is centred: its middle at 500 px.
    expect(v.x + (600 + 124) * START_ZOOM).toBeCloseTo(500);
    // Its top is near the top of the pane, and the step above it is not in view.
    expect(v.y + -200 * START_ZOOM).toBeGreaterThan(0);
    expect(v.y + -200 * START_ZOOM).toBeLessThan(100);
    expect(v.y + -400 * START_ZOOM).toBeLessThan(0);
  });

  it('falls back to the top-most step when there is no start', () => {
    const nodes = grid(FIT_UP_TO + 2).filter((n) => n.id !== 'start');
    const v = opening(nodes, isStart).start!(1000);
    expect(v.x + (0 + 124) * START_ZOOM).toBeCloseTo(500);
  });
});

describe('drawsLater', () => {
  it('leaves the steps off screen of a large funnel for after the first picture, however it opens', () => {
    expect(drawsLater(grid(FIT_UP_TO))).toBe(false);
    expect(drawsLater(grid(FIT_UP_TO + 1))).toBe(true);
    // Notes and frames are not steps: they do not make a funnel large.
    const notes = Array.from({ length: FIT_UP_TO + 5 }, (_, i) => ({ ...step(`n${i}`, '', 0, 0), type: 'note' }) as CanvasNode);
    expect(drawsLater([...grid(2), ...notes])).toBe(false);
  });

  it('leaves them for later at a saved view showing under half the steps, not at one showing most', () => {
    const nodes = grid(FIT_UP_TO * 2);
    const pane = { width: 1000, height: 700 };
    // At 100 % on the top-left corner: a few steps in view.
    expect(drawsLater(nodes, { x: 0, y: 0, zoom: 1 }, pane)).toBe(true);
    // The whole funnel in view (10 columns of 300, 8 rows of 200, and the two above): nothing to leave out.
    expect(drawsLater(nodes, { x: 10, y: 150, zoom: 0.3 }, pane)).toBe(false);
    // Panned away from every step.
    expect(drawsLater(nodes, { x: 50_000, y: 0, zoom: 1 }, pane)).toBe(true);
  });
});

describe('deferred', () => {
  it('gives an unmeasured step a size and no handles, so it can stay undrawn off screen', () => {
    const n = step('a', 'wait.delay', 0, 0);
    const d = deferred(n);
    expect(d).not.toBe(n);
    expect(d.handles).toEqual([]);
    expect(d.initialWidth).toBeGreaterThan(0);
    expect(d.initialHeight).toBeGreaterThan(0);
    expect(n.handles).toBeUndefined();
  });

  it('hands a measured step over as itself', () => {
    const n = { ...step('a', 'wait.delay', 0, 0), measured: { width: 248, height: 74 } };
    expect(deferred(n)).toBe(n);
  });
});

describe('opensLite', () => {
  const many = (n: number): CanvasNode[] => Array.from({ length: n }, (_, i) => ({ id: `s${i}`, type: 'step', position: { x: (i % 20) * 312, y: Math.floor(i / 20) * 192 }, data: { nodeType: 'exit', config: {} } }) as CanvasNode);
  it('draws the steps of a large funnel reopened far out as their far-out boxes first', () => {
    expect(opensLite(many(200), { x: 0, y: 0, zoom: 0.14 })).toBe(true);
  });
  it('draws full cards where they show more: zoomed in past the plain boxes, a small funnel, a first opening', () => {
    expect(opensLite(many(200), { x: 0, y: 0, zoom: LITE_BELOW })).toBe(false);
    expect(opensLite(many(200), { x: 0, y: 0, zoom: 0.5 })).toBe(false);
    expect(opensLite(many(FIT_UP_TO), { x: 0, y: 0, zoom: 0.14 })).toBe(false);
    expect(opensLite(many(200))).toBe(false);
  });
  it('hands React Flow the same lite copy of a step each time, and notes and frames as they are', () => {
    const [a] = many(1);
    expect(lite(a!)).toBe(lite(a!));
    expect((lite(a!).data as { lite?: boolean }).lite).toBe(true);
    expect((a!.data as { lite?: boolean }).lite).toBeUndefined();
    const note = { id: 'note:n', type: 'note', position: { x: 0, y: 0 }, data: { text: '' } } as unknown as CanvasNode;
    expect(lite(note)).toBe(note);
  });
});
