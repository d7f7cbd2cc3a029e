// Every string the user reads, in English and French. The French dictionary
// is typed against the English one, so a missing translation fails `tsc`.
// Node titles, help and field labels come from the engine's catalogue in both
// languages and are not repeated here.
import type { Lang, Text } from '../api/types';
import * as contactsDict from '../screens/contacts/i18n';
import * as emailsDict from '../screens/emails/i18n';
import * as formsDict from '../screens/forms/i18n';
import * as funnelsDict from '../features/funnel/screen/i18n';
import * as framesDict from '../features/funnel/canvas/frames.i18n';
import * as printDict from '../features/funnel/screen/print.i18n';
import * as scriptsDict from '../screens/scripts/i18n';
import * as simDict from '../screens/simulation/i18n';
import * as a11yDict from './a11y';
import * as exportsDict from './exports';
import * as failuresDict from './failures';
import * as flowAriaDict from './flowAriaText';
import * as navDict from './nav';
import * as refsDict from './refs';
import * as settingsDict from './settings';
import * as websiteDict from './website';
import * as teamDict from './team';
import * as workspaceDict from './workspace';
import { formatNumber } from './format';
import { pseudo } from './pseudo';

const baseEn = {
  'app.loading': 'Loading…',
  'app.engineDown': 'The engine did not answer: {message}',

  'common.yes': 'yes',
  'common.no': 'no',
  'summary.once': 'once',
  'summary.times': '{n} times',
  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.delete': 'Delete',
  'common.create': 'Create',
  'common.rename': 'Rename',
  'common.save': 'Save',
  'common.remove': 'Remove',
  'common.choose': 'Choose…',
  'common.none': 'None',
  'common.default': 'Default: {value}',
  'common.required': 'required',
  'common.optional': 'optional',

  'lang.label': 'Language',
  'lang.en': 'EN',
  'lang.fr': 'FR',
  'lang.en.long': 'English',
  'lang.fr.long': 'French',

  'top.save': 'Save',
  'top.saveHint': 'Save the draft (Ctrl+S)',
  'top.publish': 'Publish',
  'top.publishHint': 'Make this draft live for contacts',
  'top.publishBlocked': 'Fix the problems marked in red before publishing',
  'top.status.saving': 'Saving…',
  'top.status.saved': 'Draft saved',
  'top.status.unsaved': 'Unsaved changes',
  'top.status.saveFailed': 'Not saved',
  'top.status.live': 'Live: version {version}',
  'top.status.neverPublished': 'Not published yet',
  'top.nameLabel': 'Funnel name',
  'top.toggleSidebar': 'Show or hide the funnel list',

  'flows.title': 'Funnels',
  'flows.new': 'New funnel',
  'flows.newPlaceholder': 'Name, e.g. Welcome series',
  'flows.empty': 'No funnel yet. Create your first one.',
  'flows.damaged': 'Cannot be opened: {error}',
  'flows.live': 'Live v{version}',
  'flows.draft': 'Draft',
  'flows.deleteTitle': 'Delete “{name}”?',
  'flows.deleteBody': 'The funnel, its draft and its published versions are removed from this workspace. This cannot be undone.',
  'flows.renameLabel': 'New name for the funnel',
  'flows.actions': 'Actions for {name}',
  'flows.workspace': 'Workspace: {path}',

  'palette.title': 'Add a step',
  'palette.search': 'Search steps',
  'palette.hint': 'Drag a step onto the canvas, or click it to add it.',
  'palette.noResult': 'No step matches “{query}”.',
  'palette.cat.start': 'Start when…',
  'palette.cat.check': 'Check',
  'palette.cat.wait': 'Wait',
  'palette.cat.do': 'Do',
  'palette.cat.finish': 'Finish',
  'palette.collapse': 'Hide the steps',
  'palette.expand': 'Show the steps',

  'canvas.empty.title': 'Draw your funnel',
  'canvas.empty.body': 'Start with how contacts come in: drag a step from “Start when…” (for example “Joins a list”) onto this space, or click it. Then add what happens next and link the steps by dragging from a dot at the bottom of a step to the top of the next one.',
  'canvas.noFlow.title': 'No funnel open',
  'canvas.noFlow.body': 'Pick a funnel on the left, or create a new one.',
  'canvas.loadFailed': 'This funnel cannot be opened: {message}',
  'canvas.layout': 'Tidy up',
  'canvas.layoutHint': 'Arrange the steps automatically',
  'canvas.addNote': 'Note',
  'canvas.addNoteHint': 'Add a sticky note',
  'canvas.undo': 'Undo (Ctrl+Z)',
  'canvas.redo': 'Redo (Ctrl+Shift+Z)',
  'canvas.delete': 'Delete the selection (Delete)',
  'canvas.duplicate': 'Duplicate (Ctrl+D)',
  'canvas.fit': 'Show the whole funnel',
  'canvas.minimap': 'Overview',
  'canvas.label': 'Funnel canvas',
  'find.label': 'Find a step',
  'find.placeholder': 'Find a step by name or kind (Ctrl+F)',
  'find.none': 'No step matches.',
  'find.more': '{count} more: type more words',

  'node.unknown': 'Unknown step “{type}”',
  'node.problems': '{count} problem(s)',
  'node.counts': '{count} contacts',
  'node.input': 'In',

  'note.placeholder': 'Write a note…',
  'note.colour': 'Colour',
  'note.colour.yellow': 'Yellow',
  'note.colour.blue': 'Blue',
  'note.colour.green': 'Green',
  'note.colour.pink': 'Pink',
  'note.colour.grey': 'Grey',

  'refuse.into_start': 'A start step begins the funnel: nothing can lead into it.',
  'refuse.self_loop': 'A step cannot lead to itself.',
  'refuse.port_taken': 'This output already leads to a step. Delete that link first (click it, then press Delete).',
  'refuse.note': 'Notes cannot be linked.',
  'refuse.unknown_step': 'That step does not exist.',

  'inspector.title': 'Settings',
  'inspector.flowTitle': 'Funnel settings',
  'inspector.flowHelp': 'Select a step on the canvas to set it up. These settings apply to the whole funnel.',
  'inspector.name': 'Name',
  'inspector.description': 'Description',
  'inspector.descriptionPlaceholder': 'What this funnel is for (optional)',
  'inspector.reentry': 'Can a contact go through it again?',
  'inspector.reentry.once': 'Only once, ever',
  'inspector.reentry.always': 'Every time the start happens',
  'inspector.reentry.per_period': 'At most once per period',
  'inspector.reentryPeriod': 'Period',
  'inspector.timezone': 'Time zone',
  'inspector.timezoneHelp': 'Used for contacts whose time zone is unknown, e.g. Europe/Paris.',
  // A time zone's name as the system writes it, the same in every language.
  'inspector.timezoneExample': 'Europe/Paris',
  'inspector.exitOn': 'Leave the funnel when the contact does',
  'inspector.exitOnHelp': 'For example “Purchase” in an abandoned-cart funnel: a buyer stops getting reminders.',
  'inspector.stepName': 'Name on the canvas',
  'inspector.stepNamePlaceholder': 'Optional, e.g. Welcome email',
  'inspector.deleteStep': 'Delete this step',
  'inspector.many': '{count} items selected',
  'inspector.manyHelp': 'Press Delete to remove them, Ctrl+C to copy or Ctrl+D to duplicate.',
  'inspector.note': 'Note',
  'inspector.noteText': 'Text',
  'inspector.unknownType': 'This step type is not in this version of Flightplan.',
  'inspector.noFields': 'Nothing to set: this step works as it is.',

  'field.duration.unit.m': 'minutes',
  'field.duration.unit.h': 'hours',
  'field.duration.unit.d': 'days',
  'field.duration.unit.w': 'weeks',
  'field.duration.custom': 'Other duration, e.g. 1d 12h',
  'field.duration.amount': 'Amount',
  'field.duration.unit': 'Unit',
  'field.branches.add': 'Add a branch',
  'field.branches.name': 'Branch name',
  'field.branches.share': 'Share (%)',
  'field.branches.total': 'Total: {total}%',
  'field.branches.totalWrong': 'Total: {total}% (must be 100%)',
  'field.branches.even': 'Share evenly',
  'field.cases.add': 'Add a value',
  'field.cases.placeholder': 'e.g. FR',
  'field.cases.help': 'One branch per value, plus “Other” for everything else.',
  'field.map.add': 'Add a condition',
  'field.map.addParam': 'Add a parameter',
  'field.map.key': 'Property',
  'field.map.value': 'Value',
  'field.map.empty': 'No condition.',
  'field.map.emptyParams': 'No parameter.',
  'field.node.none': 'No matching step in this funnel yet.',
  'field.url.placeholder': 'https://…',
  'field.pick.placeholder': 'Type or pick a name',

  'problems.title': 'Problems',
  'problems.none': 'No problem: the funnel is ready to publish.',
  'problems.checking': 'Checking the funnel…',
  'problems.errors': '{count} to fix',
  'problems.warnings': '{count} to check',
  'problems.flow': 'Funnel',
  'problems.error': 'Error',
  'problems.warning': 'Warning',

  'toast.saveFailed': 'The draft was not saved: {message}',
  'toast.published': 'Published: version {version} is live.',
  'toast.publishBlocked': 'This funnel cannot be published yet: {count} problem(s) to fix first (see Problems).',
  'toast.copied': 'Copied {count} item(s).',

  'day.short.mon': 'Mon',
  'day.short.tue': 'Tue',
  'day.short.wed': 'Wed',
  'day.short.thu': 'Thu',
  'day.short.fri': 'Fri',
  'day.short.sat': 'Sat',
  'day.short.sun': 'Sun',

} as const;

// Each screen keeps its own sentences next to its code (one file per screen,
// typed the same way) and they are merged here.
export const en = {
  ...baseEn,
  ...navDict.en,
  ...refsDict.en,
  ...settingsDict.en,
  ...contactsDict.en,
  ...emailsDict.en,
  ...formsDict.en,
  ...scriptsDict.en,
  ...simDict.en,
  ...funnelsDict.en,
  ...framesDict.en,
  ...printDict.en,
  ...failuresDict.en,
  ...flowAriaDict.en,
  ...websiteDict.en,
  ...workspaceDict.en,
  ...teamDict.en,
  ...a11yDict.en,
  ...exportsDict.en,
} as const;

/** MessageKey is a key of the dictionary. */
export type MessageKey = keyof typeof en;

const baseFr: Record<keyof typeof baseEn, string> = {
  'app.loading': 'Chargement…',
  'app.engineDown': 'Le moteur n’a pas répondu : {message}',

  'common.yes': 'oui',
  'common.no': 'non',
  'summary.once': 'une fois',
  'summary.times': '{n} fois',
  'common.cancel': 'Annuler',
  'common.close': 'Fermer',
  'common.delete': 'Supprimer',
  'common.create': 'Créer',
  'common.rename': 'Renommer',
  'common.save': 'Enregistrer',
  'common.remove': 'Retirer',
  'common.choose': 'Choisir…',
  'common.none': 'Aucun',
  'common.default': 'Par défaut : {value}',
  'common.required': 'obligatoire',
  'common.optional': 'facultatif',

  'lang.label': 'Langue',
  'lang.en': 'EN',
  'lang.fr': 'FR',
  'lang.en.long': 'Anglais',
  'lang.fr.long': 'Français',

  'top.save': 'Enregistrer',
  'top.saveHint': 'Enregistrer le brouillon (Ctrl+S)',
  'top.publish': 'Publier',
  'top.publishHint': 'Mettre ce brouillon en service pour les contacts',
  'top.publishBlocked': 'Corrigez les problèmes en rouge avant de publier',
  'top.status.saving': 'Enregistrement…',
  'top.status.saved': 'Brouillon enregistré',
  'top.status.unsaved': 'Modifications non enregistrées',
  'top.status.saveFailed': 'Non enregistré',
  'top.status.live': 'En service : version {version}',
  'top.status.neverPublished': 'Pas encore publié',
  'top.nameLabel': 'Nom du tunnel',
  'top.toggleSidebar': 'Afficher ou masquer la liste des tunnels',

  'flows.title': 'Tunnels',
  'flows.new': 'Nouveau tunnel',
  'flows.newPlaceholder': 'Nom, par ex. Série de bienvenue',
  'flows.empty': 'Aucun tunnel pour l’instant. Créez le premier.',
  'flows.damaged': 'Impossible à ouvrir : {error}',
  'flows.live': 'En service v{version}',
  'flows.draft': 'Brouillon',
  'flows.deleteTitle': 'Supprimer « {name} » ?',
  'flows.deleteBody': 'Le tunnel, son brouillon et ses versions publiées sont retirés de cet espace de travail. Impossible de revenir en arrière.',
  'flows.renameLabel': 'Nouveau nom du tunnel',
  'flows.actions': 'Actions pour {name}',
  'flows.workspace': 'Espace de travail : {path}',

  'palette.title': 'Ajouter une étape',
  'palette.search': 'Chercher une étape',
  'palette.hint': 'Glissez une étape sur le canevas, ou cliquez dessus pour l’ajouter.',
  'palette.noResult': 'Aucune étape ne correspond à « {query} ».',
  'palette.cat.start': 'Démarrer quand…',
  'palette.cat.check': 'Vérifier',
  'palette.cat.wait': 'Attendre',
  'palette.cat.do': 'Agir',
  'palette.cat.finish': 'Terminer',
  'palette.collapse': 'Masquer les étapes',
  'palette.expand': 'Afficher les étapes',

  'canvas.empty.title': 'Dessinez votre tunnel',
  'canvas.empty.body': 'Commencez par la façon dont les contacts arrivent : glissez une étape de « Démarrer quand… » (par exemple « Rejoint une liste ») sur cet espace, ou cliquez dessus. Ajoutez ensuite la suite et reliez les étapes en tirant un point du bas d’une étape vers le haut de la suivante.',
  'canvas.noFlow.title': 'Aucun tunnel ouvert',
  'canvas.noFlow.body': 'Choisissez un tunnel à gauche, ou créez-en un nouveau.',
  'canvas.loadFailed': 'Ce tunnel ne peut pas être ouvert : {message}',
  'canvas.layout': 'Ranger',
  'canvas.layoutHint': 'Disposer les étapes automatiquement',
  'canvas.addNote': 'Note',
  'canvas.addNoteHint': 'Ajouter une note',
  'canvas.undo': 'Annuler (Ctrl+Z)',
  'canvas.redo': 'Rétablir (Ctrl+Maj+Z)',
  'canvas.delete': 'Supprimer la sélection (Suppr)',
  'canvas.duplicate': 'Dupliquer (Ctrl+D)',
  'canvas.fit': 'Voir tout le tunnel',
  'canvas.minimap': 'Vue d’ensemble',
  'canvas.label': 'Canevas du tunnel',
  'find.label': 'Trouver une étape',
  'find.placeholder': 'Trouver une étape par son nom ou sa sorte (Ctrl+F)',
  'find.none': 'Aucune étape ne correspond.',
  'find.more': '{count} de plus : précisez votre recherche',

  'node.unknown': 'Étape inconnue « {type} »',
  'node.problems': '{count} problème(s)',
  'node.counts': '{count} contacts',
  'node.input': 'Entrée',

  'note.placeholder': 'Écrire une note…',
  'note.colour': 'Couleur',
  'note.colour.yellow': 'Jaune',
  'note.colour.blue': 'Bleu',
  'note.colour.green': 'Vert',
  'note.colour.pink': 'Rose',
  'note.colour.grey': 'Gris',

  'refuse.into_start': 'Une étape de départ commence le tunnel : rien ne peut y mener.',
  'refuse.self_loop': 'Une étape ne peut pas mener à elle-même.',
  'refuse.port_taken': 'Cette sortie mène déjà à une étape. Supprimez d’abord ce lien (cliquez dessus, puis Suppr).',
  'refuse.note': 'Les notes ne se relient pas.',
  'refuse.unknown_step': 'Cette étape n’existe pas.',

  'inspector.title': 'Réglages',
  'inspector.flowTitle': 'Réglages du tunnel',
  'inspector.flowHelp': 'Sélectionnez une étape sur le canevas pour la régler. Ces réglages valent pour tout le tunnel.',
  'inspector.name': 'Nom',
  'inspector.description': 'Description',
  'inspector.descriptionPlaceholder': 'À quoi sert ce tunnel (facultatif)',
  'inspector.reentry': 'Un contact peut-il le refaire ?',
  'inspector.reentry.once': 'Une seule fois, pour toujours',
  'inspector.reentry.always': 'À chaque déclenchement',
  'inspector.reentry.per_period': 'Au plus une fois par période',
  'inspector.reentryPeriod': 'Période',
  'inspector.timezone': 'Fuseau horaire',
  'inspector.timezoneHelp': 'Pour les contacts dont le fuseau est inconnu, par ex. Europe/Paris.',
  'inspector.timezoneExample': 'Europe/Paris',
  'inspector.exitOn': 'Sortir du tunnel quand le contact fait',
  'inspector.exitOnHelp': 'Par exemple « Achat » dans un tunnel de panier abandonné : un acheteur ne reçoit plus de relances.',
  'inspector.stepName': 'Nom sur le canevas',
  'inspector.stepNamePlaceholder': 'Facultatif, ex. Bienvenue',
  'inspector.deleteStep': 'Supprimer cette étape',
  'inspector.many': '{count} éléments sélectionnés',
  'inspector.manyHelp': 'Suppr pour les retirer, Ctrl+C pour copier, Ctrl+D pour dupliquer.',
  'inspector.note': 'Note',
  'inspector.noteText': 'Texte',
  'inspector.unknownType': 'Ce type d’étape n’existe pas dans cette version de Flightplan.',
  'inspector.noFields': 'Rien à régler : cette étape fonctionne telle quelle.',

  'field.duration.unit.m': 'minutes',
  'field.duration.unit.h': 'heures',
  'field.duration.unit.d': 'jours',
  'field.duration.unit.w': 'semaines',
  'field.duration.custom': 'Autre durée, par ex. 1j 12h',
  'field.duration.amount': 'Quantité',
  'field.duration.unit': 'Unité',
  'field.branches.add': 'Ajouter une branche',
  'field.branches.name': 'Nom de la branche',
  'field.branches.share': 'Part (%)',
  'field.branches.total': 'Total : {total} %',
  'field.branches.totalWrong': 'Total : {total} % (doit faire 100 %)',
  'field.branches.even': 'Répartir également',
  'field.cases.add': 'Ajouter une valeur',
  'field.cases.placeholder': 'par ex. FR',
  'field.cases.help': 'Une branche par valeur, plus « Autre » pour tout le reste.',
  'field.map.add': 'Ajouter une condition',
  'field.map.addParam': 'Ajouter un paramètre',
  'field.map.key': 'Propriété',
  'field.map.value': 'Valeur',
  'field.map.empty': 'Aucune condition.',
  'field.map.emptyParams': 'Aucun paramètre.',
  'field.node.none': 'Aucune étape de ce type dans ce tunnel pour l’instant.',
  'field.url.placeholder': 'https://…',
  'field.pick.placeholder': 'Tapez ou choisissez un nom',

  'problems.title': 'Problèmes',
  'problems.none': 'Aucun problème : le tunnel est prêt à être publié.',
  'problems.checking': 'Vérification du tunnel…',
  'problems.errors': '{count} à corriger',
  'problems.warnings': '{count} à vérifier',
  'problems.flow': 'Tunnel',
  'problems.error': 'Erreur',
  'problems.warning': 'Avertissement',

  'toast.saveFailed': 'Le brouillon n’a pas été enregistré : {message}',
  'toast.published': 'Publié : la version {version} est en service.',
  'toast.publishBlocked': 'Ce tunnel ne peut pas encore être publié : {count} problème(s) à corriger d’abord (voir Problèmes).',
  'toast.copied': '{count} élément(s) copié(s).',

  'day.short.mon': 'Lun',
  'day.short.tue': 'Mar',
  'day.short.wed': 'Mer',
  'day.short.thu': 'Jeu',
  'day.short.fri': 'Ven',
  'day.short.sat': 'Sam',
  'day.short.sun': 'Dim',
};

export const fr: Record<MessageKey, string> = {
  ...baseFr,
  ...navDict.fr,
  ...refsDict.fr,
  ...settingsDict.fr,
  ...contactsDict.fr,
  ...emailsDict.fr,
  ...formsDict.fr,
  ...scriptsDict.fr,
  ...simDict.fr,
  ...funnelsDict.fr,
  ...framesDict.fr,
  ...printDict.fr,
  ...failuresDict.fr,
  ...flowAriaDict.fr,
  ...websiteDict.fr,
  ...workspaceDict.fr,
  ...teamDict.fr,
  ...a11yDict.fr,
  ...exportsDict.fr,
};

/**
 * frIssues are the French sentences for the engine's stable issue codes (the
 * engine writes its messages in English). {field} is the field's label and
 * {port} the output's label, in French.
 */
export const frIssues: Record<string, string> = {
  required: '{field} est obligatoire',
  not_a_number: '{field} doit être un nombre',
  out_of_range: '{field} est hors des limites',
  bad_duration: '{field} : durée invalide (ex. 2d, 4h, 1w)',
  bad_choice: '{field} : choisissez une des options',
  bad_time: '{field} : heure invalide (ex. 09:30)',
  bad_date: '{field} : date invalide (ex. 2026-12-24)',
  bad_url: '{field} doit commencer par http:// ou https://',
  bad_branch: 'Chaque branche doit avoir un nom simple et unique',
  split_total: 'Les parts des branches doivent faire 100 % au total',
  unknown_node: '{field} : cette étape n’existe pas dans ce tunnel',
  wrong_node_type: '{field} : cette étape n’est pas du bon type',
  flow_no_entry: 'Ce tunnel n’a pas de départ « Depuis un autre tunnel » : les contacts ne peuvent pas y entrer',
  wait_forever: 'Sans délai maximum, les contacts qui ne le font jamais attendent pour toujours',
  port_unconnected: 'La sortie « {port} » n’est reliée à rien',
  port_unconnected_wait: 'La sortie « {port} » ne mène nulle part : les contacts s’arrêtent ici après l’attente',
  unreachable: 'Aucune étape ne mène ici : les contacts n’y arrivent jamais',
  no_trigger: 'Le tunnel n’a pas de départ : ajoutez par exemple « Rejoint une liste »',
  no_id: 'Le tunnel n’a pas d’identifiant',
  bad_reentry_period: 'Période de réentrée invalide (ex. 30d)',
  bad_reentry: 'Règle de réentrée inconnue',
  no_node_id: 'Une étape n’a pas d’identifiant',
  duplicate_node: 'Deux étapes ont le même identifiant',
  unknown_type: 'Type d’étape inconnu',
  edge_unknown_node: 'Un lien mène à une étape qui n’existe pas',
  into_trigger: 'Rien ne peut mener à une étape de départ',
  self_loop: 'Une étape ne peut pas mener à elle-même',
  unknown_port: 'Un lien part d’une sortie qui n’existe plus',
  port_multiple: 'Une sortie mène à plusieurs étapes : une sortie mène à une seule étape',
  instant_loop: 'Ces étapes tournent en boucle sans attente : ajoutez une attente dans la boucle',
  engagement_no_wait: 'Pas d’attente entre le courriel et ce test : les contacts n’auront pas eu le temps de l’ouvrir',
  flow_loop: 'Des tunnels s’envoient des contacts en boucle sans attente ni limite de réentrée : ajoutez une attente ou limitez la réentrée',
  unknown_field: 'Ce réglage n’est pas utilisé par cette étape',
  score_once:
    'Chaque contact ne recevra ces points qu’une seule fois, pour toujours : le tunnel démarre sur un événement mais ne laisse passer chaque contact qu’une fois. Choisissez « À chaque déclenchement » (Un contact peut-il le refaire ?) pour compter chaque visite',
  unknown_reference: '{field} : introuvable (supprimé, ou jamais créé) — choisissez-en un qui existe',
  unknown_event_type: '{field} : personne n’a encore déclaré ni envoyé cet événement — choisissez-en un de la liste ou créez-le',
  workspace_unread: 'L’espace de travail n’a pas pu être lu : les courriels, listes et segments nommés n’ont pas été vérifiés',
};

/**
 * enIssues replace the engine's English sentence for the codes whose
 * message names things by their stored id (ids never appear on screen).
 */
export const enIssues: Record<string, string> = {
  unknown_reference: '{field}: missing (deleted, or never created) — pick one that exists',
  unknown_event_type: '{field}: nobody has declared or sent this event yet — pick one from the list or create it',
};

export const dictionaries: Record<Lang, Record<MessageKey, string>> = { en, fr };

/**
 * translate returns the sentence for key in lang, with {name} placeholders
 * filled; a number fills in the language's form ("12 345", "2,5"). In the
 * pseudo-locale (tests) the sentence comes wrapped in ⟦…⟧.
 */
export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const s = pseudo(dictionaries[lang]?.[key] ?? en[key] ?? key);
  return vars ? fill(s, vars, lang) : s;
}

/** fill replaces {name} placeholders; numbers are written in lang's form when lang is given. */
export function fill(s: string, vars: Record<string, string | number>, lang?: Lang): string {
  return s.replace(/\{([a-zA-Z_]+)\}/g, (m, k: string) => {
    if (!(k in vars)) return m;
    const v = vars[k];
    return typeof v === 'number' && lang ? formatNumber(v, lang, 2) : String(v);
  });
}

/** tx picks a catalogue text in lang, falling back to English (wrapped in the pseudo-locale). */
export function tx(t: Text | undefined, lang: Lang): string {
  if (!t) return '';
  return pseudo(t[lang] || t.en || '');
}
