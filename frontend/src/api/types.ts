// Plain TypeScript shapes of what the Go engine sends and receives. The
// generated bindings (wailsjs/) describe the same data as classes; the rest of
// the frontend uses these interfaces, and only src/api/ touches the bindings.
import type { FieldType } from './fieldTypes';

export type { FieldType } from './fieldTypes';

/** Lang is a UI language. */
export type Lang = 'en' | 'fr';

/** LANGS lists the UI languages, in the order the switch shows them. */
export const LANGS: readonly Lang[] = ['en', 'fr'];

/** Text is a string the user reads, in every UI language. */
export interface Text {
  en: string;
  fr: string;
}

/** Category groups node types in the palette. */
export type Category = 'start' | 'check' | 'wait' | 'do' | 'finish';

/** CATEGORIES lists the palette categories in palette order. */
export const CATEGORIES: readonly Category[] = ['start', 'check', 'wait', 'do', 'finish'];

/** Kind is the role a node type plays in a flow. */
export type Kind = 'trigger' | 'condition' | 'split' | 'wait' | 'action' | 'goal' | 'exit';

export interface FieldOption {
  value: string;
  label: Text;
}

export interface ShowIf {
  field: string;
  values: string[];
}

/** FieldSpec is one typed config field of a node type. */
export interface FieldSpec {
  name: string;
  type: FieldType;
  label: Text;
  help?: Text;
  required?: boolean;
  default?: unknown;
  options?: FieldOption[];
  min?: number;
  max?: number;
  node_type?: string;
  show_if?: ShowIf;
  /** ordered says the options are a ladder, lowest first (temperature, stage). */
  ordered?: boolean;
}

/** PortSpec is one named output of a node. */
export interface PortSpec {
  id: string;
  label: Text;
}

/** NodeSpec declares a node type (the engine's nodes.Spec). */
export interface NodeSpec {
  type: string;
  kind: Kind;
  category: Category;
  title: Text;
  help: Text;
  summary: Text;
  icon: string;
  /** input, self_link and links_per_output are the link rules (the canvas and the engine's validator read them). */
  input: boolean;
  self_link: boolean;
  links_per_output: number;
  ports: PortSpec[];
  ports_from?: string;
  optional_output?: boolean;
  fields: FieldSpec[];
  marketing?: boolean;
}

export interface Position {
  x: number;
  y: number;
}

/** FlowNode is one step of the engine's flow format. */
export interface FlowNode {
  id: string;
  type: string;
  label?: string;
  config?: Record<string, unknown>;
  position?: Position;
}

/** FlowEdge joins output `port` of `from` to `to`; no port is the default "next". */
export interface FlowEdge {
  from: string;
  port?: string;
  to: string;
}

/** FlowNote is a sticky note; the engine ignores it. */
export interface FlowNote {
  id: string;
  text: string;
  position?: Position;
  color?: string;
}

export type Reentry = 'once' | 'always' | 'per_period';

export interface FlowSettings {
  reentry: Reentry | string;
  reentry_period?: string;
  timezone?: string;
  exit_on?: string[];
}

/** Flow is the engine-owned flow format (flightplan.flow/v1). */
export interface Flow {
  format: string;
  id: string;
  name: string;
  description?: string;
  settings: FlowSettings;
  nodes: FlowNode[];
  edges: FlowEdge[];
  notes?: FlowNote[];
}

export const FLOW_FORMAT = 'flightplan.flow/v1';

export type Severity = 'error' | 'warning';

/** Issue is one validation problem, as data. */
export interface Issue {
  node_id?: string;
  field?: string;
  port?: string;
  severity: Severity;
  code: string;
  message: string;
}

/** FlowInfo describes a stored flow for the flow list. */
export interface FlowInfo {
  id: string;
  name: string;
  published_version: number;
  enabled: boolean;
  updated_at: string;
  /** error is set when the stored flow cannot be read; the others still open. */
  error?: string;
}

/** FlowDoc is a flow with its state and problems. */
export interface FlowDoc {
  flow?: Flow;
  info: FlowInfo;
  issues: Issue[];
}

export interface Settings {
  language: string;
  workspace: string;
}

/** Lookups are the names the inspector's pickers offer. */
export interface Lookups {
  lists: string[];
  tags: string[];
  fields: string[];
  templates: string[];
  scripts: string[];
  segments: string[];
  flows: string[];
  event_types: string[];
}

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
