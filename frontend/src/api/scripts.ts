// Typed wrappers over the Go bindings of the Lua scripts. Stores call
// `scriptsApi()`; tests swap it with `setScriptsApi(fake)`.
import * as Scripts from '../../wailsjs/go/app/Scripts';
import { engine as engineModels } from '../../wailsjs/go/models';
import type { ScriptDiagnostic, ScriptInfo, ScriptTestResult } from './types.gen';

export type { ScriptDiagnostic, ScriptInfo, ScriptParam, ScriptSwitchOff, ScriptTestResult } from './types.gen';

/** ScriptKind is what a script returns: yes/no, points, or changes. */
export type ScriptKind = 'condition' | 'score' | 'action';

export const SCRIPT_KINDS: readonly ScriptKind[] = ['condition', 'score', 'action'];

/** ScriptEvent is the optional event a test run sees. */
export interface ScriptEvent {
  type: string;
  props?: Record<string, unknown>;
  at?: string;
}

/** ScriptTestInput is the test panel's request. */
export interface ScriptTestInput {
  name: string;
  kind: ScriptKind | string;
  source: string;
  /** contact_id 0 means a sample contact. */
  contact_id: number;
  event: ScriptEvent | null;
  params: Record<string, unknown>;
}

export interface ScriptsApi {
  list(): Promise<ScriptInfo[]>;
  check(name: string, source: string): Promise<ScriptDiagnostic[]>;
  save(name: string, kind: string, source: string): Promise<ScriptDiagnostic[]>;
  remove(name: string): Promise<void>;
  /** switchOn runs a switched-off script again. */
  switchOn(name: string): Promise<void>;
  test(input: ScriptTestInput): Promise<ScriptTestResult>;
  reference(): Promise<string>;
}

const wails: ScriptsApi = {
  list: async () => ((await Scripts.Scripts()) ?? []) as unknown as ScriptInfo[],
  check: async (name, source) => ((await Scripts.CheckScript(name, source)) ?? []) as ScriptDiagnostic[],
  save: async (name, kind, source) => ((await Scripts.SaveScript(name, kind, source)) ?? []) as ScriptDiagnostic[],
  remove: (name) => Scripts.DeleteScript(name),
  switchOn: (name) => Scripts.SwitchScriptOn(name),
  test: async (input) => (await Scripts.TestScript(engineModels.ScriptTestInput.createFrom(input))) as unknown as ScriptTestResult,
  reference: () => Scripts.ScriptsReference(),
};

let current: ScriptsApi = wails;

/** scriptsApi returns the API in use: the Go engine, or a test's fake. */
export function scriptsApi(): ScriptsApi {
  return current;
}

/** setScriptsApi replaces the API (tests); it returns the previous one. */
export function setScriptsApi(api: ScriptsApi): ScriptsApi {
  const prev = current;
  current = api;
  return prev;
}
