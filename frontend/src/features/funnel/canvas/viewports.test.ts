import { beforeEach, describe, expect, it, vi } from 'vitest';
import { KEEP_VIEWPORTS, SAVE_REST_MS, flushViewport, forgetViewport, keepViewport, keepViewportsOf, overlayPadding, panInto, savedViewport, saveViewport, uncoveredSpan } from './viewports';

const pane = { left: 0, top: 0, right: 1000, bottom: 600 };

describe('zoom to fit keeps steps clear of the overlays', () => {
  it('holds each overlay to the side where it takes the least share: tall zoom buttons left, the minimap right or bottom', () => {
    const minimap = { left: 853, top: 493, right: 985, bottom: 585 };
    const controls = { left: 15, top: 475, right: 41, bottom: 585 };
    const p = overlayPadding(pane, [minimap, controls], 24);
    // 147 of 1000 px across is less than 107 of 600 px down.
    expect(p.right).toBe(1000 - 853 + 24);
    expect(p.left).toBe(41 + 24);
    expect(p.top).toBe(24);
    expect(p.bottom).toBe(24);
    // Taller pane: the minimap's height is the smaller share.
    const tall = { left: 0, top: 0, right: 1000, bottom: 900 };
    const q = overlayPadding(tall, [{ ...minimap, top: 793, bottom: 885 }], 24);
    expect(q.bottom).toBe(900 - 793 + 24);
    expect(q.right).toBe(24);
  });

  it('holds a tall strip on the right to the right', () => {
    const p = overlayPadding(pane, [{ left: 960, top: 100, right: 990, bottom: 500 }], 10);
    expect(p.right).toBe(40 + 10);
    expect(p.bottom).toBe(10);
  });

  it('ignores what is outside the pane', () => {
    expect(overlayPadding(pane, [{ left: 1200, top: 0, right: 1300, bottom: 50 }], 8)).toEqual({ top: 8, right: 8, bottom: 8, left: 8 });
  });
});

describe('each funnel keeps its viewport', () => {
  beforeEach(() => localStorage.clear());

  it('remembers, gives back and forgets', () => {
    expect(savedViewport('a')).toBeUndefined();
    saveViewport('a', { x: 10, y: -20, zoom: 0.5 });
    saveViewport('b', { x: 1, y: 2, zoom: 1.5 });
    expect(savedViewport('a')).toEqual({ x: 10, y: -20, zoom: 0.5 });
    expect(savedViewport('b')).toEqual({ x: 1, y: 2, zoom: 1.5 });
    forgetViewport('a');
    expect(savedViewport('a')).toBeUndefined();
  });

  it('writes a moving view down once it rests, and gives back the latest at once', () => {
    vi.useFakeTimers();
    const writes = vi.spyOn(Storage.prototype, 'setItem');
    try {
      // A move set from code ends at each frame (an overview drag, a keyboard pan).
      for (let i = 0; i < 30; i++) {
        keepViewport('a', { x: i, y: 0, zoom: 1 });
        vi.advanceTimersByTime(16);
      }
      expect(writes).not.toHaveBeenCalled();
      expect(savedViewport('a')).toEqual({ x: 29, y: 0, zoom: 1 });
      vi.advanceTimersByTime(SAVE_REST_MS);
      expect(writes).toHaveBeenCalledTimes(1);
      expect(JSON.parse(localStorage.getItem('flightplan.viewports')!)).toEqual({ a: { x: 29, y: 0, zoom: 1 } });
      // Another funnel's move writes the first one's down before it; the window closing writes the last.
      keepViewport('a', { x: 1, y: 1, zoom: 1 });
      keepViewport('b', { x: 2, y: 2, zoom: 2 });
      expect(JSON.parse(localStorage.getItem('flightplan.viewports')!).a).toEqual({ x: 1, y: 1, zoom: 1 });
      window.dispatchEvent(new Event('pagehide'));
      expect(JSON.parse(localStorage.getItem('flightplan.viewports')!).b).toEqual({ x: 2, y: 2, zoom: 2 });
      // A funnel deleted with a view still held is forgotten, not written later.
      keepViewport('c', { x: 3, y: 3, zoom: 1 });
      forgetViewport('c');
      flushViewport();
      expect(savedViewport('c')).toBeUndefined();
    } finally {
      writes.mockRestore();
      vi.useRealTimers();
    }
  });

  it('forgets the funnels the workspace no longer has, so one made again under the same id opens fitted', () => {
    saveViewport('gone', { x: 5, y: 5, zoom: 2 });
    saveViewport('kept', { x: 1, y: 2, zoom: 1 });
    keepViewportsOf(['kept', 'new']);
    expect(savedViewport('gone')).toBeUndefined();
    expect(savedViewport('kept')).toEqual({ x: 1, y: 2, zoom: 1 });
  });

  it('refuses nonsense and keeps only the most recent funnels', () => {
    saveViewport('bad', { x: Number.NaN, y: 0, zoom: 1 });
    expect(savedViewport('bad')).toBeUndefined();
    localStorage.setItem('flightplan.viewports', '{broken');
    expect(savedViewport('x')).toBeUndefined();
    for (let i = 0; i <= KEEP_VIEWPORTS; i++) saveViewport(`f${i}`, { x: i, y: 0, zoom: 1 });
    expect(savedViewport('f0')).toBeUndefined();
    expect(savedViewport(`f${KEEP_VIEWPORTS}`)).toEqual({ x: KEEP_VIEWPORTS, y: 0, zoom: 1 });
    expect(savedViewport('f1')).toBeDefined();
  });
});

describe('a selected step stays in view when the canvas narrows', () => {
  const area = { left: 0, top: 0, right: 600, bottom: 500 };
  it('pans a step cut off on the right back in, and leaves one in view alone', () => {
    expect(panInto({ left: 520, top: 100, right: 760, bottom: 180 }, area)).toEqual({ dx: -160, dy: 0 });
    expect(panInto({ left: 20, top: 100, right: 260, bottom: 180 }, area)).toEqual({ dx: 0, dy: 0 });
    expect(panInto({ left: -50, top: 450, right: 100, bottom: 560 }, area)).toEqual({ dx: 50, dy: -60 });
  });
  it('keeps the top-left of a selection larger than the view', () => {
    expect(panInto({ left: 100, top: -20, right: 900, bottom: 200 }, area)).toEqual({ dx: -100, dy: 20 });
  });
});

describe('uncoveredSpan', () => {
  const pane = { left: 292, top: 119, right: 1220, bottom: 800 };
  it('is the stretch between a palette floating on the left and a drawer floating on the right', () => {
    const palette = { left: 292, top: 77, right: 540, bottom: 800 };
    const drawer = { left: 900, top: 77, right: 1220, bottom: 800 };
    expect(uncoveredSpan(pane, [palette, drawer])).toEqual({ left: 540, right: 900 });
    expect(uncoveredSpan(pane, [drawer])).toEqual({ left: 292, right: 900 });
  });
  it('is the whole pane with nothing floating over it, or too little left between', () => {
    expect(uncoveredSpan(pane, [])).toEqual({ left: 292, right: 1220 });
    const wide = { left: 292, top: 77, right: 1150, bottom: 800 };
    expect(uncoveredSpan(pane, [wide])).toEqual({ left: 292, right: 1220 });
  });
});
