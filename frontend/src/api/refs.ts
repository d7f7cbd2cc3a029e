// Typed wrappers over the Go bindings of the things steps point at (emails,
// lists, tags, segments, fields, scripts, funnels, event types). Stores
// call `refsApi()`; tests swap it with `setRefsApi(fake)`.
import * as ReferencesService from '../../wailsjs/go/app/References';
import type { Reference, References } from './types.gen';

export type { EventTypeEntry, Reference, References } from './types.gen';

export const EMPTY_REFS: References = { emails: [], lists: [], tags: [], segments: [], fields: [], scripts: [], flows: [], teammates: [], event_types: [], forms: [] };

/** RefsApi is what the choosers ask of the engine. */
export interface RefsApi {
  references(): Promise<References>;
  createList(name: string): Promise<string>;
  declareEventType(name: string): Promise<string>;
  /** addTeammate makes a teammate (a bad address is refused) and returns it. */
  addTeammate(name: string, email: string): Promise<Reference>;
}

const wails: RefsApi = {
  references: async () => (await ReferencesService.References()) as unknown as References,
  createList: (name) => ReferencesService.CreateList(name),
  declareEventType: (name) => ReferencesService.DeclareEventType(name),
  addTeammate: async (name, email) => (await ReferencesService.AddTeammate(name, email)) as unknown as Reference,
};

let current: RefsApi = wails;

/** refsApi returns the API in use: the Go engine, or a test's fake. */
export function refsApi(): RefsApi {
  return current;
}

/** setRefsApi replaces the API (tests); it returns the previous one. */
export function setRefsApi(a: RefsApi): RefsApi {
  const prev = current;
  current = a;
  return prev;
}
