// The import wizard, as a small state machine:
//
//   choose ──file──▶ reading ──sniffed──▶ map ──start──▶ importing ──▶ done
//     ▲                 │ (refused)          ▲                │ (refused)  │
//     └─────────────────┘                    └────────────────┘            │
//     ▲──────────────────────────── reset ─────────────────────────────────┘
//
// The file travels as base64 bytes: the engine detects its encoding (a
// Latin-1 export stays readable), its separator and a mapping, remembered
// from the last import of the same layout.
import { create } from 'zustand';
import { errorMessage } from '../api/backend';
import {
  contactsApi,
  toBase64,
  type Column,
  type DateOrder,
  type FileInfo,
  type ImportProgress,
  type ImportResult,
  type MergePolicy,
} from '../api/contacts';
import { useContactsTable } from './contactsTable';
import { useContactFields } from './contactsFields';

export type ImportStep = 'choose' | 'reading' | 'map' | 'importing' | 'done';

/** TAGS_TARGET is the mapping target of a column of tags (not a field). */
export const TAGS_TARGET = 'tags';

export interface ImportChoices {
  policy: MergePolicy;
  list: string;
  tags: string[];
  dryRun: boolean;
  defaultCountryCode: string;
  dateOrder: DateOrder;
  /** quiet imports history without starting funnels (a migration). */
  quiet: boolean;
}

export const DEFAULT_CHOICES: ImportChoices = {
  policy: 'skip',
  list: '',
  tags: [],
  dryRun: false,
  defaultCountryCode: '',
  dateOrder: 'dmy',
  quiet: false,
};

/** MappingProblem is what keeps a mapping from being imported, by column. */
export type MappingProblem = { code: 'no_email' } | { code: 'duplicate'; field: string; headers: string[] };

interface ImportState {
  step: ImportStep;
  fileName: string;
  fileSize: number;
  b64: string;
  info: FileInfo | null;
  /** mapping sends each column header to a field, TAGS_TARGET, or "" (ignored). */
  mapping: Record<string, string>;
  choices: ImportChoices;
  progress: ImportProgress | null;
  result: ImportResult | null;
  error: string | null;

  chooseFile(name: string, bytes: Uint8Array): Promise<void>;
  setMapping(header: string, field: string): void;
  setChoice<K extends keyof ImportChoices>(key: K, value: ImportChoices[K]): void;
  start(): Promise<void>;
  /** importForReal re-runs a dry run, writing this time. */
  importForReal(): Promise<void>;
  backToMapping(): void;
  reset(): void;
  downloadRejects(): Promise<string | null>;
}

/** mappingProblems lists what is wrong with a mapping: no email column, two columns on one field. */
export function mappingProblems(mapping: Record<string, string>): MappingProblem[] {
  const out: MappingProblem[] = [];
  const byField = new Map<string, string[]>();
  for (const [header, field] of Object.entries(mapping)) {
    if (!field || field === TAGS_TARGET) continue;
    byField.set(field, [...(byField.get(field) ?? []), header]);
  }
  if (!byField.has('email')) out.push({ code: 'no_email' });
  for (const [field, headers] of byField) if (headers.length > 1) out.push({ code: 'duplicate', field, headers });
  return out;
}

/** mappingOf is the starting mapping of a sniffed file: the engine's remembered or guessed targets. */
export function mappingOf(columns: Column[]): Record<string, string> {
  const m: Record<string, string> = {};
  for (const c of columns) m[c.header] = c.field ?? '';
  return m;
}

/** fieldNameFor makes a custom field name from a column header: "Date d'achat" → "date_d_achat". */
export function fieldNameFor(header: string): string {
  const s = header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
  if (!s) return 'field';
  return /^[a-z]/.test(s) ? s : `f_${s}`;
}

const INITIAL = {
  step: 'choose' as ImportStep,
  fileName: '',
  fileSize: 0,
  b64: '',
  info: null,
  mapping: {},
  progress: null,
  result: null,
  error: null,
};

export const useContactImport = create<ImportState>()((set, get) => ({
  ...INITIAL,
  choices: DEFAULT_CHOICES,

  async chooseFile(name, bytes) {
    const b64 = toBase64(bytes);
    set({ ...INITIAL, step: 'reading', fileName: name, fileSize: bytes.length, b64 });
    try {
      const info = await contactsApi().sniff(b64);
      if (get().b64 !== b64) return; // another file was chosen meanwhile
      set({ step: 'map', info: { ...info, columns: info.columns ?? [], header: info.header ?? [] }, mapping: mappingOf(info.columns ?? []) });
    } catch (err) {
      if (get().b64 !== b64) return;
      set({ step: 'choose', error: errorMessage(err), b64: '' });
    }
  },
  setMapping(header, field) {
    set((s) => ({ mapping: { ...s.mapping, [header]: field } }));
  },
  setChoice(key, value) {
    set((s) => ({ choices: { ...s.choices, [key]: value } }));
  },
  async start() {
    const s = get();
    if (s.step !== 'map' || !s.info || mappingProblems(s.mapping).length > 0) return;
    const mapping: Record<string, string> = {};
    // Every column is sent explicitly ("-" ignores it), so the import does
    // exactly what the table shows and the layout is remembered that way.
    for (const c of s.info.columns) mapping[c.header] = s.mapping[c.header] || '-';
    const c = s.choices;
    set({ step: 'importing', progress: { done: 0, total: s.info.rows }, error: null, result: null });
    const off = contactsApi().onImportProgress((p) => {
      if (get().step === 'importing') set({ progress: p });
    });
    try {
      const result = await contactsApi().importCsv(s.b64, {
        mapping,
        policy: c.policy,
        list: c.list.trim(),
        tags: c.tags,
        default_country_code: c.defaultCountryCode.trim(),
        date_order: c.dateOrder,
        separator: '',
        quiet: c.quiet,
        dry_run: c.dryRun,
        source: '',
      });
      set({ step: 'done', result, progress: { done: get().progress?.total ?? 0, total: get().progress?.total ?? 0 } });
      if (!result.dry_run) {
        useContactsTable.getState().reload();
        void useContactsTable.getState().loadLookups();
        if ((result.new_fields ?? []).length > 0) void useContactFields.getState().load();
      }
    } catch (err) {
      set({ step: 'map', error: errorMessage(err), progress: null });
    } finally {
      off();
    }
  },
  async importForReal() {
    if (get().step !== 'done') return;
    set((s) => ({ step: 'map', choices: { ...s.choices, dryRun: false } }));
    await get().start();
  },
  backToMapping() {
    if (get().info) set({ step: 'map', result: null, progress: null, error: null });
  },
  reset() {
    set({ ...INITIAL });
  },
  async downloadRejects() {
    const { result, fileName } = get();
    if (!result || !(result.rejects ?? []).length) return null;
    try {
      const text = await contactsApi().rejectsCsv(result);
      const base = fileName.replace(/\.[^.]*$/, '') || 'import';
      return await contactsApi().saveFile(`${base}-rejected.csv`, text);
    } catch (err) {
      set({ error: errorMessage(err) });
      return null;
    }
  },
}));
