// The far-out picture: what it draws, at what scale, and when it shows in
// place of the steps (while the view moves below 28 %, gone once it holds still).
import type { ReactFlowState } from '@xyflow/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bitmapScale, drawPicture, fitName, liveOf, pictureOf, PICTURE_BELOW, SETTLE_MS, stale, watchPicture, type Ctx2D, type Look, type PictureStore } from './farPicture';
import type { CanvasEdge, CanvasNode } from './types';

type State = ReactFlowState<CanvasNode, CanvasEdge>;

const look: Look = (n) => (n.type === 'step' ? { fill: '#dbeafe', line: '#2563eb', name: String(n.data.label ?? n.id) } : null);

function lookupOf(steps: Record<string, { x: number; y: number; selected?: boolean; hidden?: boolean }>) {
  return new Map(
    Object.entries(steps).map(([id, p]) => [
      id,
      {
        measured: { width: 248, height: 96 },
        internals: { positionAbsolute: { x: p.x, y: p.y }, userNode: { id, type: 'step', position: p, selected: p.selected, hidden: p.hidden, data: { label: `Step ${id}` } } },
      },
    ]),
  );
}

/** fakeStore is React Flow's store as the picture reads it, with a viewport element to fade. */
function fakeStore(steps: Record<string, { x: number; y: number }>, edges: { id: string; source: string; target: string }[] = []) {
  const listeners = new Set<(s: State) => void>();
  const dom = document.createElement('div');
  const viewport = document.createElement('div');
  viewport.className = 'react-flow__viewport';
  dom.appendChild(viewport);
  let state = { nodes: [], edges, nodeLookup: lookupOf(steps), transform: [0, 0, 0.1], width: 1000, height: 600, domNode: dom } as unknown as State;
  const store: PictureStore = {
    getState: () => state,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const move = (transform: [number, number, number]) => {
    state = { ...state, transform } as State;
    for (const l of listeners) l(state);
  };
  return { store, move, viewport };
}

/** recorder is a 2D context that notes the calls drawn with it. */
function recorder() {
  const calls: string[] = [];
  const ctx = new Proxy(
    { measureText: (s: string) => ({ width: s.length * 7 }) } as Record<string, unknown>,
    {
      get(t, k: string) {
        if (k in t) return t[k];
        return (...args: unknown[]) => calls.push(`${k}(${args.map((a) => (typeof a === 'number' ? Math.round(a) : typeof a)).join(',')})`);
      },
      set(t, k: string, v) {
        t[k] = v;
        return true;
      },
    },
  );
  return { ctx: ctx as unknown as Ctx2D & CanvasRenderingContext2D, calls };
}

function fakeCanvas() {
  const el = document.createElement('canvas');
  const r = recorder();
  Object.defineProperty(el, 'getContext', { value: () => r.ctx });
  return { el, calls: r.calls };
}

describe('the far-out picture', () => {
  it('takes each step where React Flow has it, and each link along its route or straight', () => {
    const { store } = fakeStore({ a: { x: 0, y: 0 }, b: { x: 0, y: 200 }, c: { x: 400, y: 200 } }, [
      { id: 'ab', source: 'a', target: 'b' },
      { id: 'ac', source: 'a', target: 'c' },
    ]);
    const routes = new Map([['ab', { pts: [{ x: 124, y: 96 }, { x: 124, y: 150 }, { x: 124, y: 200 }] }]]);
    const pic = pictureOf(store.getState(), look, routes);
    expect(pic.boxes.map((b) => [b.x, b.y, b.name])).toEqual([
      [0, 0, 'Step a'],
      [0, 200, 'Step b'],
      [400, 200, 'Step c'],
    ]);
    expect(pic.bounds).toEqual({ x: 0, y: 0, w: 648, h: 296 });
    expect(pic.links[0]).toHaveLength(3); // routed
    expect(pic.links[1]).toEqual([
      { x: 124, y: 96 },
      { x: 524, y: 200 },
    ]); // bottom middle to top middle
    // Left to right: side to side.
    expect(pictureOf(store.getState(), look, new Map(), true).links[1]).toEqual([
      { x: 248, y: 48 },
      { x: 400, y: 248 },
    ]);
  });

  it('leaves out hidden steps (in a collapsed frame) and what the look does not draw', () => {
    const lookup = lookupOf({ a: { x: 0, y: 0 }, b: { x: 0, y: 200, hidden: true } });
    const pic = pictureOf({ nodeLookup: lookup, edges: [] } as unknown as State, look, new Map());
    expect(pic.boxes.map((b) => b.name)).toEqual(['Step a']);
    expect(pictureOf({ nodeLookup: lookup, edges: [] } as unknown as State, () => null, new Map()).boxes).toEqual([]);
  });

  it('draws at the zoom of the moment, but never a bitmap past its size limit', () => {
    expect(bitmapScale({ x: 0, y: 0, w: 6200, h: 9600 }, 0.2)).toBeCloseTo(0.2);
    // At zoom 1 that funnel would be 60 million pixels.
    expect(bitmapScale({ x: 0, y: 0, w: 6200, h: 9600 }, 1)).toBeCloseTo(Math.sqrt(6e6 / (6200 * 9600)));
    const b = { x: 0, y: 0, w: 1000, h: 1000 };
    expect(stale(0.2, 0.25, b)).toBe(false); // a little blur while zooming in
    expect(stale(0.2, 0.3, b)).toBe(true); // too much: drawn again
    expect(stale(0.2, 0.05, b)).toBe(true); // far smaller: drawn again
  });

  it('cuts a name that does not fit, with an ellipsis', () => {
    const m = (s: string) => s.length * 10;
    expect(fitName('Welcome', 100, m)).toBe('Welcome');
    expect(fitName('Welcome email', 100, m)).toBe('Welcome e…');
    expect(fitName('Welcome email', 90, m)).toBe('Welcome…'); // no space before the ellipsis
    expect(fitName('Welcome', 5, m)).toBe('');
  });

  it('writes names only where a box is wide enough to read them, and outlines a selected step', () => {
    const { store } = fakeStore({ a: { x: 0, y: 0 } });
    const pic = pictureOf(store.getState(), look, new Map());
    pic.boxes[0]!.selected = true;
    const wide = recorder();
    drawPicture(wide.ctx, pic, 0.25); // 62 px across
    expect(wide.calls.filter((c) => c.startsWith('fillText'))).toHaveLength(1);
    expect(wide.ctx.lineWidth).toBe(3);
    const narrow = recorder();
    drawPicture(narrow.ctx, pic, 0.1); // 25 px across
    expect(narrow.calls.filter((c) => c.startsWith('fillText'))).toHaveLength(0);
    expect(narrow.calls.filter((c) => c.startsWith('fillRect'))).toHaveLength(1);
  });

  describe('while the view moves', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('shows in place of the steps far out, and gives them back once the view holds still', () => {
      const { store, move, viewport } = fakeStore({ a: { x: 0, y: 0 }, b: { x: 0, y: 200 } });
      const { el, calls } = fakeCanvas();
      const bitmap = fakeCanvas();
      const shown: boolean[] = [];
      const stop = watchPicture(store, el, { take: (s) => pictureOf(s, look, new Map()), shown: (on) => shown.push(on), dpr: () => 1, makeCanvas: () => bitmap.el });
      expect(el.dataset.showing).toBeUndefined();
      move([10, 0, 0.1]);
      expect(el.dataset.showing).toBe('true');
      expect(viewport.style.opacity).toBe('0');
      expect(calls.some((c) => c.startsWith('drawImage'))).toBe(true);
      // The funnel is drawn once, then copied at each frame of the move.
      move([20, 0, 0.1]);
      move([30, 5, 0.11]);
      expect(bitmap.calls.filter((c) => c.startsWith('fillRect'))).toHaveLength(2);
      expect(calls.filter((c) => c.startsWith('drawImage'))).toHaveLength(3);
      vi.advanceTimersByTime(SETTLE_MS - 1);
      expect(el.dataset.showing).toBe('true');
      vi.advanceTimersByTime(1);
      expect(el.dataset.showing).toBe('false');
      expect(viewport.style.opacity).toBe('');
      expect(shown).toEqual([true, false]);
      stop();
    });

    it('while a step is dragged far out, draws it live over a picture of the others, in place of the steps, until the drop', () => {
      const { store, move, viewport } = fakeStore({ a: { x: 0, y: 0 }, b: { x: 0, y: 200 }, c: { x: 0, y: 400 } }, [
        { id: 'ab', source: 'a', target: 'b' },
        { id: 'bc', source: 'b', target: 'c' },
      ]);
      move([0, 0, 0.1]);
      const { el, calls } = fakeCanvas();
      const bitmap = fakeCanvas();
      let drag: (ids: string[] | null) => void = () => {};
      const stop = watchPicture(store, el, {
        take: (s, leaveOut) => pictureOf(s, look, new Map(), false, leaveOut),
        live: (s, ids) => liveOf(s, look, ids),
        dpr: () => 1,
        makeCanvas: () => bitmap.el,
        drags: (cb) => ((drag = cb), () => {}),
      });
      drag(['c']);
      expect(el.dataset.showing).toBe('drag');
      expect(viewport.style.opacity).toBe('0');
      // The picture: a and b, and the link between them, not c nor b–c…
      expect(bitmap.calls.filter((c) => c.startsWith('fillRect'))).toHaveLength(2);
      expect(bitmap.calls.filter((c) => c.startsWith('moveTo'))).toHaveLength(1);
      // …which are drawn live over it: c at 400 × 0.1 = 40 px down, its link from b's bottom (296 × 0.1).
      expect(calls).toContain('fillRect(0,40,25,10)');
      expect(calls).toContain('moveTo(12,30)');
      // The view held still meanwhile: the picture stays.
      vi.advanceTimersByTime(SETTLE_MS * 2);
      expect(el.dataset.showing).toBe('drag');
      drag(null);
      expect(el.dataset.showing).toBe('false');
      expect(viewport.style.opacity).toBe('');
      // Near, a drag draws no picture.
      move([0, 0, 1]);
      drag(['c']);
      expect(el.dataset.showing).toBe('false');
      stop();
    });

    it('never shows at or past its threshold, and goes at once when the zoom crosses it', () => {
      const { store, move, viewport } = fakeStore({ a: { x: 0, y: 0 } });
      const { el } = fakeCanvas();
      const stop = watchPicture(store, el, { take: (s) => pictureOf(s, look, new Map()), dpr: () => 1, makeCanvas: () => fakeCanvas().el });
      move([0, 0, PICTURE_BELOW]);
      expect(el.dataset.showing).toBeUndefined();
      move([0, 0, 0.2]);
      expect(el.dataset.showing).toBe('true');
      move([0, 0, 0.5]);
      expect(el.dataset.showing).toBe('false');
      expect(viewport.style.opacity).toBe('');
      // Stopping brings the steps back too.
      move([0, 0, 0.2]);
      stop();
      expect(viewport.style.opacity).toBe('');
    });
  });
});
