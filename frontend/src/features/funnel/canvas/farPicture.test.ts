// The far-out picture: what it draws, at what scale, and when it shows in
// place of the steps (while the view moves below 28 %, gone once it holds still).
import type { ReactFlowState } from '@xyflow/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bitmapScale, drawPicture, fitName, liveOf, pictureOf, PICTURE_BELOW, SETTLE_MS, stale, watchPicture, wrapName, type Ctx2D, type Look, type PictureStore } from './farPicture';
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

  it('lays a name out as the card does: two lines at most, broken between words, the last cut with an ellipsis', () => {
    const m = (s: string) => s.length * 10;
    expect(wrapName('Wait 2 days', 200, m)).toEqual(['Wait 2 days']);
    expect(wrapName('Send the welcome email', 150, m)).toEqual(['Send the', 'welcome email']);
    expect(wrapName('Send the welcome email today', 130, m)).toEqual(['Send the', 'welcome emai…']);
    expect(wrapName('Getting-started guide', 120, m)).toEqual(['Getting-', 'started gui…']);
    expect(wrapName('Réengagement', 60, m)).toEqual(['Réenga', 'gement']); // wider than a line, no break: broken at the edge
    // Soft hyphens (a long word's syllables): a break drawn with a hyphen, never drawn otherwise.
    expect(wrapName('R\u00e9en\u00adga\u00adge\u00adment email', 80, m)).toEqual(['Réenga-', 'gement…']);
    expect(wrapName('con\u00adfir\u00admation', 200, m)).toEqual(['confirmation']);
  });

  it('draws each step in the still card’s look, in flow units: its tint, its plain border, its name, the ring of a selected step, its counts and badge', () => {
    const { store } = fakeStore({ a: { x: 0, y: 0 } });
    const pic = pictureOf(store.getState(), look, new Map());
    const rec = recorder();
    drawPicture(rec.ctx, pic, 0.1);
    expect(rec.calls).toContain('fillRect(0,0,248,96)');
    expect(rec.calls.filter((c) => c.startsWith('fillText'))).toEqual(['fillText(string,12,48)']);
    expect(rec.calls.filter((c) => c.startsWith('strokeRect'))).toHaveLength(1);
    pic.boxes[0]!.selected = true;
    pic.boxes[0]!.pills = [{ text: '12', fill: '#0f172a', icon: true }];
    pic.boxes[0]!.badge = { text: '2', fill: '#b91c1c' };
    const sel = recorder();
    drawPicture(sel.ctx, pic, 0.1);
    // The ring, then the accent border; the pill and the badge each a filled shape with its words.
    expect(sel.calls.filter((c) => c.startsWith('strokeRect'))).toEqual(['strokeRect(-1,-1,250,98)', 'strokeRect(1,1,247,95)']);
    expect(sel.calls.filter((c) => c.startsWith('fillText'))).toEqual(['fillText(string,12,48)', 'fillText(string,67,-28)', 'fillText(string,211,41)']);
  });

  it('draws a link’s numbers where its route puts them', () => {
    const { store } = fakeStore({ a: { x: 0, y: 0 }, b: { x: 0, y: 200 } }, [{ id: 'ab', source: 'a', target: 'b', label: '120 · 60 %' } as never]);
    const routes = new Map([['ab', { pts: [{ x: 124, y: 96 }, { x: 124, y: 200 }], labelX: 124, labelY: 150 }]]);
    const pic = pictureOf(store.getState(), look, routes);
    expect(pic.labels).toEqual([{ x: 124, y: 150, text: '120 · 60 %' }]);
    const rec = recorder();
    drawPicture(rec.ctx, pic, 0.1);
    expect(rec.calls.filter((c) => c.startsWith('fillText')).at(-1)).toBe('fillText(string,124,150)');
    // Without a route: halfway along the straight link.
    expect(pictureOf(store.getState(), look, new Map()).labels).toEqual([{ x: 124, y: 148, text: '120 · 60 %' }]);
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
      // …which are drawn live over it, in flow units scaled to the view: c at 400, its link from b's bottom (296).
      expect(calls).toContain('fillRect(0,400,248,96)');
      expect(calls).toContain('moveTo(124,296)');
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

    it('is drawn ahead while the view is still far out, so the first frame of a move only copies it; drawn again after a change', () => {
      const { store, move } = fakeStore({ a: { x: 0, y: 0 }, b: { x: 0, y: 200 } });
      const { el, calls } = fakeCanvas();
      const bitmap = fakeCanvas();
      const idle: (() => void)[] = [];
      let change: () => void = () => {};
      let name = 'Step';
      const named: Look = (n) => ({ fill: '#fef3c7', line: '#cbd5e1', name: `${name} ${n.id}` });
      const stop = watchPicture(store, el, {
        take: (s) => pictureOf(s, named, new Map()),
        dpr: () => 1,
        makeCanvas: () => bitmap.el,
        ahead: (fn) => (idle.push(fn), () => idle.splice(idle.indexOf(fn), 1)),
        changes: (cb) => ((change = cb), () => {}),
      });
      // Opened far out (zoom 0.1): once idle, the picture is drawn, not shown.
      expect(idle).toHaveLength(1);
      idle.shift()!();
      expect(bitmap.calls.filter((c) => c.startsWith('fillRect'))).toHaveLength(2);
      expect(el.dataset.showing).toBeUndefined();
      // The first frame of the move copies it.
      bitmap.calls.length = 0;
      move([10, 0, 0.1]);
      expect(el.dataset.showing).toBe('true');
      expect(bitmap.calls).toEqual([]);
      expect(calls.filter((c) => c.startsWith('drawImage'))).toHaveLength(1);
      vi.advanceTimersByTime(SETTLE_MS);
      // A change of the look (a problem, a count) is drawn ahead again, once idle.
      // (after the move, it was made ready at this zoom: nothing to draw)
      idle.shift()!();
      expect(bitmap.calls.filter((c) => c.startsWith('fillRect'))).toHaveLength(0);
      name = 'Renamed';
      change();
      expect(idle).toHaveLength(1);
      idle.shift()!();
      expect(bitmap.calls.filter((c) => c.startsWith('fillRect'))).toHaveLength(2);
      // Near, nothing is drawn ahead.
      bitmap.calls.length = 0;
      move([0, 0, 0.5]);
      change();
      idle.shift()?.();
      expect(bitmap.calls).toEqual([]);
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
