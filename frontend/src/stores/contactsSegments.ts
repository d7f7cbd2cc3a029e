// Segments: the saved list with counts, and the rule builder. The builder
// edits a draft tree (rules and nested groups, each with a local id for
// React and for placing errors); toSegment turns it into the engine's
// Segment JSON. Every edit schedules a debounced live count; the engine's
// refusal ("group 1: rule 2: operator … needs a value") is placed next to
// the rule or group it names.
import { create } from 'zustand';
import { errorMessage } from '../api/backend';
import {
  contactsApi,
  type Contact,
  type ContactFieldType,
  type FieldDef,
  type PropFilter,
  type Rule,
  type RuleKind,
  type Segment,
} from '../api/contacts';
import { useContactsTable } from './contactsTable';

/** COUNT_DEBOUNCE_MS is how long edits must pause before the live count runs. */
export const COUNT_DEBOUNCE_MS = 400;

/** RULE_KINDS lists the kinds of rule, in the order the "add a rule" menu shows them. */
export const RULE_KINDS: readonly RuleKind[] = ['field', 'list', 'tag', 'score', 'stage', 'temperature', 'event'];

/** FIELD_RULE_TYPES are the field types whose operators the builder asks for. */
export const FIELD_RULE_TYPES: readonly ContactFieldType[] = ['text', 'number', 'date', 'boolean', 'choice', 'email', 'phone', 'datetime'];

/** NO_VALUE_OPS need no value. */
export const NO_VALUE_OPS: ReadonlySet<string> = new Set(['is_empty', 'not_empty']);

/** DAYS_OPS take a number of days as their value. */
export const DAYS_OPS: ReadonlySet<string> = new Set(['within_last_days', 'more_than_days_ago']);

/** LIST_VALUE_OPS take several values, comma-separated. */
export const LIST_VALUE_OPS: ReadonlySet<string> = new Set(['in', 'not_in']);

export interface DraftFilter {
  id: string;
  key: string;
  op: string;
  value: string;
}

export interface DraftRule {
  id: string;
  kind: RuleKind;
  field: string;
  op: string;
  value: string;
  event: string;
  filters: DraftFilter[];
  /** times: at least this many events (1 when 0). */
  times: number;
  /** days: within the last N days; 0 is ever. */
  days: number;
}

export interface DraftGroup {
  id: string;
  match: 'all' | 'any';
  rules: DraftRule[];
  groups: DraftGroup[];
}

export interface SegmentDraft {
  id?: string;
  name: string;
  root: DraftGroup;
}

export interface LiveCount {
  status: 'idle' | 'counting' | 'ok' | 'error';
  count: number | null;
  preview: Contact[];
  /** error is the engine's refusal, without the segment's name in front. */
  error: string | null;
  /** ruleErrors and groupErrors place the refusal next to what it names. */
  ruleErrors: Record<string, string>;
  groupErrors: Record<string, string>;
}

const IDLE: LiveCount = { status: 'idle', count: null, preview: [], error: null, ruleErrors: {}, groupErrors: {} };

let seq = 0;
const nextId = (p: string) => `${p}${++seq}`;

/** newGroup makes an empty group. */
export function newGroup(match: 'all' | 'any' = 'all'): DraftGroup {
  return { id: nextId('g'), match, rules: [], groups: [] };
}

/** newDraft makes an empty segment (it matches everyone until a rule is added). */
export function newDraft(): SegmentDraft {
  return { name: '', root: newGroup() };
}

/** newRule makes a rule of a kind with values that count at once where possible. */
export function newRule(kind: RuleKind, ctx: { fields?: FieldDef[]; lists?: string[]; tags?: string[]; operators?: Record<string, string[]> } = {}): DraftRule {
  const base: DraftRule = { id: nextId('r'), kind, field: '', op: '', value: '', event: '', filters: [], times: 1, days: 0 };
  switch (kind) {
    case 'field': {
      const f = ctx.fields?.find((d) => d.name === 'country') ?? ctx.fields?.[0];
      const type = f?.type ?? 'text';
      return { ...base, field: f?.name ?? 'country', op: ctx.operators?.[operatorsKey('field', type)]?.[0] ?? 'equals' };
    }
    case 'list':
      return { ...base, op: 'in', value: ctx.lists?.[0] ?? '' };
    case 'tag':
      return { ...base, op: 'has', value: ctx.tags?.[0] ?? '' };
    case 'score':
      return { ...base, op: 'gte', value: '50' };
    case 'stage':
      return { ...base, op: 'at_least', value: 'mql' };
    case 'temperature':
      return { ...base, op: 'equals', value: 'hot' };
    case 'event':
      return { ...base, op: 'did', event: 'email_opened', times: 1, days: 30 };
  }
}

/** newFilter makes an event property filter. */
export function newFilter(): DraftFilter {
  return { id: nextId('f'), key: '', op: 'equals', value: '' };
}

/** operatorsKey indexes the operator cache by rule kind and, for field rules, field type. */
export function operatorsKey(kind: RuleKind, type: ContactFieldType | '' = ''): string {
  return kind === 'field' ? `field:${type || 'text'}` : kind;
}

function ruleToJSON(r: DraftRule): Rule {
  switch (r.kind) {
    case 'field':
      return NO_VALUE_OPS.has(r.op) ? { kind: r.kind, field: r.field, op: r.op } : { kind: r.kind, field: r.field, op: r.op, value: r.value.trim() };
    case 'event': {
      const out: Rule = { kind: 'event', op: r.op, event: r.event.trim() };
      const filters: PropFilter[] = r.filters
        .filter((f) => f.key.trim() !== '')
        .map((f) => (f.op === 'exists' ? { key: f.key.trim(), op: f.op } : { key: f.key.trim(), op: f.op, value: f.value }));
      if (filters.length) out.filters = filters;
      if (r.times > 1) out.times = r.times;
      if (r.days > 0) out.days = r.days;
      return out;
    }
    default:
      return { kind: r.kind, op: r.op, value: r.value.trim() };
  }
}

function groupToJSON(g: DraftGroup): Segment {
  const out: Segment = { match: g.match, rules: g.rules.map(ruleToJSON) };
  if (g.groups.length) out.groups = g.groups.map(groupToJSON);
  return out;
}

/** toSegment is the engine's Segment JSON for a draft. */
export function toSegment(d: SegmentDraft): Segment {
  const out: Segment = { ...groupToJSON(d.root), name: d.name.trim() };
  if (d.id) out.id = d.id;
  return out;
}

function ruleFromJSON(r: Rule): DraftRule {
  return {
    id: nextId('r'),
    kind: r.kind,
    field: r.field ?? '',
    op: r.op ?? '',
    value: r.value ?? '',
    event: r.event ?? '',
    filters: (r.filters ?? []).map((f) => ({ id: nextId('f'), key: f.key, op: f.op || 'equals', value: f.value ?? '' })),
    times: Math.max(r.times ?? 1, 1),
    days: r.days ?? 0,
  };
}

function groupFromJSON(s: Segment): DraftGroup {
  return {
    id: nextId('g'),
    match: s.match === 'any' ? 'any' : 'all',
    rules: (s.rules ?? []).map(ruleFromJSON),
    groups: (s.groups ?? []).map(groupFromJSON),
  };
}

/** fromSegment turns a saved segment into a draft. */
export function fromSegment(s: Segment): SegmentDraft {
  return { id: s.id, name: s.name ?? '', root: groupFromJSON(s) };
}

/** stripSegmentLabel drops the `segment "name": ` the engine puts in front of its errors. */
export function stripSegmentLabel(message: string): string {
  return message.replace(/^segment(?: "(?:[^"\\]|\\.)*")?: /, '');
}

/**
 * locateError finds the rule or group an engine error names. The engine
 * numbers a group's rules first, then its groups, from 1: "group 2: rule 1: …".
 */
export function locateError(draft: SegmentDraft, message: string): { ruleId?: string; groupId?: string; text: string } {
  let rest = stripSegmentLabel(message);
  let g: DraftGroup | undefined = draft.root;
  let groupId: string | undefined;
  for (;;) {
    const m = /^group (\d+): /.exec(rest);
    if (!m || !g) break;
    g = g.groups[Number(m[1]) - 1];
    groupId = g?.id;
    rest = rest.slice(m[0].length);
  }
  const r = /^rule (\d+): /.exec(rest);
  if (r && g) {
    const rule = g.rules[Number(r[1]) - 1];
    if (rule) return { ruleId: rule.id, text: rest.slice(r[0].length) };
  }
  if (groupId) return { groupId, text: rest };
  return { text: rest };
}

// Tree edits, by id, returning new objects along the changed path.
function mapGroup(g: DraftGroup, fn: (g: DraftGroup) => DraftGroup): DraftGroup {
  const next = fn(g);
  const groups = next.groups.map((c) => mapGroup(c, fn));
  return groups.some((c, i) => c !== next.groups[i]) ? { ...next, groups } : next;
}

function editGroup(root: DraftGroup, id: string, fn: (g: DraftGroup) => DraftGroup): DraftGroup {
  return mapGroup(root, (g) => (g.id === id ? fn(g) : g));
}

function editRule(root: DraftGroup, id: string, fn: (r: DraftRule) => DraftRule): DraftGroup {
  return mapGroup(root, (g) => (g.rules.some((r) => r.id === id) ? { ...g, rules: g.rules.map((r) => (r.id === id ? fn(r) : r)) } : g));
}

/** countRules counts the rules of a tree. */
export function countRules(g: DraftGroup): number {
  return g.rules.length + g.groups.reduce((n, c) => n + countRules(c), 0);
}

interface SegmentsState {
  segments: Segment[];
  counts: Record<string, number | null>;
  listStatus: 'idle' | 'loading' | 'ready' | 'error';
  listError: string | null;
  draft: SegmentDraft | null;
  dirty: boolean;
  live: LiveCount;
  operators: Record<string, string[]>;
  saving: boolean;
  saveError: string | null;
  /** nameMissing is set when saving a segment without a name. */
  nameMissing: boolean;

  loadList(): Promise<void>;
  loadOperators(): Promise<void>;
  newSegment(): void;
  edit(id: string): void;
  closeDraft(): void;
  setName(name: string): void;
  setMatch(groupId: string, match: 'all' | 'any'): void;
  addRule(groupId: string, rule: DraftRule): void;
  updateRule(ruleId: string, patch: Partial<Omit<DraftRule, 'id'>>): void;
  removeRule(ruleId: string): void;
  addGroup(parentId: string): void;
  removeGroup(groupId: string): void;
  addFilter(ruleId: string): void;
  updateFilter(ruleId: string, filterId: string, patch: Partial<Omit<DraftFilter, 'id'>>): void;
  removeFilter(ruleId: string, filterId: string): void;
  /** countNow runs the live count at once (the debounced one calls it). */
  countNow(): Promise<void>;
  save(): Promise<boolean>;
  remove(id: string): Promise<boolean>;
}

let countTimer: ReturnType<typeof setTimeout> | undefined;
let countSeq = 0;

/** cancelSegmentTimers stops a pending live count (tests). */
export function cancelSegmentTimers(): void {
  if (countTimer) clearTimeout(countTimer);
  countTimer = undefined;
}

export const useSegments = create<SegmentsState>()((set, get) => {
  const scheduleCount = () => {
    cancelSegmentTimers();
    set((s) => ({ live: { ...s.live, status: 'counting' } }));
    countTimer = setTimeout(() => {
      countTimer = undefined;
      void get().countNow();
    }, COUNT_DEBOUNCE_MS);
  };
  const change = (fn: (d: SegmentDraft) => SegmentDraft, recount = true) => {
    const d = get().draft;
    if (!d) return;
    set({ draft: fn(d), dirty: true, saveError: null });
    if (recount) scheduleCount();
  };

  return {
    segments: [],
    counts: {},
    listStatus: 'idle',
    listError: null,
    draft: null,
    dirty: false,
    live: IDLE,
    operators: {},
    saving: false,
    saveError: null,
    nameMissing: false,

    async loadList() {
      set({ listStatus: get().listStatus === 'ready' ? 'ready' : 'loading' });
      let segments: Segment[];
      try {
        segments = await contactsApi().segments();
      } catch (err) {
        set({ listStatus: 'error', listError: errorMessage(err) });
        return;
      }
      set({ segments, listStatus: 'ready', listError: null });
      // Counts come one by one: each is a scan of the contacts.
      for (const s of segments) {
        if (!s.id) continue;
        try {
          const c = await contactsApi().countSegment(s);
          set((st) => ({ counts: { ...st.counts, [s.id as string]: c.count } }));
        } catch {
          set((st) => ({ counts: { ...st.counts, [s.id as string]: null } }));
        }
      }
    },
    async loadOperators() {
      const want: [RuleKind, ContactFieldType | ''][] = [
        ...RULE_KINDS.filter((k) => k !== 'field').map((k): [RuleKind, ''] => [k, '']),
        ...FIELD_RULE_TYPES.map((t): [RuleKind, ContactFieldType] => ['field', t]),
      ];
      const missing = want.filter(([k, t]) => !get().operators[operatorsKey(k, t)]);
      if (!missing.length) return;
      try {
        const lists = await Promise.all(missing.map(([k, t]) => contactsApi().operators(k, t)));
        set((s) => {
          const operators = { ...s.operators };
          missing.forEach(([k, t], i) => (operators[operatorsKey(k, t)] = lists[i]));
          return { operators };
        });
      } catch (err) {
        set({ listError: errorMessage(err) });
      }
    },
    newSegment() {
      cancelSegmentTimers();
      set({ draft: newDraft(), dirty: false, live: IDLE, saveError: null, nameMissing: false });
      scheduleCount();
    },
    edit(id) {
      const seg = get().segments.find((s) => s.id === id);
      if (!seg) return;
      cancelSegmentTimers();
      set({ draft: fromSegment(seg), dirty: false, live: IDLE, saveError: null, nameMissing: false });
      scheduleCount();
    },
    closeDraft() {
      cancelSegmentTimers();
      set({ draft: null, dirty: false, live: IDLE, saveError: null, nameMissing: false });
    },
    setName(name) {
      change((d) => ({ ...d, name }), false);
      if (name.trim()) set({ nameMissing: false });
    },
    setMatch(groupId, match) {
      change((d) => ({ ...d, root: editGroup(d.root, groupId, (g) => ({ ...g, match })) }));
    },
    addRule(groupId, rule) {
      change((d) => ({ ...d, root: editGroup(d.root, groupId, (g) => ({ ...g, rules: [...g.rules, rule] })) }));
    },
    updateRule(ruleId, patch) {
      change((d) => ({ ...d, root: editRule(d.root, ruleId, (r) => ({ ...r, ...patch })) }));
    },
    removeRule(ruleId) {
      change((d) => ({ ...d, root: mapGroup(d.root, (g) => (g.rules.some((r) => r.id === ruleId) ? { ...g, rules: g.rules.filter((r) => r.id !== ruleId) } : g)) }));
    },
    addGroup(parentId) {
      change((d) => ({ ...d, root: editGroup(d.root, parentId, (g) => ({ ...g, groups: [...g.groups, newGroup(g.match === 'all' ? 'any' : 'all')] })) }));
    },
    removeGroup(groupId) {
      change((d) => ({ ...d, root: mapGroup(d.root, (g) => (g.groups.some((c) => c.id === groupId) ? { ...g, groups: g.groups.filter((c) => c.id !== groupId) } : g)) }));
    },
    addFilter(ruleId) {
      change((d) => ({ ...d, root: editRule(d.root, ruleId, (r) => ({ ...r, filters: [...r.filters, newFilter()] })) }), false);
    },
    updateFilter(ruleId, filterId, patch) {
      change((d) => ({
        ...d,
        root: editRule(d.root, ruleId, (r) => ({ ...r, filters: r.filters.map((f) => (f.id === filterId ? { ...f, ...patch } : f)) })),
      }));
    },
    removeFilter(ruleId, filterId) {
      change((d) => ({ ...d, root: editRule(d.root, ruleId, (r) => ({ ...r, filters: r.filters.filter((f) => f.id !== filterId) })) }));
    },
    async countNow() {
      cancelSegmentTimers();
      const d = get().draft;
      if (!d) return;
      const my = ++countSeq;
      set((s) => ({ live: { ...s.live, status: 'counting' } }));
      // The engine checks segments as it would save them, name included:
      // an unnamed draft is counted under a stand-in name.
      const seg = toSegment(d);
      if (!seg.name) seg.name = 'draft';
      try {
        const res = await contactsApi().countSegment(seg);
        if (my !== countSeq) return;
        set({ live: { status: 'ok', count: res.count, preview: res.preview, error: null, ruleErrors: {}, groupErrors: {} } });
      } catch (err) {
        if (my !== countSeq) return;
        const draft = get().draft ?? d;
        const at = locateError(draft, errorMessage(err));
        set((s) => ({
          live: {
            status: 'error',
            count: null,
            preview: s.live.preview,
            error: at.text,
            ruleErrors: at.ruleId ? { [at.ruleId]: at.text } : {},
            groupErrors: at.groupId ? { [at.groupId]: at.text } : {},
          },
        }));
      }
    },
    async save() {
      const d = get().draft;
      if (!d) return false;
      if (!d.name.trim()) {
        set({ nameMissing: true });
        return false;
      }
      set({ saving: true, saveError: null, nameMissing: false });
      try {
        const stored = await contactsApi().saveSegment(toSegment(d));
        set((s) => ({ saving: false, dirty: false, draft: s.draft ? { ...s.draft, id: stored.id, name: stored.name ?? s.draft.name } : s.draft }));
      } catch (err) {
        const at = locateError(d, errorMessage(err));
        set((s) => ({
          saving: false,
          saveError: at.text,
          live: { ...s.live, ruleErrors: at.ruleId ? { [at.ruleId]: at.text } : s.live.ruleErrors, groupErrors: at.groupId ? { [at.groupId]: at.text } : s.live.groupErrors },
        }));
        return false;
      }
      void useContactsTable.getState().loadLookups();
      await get().loadList();
      return true;
    },
    async remove(id) {
      try {
        await contactsApi().deleteSegment(id);
      } catch (err) {
        set({ saveError: errorMessage(err) });
        return false;
      }
      if (get().draft?.id === id) get().closeDraft();
      set((s) => {
        const counts = { ...s.counts };
        delete counts[id];
        return { counts, segments: s.segments.filter((x) => x.id !== id) };
      });
      const table = useContactsTable.getState();
      if (table.filters.segment === id) table.setFilter('segment', '');
      void table.loadLookups();
      return true;
    },
  };
});
