// The overview's picture: framed like React Flow's minimap, redrawn when the
// view moves, and left as it was while a step is dragged (retaken on drop).
import type { ReactFlowState } from '@xyflow/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useEditor } from '../stores/editor';
import { drawMini, miniView, stepsPicture, watchMinimap, type MiniCtx, type MiniRect, type MiniStore, coversSteps } from './MinimapView';
import type { CanvasNode } from './types';

type Listener = (s: ReactFlowState<CanvasNode>) => void;

/** fakeStore is React Flow's store as the overview reads it: steps by id and the view. */
function fakeStore(steps: Record<string, { x: number; y: number }>) {
  const listeners = new Set<Listener>();
  const lookup = (pos: Record<string, { x: number; y: number }>) =>
    new Map(
      Object.entries(pos).map(([id, p]) => [
        id,
        { measured: { width: 248, height: 96 }, internals: { positionAbsolute: p, userNode: { id, type: 'step', position: p, data: {} } } },
      ]),
    );
  let state = { nodes: [] as unknown[], nodeLookup: lookup(steps), transform: [0, 0, 1], width: 1000, height: 600 } as unknown as ReactFlowState<CanvasNode>;
  const store: MiniStore = {
    getState: () => state,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const set = (patch: Partial<{ steps: Record<string, { x: number; y: number }>; transform: [number, number, number] }>) => {
    state = { ...state, ...(patch.steps ? { nodes: [], nodeLookup: lookup(patch.steps) } : {}), ...(patch.transform ? { transform: patch.transform } : {}) } as ReactFlowState<CanvasNode>;
    for (const l of listeners) l(state);
  };
  return { store, set };
}

beforeEach(() => useEditor.setState({ dragging: false }));

describe('the overview (minimap)', () => {
  it('frames the steps, centred with a margin', () => {
    // Two steps at opposite corners of 1000 × 3000 units.
    const rects: MiniRect[] = [
      { x: 0, y: 0, w: 248, h: 96, colour: '#000' },
      { x: 752, y: 2904, w: 248, h: 96, colour: '#000' },
    ];
    const v = miniView(rects, { x: 0, y: 0, w: 500, h: 300 }, 210, 310);
    expect(v.scale).toBeCloseTo(10); // 3000 units in 300 px (310 less the margins): the tall side decides
    expect(v.y).toBeCloseTo(-50); // 5 px of margin above
    expect(v.x).toBeCloseTo(-550); // centred across: 2100 units wide about x = 500
  });

  it('lets a tall funnel fill its overview when the view is wider than the funnel (fitted)', () => {
    // A 12-step funnel fitted in a wide canvas: 500 × 1400 units, the view 1900 × 1450.
    const rects: MiniRect[] = [
      { x: 0, y: 0, w: 248, h: 96, colour: '#000' },
      { x: 252, y: 1304, w: 248, h: 96, colour: '#000' },
    ];
    const v = miniView(rects, { x: -650, y: -25, w: 1900, h: 1450 }, 64, 152);
    expect(v.scale).toBeCloseTo(1400 / 142); // the funnel's height in the overview's, less the margins
    expect(v.y).toBeCloseTo(-5 * v.scale);
    // With the view framed too it took a scale of 1900 / 54: a quarter of the size.
    expect(1900 / 54 / v.scale).toBeGreaterThan(3);
  });

  it('draws a lone step at most half the overview across or down, not as a block filling it', () => {
    const rects: MiniRect[] = [{ x: 0, y: 0, w: 248, h: 96, colour: '#000' }];
    const v = miniView(rects, { x: -300, y: -300, w: 900, h: 700 }, 200, 64);
    expect(248 / v.scale).toBeLessThanOrEqual(95); // half of 190
    expect(96 / v.scale).toBeLessThanOrEqual(27); // half of 54
    expect(96 / v.scale).toBeCloseTo(27);
  });

  it('frames the view when there is no step', () => {
    const v = miniView([], { x: 100, y: 50, w: 400, h: 300 }, 110, 85);
    expect(v.scale).toBeCloseTo(4); // 400 units in 100 px
  });

  it('redraws when the view moves, and keeps the steps where they were while one is dragged', () => {
    const { store, set } = fakeStore({ a: { x: 0, y: 0 }, b: { x: 0, y: 400 } });
    const painted: { rects: MiniRect[]; view: { x: number } }[] = [];
    const stop = watchMinimap(store, { current: () => '#16a34a' }, (rects, view) => painted.push({ rects, view }));
    expect(painted).toHaveLength(1);
    expect(painted[0]!.rects.map((r) => r.y)).toEqual([0, 400]);
    set({ transform: [-100, 0, 1] });
    expect(painted).toHaveLength(2);
    expect(painted[1]!.view.x).toBe(100);
    set({ transform: [-100, 0, 1] }); // the same view: nothing to draw
    expect(painted).toHaveLength(2);

    useEditor.setState({ dragging: true });
    set({ steps: { a: { x: 0, y: 0 }, b: { x: 300, y: 500 } } });
    expect(painted).toHaveLength(2); // a step moving alone: the picture stays
    set({ transform: [-120, 0, 1] });
    expect(painted[2]!.rects.map((r) => r.x)).toEqual([0, 0]); // the view moves over the old picture
    useEditor.setState({ dragging: false }); // dropped
    expect(painted.at(-1)!.rects.map((r) => [r.x, r.y])).toEqual([
      [0, 0],
      [300, 500],
    ]);
    stop();
    set({ transform: [0, 0, 1] });
    expect(painted).toHaveLength(4);
  });
});

/** recorder is a 2D context that counts what is drawn with it. */
function recorder() {
  const calls: Record<string, number> = {};
  const count =
    (name: string) =>
    (..._: unknown[]) =>
      void (calls[name] = (calls[name] ?? 0) + 1);
  const ctx = {
    fillStyle: '' as MiniCtx['fillStyle'],
    ...Object.fromEntries(['clearRect', 'save', 'restore', 'beginPath', 'rect', 'clip', 'fillRect', 'fill', 'drawImage', 'roundRect', 'setTransform'].map((n) => [n, count(n)])),
  } as unknown as MiniCtx;
  return { ctx, calls, reset: () => Object.keys(calls).forEach((k) => delete calls[k]) };
}

describe('drawing the overview', () => {
  it('draws the steps once into a picture of them, and a move of the view copies it and draws the veil', () => {
    const rects: MiniRect[] = Array.from({ length: 200 }, (_, i) => ({ x: (i % 20) * 312, y: Math.floor(i / 20) * 192, w: 248, h: 96, colour: '#16a34a' }));
    const mv = miniView(rects, { x: 0, y: 0, w: 900, h: 700 }, 198, 62);
    const shown = recorder();
    const bitmap = recorder();
    let made = 0;
    const picture = stepsPicture(() => {
      made++;
      return { width: 0, height: 0, getContext: () => bitmap.ctx };
    });
    drawMini(shown.ctx, rects, mv, { x: 0, y: 0, w: 900, h: 700 }, 198, 62, picture);
    expect(bitmap.calls.fillRect).toBe(201); // the background and each step, once
    expect(shown.calls.drawImage).toBe(1);
    // Each frame of a pan: one copy and one veil, no step drawn again.
    for (let i = 1; i <= 30; i++) drawMini(shown.ctx, rects, mv, { x: i * 10, y: 0, w: 900, h: 700 }, 198, 62, picture);
    expect(bitmap.calls.fillRect).toBe(201);
    expect(shown.calls.drawImage).toBe(31);
    expect(shown.calls.fill).toBe(31);
    expect(shown.calls.fillRect ?? 0).toBe(0);
    // New steps (or a new frame) are drawn into the picture again, into the same bitmap.
    const moved = rects.map((r, i) => (i === 0 ? { ...r, x: r.x + 16 } : r));
    drawMini(shown.ctx, moved, mv, { x: 0, y: 0, w: 900, h: 700 }, 198, 62, picture);
    expect(bitmap.calls.fillRect).toBe(402);
    expect(made).toBe(1);
    // Without a picture (no canvas to draw into) the steps are drawn where they show.
    const bare = recorder();
    drawMini(bare.ctx, rects, mv, { x: 0, y: 0, w: 900, h: 700 }, 198, 62);
    expect(bare.calls.fillRect).toBe(201);
  });
});

describe('coversSteps', () => {
  const step = (x: number, y: number) => ({ x, y, w: 248, h: 96, colour: '#000' });
  it('says whether the overview’s box lies over a step', () => {
    const box = { x: 1000, y: 600, w: 140, h: 100 };
    expect(coversSteps(box, [step(0, 0), step(700, 0)])).toBe(false);
    // A step reaching under the overview's corner, and one wholly under it.
    expect(coversSteps(box, [step(0, 0), step(760, 510)])).toBe(true);
    expect(coversSteps(box, [{ ...step(1010, 610), w: 20, h: 20 }])).toBe(true);
    // Touching its edge is not under it.
    expect(coversSteps(box, [step(752, 600)])).toBe(false);
    expect(coversSteps(box, [])).toBe(false);
  });
});
