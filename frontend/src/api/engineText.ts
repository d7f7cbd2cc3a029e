// The engine says what happened to a contact (a journal reason, a history
// line, a step's name) in every language the window has, written from one
// table per language in Go (engine/words): the window shows the one of its
// language and never rebuilds a sentence itself. In the pseudo-locale
// (tests) it shows the engine's own wrapped text, ⟦…⟧, so a check of the
// screen sees that it came through the table.
import { pseudoOn } from '../i18n/pseudo';
import type { EngineText } from './types.gen';

/** engineText is the engine's text in lang (English when it has no such language), or fallback without one. */
export function engineText(text: EngineText | undefined | null, lang: string, fallback = ''): string {
  if (!text) return fallback;
  if (pseudoOn()) return (text as unknown as Record<string, string>).pseudo || text.en;
  const t = (text as unknown as Record<string, string>)[lang];
  return t ?? text.en;
}
