// Letting go of the steps kept drawn for a far-out move: a chunk per idle
// moment, never all ~900 in one frame, and never one in view.
import type { ReactFlowState } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { keepLight, RELEASE_CHUNK, releaseInChunks, type PictureStore } from './farPicture';
import type { CanvasEdge, CanvasNode } from './types';

type State = ReactFlowState<CanvasNode, CanvasEdge>;

const W = 248;
const H = 96;

/** grid is React Flow's store over n steps in 20 columns (the window bench's funnel), at a view. */
function grid(n: number, transform: [number, number, number]) {
  const nodeLookup = new Map();
  for (let i = 0; i < n; i++) {
    const position = { x: (i % 20) * (W + 64), y: Math.floor(i / 20) * (H + 96) };
    const id = `s${i}`;
    nodeLookup.set(id, { measured: { width: W, height: H }, internals: { positionAbsolute: position, userNode: { id, type: 'step', position, selected: id === 's999', data: {} } } });
  }
  nodeLookup.set('note', { measured: { width: 100, height: 100 }, internals: { positionAbsolute: { x: 90000, y: 0 }, userNode: { id: 'note', type: 'note', position: { x: 90000, y: 0 }, data: {} } } });
  const listeners = new Set<(s: State) => void>();
  let state = { nodeLookup, transform, width: 928, height: 700 } as unknown as State;
  const store: PictureStore = {
    getState: () => state,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const move = (t: [number, number, number]) => {
    state = { ...state, transform: t } as State;
    for (const l of listeners) l(state);
  };
  return { store, move };
}

/** idleQueue stands for the browser's idle moments: run() runs the next one. */
function idleQueue() {
  const queue: (() => void)[] = [];
  return {
    idle: (fn: () => void) => {
      queue.push(fn);
      return () => {
        const i = queue.indexOf(fn);
        if (i >= 0) queue.splice(i, 1);
      };
    },
    run: () => queue.shift()?.(),
    get waiting() {
      return queue.length;
    },
  };
}

describe('letting go of the steps kept for a far-out move', () => {
  it('lightens those well off screen a chunk per idle moment, then hands them all back once', () => {
    // Zoomed in at 60 % on the first steps of 1,000, as after zooming in across the picture's threshold.
    const { store } = grid(1000, [0, 0, 0.6]);
    const q = idleQueue();
    const chunks: string[][] = [];
    let done = 0;
    releaseInChunks(store, { lighten: (ids) => chunks.push(ids), done: () => done++, idle: q.idle });
    // Nothing at once: the frame that starts it does no unmounting.
    expect(chunks).toEqual([]);
    expect(done).toBe(0);
    q.run();
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.length).toBe(RELEASE_CHUNK);
    expect(done).toBe(0);
    while (q.waiting) q.run();
    expect(done).toBe(1);
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(RELEASE_CHUNK);
    const all = new Set(chunks.flat());
    expect(all.size).toBe(chunks.flat().length);
    // The view (928×700 at 60 %: x up to 1547, y up to 1167) widened by half of it each way stays whole.
    const { nodeLookup } = store.getState();
    for (const id of all) {
      const { x, y } = nodeLookup.get(id)!.internals.positionAbsolute;
      expect(x > 2320 || y > 1750, `${id} at ${x},${y} is near the view`).toBe(true);
    }
    expect(all.has('s0')).toBe(false);
    expect(all.has('s999')).toBe(false); // selected
    expect(all.has('note')).toBe(false); // not a step
    expect(all.size).toBeGreaterThan(800);
  });

  it('hands every step back at once when the view moves before the end, and stops cleanly', () => {
    const { store, move } = grid(1000, [0, 0, 0.6]);
    const q = idleQueue();
    let lightened = 0;
    let done = 0;
    releaseInChunks(store, { lighten: (ids) => (lightened += ids.length), done: () => done++, idle: q.idle });
    q.run();
    move([-10, 0, 0.6]);
    expect(done).toBe(1);
    expect(q.waiting).toBe(0);
    move([-20, 0, 0.6]);
    expect(done).toBe(1);
    expect(lightened).toBe(RELEASE_CHUNK);

    const stopped = grid(1000, [0, 0, 0.6]);
    const q2 = idleQueue();
    let done2 = 0;
    const stop = releaseInChunks(stopped.store, { lighten: () => {}, done: () => done2++, idle: q2.idle });
    stop();
    expect(q2.waiting).toBe(0);
    stopped.move([-10, 0, 0.6]);
    expect(done2).toBe(0);
  });

  it('lightens, while the view zooms in, the steps it leaves, and brings back in the same move those it comes near', () => {
    // The whole funnel (6,240 × 9,600) fitted, then zoomed in on its top left.
    const { store, move } = grid(1000, [0, 0, 0.07]);
    const q = idleQueue();
    let light = new Set<string>();
    const o = {
      light: () => light,
      lighten: (ids: string[]) => (light = new Set([...light, ...ids])),
      restore: (ids: string[]) => {
        light = new Set(light);
        for (const id of ids) light.delete(id);
      },
      idle: q.idle,
    };
    const stop = keepLight(store, o);
    q.run();
    // Every step is in view: none lightened.
    expect(light.size).toBe(0);
    move([0, 0, 0.6]);
    q.run();
    expect(light.size).toBe(RELEASE_CHUNK);
    while (q.waiting) q.run();
    expect(light.size).toBeGreaterThan(800);
    expect(light.has('s0')).toBe(false);
    // Zooming out again: every lightened step the view comes near is whole again at once.
    move([0, 0, 0.07]);
    expect(light.size).toBe(0);
    stop();
    move([0, 0, 0.6]);
    expect(q.waiting).toBe(0);
  });
});
