// Typed wrappers over the generated Wails bindings. This is the only module
// that imports wailsjs/: stores call `backend()`, tests swap it with
// `setBackend(fake)`.
import * as App from '../../wailsjs/go/app/App';
import { flow as flowModels } from '../../wailsjs/go/models';
import type { FieldType } from './fieldTypes';
import type { Flow, FlowDoc, FlowInfo, Issue, Lookups, NodeSpec, Settings, Lang } from './types';

/** Backend is everything the frontend asks of the Go engine. */
export interface Backend {
  catalogue(): Promise<NodeSpec[]>;
  fieldTypes(): Promise<FieldType[]>;
  listFlows(): Promise<FlowInfo[]>;
  getFlow(id: string): Promise<FlowDoc>;
  saveFlow(flow: Flow): Promise<FlowDoc>;
  createFlow(name: string): Promise<FlowDoc>;
  deleteFlow(id: string): Promise<void>;
  publishFlow(id: string): Promise<FlowDoc>;
  validateFlow(flow: Flow): Promise<Issue[]>;
  getSettings(): Promise<Settings>;
  setLanguage(lang: Lang): Promise<void>;
  getLookups(): Promise<Lookups>;
}

// The bindings return plain JSON at run time; their .d.ts describes classes
// with helper methods, so the results are re-typed here, in one place.
const wails: Backend = {
  catalogue: async () => (await App.Catalogue()) as unknown as NodeSpec[],
  fieldTypes: async () => (await App.FieldTypes()) as unknown as FieldType[],
  listFlows: async () => ((await App.ListFlows()) ?? []) as unknown as FlowInfo[],
  getFlow: async (id) => (await App.GetFlow(id)) as unknown as FlowDoc,
  saveFlow: async (f) => (await App.SaveFlow(flowModels.Flow.createFrom(f))) as unknown as FlowDoc,
  createFlow: async (name) => (await App.CreateFlow(name)) as unknown as FlowDoc,
  deleteFlow: (id) => App.DeleteFlow(id),
  publishFlow: async (id) => (await App.PublishFlow(id)) as unknown as FlowDoc,
  validateFlow: async (f) => ((await App.ValidateFlow(flowModels.Flow.createFrom(f))) ?? []) as unknown as Issue[],
  getSettings: async () => (await App.GetSettings()) as unknown as Settings,
  setLanguage: (lang) => App.SetLanguage(lang),
  getLookups: async () => (await App.GetLookups()) as unknown as Lookups,
};

let current: Backend = wails;

/** backend returns the backend in use: the Go engine, or a test's fake. */
export function backend(): Backend {
  return current;
}

/** setBackend replaces the backend (tests); it returns the previous one. */
export function setBackend(b: Backend): Backend {
  const prev = current;
  current = b;
  return prev;
}

/**
 * errorMessage turns a rejected call into the sentence to show. Bound Go
 * methods reject with the error's message as a string.
 */
export function errorMessage(err: unknown): string {
  if (typeof err === 'string') return err;
  if (err instanceof Error) return err.message;
  if (err && typeof err === 'object' && 'message' in err && typeof (err as { message: unknown }).message === 'string') {
    return (err as { message: string }).message;
  }
  return String(err);
}
