// Finding a step type by what the marketer typed, in either language: the
// palette and the "+" menu list the best match first, so Enter inserts what
// was meant ("send an email" → Send an email, "end" → End, "courriel" →
// Send an email). Ranking by category order put "Alert a teammate" before
// "Send an email" because both mention an email.
import type { NodeSpec } from '../../../api/types';

/**
 * SYNONYMS are words a marketer may type for the same thing, in English and
 * French, written as normalize() leaves them (lower case, no accents). A
 * query word that is one of them also matches the others.
 */
const SYNONYMS: string[][] = [
  ['email', 'emails', 'courriel', 'courriels', 'mail', 'mails', 'mel', 'message'],
  ['wait', 'delay', 'pause', 'attente', 'attendre', 'delai', 'patienter'],
  ['end', 'finish', 'stop', 'exit', 'fin', 'finir', 'terminer', 'sortie', 'sortir', 'quitter'],
  ['tag', 'tags', 'label', 'etiquette', 'etiquettes'],
  ['score', 'scoring', 'points', 'point', 'pointage'],
  ['list', 'lists', 'liste', 'listes'],
  ['field', 'fields', 'property', 'champ', 'champs', 'propriete'],
  ['webhook', 'http', 'api', 'url', 'web'],
  ['alert', 'notify', 'notification', 'teammate', 'alerter', 'avertir', 'collegue', 'notifier'],
  ['goal', 'conversion', 'objectif', 'but'],
  ['split', 'branch', 'ab', 'brancher', 'branche', 'test', 'hasard', 'random', 'aleatoire'],
  ['start', 'trigger', 'begin', 'demarrer', 'declencheur', 'debut', 'commencer'],
  ['stage', 'lifecycle', 'etape', 'cycle'],
  ['remove', 'delete', 'retirer', 'supprimer', 'enlever'],
  ['add', 'ajouter'],
  ['send', 'envoyer', 'envoi'],
  ['check', 'if', 'condition', 'verifier', 'si'],
  ['funnel', 'flow', 'tunnel'],
  ['anniversary', 'birthday', 'anniversaire'],
];

const SYNONYM_OF = new Map<string, string[]>();
for (const group of SYNONYMS) for (const w of group) SYNONYM_OF.set(w, group);

/** Small words left out of a query of several words ("send an email" is send + email). */
const STOPWORDS = new Set(['a', 'an', 'the', 'to', 'of', 'or', 'for', 'on', 'in', 'un', 'une', 'le', 'la', 'les', 'l', 'd', 'de', 'du', 'des', 'au', 'aux', 'en', 'et', 'and']);

/**
 * normalize lower-cases, strips accents, joins "e-mail" into "email" and
 * turns any other punctuation into spaces, so "Courriel", "courriel" and
 * "COURRIEL!" are the same query.
 */
export function normalize(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/(\p{L})-(\p{L})/gu, '$1$2')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function words(s: string): string[] {
  return s ? s.split(' ') : [];
}

/** Tier is how well a step type matches: lower is better. */
export const Tier = {
  /** The whole title, as typed. */
  Exact: 0,
  /** The title starts with what was typed. */
  TitleStart: 1,
  /** Every word typed (or a synonym) starts a word of the title. */
  TitleWords: 2,
  /** Every word typed (or a synonym) is found in the title, the description or the type. */
  Description: 3,
} as const;
export type Tier = (typeof Tier)[keyof typeof Tier];

/** alternatives are a query word and its synonyms. */
function alternatives(w: string): string[] {
  return SYNONYM_OF.get(w) ?? [w];
}

/**
 * rank tells how well a step type matches a query (a Tier, lower is better),
 * or null when it does not match at all. An empty query matches everything
 * at Tier.Description, so the catalogue's own order is kept.
 */
export function rank(spec: NodeSpec, query: string): Tier | null {
  const q = normalize(query);
  if (!q) return Tier.Description;
  const titles = [normalize(spec.title.en), normalize(spec.title.fr)];
  if (titles.includes(q)) return Tier.Exact;
  if (titles.some((t) => t.startsWith(q))) return Tier.TitleStart;
  const all = words(q);
  const significant = all.filter((w) => !STOPWORDS.has(w));
  const wanted = (significant.length > 0 ? significant : all).map(alternatives);
  const titleWords = titles.map(words);
  if (titleWords.some((tw) => wanted.every((alts) => alts.some((a) => tw.some((w) => w.startsWith(a)))))) return Tier.TitleWords;
  const hay = [...titles, normalize(spec.help.en), normalize(spec.help.fr), normalize(spec.type)].join(' ');
  if (wanted.every((alts) => alts.some((a) => hay.includes(a)))) return Tier.Description;
  return null;
}

/** matches tells whether a step type matches a search, in either language. */
export function matches(spec: NodeSpec, query: string): boolean {
  return rank(spec, query) !== null;
}

/**
 * search returns the step types matching a query, best first: exact title,
 * then titles starting with it, then titles with words starting with the
 * words typed (shorter titles first), then matches in the description; ties
 * keep the catalogue's order. An empty query returns the specs as given.
 */
export function search(specs: NodeSpec[], query: string): NodeSpec[] {
  if (!normalize(query)) return specs;
  const scored: { spec: NodeSpec; tier: Tier; len: number; i: number }[] = [];
  specs.forEach((spec, i) => {
    const tier = rank(spec, query);
    if (tier === null) return;
    const len = Math.min(words(normalize(spec.title.en)).length, words(normalize(spec.title.fr)).length);
    scored.push({ spec, tier, len, i });
  });
  scored.sort((a, b) => a.tier - b.tier || (a.tier === Tier.TitleWords ? a.len - b.len : 0) || a.i - b.i);
  return scored.map((s) => s.spec);
}
