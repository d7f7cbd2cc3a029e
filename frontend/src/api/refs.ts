// Typed wrappers over the Go bindings of the things steps point at (emails,
// lists, tags, segments, fields, scripts, funnels, event types). Stores
// call `refsApi()`; tests swap it with `setRefsApi(fake)`.
import * as ReferencesService from '../../wailsjs/go/app/References';
import type { Text } from './types';

/**
 * Reference is one thing a step can point at: key is what the flow stores
 * (never shown), name what the user reads, detail a hint beside it (an
 * email's subject, a script's kind), count the contacts it holds.
 */
export interface Reference {
  key: string;
  name: string;
  detail?: string;
  count?: number;
}

/** EventTypeEntry is one event of the catalogue, named in each language. */
export interface EventTypeEntry {
  type: string;
  name: Text;
  system: boolean;
}

/** References are the choices of every reference field, by kind. */
export interface References {
  emails: Reference[];
  lists: Reference[];
  tags: Reference[];
  segments: Reference[];
  fields: Reference[];
  scripts: Reference[];
  flows: Reference[];
  /** teammates: key the id, name the person, detail the email address. */
  teammates: Reference[];
  event_types: EventTypeEntry[];
}

export const EMPTY_REFS: References = { emails: [], lists: [], tags: [], segments: [], fields: [], scripts: [], flows: [], teammates: [], event_types: [] };

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
