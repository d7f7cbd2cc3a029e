// Level of detail by zoom: zoomed out, a step's 13 px words are a few pixels
// high on screen. Below NEAR_ZOOM the canvas carries `data-lod` (one of
// DETAIL_BANDS) and styles.css draws each step as a simplified card: its
// icon and title drawn larger in the canvas's units, so that on screen they
// stay about 9–13 px high, the summary and port labels left out, and the
// numbers above the step scaled up with it. The card keeps its size (the
// larger title is drawn over it, not in its flow), so zooming never makes
// React Flow measure the steps again or re-route the links. It holds while
// the view moves: a step is never blank during a pan (issue #14; the cut
// that hid the words while moving zoomed out is gone). The attribute
// changes only when the zoom crosses from one band to the next, so a pan
// costs no style work at all.
import { useStoreApi, type ReactFlowState } from '@xyflow/react';
import { useEffect } from 'react';

/** NEAR_ZOOM is the zoom from which the full card is drawn: its 13 px words are at least 9 px on screen. */
export const NEAR_ZOOM = 0.7;

/** DetailBand is how a step is drawn at a zoom: 'near' is the full card. */
export type DetailBand = 'near' | 'mid' | 'far' | 'tiny';

/**
 * DETAIL_BANDS are the bands below NEAR_ZOOM, each with the zoom it starts
 * at; styles.css sizes the title of each so it reads at 9–13 px on screen.
 */
export const DETAIL_BANDS: { band: Exclude<DetailBand, 'near'>; from: number }[] = [
  { band: 'mid', from: 0.45 },
  { band: 'far', from: 0.28 },
  { band: 'tiny', from: 0 },
];

/** detailBand is the band a zoom falls in. */
export function detailBand(zoom: number): DetailBand {
  if (!(zoom < NEAR_ZOOM)) return 'near';
  return DETAIL_BANDS.find((b) => zoom >= b.from)?.band ?? 'tiny';
}

const ATTR = 'data-lod';

type ViewState = Pick<ReactFlowState, 'transform' | 'domNode'>;

/** ViewStore is the part of React Flow's store that watchDetail reads. */
export interface ViewStore {
  getState(): ViewState;
  subscribe(listener: (s: ViewState) => void): () => void;
}

/**
 * watchDetail keeps the canvas (the store's domNode) marked with the band
 * of the current zoom — data-lod="mid|far|tiny", none when near — and
 * returns how to stop (which removes the mark).
 */
export function watchDetail(store: ViewStore): () => void {
  let band: DetailBand = 'near';
  let marked: Element | null = null;
  const apply = (s: ViewState) => {
    const next = detailBand(s.transform[2]);
    if (next === band && marked === s.domNode) return;
    band = next;
    if (marked && marked !== s.domNode) marked.removeAttribute(ATTR);
    marked = s.domNode;
    if (!marked) return;
    if (band === 'near') marked.removeAttribute(ATTR);
    else marked.setAttribute(ATTR, band);
  };
  apply(store.getState());
  const unsubscribe = store.subscribe(apply);
  return () => {
    unsubscribe();
    marked?.removeAttribute(ATTR);
    marked = null;
  };
}

/** useDetail keeps the canvas's data-lod up to date; use it inside React Flow's provider. */
export function useDetail(): void {
  const store = useStoreApi();
  useEffect(() => watchDetail(store), [store]);
}

/**
 * FITS_EM is the width, in ems, of the longest word the larger title drawn
 * zoomed out always holds on one line (the tiny band's: 40 px letters in
 * 228 px, styles.css). A longer word cannot fit on a line at the band's
 * size: it is broken between syllables (softHyphens), never drawn smaller.
 */
export const FITS_EM = 5.6;
/**
 * letterEm is about how wide a letter is, in ems, in a bold sans-serif
 * face — the widest of the faces the canvas may use (DejaVu Sans Bold,
 * the desktop window's on Linux): a little wide rather than narrow, so a
 * long word is drawn small enough. Measuring each word with a canvas cost
 * the opening of a 200-step funnel about 20 ms.
 */
function letterEm(ch: string): number {
  if ("ijl|!.,:;'’‘".includes(ch)) return 0.36;
  if ('frtI()[]-«»“”"'.includes(ch)) return 0.52;
  if ('mwMW'.includes(ch)) return 1.06;
  if (ch !== ch.toLowerCase()) return 0.8;
  return 0.72;
}

/** wordEm is a word's width in ems (letterEm, letter by letter). */
function wordEm(word: string): number {
  let w = 0;
  for (const ch of word) w += letterEm(ch);
  return w;
}

/**
 * longestWordEm is the width, in ems of the bold title face, of the
 * longest word of a title; words of up to 5 letters always fit and are
 * not measured (0 when none is longer).
 */
export function longestWordEm(title: string): number {
  let most = 0;
  // A line may break after a hyphen ("Getting-/started"): each part is a word here.
  for (const w of title.split(/[\s\u00a0\u202f]+|(?<=-)/)) if (w.length > 5) most = Math.max(most, wordEm(w));
  return most;
}

const VOWELS = 'aeiouyàâäéèêëîïôöùûüÿœæ';
/**
 * Consonant pairs that begin a syllable together and are never split
 * ("ta-ble", "cha-peau", "mé-tro"; English "fa-ther", "wa-shing").
 */
const ONSETS = new Set(['bl', 'br', 'ch', 'cl', 'cr', 'dr', 'fl', 'fr', 'gl', 'gn', 'gr', 'ph', 'pl', 'pr', 'sh', 'th', 'tr', 'vr', 'wh']);
const MIN_PART = 3;

const isVowel = (ch: string) => VOWELS.includes(ch.toLowerCase());
const isLetter = (ch: string) => ch.toLowerCase() !== ch.toUpperCase();

/**
 * syllableBreaks is where a word may be broken across lines, as indexes
 * before which a hyphen goes: between a vowel and the consonant (or
 * consonant pair that starts syllables, ONSETS) before the next vowel —
 * "con-fir-ma-tion", "Réen-ga-ge-ment" — keeping at least three letters on
 * each side. A plain rule shared by French and English: no dictionary
 * ships with every desktop's WebKit (nor with Chromium on Linux), so
 * `hyphens: auto` alone would break the word anywhere; these breaks are
 * at least between syllables.
 */
export function syllableBreaks(word: string): number[] {
  const out: number[] = [];
  const chars = [...word];
  for (let i = MIN_PART; i <= chars.length - MIN_PART; i++) {
    const a = chars[i - 1]!;
    const b = chars[i]!;
    const c = chars[i + 1] ?? '';
    if (!isLetter(a) || !isLetter(b) || !isLetter(c)) continue;
    if (isVowel(b)) continue;
    if (isVowel(a)) {
      // V-CV: "ma-tion"; but V-CCV keeps a starting pair together: "ta-ble".
      if (isVowel(c) || ONSETS.has((b + c).toLowerCase())) out.push(i);
    } else if (isVowel(c) && !ONSETS.has((a + b).toLowerCase())) {
      // VC-CV: "con-fir", "Réen-ga".
      out.push(i);
    }
  }
  return out;
}

/**
 * softHyphens puts soft hyphens (U+00AD: drawn only where a line breaks)
 * between the syllables of each word of a title too wide for a line zoomed
 * out (FITS_EM), so such a word breaks as a hyphenated word does and the
 * title keeps the band's size; shorter words are left whole, so the title
 * breaks between them.
 */
export function softHyphens(title: string): string {
  return title.replace(/[^\s\u00a0\u202f-]{6,}/g, (w) => {
    if (wordEm(w) <= FITS_EM) return w;
    const chars = [...w];
    const at = new Set(syllableBreaks(w));
    return chars.map((ch, i) => (at.has(i) ? `\u00ad${ch}` : ch)).join('');
  });
}
