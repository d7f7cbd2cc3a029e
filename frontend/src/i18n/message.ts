// A message is a dictionary key with its parameters, put into words only
// when it is shown. A notification keeps its message, not its sentence, so
// one raised in English reads in French once the language is switched.
import type { Lang } from '../api/types';
import { translate, type MessageKey } from './dict';

/**
 * Param is one parameter of a message: a value (a name, a number, an
 * engine's raw text) written as it is, another message, or a function that
 * writes it in a language (a step's problem, say, which has its own words).
 */
export type Param = string | number | Message | ((lang: Lang) => string);

/** Message is a dictionary key and its parameters, not yet in any language. */
export interface Message {
  key: MessageKey;
  params?: Record<string, Param>;
}

/** msg makes a message from a dictionary key and its parameters. */
export function msg(key: MessageKey, params?: Record<string, Param>): Message {
  return params ? { key, params } : { key };
}

/** isMessage tells a message from a plain text. */
export function isMessage(x: unknown): x is Message {
  return typeof x === 'object' && x !== null && typeof (x as Message).key === 'string';
}

/**
 * say writes a message (or a plain text, returned as it is) in lang; its
 * parameters that are messages or writers are put into the same language.
 */
export function say(lang: Lang, m: Message | string): string {
  if (typeof m === 'string') return m;
  if (!m.params) return translate(lang, m.key);
  const vars: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(m.params)) {
    vars[k] = typeof v === 'function' ? v(lang) : isMessage(v) ? say(lang, v) : v;
  }
  return translate(lang, m.key, vars);
}
