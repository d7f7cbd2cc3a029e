// Lua scripts: the list (workspace and library), the one being edited with its
// compile diagnostics (checked as the user types), the test panel and the API
// reference.
import { create } from 'zustand';
import { errorMessage } from '../api/backend';
import { scriptsApi, type ScriptDiagnostic, type ScriptInfo, type ScriptKind, type ScriptParam, type ScriptTestResult } from '../api/scripts';
import { toast } from './toasts';
import { msg } from '../i18n/message';

/** How long typing pauses before the script is compiled again. */
export const CHECK_MS = 350;

/** TestForm is the test panel as filled in. */
export interface TestForm {
  kind: string;
  /** contact is a sample contact or one of the workspace's, by id. */
  contact: 'sample' | 'id';
  contactId: string;
  /** contactLabel is how the picked contact reads (name · email); the id never shows. */
  contactLabel?: string;
  eventOn: boolean;
  eventType: string;
  /** eventProps is JSON text, e.g. {"path": "/pricing"}. */
  eventProps: string;
  params: Record<string, string>;
}

export type TestFormError = 'contactId' | 'eventType' | 'eventProps' | null;

interface ScriptsState {
  scripts: ScriptInfo[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  loadError: string | null;
  selected: string | null;
  kind: string;
  source: string;
  savedSource: string;
  savedKind: string;
  diagnostics: ScriptDiagnostic[];
  /** checkedSource is the source the diagnostics are about. */
  checkedSource: string;
  saving: boolean;
  reference: string | null;
  referenceError: string | null;
  test: TestForm;
  testFormError: TestFormError;
  testing: boolean;
  result: ScriptTestResult | null;
  /** testedSource is the source the result is about. */
  testedSource: string | null;
  testCallError: string | null;

  load(): Promise<void>;
  select(name: string | null): Promise<void>;
  setSource(source: string): void;
  setKind(kind: string): void;
  check(): Promise<void>;
  save(): Promise<boolean>;
  /** copyAs saves the open script under a new name and opens the copy. */
  copyAs(name: string): Promise<boolean>;
  create(name: string, kind: ScriptKind): Promise<boolean>;
  remove(name: string): Promise<void>;
  /** switchOn switches a script back on after it was switched off for failing. */
  switchOn(name: string): Promise<void>;
  loadReference(): Promise<void>;
  setTest(patch: Partial<TestForm>): void;
  setParam(name: string, value: string): void;
  runTest(): Promise<void>;
}

/** isScriptDirty tells whether the open script has unsaved changes. */
export function isScriptDirty(s: Pick<ScriptsState, 'selected' | 'source' | 'savedSource' | 'kind' | 'savedKind'>): boolean {
  return !!s.selected && (s.source !== s.savedSource || s.kind !== s.savedKind);
}

/** NAME_RE is what a script name may be: it becomes a file-like identifier flows refer to. */
export const NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_-]{0,63}$/;

/** nameProblem says what is wrong with a new script name, or null. */
export function nameProblem(name: string, taken: readonly ScriptInfo[]): 'scripts.name.empty' | 'scripts.name.invalid' | 'scripts.name.taken' | null {
  const n = name.trim();
  if (!n) return 'scripts.name.empty';
  if (!NAME_RE.test(n)) return 'scripts.name.invalid';
  if (taken.some((s) => s.name === n)) return 'scripts.name.taken';
  return null;
}

/** defaultText writes a header default as the test panel's input text. */
export function defaultText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(String).join(', ');
  return String(v);
}

/** paramValue converts the typed text to the param's type; undefined leaves it out. */
export function paramValue(p: Pick<ScriptParam, 'Type'>, text: string): unknown {
  const t = text.trim();
  if (t === '') return undefined;
  switch (p.Type) {
    case 'number': {
      const n = Number(t);
      return Number.isFinite(n) ? n : t;
    }
    case 'boolean':
      return /^(true|yes|oui|1)$/i.test(t);
    case 'list':
      return t
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
    default:
      return text;
  }
}

/** starterSource is what a new script of kind holds. */
export function starterSource(name: string, kind: ScriptKind): string {
  const body: Record<ScriptKind, string> = {
    condition: '-- Yes when the contact has at least 50 points.\nreturn contact.score >= 50\n',
    score: '-- Points for this contact (may be negative).\nlocal points = 0\nif contact:has_tag("vip") then\n  points = points + 10\nend\nreturn points\n',
    action: '-- The changes to make: tags, lists, fields, score or stage.\nreturn {tags_add = {"hot"}}\n',
  };
  return `-- Title: ${titleOf(name)}\n-- Kind: ${kind}\n-- Summary: \n\n${body[kind]}`;
}

/**
 * titleOf is a new rule's first title, from its name: funnels show the
 * title ("Vip check"), the name ("vip_check") stays for scripts.
 */
export function titleOf(name: string): string {
  const w = name.split(/[_-]+/).filter(Boolean).join(' ');
  return w ? w[0]!.toUpperCase() + w.slice(1) : name;
}

function testFormFor(s: ScriptInfo | undefined, prev: TestForm): TestForm {
  const params: Record<string, string> = {};
  for (const p of s?.params ?? []) params[p.Name] = defaultText(p.Default);
  return { ...prev, kind: s?.kind || 'condition', params };
}

const emptyTest: TestForm = { kind: 'condition', contact: 'sample', contactId: '', eventOn: false, eventType: '', eventProps: '{}', params: {} };

let checkTimer: ReturnType<typeof setTimeout> | undefined;
let checkSeq = 0;

/** cancelScriptTimers stops a pending check (tests). */
export function cancelScriptTimers(): void {
  if (checkTimer) clearTimeout(checkTimer);
  checkTimer = undefined;
}

export const useScripts = create<ScriptsState>()((set, get) => ({
  scripts: [],
  status: 'idle',
  loadError: null,
  selected: null,
  kind: 'condition',
  source: '',
  savedSource: '',
  savedKind: '',
  diagnostics: [],
  checkedSource: '',
  saving: false,
  reference: null,
  referenceError: null,
  test: emptyTest,
  testFormError: null,
  testing: false,
  result: null,
  testedSource: null,
  testCallError: null,

  async load() {
    if (get().status !== 'ready') set({ status: 'loading', loadError: null });
    try {
      const scripts = await scriptsApi().list();
      set({ scripts, status: 'ready', loadError: null });
      const sel = get().selected;
      if (!sel || !scripts.some((s) => s.name === sel)) await get().select(scripts[0]?.name ?? null);
    } catch (err) {
      set({ status: 'error', loadError: errorMessage(err) });
    }
  },

  async select(name) {
    cancelScriptTimers();
    const s = name ? get().scripts.find((x) => x.name === name) : undefined;
    if (!s) {
      set({ selected: null, source: '', savedSource: '', kind: 'condition', savedKind: '', diagnostics: [], checkedSource: '', result: null, testedSource: null });
      return;
    }
    set({
      selected: s.name,
      source: s.source,
      savedSource: s.source,
      kind: s.kind,
      savedKind: s.kind,
      diagnostics: [],
      checkedSource: '',
      result: null,
      testedSource: null,
      testCallError: null,
      testFormError: null,
      test: testFormFor(s, get().test),
    });
    await get().check();
  },

  setSource(source) {
    if (source === get().source) return;
    set({ source });
    cancelScriptTimers();
    checkTimer = setTimeout(() => {
      checkTimer = undefined;
      void get().check();
    }, CHECK_MS);
  },

  setKind(kind) {
    set((s) => ({ kind, test: { ...s.test, kind } }));
  },

  async check() {
    const { selected, source } = get();
    if (!selected) return;
    const seq = ++checkSeq;
    try {
      const diagnostics = await scriptsApi().check(selected, source);
      if (seq === checkSeq) set({ diagnostics, checkedSource: source });
    } catch (err) {
      if (seq === checkSeq) set({ diagnostics: [{ line: 0, message: errorMessage(err) }], checkedSource: source });
    }
  },

  async save() {
    const { selected, kind, source } = get();
    if (!selected || get().saving) return false;
    set({ saving: true });
    try {
      const diagnostics = await scriptsApi().save(selected, kind, source);
      set({ saving: false, savedSource: source, savedKind: kind, diagnostics, checkedSource: source });
      const scripts = await scriptsApi().list();
      const mine = scripts.find((s) => s.name === selected);
      // The header's params may have changed: offer the new ones, keep typed values.
      set((st) => ({
        scripts,
        test: mine ? { ...st.test, params: { ...testFormFor(mine, st.test).params, ...pick(st.test.params, (mine.params ?? []).map((p) => p.Name)) } } : st.test,
      }));
      toast('success', msg('scripts.toast.saved', { name: selected }), 'script-save');
      return true;
    } catch (err) {
      set({ saving: false });
      toast('error', msg('scripts.toast.saveFailed', { message: errorMessage(err) }), 'script-save');
      return false;
    }
  },

  async copyAs(name) {
    const n = name.trim();
    const { kind, source } = get();
    try {
      await scriptsApi().save(n, kind, source);
      const scripts = await scriptsApi().list();
      set({ scripts });
      await get().select(n);
      return true;
    } catch (err) {
      toast('error', msg('scripts.toast.saveFailed', { message: errorMessage(err) }));
      return false;
    }
  },

  async create(name, kind) {
    const n = name.trim();
    try {
      await scriptsApi().save(n, kind, starterSource(n, kind));
      const scripts = await scriptsApi().list();
      set({ scripts });
      await get().select(n);
      return true;
    } catch (err) {
      toast('error', msg('scripts.toast.saveFailed', { message: errorMessage(err) }));
      return false;
    }
  },

  async remove(name) {
    try {
      await scriptsApi().remove(name);
      const scripts = await scriptsApi().list();
      set({ scripts });
      if (get().selected === name) {
        set({ selected: null });
        const back = scripts.find((s) => s.name === name);
        await get().select(back?.name ?? scripts[0]?.name ?? null);
      }
    } catch (err) {
      toast('error', msg('scripts.toast.deleteFailed', { message: errorMessage(err) }));
    }
  },

  async switchOn(name) {
    try {
      await scriptsApi().switchOn(name);
      set({ scripts: await scriptsApi().list() });
    } catch (err) {
      toast('error', msg('scripts.toast.switchOnFailed', { message: errorMessage(err) }));
    }
  },

  async loadReference() {
    if (get().reference !== null) return;
    try {
      set({ reference: await scriptsApi().reference(), referenceError: null });
    } catch (err) {
      set({ referenceError: errorMessage(err) });
    }
  },

  setTest(patch) {
    set((s) => ({ test: { ...s.test, ...patch }, testFormError: null }));
  },

  setParam(name, value) {
    set((s) => ({ test: { ...s.test, params: { ...s.test.params, [name]: value } } }));
  },

  async runTest() {
    const { selected, source, test } = get();
    if (!selected || get().testing) return;
    let contactId = 0;
    if (test.contact === 'id') {
      contactId = Number(test.contactId);
      if (!Number.isInteger(contactId) || contactId <= 0) {
        set({ testFormError: 'contactId' });
        return;
      }
    }
    let event = null;
    if (test.eventOn) {
      if (!test.eventType.trim()) {
        set({ testFormError: 'eventType' });
        return;
      }
      let props: unknown = {};
      try {
        props = test.eventProps.trim() ? JSON.parse(test.eventProps) : {};
      } catch {
        props = undefined;
      }
      if (!props || typeof props !== 'object' || Array.isArray(props)) {
        set({ testFormError: 'eventProps' });
        return;
      }
      event = { type: test.eventType.trim(), props: props as Record<string, unknown>, at: new Date().toISOString() };
    }
    const info = get().scripts.find((s) => s.name === selected);
    const params: Record<string, unknown> = {};
    for (const [k, text] of Object.entries(test.params)) {
      const p = info?.params?.find((x) => x.Name === k) ?? { Type: 'string' };
      const v = paramValue(p, text);
      if (v !== undefined) params[k] = v;
    }
    set({ testing: true, testFormError: null, testCallError: null });
    try {
      const result = await scriptsApi().test({ name: selected, kind: test.kind, source, contact_id: contactId, event, params });
      set({ testing: false, result, testedSource: source });
    } catch (err) {
      set({ testing: false, result: null, testedSource: null, testCallError: errorMessage(err) });
    }
  },
}));

function pick(o: Record<string, string>, keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) if (k in o) out[k] = o[k]!;
  return out;
}
