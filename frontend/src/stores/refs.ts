// The workspace's named things, as the reference choosers list them. The
// list is asked again whenever a chooser opens, when the window gets the
// focus back and when emails change in the app, so a thing made anywhere
// shows without a restart.
import { create } from 'zustand';
import type { FieldType } from '../api/fieldTypes';
import { EMPTY_REFS, refsApi, type References } from '../api/refs';
import type { Lang } from '../api/types';
import { translate, tx } from '../i18n/dict';
import { FIELD_LABELS } from '../i18n/fields';
import { useEmails } from './emails';

/** RefOption is one choice of a chooser: key stored, name and detail shown. */
export interface RefOption {
  key: string;
  name: string;
  detail?: string;
  count?: number;
  /** words are extra texts typing matches (an event's name in the other language, its type). */
  words?: string[];
}

interface RefsState {
  refs: References;
  /** version grows at each load, so views that show names redraw. */
  version: number;
  status: 'idle' | 'loading' | 'ready' | 'error';
  refresh(): Promise<void>;
}

let inFlight: Promise<void> | null = null;
let again = false;
let listening = false;

function listen() {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  window.addEventListener('focus', () => void useRefs.getState().refresh());
  useEmails.subscribe((s, prev) => {
    if (s.templates !== prev.templates) void useRefs.getState().refresh();
  });
}

export const useRefs = create<RefsState>()((set, get) => ({
  refs: EMPTY_REFS,
  version: 0,
  status: 'idle',
  async refresh() {
    listen();
    if (inFlight) {
      // A change during a load: load once more after it, so the last
      // answer reflects the last change.
      again = true;
      return inFlight;
    }
    if (get().status === 'idle') set({ status: 'loading' });
    inFlight = (async () => {
      try {
        const r = await refsApi().references();
        set((s) => ({ refs: { ...EMPTY_REFS, ...stripNulls(r) }, version: s.version + 1, status: 'ready' }));
      } catch {
        set({ status: get().version > 0 ? 'ready' : 'error' });
      } finally {
        inFlight = null;
      }
      if (again) {
        again = false;
        await get().refresh();
      }
    })();
    return inFlight;
  },
}));

function stripNulls(r: References): Partial<References> {
  const out: Partial<References> = {};
  for (const [k, v] of Object.entries(r)) if (Array.isArray(v)) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** REF_KIND maps a reference field type to its entry of References. */
export const REF_KIND = {
  template: 'emails',
  list: 'lists',
  tag: 'tags',
  segment: 'segments',
  field: 'fields',
  script: 'scripts',
  flow: 'flows',
  event_type: 'event_types',
  teammate: 'teammates',
  form: 'forms',
} as const satisfies Partial<Record<FieldType, keyof References>>;

export type RefFieldType = keyof typeof REF_KIND;

/**
 * NAME_KEYED are the kinds a flow stores by name: a list or tag an action
 * makes, an event still to come, read as typed; emails, segments and
 * funnels are stored by id, so a missing one reads “Missing email”.
 */
export const NAME_KEYED: ReadonlySet<RefFieldType> = new Set(['list', 'tag', 'event_type', 'field', 'script', 'form']);

/** OWNER is the alert recipient that means "the contact's owner". */
export const OWNER = 'owner';

/** isRefType reports whether a field type points at a named thing. */
export function isRefType(t: FieldType): t is RefFieldType {
  return t in REF_KIND;
}

/** refOptions lists the choices of a reference field type, named in lang. */
export function refOptions(refs: References, type: RefFieldType, lang: Lang): RefOption[] {
  if (type === 'event_type') {
    return refs.event_types.map((e) => {
      const name = tx(e.name, lang) || e.type;
      return { key: e.type, name, words: [e.type, e.name.en, e.name.fr] };
    });
  }
  if (type === 'field') {
    return refs.fields.map((r) => {
      const label = FIELD_LABELS[r.key];
      return { key: r.key, name: label ? translate(lang, label) : r.name, detail: r.detail, count: r.count, words: [r.key, r.name] };
    });
  }
  // A rule is named by its title in lang; typing its key still finds it.
  return refs[REF_KIND[type]].map((r) => ({ key: r.key, name: nameIn(r, lang), detail: r.detail, count: r.count, ...(r.name_fr ? { words: [r.key, r.name, r.name_fr] } : {}) }));
}

/** nameIn is a thing's name in lang: its French one when it has its own. */
function nameIn(r: { name: string; name_fr?: string }, lang: Lang): string {
  return lang === 'fr' && r.name_fr ? r.name_fr : r.name;
}

/** refName is the name to show for a stored key, or undefined when the thing is missing. */
export function refName(refs: References, type: RefFieldType, key: string, lang: Lang): string | undefined {
  if (type === 'event_type') {
    const e = refs.event_types.find((x) => x.type === key);
    return e ? tx(e.name, lang) : undefined;
  }
  // An alert goes to the contact's owner, or to a plain address (older funnels).
  if (type === 'teammate' && key === OWNER) return translate(lang, 'teammate.owner');
  if (type === 'teammate' && key.includes('@')) return refs.teammates.find((r) => r.key === key)?.name ?? key;
  // The fields every workspace has are named in the UI language (the
  // engine names them in English).
  if (type === 'field' && key in FIELD_LABELS) return translate(lang, FIELD_LABELS[key]!);
  const list = refs[REF_KIND[type]];
  // List and tag names ignore case, as the engine does.
  const hit = type === 'list' || type === 'tag' ? list.find((r) => r.key.toLowerCase() === key.toLowerCase()) : list.find((r) => r.key === key);
  return hit ? nameIn(hit, lang) : undefined;
}

/**
 * fold makes typed text and names comparable: lower case, accents and
 * separators gone ("Page visitée", "page_visited" and "page visit" meet).
 */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** matches reports whether an option fits what the user typed. */
export function matches(o: RefOption, query: string): boolean {
  const q = fold(query);
  if (q === '') return true;
  const stem = q.replace(/(ed|ee|e|d)$/, '');
  return [o.name, o.detail ?? '', ...(o.words ?? [])].some((w) => {
    const f = fold(w);
    return f.includes(q) || (stem.length >= 3 && f.includes(stem));
  });
}
