// Plain TypeScript shapes of what the Go engine sends and receives. The
// generated bindings (wailsjs/) describe the same data as classes; the rest of
// the frontend uses these interfaces, and only src/api/ touches the bindings.
// The shapes of Go structs are generated from the Go types (types.gen.ts, by
// build/tsgen); what is left here belongs to the frontend alone.
import type { Lookups } from './types.gen';

export type { FieldType } from './fieldTypes';

/** Lang is a UI language. */
export type Lang = 'en' | 'fr';

/** LANGS lists the UI languages, in the order the switch shows them. */
export const LANGS: readonly Lang[] = ['en', 'fr'];

export type {
  Category,
  FieldOption,
  FieldSpec,
  Flow,
  FlowDoc,
  FlowEdge,
  FlowFrame,
  FlowInfo,
  FlowNode,
  FlowNote,
  FlowSettings,
  Issue,
  Kind,
  Lookups,
  NodeSpec,
  PortSpec,
  Position,
  Reentry,
  Settings,
  Severity,
  ShowIf,
  Text,
} from './types.gen';
export { CATEGORIES, FLOW_FORMAT } from './types.gen';

export const EMPTY_LOOKUPS: Lookups = {
  lists: [],
  tags: [],
  fields: [],
  templates: [],
  scripts: [],
  segments: [],
  flows: [],
  event_types: [],
};
