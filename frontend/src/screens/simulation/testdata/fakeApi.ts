// A SimulationApi for tests: each call waits until the test answers it, so
// progress, cancel and late answers can be played in any order.
import type { Comparison, SimProgress, SimRequest, SimResult, SimulationApi, VersionComparison } from '../../../api/simulation';
import type { Flow } from '../../../api/types';
import cartFlow from './cart.flow.json';
import cartResult from './cart.result.json';

export const CART_FLOW = cartFlow as unknown as Flow;
export const CART_RESULT = cartResult as unknown as SimResult;

interface Pending<T> {
  resolve(v: T): void;
  reject(err: unknown): void;
}

export interface FakeSimulationApi extends SimulationApi {
  simulateCalls: SimRequest[];
  compareCalls: { req: SimRequest; other: string }[];
  versionCalls: { req: SimRequest; version: number }[];
  cancelCalls: number;
  saved: { name: string; content: string; isBase64: boolean }[];
  /** emit sends a "sim:progress" event to the listeners. */
  emit(p: SimProgress): void;
  /** answer settles the oldest pending simulate call. */
  answer(r: SimResult): void;
  fail(message: string): void;
  answerCompare(c: Comparison): void;
  answerVersion(c: VersionComparison): void;
  listeners: number;
  /** realContacts is what contactCount answers. */
  realContacts: number;
}

export function createFakeSimulationApi(): FakeSimulationApi {
  const listeners = new Set<(p: SimProgress) => void>();
  const sims: Pending<SimResult>[] = [];
  const comps: Pending<Comparison>[] = [];
  const versions: Pending<VersionComparison>[] = [];
  const api: FakeSimulationApi = {
    simulateCalls: [],
    compareCalls: [],
    versionCalls: [],
    cancelCalls: 0,
    saved: [],
    realContacts: 0,
    get listeners() {
      return listeners.size;
    },
    presets: async () => ['cold-b2b', 'ecommerce-newsletter', 'engaged-subscribers', 'saas-trial'],
    personaVisits: async (preset) => [
      { persona: `${preset}-reader`, name: { en: 'reader', fr: 'lecteur', pseudo: '⟦reader⟧' }, visits_per_week: 2, pages: 3, seconds: [10, 90] },
      { persona: `${preset}-skimmer`, name: { en: 'skimmer', fr: 'survoleur', pseudo: '⟦skimmer⟧' }, visits_per_week: 0.5, pages: 1, seconds: [2, 20] },
    ],
    simulate(req) {
      api.simulateCalls.push(req);
      return new Promise((resolve, reject) => sims.push({ resolve, reject }));
    },
    compare(req, other) {
      api.compareCalls.push({ req, other });
      return new Promise((resolve, reject) => comps.push({ resolve, reject }));
    },
    compareVersion(req, version) {
      api.versionCalls.push({ req, version });
      return new Promise((resolve, reject) => versions.push({ resolve, reject }));
    },
    async cancel() {
      api.cancelCalls++;
      const p = sims.shift() ?? comps.shift();
      p?.reject('simulation cancelled');
    },
    async csv(r) {
      return `row,flow\nnode,${r.flows[0]?.id ?? ''}\n`;
    },
    onProgress(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    async saveFile(name, content, isBase64) {
      api.saved.push({ name, content, isBase64 });
      return `/tmp/${name}`;
    },
    async contactCount() {
      return api.realContacts;
    },
    emit(p) {
      for (const l of listeners) l(p);
    },
    answer(r) {
      sims.shift()?.resolve(r);
    },
    fail(message) {
      (sims.shift() ?? comps.shift())?.reject(message);
    },
    answerCompare(c) {
      comps.shift()?.resolve(c);
    },
    answerVersion(c) {
      versions.shift()?.resolve(c);
    },
  };
  return api;
}

/** withFlowId copies a result as if it were another funnel's (a variant). */
export function withFlowId(r: SimResult, id: string, patch: (r: SimResult) => void = () => {}): SimResult {
  const c = JSON.parse(JSON.stringify(r)) as SimResult;
  c.flows[0]!.id = id;
  for (const e of c.emails) e.flow = id;
  for (const j of c.journeys ?? []) for (const s of j.steps) s.flow_id = id;
  patch(c);
  return c;
}
