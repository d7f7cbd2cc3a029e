// Test doubles for the scripts screen: an in-memory ScriptsApi whose
// "compiler" reports `= =` as a syntax error at its line, and whose test run
// fails on `error(` at its line.
import { setScriptsApi, type ScriptDiagnostic, type ScriptInfo, type ScriptsApi, type ScriptSwitchOff, type ScriptTestInput, type ScriptTestResult } from '../../api/scripts';
import { cancelScriptTimers, useScripts } from '../../stores/scripts';

const initial = useScripts.getState();

export interface FakeScriptsApi extends ScriptsApi {
  own: Map<string, { kind: string; source: string }>;
  library: ScriptInfo[];
  calls: string[];
  tests: ScriptTestInput[];
  /** switchedOff are the scripts the engine switched off, by name. */
  switchedOff: Map<string, ScriptSwitchOff>;
  failNext(method: string, message: string): void;
}

export const LIB_SOURCE = '-- Title: Hot lead\n-- Kind: condition\nlocal n = params.min_visits or 2\nreturn contact.score >= n\n';

export function fakeCompile(source: string): ScriptDiagnostic[] {
  const out: ScriptDiagnostic[] = [];
  source.split('\n').forEach((l, i) => {
    if (/=\s*=/.test(l.replace(/==/g, ''))) out.push({ line: i + 1, message: `syntax error near '${l.trim().split(/\s+/)[0]}'` });
  });
  return out;
}

export function createFakeScriptsApi(): FakeScriptsApi {
  const failures = new Map<string, string>();
  const gate = (m: string) => {
    api.calls.push(m);
    const f = failures.get(m);
    if (f !== undefined) {
      failures.delete(m);
      throw f;
    }
  };
  const api: FakeScriptsApi = {
    own: new Map(),
    library: [
      {
        name: 'hot_lead',
        kind: 'condition',
        title: 'Hot lead',
        summary: 'Yes for hot leads.',
        source: LIB_SOURCE,
        params: [{ Name: 'min_visits', Type: 'number', Default: 2, Description: 'visits needed' }],
        library: true,
        switched_off: null,
      },
    ],
    calls: [],
    tests: [],
    switchedOff: new Map(),
    failNext: (m, msg) => failures.set(m, msg),
    async list() {
      gate('list');
      const mine: ScriptInfo[] = [...api.own.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, s]) => ({ name, kind: s.kind, title: name, summary: '', source: s.source, params: [], library: false, switched_off: null }));
      return [...mine, ...api.library.filter((l) => !api.own.has(l.name))].map((s) => ({ ...s, switched_off: api.switchedOff.get(s.name) ?? null }));
    },
    async switchOn(name) {
      gate('switchOn');
      api.switchedOff.delete(name);
    },
    async check(_name, source) {
      gate('check');
      return fakeCompile(source);
    },
    async save(name, kind, source) {
      gate('save');
      api.own.set(name, { kind, source });
      api.switchedOff.delete(name);
      return fakeCompile(source);
    },
    async remove(name) {
      gate('remove');
      api.own.delete(name);
    },
    async test(input): Promise<ScriptTestResult> {
      gate('test');
      api.tests.push(input);
      const lines = input.source.split('\n');
      const bad = lines.findIndex((l) => l.includes('error('));
      if (bad >= 0) return { result: null, error: `script "${input.name}": line ${bad + 1}: boom`, line: bad + 1, took_us: 12, printed: ['before'] };
      return { result: input.kind === 'score' ? 15 : true, error: '', line: 0, took_us: 1234, printed: [] };
    },
    async reference() {
      gate('reference');
      return '# Flightplan Lua scripts\n\n- [Globals](#globals)\n\n## Globals\n\n| field | type |\n|---|---|\n| `contact.id` | number |\n';
    },
  };
  return api;
}

/** resetScriptsScreen installs a fresh fake API and resets the store. */
export function resetScriptsScreen(): FakeScriptsApi {
  cancelScriptTimers();
  const api = createFakeScriptsApi();
  setScriptsApi(api);
  useScripts.setState(initial, true);
  return api;
}
