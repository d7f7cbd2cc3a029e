// The engine writes why a contact went one way in plain English ("waited 2
// days", "country is "FR", condition wanted is "US""). English is shown as
// written; French is rebuilt from the same sentence, pattern by pattern
// (the engine's wording is stable: it is also the live journal's), and an
// unknown sentence is shown as written rather than lost.
import type { Lang } from '../../api/types';
import { translate, type MessageKey } from '../../i18n/dict';

/** The engine's comparison words (nodes.Operators), as what the condition expected, in French. */
const OPERATORS: Record<string, string> = {
  'is one of (comma-separated)': 'parmi',
  'is within the last N days': 'dans les N derniers jours',
  'is before (date)': 'avant',
  'is after (date)': 'après',
  'is more than': 'supérieur à',
  'is less than': 'inférieur à',
  'is not empty': 'non vide',
  'is at least': 'au moins',
  'is at most': 'au plus',
  'starts with': 'commençant par',
  'is empty': 'vide',
  contains: 'contenant',
  'is not': 'différent de',
  is: 'égal à',
};

/** EVENTS_FR names the usual events in French ("list joined" → "arrivée dans une liste"). */
const EVENTS_FR: Record<string, string> = {
  'contact created': 'création du contact',
  'list joined': 'arrivée dans une liste',
  'list left': 'départ d’une liste',
  'tag added': 'ajout d’une étiquette',
  'tag removed': 'retrait d’une étiquette',
  'form submitted': 'formulaire envoyé',
  'page visited': 'page visitée',
  page_visited: 'page visitée',
  'cart abandoned': 'panier abandonné',
  cart_abandoned: 'panier abandonné',
  purchase: 'achat',
  'purchase made': 'achat',
  purchase_made: 'achat',
  'email opened': 'courriel ouvert',
  email_opened: 'courriel ouvert',
  'email clicked': 'clic dans un courriel',
  email_clicked: 'clic dans un courriel',
  'entered flow': 'arrivée depuis un autre tunnel',
  'segment entered': 'entrée dans un segment',
  'optin confirmed': 'inscription confirmée',
  'file downloaded': 'fichier téléchargé',
  file_downloaded: 'fichier téléchargé',
  form_submitted: 'formulaire envoyé',
  unsubscribed: 'désabonnement',
  'date anniversary': 'date anniversaire',
};

/** LIST_EVENTS_FR name list events followed by the list's name. */
const LIST_EVENTS_FR: Record<string, string> = {
  'list joined': 'arrivée dans la liste',
  'list left': 'départ de la liste',
};

function eventFr(e: string): string {
  return EVENTS_FR[e] ?? e.replace(/_/g, ' ');
}

/** durationFr turns the engine's "2 days", "1 hour", "3.5 days", "no time" into French. */
export function durationFr(d: string): string {
  if (d === 'no time') return 'aucun temps';
  const m = /^(\d+(?:\.\d+)?) (day|hour|minute)s?$/.exec(d);
  if (!m) return d;
  const n = m[1]!;
  const unit = { day: 'jour', hour: 'heure', minute: 'minute' }[m[2] as 'day' | 'hour' | 'minute'];
  const plural = parseFloat(n) >= 2 ? 's' : '';
  return `${n.replace('.', ',')} ${unit}${plural}`;
}

function operatorFr(words: string): string {
  return OPERATORS[words] ?? words;
}

function quoteFr(q: string): string {
  // "FR" → « FR »; "empty" stays a word.
  const m = /^"(.*)"$/.exec(q);
  if (m) return `« ${m[1]} »`;
  return q === 'empty' ? 'vide' : q;
}

function windowFr(w: string): string {
  if (w === 'ever') return 'depuis toujours';
  if (w === 'since entering the funnel') return 'depuis l’entrée dans le tunnel';
  const m = /^in the last (\S+) days$/.exec(w);
  return m ? `sur les ${m[1]} derniers jours` : w;
}

type Rule = [RegExp, (m: RegExpExecArray) => string];

const FR: Rule[] = [
  [/^entered the flow$/, () => 'entré dans le tunnel'],
  [
    /^entered the flow on ([^"]+?)(?: "(.*)")?$/,
    (m) => `entré dans le tunnel : ${m[2] !== undefined ? `${LIST_EVENTS_FR[m[1]!] ?? eventFr(m[1]!)} « ${m[2]} »` : eventFr(m[1]!)}`,
  ],
  [/^sent email "(.+)"$/, (m) => `courriel « ${m[1]} » envoyé`],
  [/^queued email "(.+)"$/, (m) => `courriel « ${m[1]} » mis en file d’envoi`],
  [/^sent email "(.+)" after all$/, (m) => `courriel « ${m[1]} » finalement envoyé`],
  [/^the email "(.+)" does not exist any more \(deleted after the funnel was published\?\)$/, (m) => `le courriel « ${m[1]} » n’existe plus (supprimé après la publication du tunnel ?)`],
  [/^could not send email "(.+)" yet: (.+) \(trying again at (.+)\)$/, (m) => `courriel « ${m[1]} » pas encore envoyé : ${m[2]} (nouvel essai à ${m[3]})`],
  [/^could not send email "(.+)": the email "(.+)" does not exist any more \(deleted after the funnel was published\?\)$/, (m) => `courriel « ${m[1]} » non envoyé : le courriel « ${m[2]} » n’existe plus (supprimé après la publication du tunnel ?)`],
  [/^could not send email "(.+)": the address was refused: (.+)$/, (m) => `courriel « ${m[1]} » non envoyé : l’adresse a été refusée : ${m[2]}`],
  [/^could not send email "(.+)": (.+)$/, (m) => `courriel « ${m[1]} » non envoyé : ${m[2]}`],
  [/^did not send email "(.+)": the contact unsubscribed or their address was refused since it was queued$/, (m) => `courriel « ${m[1]} » non envoyé : le contact s’est désabonné ou son adresse a été refusée depuis sa mise en file`],
  [/^skipped email "(.+)": contact unsubscribed$/, (m) => `courriel « ${m[1]} » non envoyé : le contact s’est désabonné`],
  [/^skipped email "(.+)": address bounced$/, (m) => `courriel « ${m[1]} » non envoyé : l’adresse est en erreur`],
  [/^skipped email "(.+)": contact has no email address$/, (m) => `courriel « ${m[1]} » non envoyé : le contact n’a pas d’adresse courriel`],
  [/^skipped email "(.+)": contact cannot receive marketing email$/, (m) => `courriel « ${m[1]} » non envoyé : le contact ne reçoit pas de courriels marketing`],
  [/^skipped email: frequency cap \((\d+) per (day|week)\) reached$/, (m) => `courriel non envoyé : limite de fréquence atteinte (${m[1]} par ${m[2] === 'day' ? 'jour' : 'semaine'})`],
  [/^email "(.+)" queued for (.+) \(quiet hours\)$/, (m) => `courriel « ${m[1]} » reporté au ${m[2]} (heures calmes)`],
  [/^waiting until (.+)$/, (m) => `attend jusqu’au ${m[1]}`],
  [/^waiting for allowed hours: (.+)$/, (m) => `attend les heures autorisées : ${m[1]}`],
  [/^waiting for (\S+) \(at most (.+)\)$/, (m) => `attend : ${eventFr(m[1]!)} (au plus ${durationFr(m[2]!)})`],
  [/^(\S+) happened after (.+)$/, (m) => `${eventFr(m[1]!)} après ${durationFr(m[2]!)}`],
  [/^no (\S+) within (.+)$/, (m) => `pas de « ${eventFr(m[1]!)} » en ${durationFr(m[2]!)}`],
  [/^best hour (\d+)h \((.+)\) is now$/, (m) => `c’est la meilleure heure, ${m[1]} h (${m[2]})`],
  [/^did (\S+)$/, (m) => `a fait : ${eventFr(m[1]!)}`],
  [/^has tag "(.+)"$/, (m) => `a l’étiquette « ${m[1]} »`],
  [/^joined list "(.+)"$/, (m) => `a rejoint la liste « ${m[1]} »`],
  [/^([+-][\d.]+) points from script "(.+)"$/, (m) => `${m[1]} points (script « ${m[2]} »)`],
  [/^([+-][\d.]+) points$/, (m) => `${m[1]} points`],
  [/^waiting for best hour (\d+)h \((.+)\)$/, (m) => `attend la meilleure heure, ${m[1]} h (${m[2]})`],
  [/^waiting for (\S+)$/, (m) => `attend : ${eventFr(m[1]!)}`],
  [/^waiting (.+)$/, (m) => `attend ${durationFr(m[1]!)}`],
  [/^waited (.+)$/, (m) => `a attendu ${durationFr(m[1]!)}`],
  [/^allowed hours reached$/, () => 'heures autorisées atteintes'],
  [/^within allowed hours$/, () => 'dans les heures autorisées'],
  [/^best time reached$/, () => 'meilleure heure atteinte'],
  [/^date (.+) already passed$/, (m) => `la date ${m[1]} est déjà passée`],
  [/^(.+) is empty: no date to wait for$/, (m) => `${m[1]} est vide : pas de date à attendre`],
  [/^stage is "(.*)", condition wanted (.+) "(.*)"$/, (m) => `l’étape est « ${m[1]} », attendu : ${operatorFr(m[2]!)} « ${m[3]} »`],
  [/^(.+) is (".*"|empty), condition wanted it (.+)$/, (m) => `${m[1]} vaut ${quoteFr(m[2]!)}, attendu : ${operatorFr(m[3]!)}`],
  [/^(.+) is (".*"|empty), condition wanted (.+) (".*")$/, (m) => `${m[1]} vaut ${quoteFr(m[2]!)}, attendu : ${operatorFr(m[3]!)} ${quoteFr(m[4]!)}`],
  [
    /^did (\S+) (\d+) time\(s\) (.+), condition wanted at least (\S+)$/,
    (m) => `a fait « ${eventFr(m[1]!)} » ${m[2]} fois ${windowFr(m[3]!)}, attendu : au moins ${m[4]}`,
  ],
  [/^email of step "(.+)" was not sent$/, (m) => `le courriel de l’étape « ${m[1]} » n’a pas été envoyé`],
  [/^opened the email of step "(.+)"$/, (m) => `a ouvert le courriel de l’étape « ${m[1]} »`],
  [/^clicked the email of step "(.+)"$/, (m) => `a cliqué dans le courriel de l’étape « ${m[1]} »`],
  [/^has not opened the email of step "(.+)"$/, (m) => `n’a pas ouvert le courriel de l’étape « ${m[1]} »`],
  [/^has not clicked the email of step "(.+)"$/, (m) => `n’a pas cliqué dans le courriel de l’étape « ${m[1]} »`],
  [/^drew ([\d.]+): branch (.+?)(?: \((.+)%\))?$/, (m) => `tirage ${m[1]!.replace('.', ',')} : branche ${m[2]}${m[3] ? ` (${m[3].replace('.', ',')} %)` : ''}`],
  [/^(.+) is "(.*)", no branch for it$/, (m) => `${m[1]} vaut « ${m[2]} », aucune branche pour cette valeur`],
  [/^(.+) is "(.*)"$/, (m) => `${m[1]} vaut « ${m[2]} »`],
  [/^goal reached$/, () => 'objectif atteint'],
  [/^jumped to goal "(.+)": (.+)$/, (m) => `tiré jusqu’à l’objectif « ${m[1]} » : ${reasonFr(m[2]!)}`],
  [/^left the funnel: (.+) happened$/, (m) => `a quitté le tunnel : ${eventFr(m[1]!)}`],
  [/^left the funnel$/, () => 'a quitté le tunnel'],
  [/^sent to funnel "(.+)"$/, (m) => `envoyé vers le tunnel « ${m[1]} »`],
  [/^added to list "(.+)"$/, (m) => `ajouté à la liste « ${m[1]} »`],
  [/^already in list "(.+)"$/, (m) => `déjà dans la liste « ${m[1]} »`],
  [/^removed from list "(.+)"$/, (m) => `retiré de la liste « ${m[1]} »`],
  [/^tagged "(.+)"$/, (m) => `étiqueté « ${m[1]} »`],
  [/^untagged "(.+)"$/, (m) => `étiquette « ${m[1]} » retirée`],
  [/^stage set to "(.+)"$/, (m) => `étape passée à « ${m[1]} »`],
  [/^stage stays "(.+)": stages only move forward \(asked "(.+)"\)$/, (m) => `l’étape reste « ${m[1]} » : les étapes ne font qu’avancer (demandé : « ${m[2]} »)`],
  [/^set (.+) to "(.*)"$/, (m) => `${m[1]} passe à « ${m[2]} »`],
  [/^alerted (.+)$/, (m) => `${m[1]} prévenu`],
  [/^no alert: the contact has no owner$/, () => 'pas d’alerte : le contact n’a pas de responsable'],
  [/^queued call to (.+)$/, (m) => `appel à ${m[1]} programmé`],
  [/^script "(.+)" ran$/, (m) => `script « ${m[1]} » exécuté`],
  [/^script "(.+)" returned (.+)$/, (m) => `le script « ${m[1]} » a répondu ${m[2] === 'true' ? 'oui' : m[2] === 'false' ? 'non' : m[2]}`],
];

/** reasonFr rewrites one of the engine's reasons in French (unknown ones are returned as written). */
export function reasonFr(reason: string): string {
  for (const [re, fn] of FR) {
    const m = re.exec(reason);
    if (m) return fn(m);
  }
  return reason;
}

/** reasonText is a reason in the UI language. */
export function reasonText(reason: string, lang: Lang): string {
  return lang === 'fr' ? reasonFr(reason) : reason;
}

/** OUTCOME_KEYS name each journal outcome. */
export const OUTCOME_KEYS: Record<string, MessageKey> = {
  ok: 'sim.outcome.ok',
  skipped: 'sim.outcome.skipped',
  end: 'sim.outcome.end',
  wait: 'sim.outcome.wait',
  jump: 'sim.outcome.jump',
  exit: 'sim.outcome.exit',
  error: 'sim.outcome.error',
};

/** outcomeText names a journal outcome in the UI language. */
export function outcomeText(outcome: string, lang: Lang): string {
  const k = OUTCOME_KEYS[outcome];
  return k ? translate(lang, k) : outcome;
}
