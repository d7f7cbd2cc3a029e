// Typed wrappers over the simulation bindings (the Simulation service,
// app/simulation.go) and the plain shapes of what they send and receive
// (engine/sim's Result, Comparison…). Stores call `simulationApi()`; tests
// swap it with `setSimulationApi(fake)`.
import * as Contacts from '../../wailsjs/go/app/Contacts';
import * as Funnels from '../../wailsjs/go/app/Funnels';
import * as Simulation from '../../wailsjs/go/app/Simulation';
import { engine as engineModels, contacts as contactModels, sim as simModels } from '../../wailsjs/go/models';
import { EventsOn } from '../../wailsjs/runtime/runtime';

/** PRESETS are the built-in audiences (sim.PresetNames), in the order the screen shows them. */
export const PRESETS = ['cold-b2b', 'ecommerce-newsletter', 'saas-trial', 'engaged-subscribers'] as const;
export type Preset = (typeof PRESETS)[number];

/** SimRequest is what the simulation screen asks for (app.SimRequest). */
export interface SimRequest {
  flow_id: string;
  /** preset names a built-in audience; with real_contacts, how those contacts react. */
  preset: string;
  n: number;
  days: number;
  seed: number;
  /** arrival_days spreads arrivals over this many days (0: all on day one). */
  arrival_days: number;
  /** journeys keeps the step-by-step paths of this many contacts. */
  journeys: number;
  real_contacts: boolean;
}

/** SimNode counts one step of a funnel (sim.NodeResult). */
export interface SimNode {
  id: string;
  type: string;
  label?: string;
  entered: number;
  waiting: number;
  skipped: number;
  errors: number;
  exited: number;
  jumped: number;
}

/** SimEdge counts the journeys that left a step through one output (sim.EdgeResult); no `to` when nothing is connected. */
export interface SimEdge {
  from: string;
  port: string;
  to?: string;
  count: number;
  /** percent is the share (0–100) of the step's exits. */
  percent: number;
}

/** SimGoal is one goal step (sim.GoalResult). */
export interface SimGoal {
  node: string;
  reached: number;
  /** rate is reached over the funnel's journeys (0–1). */
  rate: number;
  /** median is the median time from entering to the goal ("2d 3h"). */
  median: string;
  median_hours: number;
}

/** DropStatus is how a journey that reached no goal stopped. */
export type DropStatus = 'ended' | 'exited' | 'waiting' | 'error';

/** SimDropOff is where journeys without a goal stopped (sim.DropOff). */
export interface SimDropOff {
  node: string;
  status: DropStatus | string;
  count: number;
  percent: number;
}

/** SimFlow is one funnel's numbers (sim.FlowResult). */
export interface SimFlow {
  id: string;
  name: string;
  enrolled: number;
  contacts: number;
  waiting: number;
  done: number;
  exited: number;
  errors: number;
  converted: number;
  /** conversion is converted over enrolled (0–1). */
  conversion: number;
  nodes: SimNode[];
  edges: SimEdge[];
  goals: SimGoal[];
  drop_offs: SimDropOff[];
}

/** SimEmail is one email step (sim.EmailResult). */
export interface SimEmail {
  flow: string;
  node: string;
  template: string;
  queued: number;
  skipped: number;
  deferred: number;
  sent: number;
  failed: number;
  bounced: number;
  opened: number;
  clicked: number;
  unsubscribed: number;
  purchases: number;
  revenue: number;
  open_rate: number;
  click_rate: number;
  click_to_open: number;
}

/** SimDay is one day of the period (sim.Day). */
export interface SimDay {
  day: number;
  date: string;
  entered: number;
  emails: number;
  opens: number;
  clicks: number;
  goals: number;
  unsubscribes: number;
  purchases: number;
}

/** SimPersona is one kind of contact's numbers (sim.PersonaResult). */
export interface SimPersona {
  name: string;
  contacts: number;
  emails: number;
  opens: number;
  clicks: number;
  purchases: number;
  revenue: number;
  goals: number;
  unsubscribed: number;
}

/** SimTotals are whole-run counters (sim.Totals). */
export interface SimTotals {
  contacts: number;
  enrollments: number;
  steps: number;
  events: number;
  resumed: number;
  errors: number;
  emails_queued: number;
  emails_sent: number;
  notifications: number;
  webhooks: number;
  opens: number;
  clicks: number;
  unsubscribes: number;
  bounces: number;
  purchases: number;
  revenue: number;
}

/** JourneyOutcome is what happened at one step (the journal's outcomes). */
export type JourneyOutcome = 'ok' | 'skipped' | 'end' | 'wait' | 'jump' | 'exit' | 'error';

/** JourneyStep is one entry of a kept path (sim.Step). */
export interface JourneyStep {
  flow_id: string;
  enrollment_id: number;
  run: number;
  node: string;
  /** port is the output taken; "" while waiting or on an exit. */
  port: string;
  reason: string;
  outcome: JourneyOutcome | string;
  /** at is an RFC 3339 time on the simulation's clock. */
  at: string;
}

/** Journey is one synthetic contact's path through every funnel (sim.Journey). */
export interface Journey {
  contact: number;
  email: string;
  persona?: string;
  steps: JourneyStep[];
}

/** SimResult is what a simulation measured (sim.Result). */
export interface SimResult {
  seed: number;
  contacts: number;
  days: number;
  start: string;
  end: string;
  audience?: string;
  flows: SimFlow[];
  emails: SimEmail[];
  /** emails_per_contact[n] is how many contacts received n emails. */
  emails_per_contact: number[];
  timeline: SimDay[];
  personas: SimPersona[];
  totals: SimTotals;
  journeys?: Journey[];
}

/** Comparison is two variants run on the same audience and seed (sim.Comparison). */
export interface Comparison {
  a: SimResult;
  b: SimResult;
}

/** SimProgress is the payload of "sim:progress": done out of total (per-mille). */
export interface SimProgress {
  done: number;
  total: number;
}

/** SimulationApi is what the simulation screen asks of the Go engine. */
export interface SimulationApi {
  presets(): Promise<string[]>;
  simulate(req: SimRequest): Promise<SimResult>;
  /** compare runs req.flow_id (A) and otherFlowId (B) on the same audience and seed. */
  compare(req: SimRequest, otherFlowId: string): Promise<Comparison>;
  cancel(): Promise<void>;
  csv(result: SimResult): Promise<string>;
  /** onProgress listens to "sim:progress"; it returns the function that stops listening. */
  onProgress(cb: (p: SimProgress) => void): () => void;
  /** saveFile asks where to save a file and writes it; "" when the user cancelled. */
  saveFile(name: string, content: string, isBase64: boolean): Promise<string>;
  /** contactCount is how many contacts the workspace has (for "my real contacts"). */
  contactCount(): Promise<number>;
}

// The bindings return plain JSON at run time; their .d.ts describes classes.
const wails: SimulationApi = {
  presets: async () => (await Simulation.SimulationPresets()) ?? [],
  simulate: async (req) => (await Simulation.Simulate(engineModels.SimRequest.createFrom(req))) as unknown as SimResult,
  compare: async (req, other) => (await Simulation.CompareVariants(engineModels.SimRequest.createFrom(req), other)) as unknown as Comparison,
  cancel: () => Simulation.CancelSimulation(),
  csv: (result) => Simulation.SimulationCSV(result as unknown as simModels.Result),
  onProgress: (cb) => EventsOn('sim:progress', (p: SimProgress) => cb(p)),
  saveFile: (name, content, isBase64) => Funnels.SaveFunnelFile(name, content, isBase64),
  contactCount: async () =>
    (await Contacts.ListContacts(contactModels.ListQuery.createFrom({ search: '', segment: '', list: '', tag: '', stage: '', temperature: '', offset: 0, limit: 1, sort: '' })))
      .total,
};

let current: SimulationApi = wails;

/** simulationApi returns the API in use: the Go engine, or a test's fake. */
export function simulationApi(): SimulationApi {
  return current;
}

/** setSimulationApi replaces the API (tests); it returns the previous one. */
export function setSimulationApi(api: SimulationApi): SimulationApi {
  const prev = current;
  current = api;
  return prev;
}
