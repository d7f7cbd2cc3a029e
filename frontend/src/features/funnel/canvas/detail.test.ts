import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FAR_ZOOM, SETTLE_MS, watchMotion, type ViewStore } from './detail';

type T = [number, number, number];

function fakeStore(transform: T) {
  const dom = document.createElement('div');
  let state = { transform, domNode: dom as HTMLDivElement | null };
  const listeners = new Set<(s: typeof state) => void>();
  const store: ViewStore = {
    getState: () => state,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const set = (t: T) => {
    state = { ...state, transform: t };
    for (const l of listeners) l(state);
  };
  const touch = () => {
    state = { ...state };
    for (const l of listeners) l(state);
  };
  return { store, dom, set, touch, listeners };
}

const moving = (el: Element) => el.hasAttribute('data-moving-far');

describe('watchMotion', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('marks the canvas while the view moves zoomed out, and unmarks it once it settles', () => {
    const f = fakeStore([0, 0, 0.2]);
    const stop = watchMotion(f.store);
    expect(moving(f.dom)).toBe(false);
    f.touch(); // another change of the store, not of the view
    expect(moving(f.dom)).toBe(false);
    f.set([10, 0, 0.2]);
    expect(moving(f.dom)).toBe(true);
    vi.advanceTimersByTime(SETTLE_MS - 10);
    f.set([20, 0, 0.2]);
    vi.advanceTimersByTime(SETTLE_MS - 10);
    expect(moving(f.dom)).toBe(true);
    vi.advanceTimersByTime(20);
    expect(moving(f.dom)).toBe(false);
    stop();
    expect(f.listeners.size).toBe(0);
  });

  it('never marks it at a readable zoom, and unmarks it as soon as the zoom gets there', () => {
    const f = fakeStore([0, 0, 1]);
    const stop = watchMotion(f.store);
    f.set([10, 0, 1]);
    f.set([10, 0, FAR_ZOOM]);
    expect(moving(f.dom)).toBe(false);
    f.set([10, 0, FAR_ZOOM / 2]);
    expect(moving(f.dom)).toBe(true);
    f.set([10, 0, FAR_ZOOM]);
    expect(moving(f.dom)).toBe(false);
    stop();
  });

  it('unmarks it when stopped mid-move', () => {
    const f = fakeStore([0, 0, 0.2]);
    const stop = watchMotion(f.store);
    f.set([5, 5, 0.2]);
    expect(moving(f.dom)).toBe(true);
    stop();
    expect(moving(f.dom)).toBe(false);
    vi.runAllTimers();
    expect(moving(f.dom)).toBe(false);
  });
});

describe('the background dots', () => {
  it('are every 16 units up close, sparser zoomed out so they stay 8 px apart, and gone when too small to see', async () => {
    const { dotGap } = await import('./Canvas');
    expect(dotGap(2)).toBe(16);
    expect(dotGap(0.5)).toBe(16);
    expect(dotGap(0.45)).toBe(32);
    expect(dotGap(0.4)).toBe(32);
    for (const z of [0.4, 0.45, 0.5, 0.75, 1, 2]) expect(dotGap(z) * z).toBeGreaterThanOrEqual(8);
    expect(dotGap(0.3)).toBe(0);
    expect(dotGap(0.15)).toBe(0);
  });
});
