// An in-memory Backend for tests: the real catalogue (from the fixture), flows
// in a map, and a small validator that knows required fields, missing
// triggers and unconnected outputs — enough to drive the stores and views.
import type { Backend } from '../api/backend';
import fixture from '../api/catalogue.fixture.json';
import type { FieldType } from '../api/fieldTypes';
import type { Flow, FlowDoc, FlowInfo, Issue, Lang, Lookups, NodeSpec, Settings } from '../api/types';
import { configValue, hasValue, isShown, portsOf } from '../features/funnel/canvas/ports';

export const SPECS = fixture.catalogue as unknown as NodeSpec[];
export const FIELD_TYPES_FROM_GO = fixture.field_types as FieldType[];

export function spec(type: string): NodeSpec {
  const s = SPECS.find((x) => x.type === type);
  if (!s) throw new Error(`no spec ${type}`);
  return s;
}

export function validate(flow: Flow): Issue[] {
  const issues: Issue[] = [];
  let triggers = 0;
  for (const n of flow.nodes) {
    const s = SPECS.find((x) => x.type === n.type);
    if (!s) {
      issues.push({ node_id: n.id, severity: 'error', code: 'unknown_type', message: `unknown step type "${n.type}"` });
      continue;
    }
    if (s.kind === 'trigger') triggers++;
    for (const f of s.fields) {
      if (f.required && isShown(s, f, n.config) && !hasValue(configValue(s, n.config, f.name))) {
        issues.push({ node_id: n.id, field: f.name, severity: 'error', code: 'required', message: `${f.label.en} is required` });
      }
    }
    if (!s.optional_output) {
      for (const p of portsOf(s, n.config)) {
        if (!flow.edges.some((e) => e.from === n.id && (e.port || 'next') === p.id)) {
          issues.push({ node_id: n.id, port: p.id, severity: 'error', code: 'port_unconnected', message: `the "${p.label.en}" output is not connected` });
        }
      }
    }
  }
  if (triggers === 0) issues.push({ severity: 'error', code: 'no_trigger', message: 'the funnel has no start' });
  return issues;
}

export interface FakeBackend extends Backend {
  flows: Map<string, Flow>;
  damaged: Map<string, string>;
  published: Map<string, number>;
  calls: string[];
  language: string;
  /** menuLanguage is the File menu's language ("": no menu, as in a browser). */
  menuLanguage: string;
  failNext: (method: string, message: string) => void;
}

export function createFakeBackend(): FakeBackend {
  const flows = new Map<string, Flow>();
  const damaged = new Map<string, string>();
  const published = new Map<string, number>();
  const calls: string[] = [];
  const failures = new Map<string, string>();
  const copy = <T,>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

  const check = (method: string) => {
    calls.push(method);
    const f = failures.get(method);
    if (f !== undefined) {
      failures.delete(method);
      return Promise.reject(f);
    }
    return null;
  };
  const info = (f: Flow): FlowInfo => ({ id: f.id, name: f.name, published_version: published.get(f.id) ?? 0, enabled: false, updated_at: '2026-01-01T00:00:00Z' });
  const doc = (id: string): FlowDoc => {
    const f = flows.get(id);
    if (!f) throw `flow "${id}": not found`;
    return { flow: copy(f), info: info(f), issues: validate(f) };
  };

  const b: FakeBackend = {
    flows,
    damaged,
    published,
    calls,
    language: 'en',
    menuLanguage: '',
    failNext: (method, message) => failures.set(method, message),
    catalogue: async () => (await check('catalogue')) ?? copy(SPECS),
    fieldTypes: async () => (await check('fieldTypes')) ?? [...FIELD_TYPES_FROM_GO],
    listFlows: async () =>
      (await check('listFlows')) ?? [
        ...[...flows.values()].map(info),
        ...[...damaged.entries()].map(([id, error]) => ({ id, name: id, published_version: 0, enabled: false, updated_at: '', error })),
      ],
    getFlow: async (id) => {
      const f = await check('getFlow');
      if (f) return f;
      if (damaged.has(id)) throw `flow "${id}" is damaged: ${damaged.get(id)}`;
      return doc(id);
    },
    saveFlow: async (flow) => {
      const f = await check('saveFlow');
      if (f) return f;
      flows.set(flow.id, copy(flow));
      return doc(flow.id);
    },
    createFlow: async (name) => {
      const f = await check('createFlow');
      if (f) return f;
      const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'funnel';
      let id = base;
      for (let i = 2; flows.has(id); i++) id = `${base}-${i}`;
      flows.set(id, { format: 'flightplan.flow/v1', id, name, settings: { reentry: 'once' }, nodes: [], edges: [] });
      return doc(id);
    },
    deleteFlow: async (id) => {
      const f = await check('deleteFlow');
      if (f) return f;
      flows.delete(id);
      damaged.delete(id);
    },
    publishFlow: async (id) => {
      const f = await check('publishFlow');
      if (f) return f;
      const fl = flows.get(id)!;
      const n = validate(fl).filter((i) => i.severity === 'error').length;
      if (n > 0) throw `funnel "${fl.name}" cannot be published: ${n} problem(s) to fix first`;
      published.set(id, (published.get(id) ?? 0) + 1);
      return doc(id);
    },
    validateFlow: async (flow) => (await check('validateFlow')) ?? validate(flow),
    getSettings: async (): Promise<Settings> => (await check('getSettings')) ?? { language: b.language, workspace: '/tmp/test.flightplan', menu_language: b.menuLanguage },
    setLanguage: async (lang: Lang) => {
      const f = await check('setLanguage');
      if (f) return f;
      b.language = lang;
    },
    getLookups: async (): Promise<Lookups> =>
      (await check('getLookups')) ?? {
        lists: ['newsletter', 'customers'],
        tags: ['vip'],
        fields: ['country', 'email', 'first_name'],
        templates: ['welcome-1'],
        scripts: ['score.lua'],
        segments: ['hot-leads'],
        flows: [],
        event_types: ['purchase', 'page_visit'],
      },
  };
  return b;
}
