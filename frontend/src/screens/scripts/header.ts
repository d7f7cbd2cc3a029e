// A rule's header in the UI language: the Lua library's files carry their
// title, summary and parameter help in English and in French
// (`-- Title (fr):`…, see scripts/scripts.go); a user's own rule without a
// French header is said in the user's own words.
import type { Lang } from '../../api/types';
import type { ScriptInfo, ScriptParam } from '../../api/scripts';
import { tx } from '../../i18n/dict';

/** HeaderText is a header's sentence and whether it is the user's own words (not translated). */
export interface HeaderText {
  text: string;
  own: boolean;
}

function said(en: string, fr: string | undefined, library: boolean, lang: Lang): HeaderText {
  if (!library && !fr) return { text: en, own: true };
  return { text: tx({ en, fr: fr || en }, lang), own: false };
}

/** scriptTitle is a rule's title in lang, or its name when it has none. */
export function scriptTitle(s: Pick<ScriptInfo, 'name' | 'title' | 'title_fr' | 'library'>, lang: Lang): HeaderText {
  if (!s.title) return { text: s.name, own: true };
  return said(s.title, s.title_fr, s.library, lang);
}

/** scriptSummary is what a rule does, in lang ("" when its header says nothing). */
export function scriptSummary(s: Pick<ScriptInfo, 'summary' | 'summary_fr' | 'library'>, lang: Lang): HeaderText {
  if (!s.summary) return { text: '', own: true };
  return said(s.summary, s.summary_fr, s.library, lang);
}

/** paramHelp is a parameter's help in lang. */
export function paramHelp(p: ScriptParam, library: boolean, lang: Lang): HeaderText {
  if (!p.Description) return { text: '', own: true };
  return said(p.Description, p.DescriptionFr, library, lang);
}
