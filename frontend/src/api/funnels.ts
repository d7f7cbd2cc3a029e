// Typed wrappers over the generated bindings the funnel builder uses beyond
// the editor's basics (backend.ts): the gallery, live numbers, a contact's
// path, versions, import / export and saving files. Stores call
// `funnelsApi()`; tests swap it with `setFunnelsApi(fake)`.
import * as Contacts from '../../wailsjs/go/app/Contacts';
import * as Funnels from '../../wailsjs/go/app/Funnels';
import type { FlowDoc } from './types';
import type { FlowCounts, FlowLink, GalleryTemplate, LiveImpact, PathStep, Version } from './types.gen';

export type { EdgeCount, FlowCounts, FlowLink, GalleryEmail, GalleryTemplate, GalleryText, LiveImpact, NodeCount, PathStep, Version } from './types.gen';

/** Outcome is what happened at one step of a contact's path. */
export type Outcome = 'ok' | 'skipped' | 'end' | 'wait' | 'exit' | 'jump' | 'error';

/** FunnelsApi is what the funnel builder asks of the Go engine beyond the editor's basics. */
export interface FunnelsApi {
  gallery(): Promise<GalleryTemplate[]>;
  createFromTemplate(id: string): Promise<FlowDoc>;
  flowCounts(id: string): Promise<FlowCounts>;
  contactPath(contactId: number, flowId: string): Promise<PathStep[]>;
  contactByEmail(email: string): Promise<number>;
  versions(id: string): Promise<Version[]>;
  restoreVersion(id: string, version: number): Promise<FlowDoc>;
  publishImpact(id: string): Promise<LiveImpact>;
  exportFlow(id: string): Promise<string>;
  importFlow(name: string, text: string): Promise<FlowDoc>;
  flowLinks(): Promise<FlowLink[]>;
  /** saveFile asks where to save a file and writes it; "" when the user cancelled. */
  saveFile(name: string, content: string, isBase64: boolean): Promise<string>;
}

// The bindings return plain JSON at run time; their .d.ts describes classes.
const wails: FunnelsApi = {
  gallery: async () => ((await Funnels.Gallery()) ?? []) as unknown as GalleryTemplate[],
  createFromTemplate: async (id) => (await Funnels.CreateFromTemplate(id)) as unknown as FlowDoc,
  flowCounts: async (id) => (await Funnels.FlowCounts(id)) as unknown as FlowCounts,
  contactPath: async (contactId, flowId) => ((await Funnels.ContactPath(contactId, flowId)) ?? []) as unknown as PathStep[],
  contactByEmail: (email) => Contacts.ContactByEmail(email),
  versions: async (id) => ((await Funnels.Versions(id)) ?? []) as unknown as Version[],
  restoreVersion: async (id, version) => (await Funnels.RestoreVersion(id, version)) as unknown as FlowDoc,
  publishImpact: async (id) => (await Funnels.PublishImpact(id)) as unknown as LiveImpact,
  exportFlow: (id) => Funnels.ExportFlow(id),
  importFlow: async (name, text) => (await Funnels.ImportFlow(name, text)) as unknown as FlowDoc,
  flowLinks: async () => ((await Funnels.FlowLinks()) ?? []) as unknown as FlowLink[],
  saveFile: (name, content, isBase64) => Funnels.SaveFunnelFile(name, content, isBase64),
};

let current: FunnelsApi = wails;

/** funnelsApi returns the API in use: the Go engine, or a test's fake. */
export function funnelsApi(): FunnelsApi {
  return current;
}

/** setFunnelsApi replaces the API (tests, the canvas benchmark); it returns the previous one. */
export function setFunnelsApi(api: FunnelsApi): FunnelsApi {
  const prev = current;
  current = api;
  return prev;
}
