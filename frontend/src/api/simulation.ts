// Typed wrappers over the simulation bindings (the Simulation service,
// app/simulation.go) and the plain shapes of what they send and receive
// (engine/sim's Result, Comparison…). Stores call `simulationApi()`; tests
// swap it with `setSimulationApi(fake)`.
import * as Contacts from '../../wailsjs/go/app/Contacts';
import * as Funnels from '../../wailsjs/go/app/Funnels';
import * as Simulation from '../../wailsjs/go/app/Simulation';
import { engine as engineModels, contacts as contactModels, sim as simModels } from '../../wailsjs/go/models';
import { EventsOn } from '../../wailsjs/runtime/runtime';
import type { Comparison as GenComparison, PersonaVisits, SimRequest, SimResult, VersionComparison } from './types.gen';

export type { PersonaVisits, VersionComparison } from './types.gen';

export type {
  Journey,
  JourneyStep,
  SimDay,
  SimDropOff,
  SimEdge,
  SimEmail,
  SimFlow,
  SimFlowDiff,
  SimGoal,
  SimNode,
  SimPersona,
  SimRequest,
  SimResult,
  SimTotals,
} from './types.gen';

/** Comparison is two simulations side by side: Go always fills both (sim.Comparison's pointers are never nil). */
export type Comparison = Required<GenComparison>;

/** PRESETS are the built-in audiences (sim.PresetNames), in the order the screen shows them. */
export const PRESETS = ['cold-b2b', 'ecommerce-newsletter', 'saas-trial', 'engaged-subscribers'] as const;
export type Preset = (typeof PRESETS)[number];

/** DropStatus is how a journey that reached no goal stopped. */
export type DropStatus = 'ended' | 'exited' | 'waiting' | 'error';

/** JourneyOutcome is what happened at one step (the journal's outcomes). */
export type JourneyOutcome = 'ok' | 'skipped' | 'end' | 'wait' | 'jump' | 'exit' | 'error';

/** SimProgress is the payload of "sim:progress": done out of total (per-mille). */
export interface SimProgress {
  done: number;
  total: number;
}

/** SimulationApi is what the simulation screen asks of the Go engine. */
export interface SimulationApi {
  presets(): Promise<string[]>;
  /** personaVisits is how each persona of a built-in audience visits the website. */
  personaVisits(preset: string): Promise<PersonaVisits[]>;
  simulate(req: SimRequest): Promise<SimResult>;
  /** compare runs req.flow_id (A) and otherFlowId (B) on the same audience and seed. */
  compare(req: SimRequest, otherFlowId: string): Promise<Comparison>;
  /** compareVersion runs published version `version` of req.flow_id (A) against its current draft (B). */
  compareVersion(req: SimRequest, version: number): Promise<VersionComparison>;
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
  personaVisits: async (preset) => ((await Simulation.SimulationPersonaVisits(preset)) ?? []) as unknown as PersonaVisits[],
  simulate: async (req) => (await Simulation.Simulate(engineModels.SimRequest.createFrom(req))) as unknown as SimResult,
  compare: async (req, other) => (await Simulation.CompareVariants(engineModels.SimRequest.createFrom(req), other)) as unknown as Comparison,
  compareVersion: async (req, version) => (await Simulation.CompareVersion(engineModels.SimRequest.createFrom(req), version)) as unknown as VersionComparison,
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
