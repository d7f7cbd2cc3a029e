// The glossary both dictionaries follow (issue #15): one word per idea in
// each language, for every screen, the engine's catalogue and the gallery.
// glossary.test.ts reads every sentence of the dictionaries, the Go
// catalogue and the gallery's French and English texts and fails on a
// forbidden variant, naming the key and the word.

/** A Term is one idea, its word in each language and the variants refused. */
export interface Term {
  en: string;
  fr: string;
  /** avoid lists the variants a sentence must not use, per language (whole words, any case). */
  avoid: { en?: string[]; fr?: string[] };
}

export const GLOSSARY: Term[] = [
  { en: 'funnel', fr: 'tunnel', avoid: { en: ['flow', 'flows', 'workflow', 'workflows', 'journey', 'journeys'], fr: ['flux', 'workflow', 'workflows', 'entonnoir', 'entonnoirs', 'scénario', 'scénarios'] } },
  { en: 'step', fr: 'étape', avoid: { en: ['node', 'nodes'], fr: ['nœud', 'nœuds', 'noeud', 'noeuds'] } },
  { en: 'contact', fr: 'contact', avoid: { en: ['lead record'], fr: ['abonné·e'] } },
  { en: 'list', fr: 'liste', avoid: { fr: ['mailing-list', 'mailing list'] } },
  { en: 'tag', fr: 'étiquette', avoid: { en: ['label tag'], fr: ['tag', 'tags', 'balise', 'balises', 'hashtag'] } },
  { en: 'segment', fr: 'segment', avoid: { fr: ['audience filtrée'] } },
  { en: 'score', fr: 'pointage', avoid: { en: ['lead points'], fr: ['score', 'scores', 'points de score', 'notation'] } },
  { en: 'cold / warm / hot', fr: 'froid / tiède / chaud', avoid: { fr: ['brûlant', 'brûlants', 'glacé'] } },
  { en: 'stage', fr: 'étape du cycle', avoid: { en: ['lifecycle phase'], fr: ['stade', 'stades', 'phase du cycle'] } },
  { en: 'email', fr: 'courriel', avoid: { en: ['e-mail', 'e-mails'], fr: ['email', 'emails', 'e-mail', 'e-mails', 'mail', 'mails', 'mél'] } },
  { en: 'goal', fr: 'objectif', avoid: { en: ['target goal'], fr: ['but', 'buts', 'cible de conversion'] } },
];

// Text a sentence quotes rather than says: merge fields and placeholders,
// HTML tags, addresses and file names.
const VERBATIM = /\{\{.*?\}\}|\{[a-zA-Z_]+\}|<[^>]*>|https?:\/\/\S+|\S+@\S+|\S+\.(?:json|csv|lua|pdf|png)\b/g;

/** offGlossary returns the forbidden variants a sentence uses in lang. */
export function offGlossary(text: string, lang: 'en' | 'fr'): string[] {
  const said = text.replace(VERBATIM, ' ');
  const found: string[] = [];
  for (const term of GLOSSARY) {
    for (const w of term.avoid[lang] ?? []) {
      const re = new RegExp(`(?<![\\p{L}\\p{N}_-])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_-])`, 'iu');
      if (re.test(said)) found.push(`${w} (say “${term[lang]}”)`);
    }
  }
  return found;
}
