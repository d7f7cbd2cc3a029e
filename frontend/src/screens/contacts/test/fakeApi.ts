// An in-memory ContactsApi for the contacts tests: a base of `total`
// generated contacts (rows made on demand, so 100,000 cost nothing), every
// call recorded, and any method replaceable per test.
import { vi } from 'vitest';
import { setContactsApi, type ContactRow, type ContactsApi, type FieldDef, type ImportProgress, type ListQuery } from '../../../api/contacts';
import { useContactFields } from '../../../stores/contactsFields';
import { useContactsNav } from '../../../stores/contactsNav';
import { useContactProfile } from '../../../stores/contactsProfile';
import { useContactImport, DEFAULT_CHOICES } from '../../../stores/contactsImport';
import { cancelSegmentTimers, useSegments } from '../../../stores/contactsSegments';
import { useScoring } from '../../../stores/contactsScoring';
import { cancelTableTimers, EMPTY_CONTACT_LOOKUPS, NO_FILTERS, useContactsTable } from '../../../stores/contactsTable';
import { useSettings } from '../../../stores/settings';
import { useToasts } from '../../../stores/toasts';

export const FIELDS: FieldDef[] = [
  { name: 'email', type: 'email', label: 'Email', options: [], identity: true },
  { name: 'first_name', type: 'text', label: 'First name', options: [], identity: true },
  { name: 'last_name', type: 'text', label: 'Last name', options: [], identity: true },
  { name: 'company', type: 'text', label: 'Company', options: [], identity: true },
  { name: 'country', type: 'text', label: 'Country', options: [], identity: true },
  { name: 'birth_date', type: 'date', label: 'Birth date', options: [], identity: true },
  { name: 'plan', type: 'choice', label: 'Plan', options: ['Free', 'Pro'], identity: false },
  { name: 'seats', type: 'number', label: 'Seats', options: [], identity: false },
  { name: 'created_at', type: 'datetime', label: 'Created', options: [], identity: true },
  { name: 'unsubscribed', type: 'boolean', label: 'Unsubscribed', options: [], identity: true },
];

export const OPERATORS: Record<string, string[]> = {
  'field:text': ['equals', 'not_equals', 'contains', 'not_contains', 'starts_with', 'in', 'not_in', 'is_empty', 'not_empty'],
  'field:email': ['equals', 'not_equals', 'contains', 'not_contains', 'starts_with', 'in', 'not_in', 'is_empty', 'not_empty'],
  'field:phone': ['equals', 'not_equals', 'contains', 'not_contains', 'starts_with', 'in', 'not_in', 'is_empty', 'not_empty'],
  'field:choice': ['equals', 'not_equals', 'contains', 'not_contains', 'starts_with', 'in', 'not_in', 'is_empty', 'not_empty'],
  'field:number': ['equals', 'not_equals', 'gt', 'gte', 'lt', 'lte', 'is_empty', 'not_empty'],
  'field:date': ['equals', 'not_equals', 'before', 'after', 'gt', 'gte', 'lt', 'lte', 'within_last_days', 'more_than_days_ago', 'is_empty', 'not_empty'],
  'field:datetime': ['before', 'after', 'within_last_days', 'more_than_days_ago'],
  'field:boolean': ['equals', 'not_equals', 'is_empty', 'not_empty'],
  score: ['equals', 'not_equals', 'gt', 'gte', 'lt', 'lte'],
  stage: ['equals', 'not_equals', 'at_least', 'at_most', 'in', 'not_in'],
  temperature: ['equals', 'not_equals', 'at_least', 'at_most', 'in', 'not_in'],
  list: ['in', 'not_in'],
  tag: ['has', 'has_not'],
  event: ['did', 'did_not'],
};

export function makeRow(i: number): ContactRow {
  return {
    id: i + 1,
    email: `person${i}@example.com`,
    first_name: `First${i}`,
    last_name: `Last${i}`,
    company: 'Acme',
    country: 'Canada',
    city: '',
    phone: '',
    score: i % 100,
    temperature: i % 3 === 0 ? 'hot' : i % 3 === 1 ? 'warm' : 'cold',
    stage: 'lead',
    unsubscribed: false,
    bounced: false,
    created_at: '2025-01-01T00:00:00Z',
    fields: {},
  };
}

export interface FakeContactsApi extends ContactsApi {
  total: number;
  listCalls: ListQuery[];
  progress: ((p: ImportProgress) => void) | null;
  saved: { name: string; content: string }[];
}

export function createFakeContactsApi(total = 250): FakeContactsApi {
  const api: FakeContactsApi = {
    total,
    listCalls: [],
    progress: null,
    saved: [],
    list: vi.fn(async (q: ListQuery) => {
      api.listCalls.push(q);
      const rows: ContactRow[] = [];
      for (let i = q.offset; i < Math.min(q.offset + q.limit, api.total); i++) rows.push(makeRow(i));
      return { rows, total: api.total };
    }),
    get: vi.fn(async (id: number) => ({
      id,
      email: `person${id - 1}@example.com`,
      identity: { first_name: `First${id - 1}`, last_name: `Last${id - 1}`, country: 'Québec' },
      fields: { plan: 'Pro' },
      lists: ['newsletter'],
      tags: ['vip'],
      score: 42,
      temperature: 'warm',
      stage: 'lead',
      unsubscribed: false,
      bounced: false,
      created_at: '2025-01-01T00:00:00Z',
    })),
    timeline: vi.fn(async () => []),
    add: vi.fn(async () => 1),
    setStage: vi.fn(async () => {}),
    forget: vi.fn(async () => {}),
    exportCsv: vi.fn(async () => 'email\n'),
    sniff: vi.fn(async () => ({
      encoding: 'windows-1252',
      separator: ';',
      header: ['Courriel', 'Prénom', 'Province'],
      columns: [
        { index: 0, header: 'Courriel', field: 'email', source: 'guessed' as const, sample: 'a@b.c' },
        { index: 1, header: 'Prénom', field: 'first_name', source: 'guessed' as const, sample: 'Émile' },
        { index: 2, header: 'Province', field: '', source: 'none' as const, sample: 'QC' },
      ],
      layout: 'h',
      remembered: false,
      rows: 3,
      empty_lines: 1,
      sample: [
        ['a@b.c', 'Émile', 'QC'],
        ['d@e.f', 'Zoé', 'Québec'],
      ],
      mapping_error: '',
    })),
    importCsv: vi.fn(async (_b64, opts) => ({
      encoding: 'windows-1252',
      separator: ';',
      header: [],
      header_line: 1,
      columns: [],
      layout: 'h',
      ignored: [],
      new_fields: [],
      rows: 3,
      created: 2,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      merged: 0,
      empty_lines: 1,
      // Row 3 of the spreadsheet starts on line 4: a quoted value above spans two lines.
      rejects: [
        {
          row: 3,
          line: 4,
          reason: 'invalid email "nope": no @',
          text: {
            en: '“nope” is not an email address: it has no @',
            fr: '« nope » n’est pas une adresse courriel : il n’y a pas de @',
            pseudo: '⟦“nope” is not an email address: it has no @⟧',
          },
          values: ['nope', 'X', 'QC'],
        },
      ],
      skips: [],
      merges: [
        {
          row: 4,
          line: 5,
          email: 'd@e.f',
          reason: 'same email as row 2: merged into it (fill)',
          text: {
            en: 'Same email as row 2: merged into it, filling only what that row left empty',
            fr: 'Même adresse courriel que la ligne 2 : fusionnée avec elle, en ne remplissant que ce que cette ligne laissait vide',
            pseudo: '⟦Same email as row 2: merged into it, filling only what that row left empty⟧',
          },
          conflicts: [{ field: 'first_name', kept: 'Zoé', dropped: 'Zoe' }],
        },
      ],
      conflicts: [],
      dry_run: opts.dry_run,
    })),
    rejectsCsv: vi.fn(async () => 'line,reason\n4,bad\n'),
    onImportProgress: vi.fn((cb: (p: ImportProgress) => void) => {
      api.progress = cb;
      return () => {
        api.progress = null;
      };
    }),
    fields: vi.fn(async () => FIELDS),
    defineField: vi.fn(async () => {}),
    segments: vi.fn(async () => []),
    countSegment: vi.fn(async () => ({ count: 7, preview: [] })),
    saveSegment: vi.fn(async (s) => ({ ...s, id: s.id ?? 'saved-id' })),
    deleteSegment: vi.fn(async () => {}),
    operators: vi.fn(async (kind, type) => OPERATORS[kind === 'field' ? `field:${type || 'text'}` : kind] ?? []),
    scoring: vi.fn(async () => ({ rules: [], decay: { percent: 0, every_days: 0, half_life_days: 0 } })),
    saveScoring: vi.fn(async () => ({ contacts: 10, events: 40, changed: 3, temperature_changes: 1 })),
    thresholds: vi.fn(async () => ({ warm: 30, hot: 60 })),
    saveLeadScoring: vi.fn(async () => ({ contacts: 10, events: 40, changed: 3, temperature_changes: 1 })),
    previewScoring: vi.fn(async (req) => ({
      contacts: 1000,
      real_contacts: req.real_contacts,
      warm: 120,
      hot: 40,
      warm_by_day: Array.from({ length: req.days }, (_, i) => Math.round((120 * (i + 1)) / req.days)),
      hot_by_day: Array.from({ length: req.days }, (_, i) => Math.round((40 * (i + 1)) / req.days)),
      already_warm: 0,
      already_hot: 0,
    })),
    hotLeadFunnels: vi.fn(async () => []),
    createHotLeadFunnel: vi.fn(async () => 'when-a-lead-gets-hot'),
    lookups: vi.fn(async () => ({ lists: ['newsletter', 'customers'], tags: ['vip'], segments: [], event_types: ['email_opened', 'page_visited'] })),
    saveFile: vi.fn(async (name: string, content: string) => {
      api.saved.push({ name, content });
      return `/tmp/${name}`;
    }),
  };
  return api;
}

const initial = {
  table: useContactsTable.getState(),
  profile: useContactProfile.getState(),
  imp: useContactImport.getState(),
  seg: useSegments.getState(),
  scoring: useScoring.getState(),
  fields: useContactFields.getState(),
  nav: useContactsNav.getState(),
};

/** resetContacts installs a fresh fake and puts every contacts store back to its start. */
export function resetContacts(total = 250): FakeContactsApi {
  cancelTableTimers();
  cancelSegmentTimers();
  const api = createFakeContactsApi(total);
  setContactsApi(api);
  useContactsTable.setState({ ...initial.table, filters: NO_FILTERS, lookups: EMPTY_CONTACT_LOOKUPS }, true);
  useContactProfile.setState(initial.profile, true);
  useContactImport.setState({ ...initial.imp, choices: DEFAULT_CHOICES }, true);
  useSegments.setState(initial.seg, true);
  useScoring.setState(initial.scoring, true);
  useContactFields.setState({ ...initial.fields, fields: FIELDS, status: 'ready' }, true);
  useContactsNav.setState(initial.nav, true);
  useSettings.setState({ lang: 'en' });
  useToasts.getState().clear();
  return api;
}

/** settle lets pending promises run (fake timers do not). */
export async function settle(times = 5): Promise<void> {
  for (let i = 0; i < times; i++) await Promise.resolve();
}
