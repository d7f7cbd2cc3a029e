// Singular or plural sentence: key.one or key.other, by the rules of the
// UI language (French counts 0 as singular).
import type { Lang } from '../../../api/types';
import { translate, type MessageKey } from '../../../i18n/dict';

/** tn translates `${key}.one` or `${key}.other` for count, with {count} written in the language's style. */
export function tn(lang: Lang, key: string, count: number, vars: Record<string, string | number> = {}): string {
  const one = count === 1 || (lang === 'fr' && count === 0);
  return translate(lang, `${key}.${one ? 'one' : 'other'}` as MessageKey, { ...vars, count: count.toLocaleString(lang) });
}
