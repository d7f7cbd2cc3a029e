// The pseudo-locale: a test-only language in which every sentence of the
// dictionary and every text of the engine's catalogue reads wrapped in
// ⟦…⟧ and about 30 % longer. The end-to-end group pseudo.mjs opens every
// screen in it and fails on any visible word outside the brackets — a
// string that reached the screen without going through the dictionary —
// and the extra length shows which labels would clip in a longer language.
// It is not in the language switch: the page turns it on with ?lang=pseudo
// in its address (a test opens the app that way; a user never does), and
// it lives only as long as that address.

/** PSEUDO_OPEN and PSEUDO_CLOSE wrap every pseudo-locale sentence. */
export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';

let on = false;
try {
  on = typeof location !== 'undefined' && new URLSearchParams(location.search).get('lang') === 'pseudo';
} catch {
  on = false;
}

/** pseudoOn tells whether the page was opened in the pseudo-locale. */
export function pseudoOn(): boolean {
  return on;
}

/** setPseudo turns the pseudo-locale on or off (tests). */
export function setPseudo(v: boolean): void {
  on = v;
}

/**
 * pseudoize wraps a sentence and pads it by ~30 % (at least one
 * character) with a filler that still reads as a word joiner, so a label
 * that only just fits in English shows clipped here. Empty stays empty.
 */
export function pseudoize(s: string): string {
  if (s === '') return s;
  const pad = '·'.repeat(Math.max(1, Math.ceil(s.length * 0.3)));
  return `${PSEUDO_OPEN}${s}${pad}${PSEUDO_CLOSE}`;
}

/** pseudo wraps s when the pseudo-locale is on, else returns it unchanged. */
export function pseudo(s: string): string {
  return on ? pseudoize(s) : s;
}
