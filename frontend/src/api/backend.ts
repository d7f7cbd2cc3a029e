// Typed wrappers over the generated Wails bindings. This is the only module
// that imports wailsjs/: stores call `backend()`, tests swap it with
// `setBackend(fake)`.
import * as Funnels from '../../wailsjs/go/app/Funnels';
import * as Preferences from '../../wailsjs/go/app/Preferences';
import * as References from '../../wailsjs/go/app/References';
import { flow as flowModels } from '../../wailsjs/go/models';
import type { FieldType } from './fieldTypes';
import type { Flow, FlowDoc, FlowInfo, Issue, Lookups, NodeSpec, Settings, Lang } from './types';
import type { DraftSave, DraftStamp } from './types.gen';

/** Backend is everything the frontend asks of the Go engine. */
export interface Backend {
  catalogue(): Promise<NodeSpec[]>;
  fieldTypes(): Promise<FieldType[]>;
  listFlows(): Promise<FlowInfo[]>;
  getFlow(id: string): Promise<FlowDoc>;
  saveFlow(flow: Flow): Promise<FlowDoc>;
  /** saveDraft saves on the draft version the window loaded; a conflict says who saved since (fakes may leave it out: saveFlow is used). */
  saveDraft?(flow: Flow, base: number): Promise<DraftSave>;
  /** draftStamp says which save of a funnel's draft is stored (a team workspace's window asks every few seconds). */
  draftStamp?(id: string): Promise<DraftStamp>;
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
  catalogue: async () => (await Funnels.Catalogue()) as unknown as NodeSpec[],
  fieldTypes: async () => (await Funnels.FieldTypes()) as unknown as FieldType[],
  listFlows: async () => ((await Funnels.ListFlows()) ?? []) as unknown as FlowInfo[],
  getFlow: async (id) => (await Funnels.GetFlow(id)) as unknown as FlowDoc,
  saveFlow: async (f) => (await Funnels.SaveFlow(flowModels.Flow.createFrom(f))) as unknown as FlowDoc,
  saveDraft: async (f, base) => (await Funnels.SaveDraft(flowModels.Flow.createFrom(f), base)) as unknown as DraftSave,
  draftStamp: async (id) => (await Funnels.DraftStamp(id)) as unknown as DraftStamp,
  createFlow: async (name) => (await Funnels.CreateFlow(name)) as unknown as FlowDoc,
  deleteFlow: (id) => Funnels.DeleteFlow(id),
  publishFlow: async (id) => (await Funnels.PublishFlow(id)) as unknown as FlowDoc,
  validateFlow: async (f) => ((await Funnels.ValidateFlow(flowModels.Flow.createFrom(f))) ?? []) as unknown as Issue[],
  getSettings: async () => (await Preferences.GetSettings()) as unknown as Settings,
  setLanguage: (lang) => Preferences.SetLanguage(lang),
  getLookups: async () => (await References.GetLookups()) as unknown as Lookups,
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
