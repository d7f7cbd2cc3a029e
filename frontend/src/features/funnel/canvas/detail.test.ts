import { describe, expect, it, vi } from 'vitest';
import { detailBand, NEAR_ZOOM, watchDetail, type ViewStore, FITS_EM, longestWordEm, softHyphens, syllableBreaks } from './detail';

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

const lod = (el: Element) => el.getAttribute('data-lod');

describe('detailBand', () => {
  it('draws the full card from NEAR_ZOOM up, and simpler cards further out, band by band', () => {
    expect(detailBand(2)).toBe('near');
    expect(detailBand(1)).toBe('near');
    expect(detailBand(NEAR_ZOOM)).toBe('near');
    expect(detailBand(0.6)).toBe('mid');
    expect(detailBand(0.45)).toBe('mid');
    expect(detailBand(0.4)).toBe('far');
    expect(detailBand(0.28)).toBe('far');
    expect(detailBand(0.25)).toBe('tiny');
    expect(detailBand(0.15)).toBe('tiny');
  });
});

describe('watchDetail', () => {
  it('marks the canvas with the band of the zoom at once, and follows the zoom from band to band', () => {
    const f = fakeStore([0, 0, 0.2]);
    const stop = watchDetail(f.store);
    expect(lod(f.dom)).toBe('tiny');
    f.set([10, 0, 0.5]);
    expect(lod(f.dom)).toBe('mid');
    f.set([10, 0, 0.3]);
    expect(lod(f.dom)).toBe('far');
    f.set([10, 0, 1]);
    expect(lod(f.dom)).toBeNull();
    stop();
    expect(f.listeners.size).toBe(0);
  });

  it('keeps the mark while the view moves within a band: a step is never blank during a pan', () => {
    const f = fakeStore([0, 0, 0.3]);
    const stop = watchDetail(f.store);
    const seen = new Set<string | null>();
    for (let i = 0; i < 50; i++) {
      f.set([i * 7, i * 3, 0.3 + (i % 5) * 0.02]);
      seen.add(lod(f.dom));
    }
    expect([...seen]).toEqual(['far']);
    stop();
  });

  it('removes the mark when stopped', () => {
    const f = fakeStore([0, 0, 0.2]);
    const stop = watchDetail(f.store);
    expect(lod(f.dom)).toBe('tiny');
    stop();
    expect(lod(f.dom)).toBeNull();
  });
});

describe('the background dots', () => {
  it('are every 16 units up close, sparser zoomed out so they stay 8 px apart, and gone when too small to see', async () => {
    const { dotGap } = await import('./dots');
    expect(dotGap(2)).toBe(16);
    expect(dotGap(0.5)).toBe(16);
    expect(dotGap(0.45)).toBe(32);
    expect(dotGap(0.4)).toBe(32);
    for (const z of [0.4, 0.45, 0.5, 0.75, 1, 2]) expect(dotGap(z) * z).toBeGreaterThanOrEqual(8);
    expect(dotGap(0.3)).toBe(0);
    expect(dotGap(0.15)).toBe(0);
  });
});

describe('the dotted background', () => {
  it('follows the view with the pane’s own background, is left out while the view moves, and is gone zoomed far out', async () => {
    vi.useFakeTimers();
    const { SETTLE_MS, watchDots } = await import('./dots');
    const dom = document.createElement('div');
    const pane = document.createElement('div');
    pane.className = 'react-flow__pane';
    dom.appendChild(pane);
    document.body.appendChild(dom);
    let state = { transform: [10, -5, 1] as [number, number, number], domNode: dom as HTMLDivElement | null };
    const listeners = new Set<(s: typeof state) => void>();
    const move = (t: [number, number, number]) => {
      state = { ...state, transform: t };
      listeners.forEach((l) => l(state));
    };
    const stop = watchDots({ getState: () => state, subscribe: (l) => (listeners.add(l), () => listeners.delete(l)) });
    expect(pane.style.backgroundImage).toContain('radial-gradient');
    expect(pane.style.backgroundSize).toBe('16px 16px');
    expect(pane.style.backgroundPosition).toBe('10px 11px');
    move([40, 40, 0.5]);
    expect(pane.style.backgroundImage).toBe('none'); // moving: a plain fill
    vi.advanceTimersByTime(SETTLE_MS - 10);
    move([40, 40, 0.5]);
    expect(pane.style.backgroundImage).toBe('none');
    vi.advanceTimersByTime(SETTLE_MS + 10);
    expect(pane.style.backgroundImage).toContain('radial-gradient');
    expect(pane.style.backgroundSize).toBe('8px 8px');
    expect(pane.style.backgroundPosition).toBe('0px 0px');
    move([40, 40, 0.2]);
    vi.advanceTimersByTime(SETTLE_MS + 10);
    expect(pane.style.backgroundImage).toBe('none');
    stop();
    expect(listeners.size).toBe(0);
    dom.remove();
    vi.useRealTimers();
  });
});

describe('longestWordEm', () => {
  it('measures the longest word of a title, leaving short words out', () => {
    expect(longestWordEm('Wait 2 days')).toBe(0);
    // At least as wide as the desktop window's bold face draws them
    // (DejaVu Sans Bold: 7.3 and 8.5 em), and not far off.
    expect(longestWordEm('Confirmation email')).toBeGreaterThanOrEqual(7.3);
    expect(longestWordEm('Confirmation email')).toBeLessThan(7.3 * 1.15);
    expect(longestWordEm('Envoyer « Réengagement »')).toBeGreaterThanOrEqual(8.5);
    expect(longestWordEm('Envoyer « Réengagement »')).toBeLessThan(8.5 * 1.15);
    // Only a word wider than the tiny band's line makes the card say so.
    expect(longestWordEm('Welcome email')).toBeLessThan(FITS_EM);
    expect(longestWordEm('Confirmation')).toBeGreaterThan(FITS_EM);
    // A line breaks after a hyphen: each part is measured on its own.
    expect(longestWordEm('Getting-started guide')).toBeLessThan(FITS_EM);
  });
});

describe('softHyphens', () => {
  const shown = (s: string) => s.replace(/\u00ad/g, '-');
  it('breaks a word too wide for a line between its syllables, in French and English', () => {
    expect(shown(softHyphens('Réengagement confirmation'))).toBe('Réen-ga-ge-ment con-fir-ma-tion');
    expect(shown(softHyphens('Onboarding questionnaire'))).toBe('Onboar-ding ques-tion-naire');
    expect(shown(softHyphens('Remerciements'))).toBe('Remer-cie-ments');
  });
  it('leaves words that fit on a line whole, so a title breaks between them', () => {
    expect(softHyphens('Wait 2 days')).toBe('Wait 2 days');
    expect(softHyphens('Welcome email')).toBe('Welcome email');
    expect(softHyphens('Getting-started guide')).toBe('Getting-started guide');
  });
  it('keeps three letters at least on each side of a break, and starting pairs together', () => {
    expect(syllableBreaks('confirmation').every((i) => i >= 3 && i <= 9)).toBe(true);
    expect(shown(softHyphens('Établissement'))).toBe('Éta-blis-se-ment');
  });
});
