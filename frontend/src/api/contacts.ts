// Typed wrappers over the contact-base bindings (the Contacts and Scoring
// services, app/contacts.go and app/scoring.go) and the plain shapes of what
// they send and receive (engine/contacts, engine/contact). Stores call `contactsApi()`; tests swap
// it with `setContactsApi(fake)`.
import * as Contacts from '../../wailsjs/go/app/Contacts';
import * as References from '../../wailsjs/go/app/References';
import * as Scoring from '../../wailsjs/go/app/Scoring';
import { EventsOn } from '../../wailsjs/runtime/runtime';
import type { Contact as GenContact, ContactFieldType, ContactPage, FieldDef, ListQuery, RuleKind, Segment, SegmentCount, TimelineItem } from './types.gen';
import type { HotLeadFunnel, HotLeadRecipe, Reject, RescoreResult, RowNote, ScoringConfig, ScoringPreview, Thresholds } from './types.gen';

export type { Decay, HotLeadFunnel, HotLeadRecipe, Reject, RescoreResult, RowNote, ScoringConfig, ScoringPreview, ScoringRule, Thresholds } from './types.gen';
export type { ContactFieldType, ContactPage, ContactRow, FieldDef, ListQuery, PropFilter, Rule, RuleKind, Segment, SegmentCount, TimelineItem } from './types.gen';

/** Contact is one contact in full: Go sends a contact without lists or tags with null there. */
export type Contact = Omit<GenContact, 'lists' | 'tags'> & { lists: string[] | null; tags: string[] | null };

/** Stage is a lifecycle stage, in its forward order (contact.Stages). */
export const STAGES = ['subscriber', 'lead', 'mql', 'sql', 'customer'] as const;
export type Stage = (typeof STAGES)[number];

/** Temperature is a score band (cold below warm, hot from hot). */
export const TEMPERATURES = ['cold', 'warm', 'hot'] as const;
export type Temperature = (typeof TEMPERATURES)[number];

/** CUSTOM_FIELD_TYPES are the types a custom field may have, in picker order (contacts.FieldTypes). */
export const CUSTOM_FIELD_TYPES: readonly ContactFieldType[] = ['text', 'number', 'date', 'boolean', 'choice', 'email', 'phone'];

export type TimelineKind = 'event' | 'step' | 'message' | 'score';

/** PROP_OPERATORS are the operators of event property filters (contacts.PropOperators). */
export const PROP_OPERATORS = ['equals', 'not_equals', 'contains', 'starts_with', 'matches', 'gt', 'gte', 'lt', 'lte', 'exists'] as const;

export type MergePolicy = 'skip' | 'update' | 'fill';
export type DateOrder = 'dmy' | 'mdy' | 'ymd';

/** ImportOptions tune a CSV import. */
export interface ImportOptions {
  mapping: Record<string, string>;
  policy: MergePolicy;
  list: string;
  tags: string[];
  default_country_code: string;
  date_order: DateOrder;
  separator: string;
  quiet: boolean;
  dry_run: boolean;
  source: string;
}

export type MappingSource = 'explicit' | 'remembered' | 'guessed' | 'none';

/** Column is one column of a file and where its values go ("" = ignored). */
export interface Column {
  index: number;
  header: string;
  field: string;
  source: MappingSource;
  sample: string;
}

/** FileInfo is what the engine learns from a file before importing it. */
export interface FileInfo {
  encoding: string;
  separator: string;
  header: string[];
  columns: Column[];
  layout: string;
  remembered: boolean;
  rows: number;
  empty_lines: number;
  sample: string[][] | null;
  mapping_error: string;
}

/** ImportResult accounts for every line of an imported file. */
export interface ImportResult {
  encoding: string;
  separator: string;
  header: string[];
  header_line: number;
  columns: Column[];
  layout: string;
  ignored: string[] | null;
  new_fields: string[] | null;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  merged: number;
  empty_lines: number;
  rejects: Reject[] | null;
  skips: RowNote[] | null;
  merges: RowNote[] | null;
  /** Rows of contacts already known whose values differ from the base's, with the value kept. */
  conflicts: RowNote[] | null;
  dry_run: boolean;
}

export interface ImportProgress {
  done: number;
  total: number;
}

/** ScoringPreviewRequest is what the scoring preview simulates (engine/sim). */
export interface ScoringPreviewRequest {
  config: ScoringConfig;
  thresholds: Thresholds;
  days: number;
  /** preset is the synthetic audience, or how real contacts behave. */
  preset: string;
  real_contacts: boolean;
  n?: number;
  seed?: number;
}

/** ContactLookups are the names the filters and pickers offer. */
export interface ContactLookups {
  lists: string[];
  tags: string[];
  segments: string[];
  event_types: string[];
}

/** ContactsApi is everything the contacts screen asks of the Go engine. */
export interface ContactsApi {
  list(q: ListQuery): Promise<ContactPage>;
  get(id: number): Promise<Contact>;
  timeline(id: number): Promise<TimelineItem[]>;
  add(values: Record<string, string>, lists: string[]): Promise<number>;
  setStage(id: number, stage: string): Promise<void>;
  /** forget erases a contact and everything about them (history, journeys, website visitor ids); it cannot be undone. */
  forget(id: number): Promise<void>;
  exportCsv(q: ListQuery): Promise<string>;
  sniff(b64: string): Promise<FileInfo>;
  importCsv(b64: string, opts: ImportOptions): Promise<ImportResult>;
  rejectsCsv(res: ImportResult): Promise<string>;
  /** onImportProgress subscribes to "import:progress"; it returns the unsubscribe. */
  onImportProgress(cb: (p: ImportProgress) => void): () => void;
  fields(): Promise<FieldDef[]>;
  defineField(def: FieldDef): Promise<void>;
  segments(): Promise<Segment[]>;
  countSegment(seg: Segment): Promise<SegmentCount>;
  saveSegment(seg: Segment): Promise<Segment>;
  deleteSegment(id: string): Promise<void>;
  operators(kind: RuleKind, type: ContactFieldType | ''): Promise<string[]>;
  scoring(): Promise<ScoringConfig>;
  saveScoring(cfg: ScoringConfig): Promise<RescoreResult>;
  thresholds(): Promise<Thresholds>;
  /** saveLeadScoring stores the thresholds and the rules, then rescores every contact. */
  saveLeadScoring(t: Thresholds, cfg: ScoringConfig): Promise<RescoreResult>;
  previewScoring(req: ScoringPreviewRequest): Promise<ScoringPreview>;
  hotLeadFunnels(): Promise<HotLeadFunnel[]>;
  /** createHotLeadFunnel builds and publishes the recipe's funnel; it returns the funnel's id. */
  createHotLeadFunnel(r: HotLeadRecipe): Promise<string>;
  lookups(): Promise<ContactLookups>;
  /** saveFile writes a text file where the user chooses; "" when cancelled. */
  saveFile(name: string, content: string): Promise<string>;
}

// The bindings' .d.ts describe classes; at run time they send and receive
// plain JSON, so values cross here with a cast, in one place.
const arg = <T>(v: unknown): T => v as T;
const arr = <T>(v: T[] | null | undefined): T[] => v ?? [];

/** inDesktopWindow reports whether the page runs inside the Wails window (not a browser on the dev server). */
export function inDesktopWindow(): boolean {
  if (typeof location === 'undefined') return false;
  return location.protocol === 'wails:' || location.hostname === 'wails.localhost';
}

/** downloadInBrowser saves text through a link (browsers; the desktop window ignores it). */
export function downloadInBrowser(name: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const wails: ContactsApi = {
  list: async (q) => {
    const p = arg<ContactPage>(await Contacts.ListContacts(arg(q)));
    return { rows: arr(p.rows), total: p.total };
  },
  get: async (id) => arg<Contact>(await Contacts.GetContact(id)),
  timeline: async (id) => arr(arg<TimelineItem[] | null>(await Contacts.ContactTimeline(id))),
  add: (values, lists) => Contacts.AddContact(values, lists),
  setStage: (id, stage) => Contacts.SetContactStage(id, stage),
  forget: (id) => Contacts.ForgetContact(id),
  exportCsv: (q) => Contacts.ExportContactsCSV(arg(q)),
  sniff: async (b64) => arg<FileInfo>(await Contacts.SniffCSVBytes(b64)),
  importCsv: async (b64, opts) => arg<ImportResult>(await Contacts.ImportCSVBytes(b64, arg(opts))),
  rejectsCsv: (res) => Contacts.RejectsCSV(arg(res)),
  onImportProgress: (cb) => {
    try {
      return EventsOn('import:progress', (p: ImportProgress) => cb(p));
    } catch {
      return () => {}; // no runtime (a plain page): the bar then jumps to the end
    }
  },
  fields: async () => arr(arg<FieldDef[] | null>(await Contacts.Fields())),
  defineField: (def) => Contacts.DefineField(arg(def)),
  segments: async () => arr(arg<Segment[] | null>(await Contacts.Segments())),
  countSegment: async (seg) => {
    const c = arg<SegmentCount>(await Contacts.CountSegment(arg(seg)));
    return { count: c.count, preview: arr(c.preview) };
  },
  saveSegment: async (seg) => arg<Segment>(await Contacts.SaveSegment(arg(seg))),
  deleteSegment: (id) => Contacts.DeleteSegment(id),
  operators: async (kind, type) => arr(await Contacts.SegmentOperators(arg(kind), arg(type))),
  scoring: async () => arg<ScoringConfig>(await Scoring.Scoring()),
  saveScoring: async (cfg) => arg<RescoreResult>(await Scoring.SaveScoring(arg(cfg))),
  thresholds: async () => arg<Thresholds>(await Scoring.ScoringThresholds()),
  saveLeadScoring: async (t, cfg) => arg<RescoreResult>(await Scoring.SaveLeadScoring(arg(t), arg(cfg))),
  previewScoring: async (req) => arg<ScoringPreview>(await Scoring.PreviewScoring(arg(req))),
  hotLeadFunnels: async () => arr(arg<HotLeadFunnel[] | null>(await Scoring.HotLeadFunnels())),
  createHotLeadFunnel: async (r) => arg<{ flow: { id: string } }>(await Scoring.CreateHotLeadFunnel(arg(r))).flow.id,
  lookups: async () => {
    const l = arg<Partial<ContactLookups>>(await References.GetLookups());
    return { lists: arr(l.lists), tags: arr(l.tags), segments: arr(l.segments), event_types: arr(l.event_types) };
  },
  saveFile: async (name, content) => {
    if (inDesktopWindow()) return Contacts.SaveTextFile(name, content);
    downloadInBrowser(name, content);
    return name;
  },
};

let current: ContactsApi = wails;

/** contactsApi returns the contact-base backend in use: the Go engine, or a test's fake. */
export function contactsApi(): ContactsApi {
  return current;
}

/** setContactsApi replaces the backend (tests); it returns the previous one. */
export function setContactsApi(b: ContactsApi): ContactsApi {
  const prev = current;
  current = b;
  return prev;
}

/** toBase64 encodes file bytes for the *Bytes bindings, in chunks (large files overflow the argument list of String.fromCharCode). */
export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    bin += String.fromCharCode.apply(null, bytes.subarray(i, i + chunk) as unknown as number[]);
  }
  return btoa(bin);
}
