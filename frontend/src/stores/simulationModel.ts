// The simulation screen's pure logic: the settings form and the request it
// builds, and the numbers read from a result — counts drawn on the funnel's
// picture, a contact's path, the stages of the funnel chart, the differences
// between two variants. No store, no engine: tested with plain data.
import type { Comparison, DropStatus, Journey, JourneyStep, PersonaVisits, Preset, SimEmail, SimFlow, SimRequest, SimResult } from '../api/simulation';
import { PRESETS } from '../api/simulation';
import type { Flow } from '../api/types';
import type { SimFigure } from '../api/types.gen';
import type { MessageKey } from '../i18n/dict';

/** Audience is a built-in audience, or the workspace's own contacts. */
export type Audience = Preset | 'real';

/** SimForm is what the settings column holds. */
export interface SimForm {
  flowId: string;
  audience: Audience;
  /** behaviour is how real contacts react to email (a preset's behaviour). */
  behaviour: Preset;
  n: number;
  days: number;
  arrivalDays: number;
  seed: number;
  /** journeys is how many contacts' paths are kept for the "why" view. */
  journeys: number;
  /** visits are a built-in audience's personas' website visits as edited (absent: the audience's own). */
  visits: Partial<Record<Preset, PersonaVisits[]>>;
}

export const DEFAULT_FORM: SimForm = {
  flowId: '',
  audience: 'ecommerce-newsletter',
  behaviour: 'ecommerce-newsletter',
  n: 10_000,
  days: 30,
  arrivalDays: 0,
  seed: 1,
  journeys: 50,
  visits: {},
};

/** VISIT_LIMITS bound a persona's website visits (engine.applyVisits). */
export const VISIT_LIMITS = { visitsPerWeek: { min: 0, max: 100 }, pages: { min: 1, max: 50 }, seconds: { min: 0, max: 86_400 } } as const;

/** visitProblem says what is wrong with one persona's visits, or undefined. */
export function visitProblem(v: PersonaVisits): FieldError | undefined {
  const bad = (x: number, b: { min: number; max: number }) => !Number.isFinite(x) || x < b.min || x > b.max;
  if (bad(v.visits_per_week, VISIT_LIMITS.visitsPerWeek)) return { key: 'sim.visits.error.visits', vars: { max: VISIT_LIMITS.visitsPerWeek.max } };
  if (bad(v.pages, VISIT_LIMITS.pages)) return { key: 'sim.visits.error.pages', vars: { max: VISIT_LIMITS.pages.max } };
  const [lo, hi] = [v.seconds[0] ?? Number.NaN, v.seconds[1] ?? Number.NaN];
  if (bad(lo, VISIT_LIMITS.seconds) || bad(hi, VISIT_LIMITS.seconds) || hi < lo) return { key: 'sim.visits.error.seconds' };
  return undefined;
}

/** LIMITS are the bounds the engine accepts (app.simConfig) and the ones the screen sets. */
export const LIMITS = {
  n: { min: 1, max: 1_000_000 },
  days: { min: 1, max: 730 },
  arrivalDays: { min: 0, max: 730 },
  seed: { min: 0, max: Number.MAX_SAFE_INTEGER },
  journeys: { min: 0, max: 500 },
} as const;

/**
 * REAL_MAX is how many of the workspace's contacts the engine reads for a
 * run (app.simConfig lists them one page at a time, and a page holds at
 * most 1,000): above it, the engine refuses the run.
 */
export const REAL_MAX = 1_000;

/** DAY_CHOICES are the periods offered as one click. */
export const DAY_CHOICES = [30, 60, 90] as const;

export type FormField = 'flowId' | 'n' | 'days' | 'arrivalDays' | 'seed' | 'journeys' | 'visits';

/** FieldError is a sentence key and its values, translated where it is shown. */
export interface FieldError {
  key: MessageKey;
  vars?: Record<string, string | number>;
}

export type FormErrors = Partial<Record<FormField, FieldError>>;

function checkInt(v: number, min: number, max: number): FieldError | undefined {
  if (!Number.isFinite(v) || !Number.isInteger(v)) return { key: 'sim.error.whole' };
  if (v < min || v > max) return { key: 'sim.error.range', vars: { min, max } };
  return undefined;
}

/**
 * validateForm lists what is wrong with the settings, by field (empty: ready
 * to run). realCount is the workspace's number of contacts, when known: a
 * run on real contacts cannot ask for more than there are.
 */
export function validateForm(f: SimForm, realCount: number | null = null): FormErrors {
  const out: FormErrors = {};
  if (!f.flowId) out.flowId = { key: 'sim.error.noFlow' };
  const n = checkInt(f.n, LIMITS.n.min, LIMITS.n.max);
  if (n) out.n = n;
  else if (f.audience === 'real' && realCount !== null) {
    if (realCount === 0) out.n = { key: 'sim.error.noContacts' };
    else if (f.n > Math.min(realCount, REAL_MAX)) out.n = { key: 'sim.error.realMax', vars: { max: Math.min(realCount, REAL_MAX) } };
  }
  const days = checkInt(f.days, LIMITS.days.min, LIMITS.days.max);
  if (days) out.days = days;
  const arrival = checkInt(f.arrivalDays, LIMITS.arrivalDays.min, LIMITS.arrivalDays.max);
  if (arrival) out.arrivalDays = arrival;
  else if (!days && f.arrivalDays > f.days) out.arrivalDays = { key: 'sim.error.arrivalTooLong', vars: { days: f.days } };
  const seed = checkInt(f.seed, LIMITS.seed.min, LIMITS.seed.max);
  if (seed) out.seed = seed;
  const journeys = checkInt(f.journeys, LIMITS.journeys.min, LIMITS.journeys.max);
  if (journeys) out.journeys = journeys;
  if (f.audience !== 'real') {
    const bad = (f.visits?.[f.audience] ?? []).map(visitProblem).find((p) => p);
    if (bad) out.visits = bad;
  }
  return out;
}

/** buildRequest turns valid settings into the engine's request. */
export function buildRequest(f: SimForm): SimRequest {
  const real = f.audience === 'real';
  return {
    flow_id: f.flowId,
    preset: real ? f.behaviour : f.audience,
    n: f.n,
    days: f.days,
    seed: f.seed,
    arrival_days: f.arrivalDays,
    journeys: f.journeys,
    real_contacts: real,
    ...(f.audience !== 'real' && f.visits?.[f.audience] ? { visits: f.visits[f.audience] } : {}),
  };
}

/** isPreset tells a built-in audience's name. */
export function isPreset(v: string): v is Preset {
  return (PRESETS as readonly string[]).includes(v);
}

/** newSeed draws a seed for a different, equally likely run. */
export function newSeed(random: () => number = Math.random): number {
  return 1 + Math.floor(random() * 999_999);
}

/** progressFraction reads a "sim:progress" payload as 0–1. */
export function progressFraction(p: { done: number; total: number }): number {
  if (!p || !(p.total > 0)) return 0;
  return Math.min(1, Math.max(0, p.done / p.total));
}

/** isCancelled tells the engine's "simulation cancelled" refusal from a failure. */
export function isCancelled(message: string): boolean {
  return /simulation cancelled/i.test(message);
}

// ---------- a result drawn on the funnel ----------

/** portKey names a step's output in an overlay. */
export function portKey(node: string, port: string | undefined | null): string {
  return `${node}:${port || 'next'}`;
}

/** NodeNumbers are the counts drawn on one step. */
export interface NodeNumbers {
  entered: number;
  waiting: number;
  errors: number;
  skipped: number;
  exited: number;
  /** jumped counts the journeys pulled from here straight to a goal (the goal's event happened). */
  jumped: number;
  /** goal is set on goal steps: how many reached it, their share of the journeys (0–1) and the median time. */
  goal?: { reached: number; rate: number; median: string };
  /** stopped counts the journeys that ended here without a goal, by how they ended (waiting excluded: shown as waiting). */
  stopped: number;
  stoppedBy: Partial<Record<DropStatus, number>>;
  /** stoppedShare is stopped over the funnel's journeys (0–1). */
  stoppedShare: number;
}

/** EdgeNumbers are what a link's label says. */
export interface EdgeNumbers {
  count: number;
  /** percent is the share (0–100) of the step's exits. */
  percent: number;
}

/** SimOverlay is a result as drawn on the picture of one funnel. */
export interface SimOverlay {
  flowId: string;
  enrolled: number;
  hasGoal: boolean;
  nodes: Record<string, NodeNumbers>;
  /** edges by portKey(from, port). */
  edges: Record<string, EdgeNumbers>;
}

/** flowResult finds one funnel's numbers in a result. */
export function flowResult(r: SimResult | null | undefined, flowId: string): SimFlow | undefined {
  return r?.flows?.find((f) => f.id === flowId);
}

/** toOverlay maps a funnel's numbers to its steps and links. */
export function toOverlay(fr: SimFlow): SimOverlay {
  const nodes: Record<string, NodeNumbers> = {};
  for (const n of fr.nodes ?? []) {
    nodes[n.id] = {
      entered: n.entered,
      waiting: n.waiting,
      errors: n.errors,
      skipped: n.skipped,
      exited: n.exited,
      jumped: n.jumped,
      stopped: 0,
      stoppedBy: {},
      stoppedShare: 0,
    };
  }
  for (const g of fr.goals ?? []) {
    const n = nodes[g.node];
    if (n) n.goal = { reached: g.reached, rate: g.rate, median: g.median };
  }
  for (const d of fr.drop_offs ?? []) {
    const n = nodes[d.node];
    if (!n || d.status === 'waiting') continue;
    n.stopped += d.count;
    const st = d.status as DropStatus;
    n.stoppedBy[st] = (n.stoppedBy[st] ?? 0) + d.count;
  }
  for (const n of Object.values(nodes)) n.stoppedShare = fr.enrolled > 0 ? n.stopped / fr.enrolled : 0;
  const edges: Record<string, EdgeNumbers> = {};
  for (const e of fr.edges ?? []) {
    const k = portKey(e.from, e.port);
    const prev = edges[k];
    edges[k] = prev ? { count: prev.count + e.count, percent: prev.percent + e.percent } : { count: e.count, percent: e.percent };
  }
  return { flowId: fr.id, enrolled: fr.enrolled, hasGoal: (fr.goals ?? []).length > 0, nodes, edges };
}

// ---------- headline numbers ----------

/** Headline is the few big numbers at the top of the results. */
export interface Headline {
  contacts: number;
  enrolled: number;
  converted: number;
  /** conversion is converted over the funnel's journeys (0–1). */
  conversion: number;
  hasGoal: boolean;
  emailsSent: number;
  emailsPerContact: number;
  unsubscribes: number;
  /** unsubscribeRate is unsubscribes over contacts (0–1). */
  unsubscribeRate: number;
}

/** headline reads the big numbers of one funnel's run. */
export function headline(r: SimResult, flowId: string): Headline {
  const fr = flowResult(r, flowId);
  const contacts = r.contacts ?? 0;
  const sent = r.totals?.emails_sent ?? 0;
  const unsubs = r.totals?.unsubscribes ?? 0;
  return {
    contacts,
    enrolled: fr?.enrolled ?? 0,
    converted: fr?.converted ?? 0,
    conversion: fr?.conversion ?? 0,
    hasGoal: (fr?.goals ?? []).length > 0,
    emailsSent: sent,
    emailsPerContact: contacts > 0 ? sent / contacts : 0,
    unsubscribes: unsubs,
    unsubscribeRate: contacts > 0 ? unsubs / contacts : 0,
  };
}

// ---------- comparing two variants ----------

/** Better says which direction of a number is good news. */
export type Better = 'up' | 'down';

/** Delta is one number of both variants and how B differs from A. */
export interface Delta {
  a: number;
  b: number;
  /** diff is b − a (for rates, in percentage points). */
  diff: number;
  /** relative is diff over a (null when a is 0). */
  relative: number | null;
  /** low–high is the 95 % interval of diff over the comparison's seeds (null: one run only). */
  low: number | null;
  high: number | null;
  /**
   * verdict says whether B is better, worse or the same on this number;
   * chance when the interval holds 0: the difference cannot be told from chance.
   */
  verdict: 'better' | 'worse' | 'same' | 'chance';
}

function delta(a: number, b: number, better: Better, rate = false): Delta {
  const diff = rate ? Math.round((b - a) * 10000) / 100 : b - a;
  const verdict = Math.abs(diff) < 1e-9 ? 'same' : (diff > 0) === (better === 'up') ? 'better' : 'worse';
  return { a, b, diff, relative: a !== 0 ? (b - a) / a : null, low: null, high: null, verdict };
}

/** fromFigure reads a figure the engine measured over several seeds (means, mean difference, interval). */
function fromFigure(f: SimFigure, better: Better, rate = false): Delta {
  const verdict = f.same ? 'same' : f.chance ? 'chance' : (f.diff > 0) === (better === 'up') ? 'better' : 'worse';
  const relative = f.a !== 0 ? (rate ? f.diff / 100 : f.diff) / f.a : null;
  return { a: f.a, b: f.b, diff: f.diff, relative, low: f.low, high: f.high, verdict };
}

/** CompareDeltas are the differences a consultant reads first. */
export interface CompareDeltas {
  contacts: Delta;
  conversion: Delta;
  converted: Delta;
  emails: Delta;
  emailsPerContact: Delta;
  unsubscribes: Delta;
  hasGoal: boolean;
  /** seeds are the runs the figures average (one run when the engine gave none). */
  seeds: number[];
}

/**
 * compareDeltas compares variant A (flowA) with variant B (flowB). The
 * engine's per-flow diff matches flows by id, so two variants (two ids)
 * never meet there: each side is read from its own funnel. When the
 * engine measured the figures over several seeds, they come from there,
 * with their intervals.
 */
export function compareDeltas(c: Comparison, flowA: string, flowB: string): CompareDeltas {
  const a = headline(c.a, flowA);
  const b = headline(c.b, flowB);
  const fig = new Map((c.figures ?? []).map((f) => [f.key, f]));
  const pick = (key: string, fallback: Delta, better: Better, rate = false) => {
    const f = fig.get(key);
    return f ? fromFigure(f, better, rate) : fallback;
  };
  return {
    contacts: delta(a.contacts, b.contacts, 'up'),
    conversion: pick('conversion', delta(a.conversion, b.conversion, 'up', true), 'up', true),
    converted: pick('converted', delta(a.converted, b.converted, 'up'), 'up'),
    emails: pick('emails', delta(a.emailsSent, b.emailsSent, 'down'), 'down'),
    emailsPerContact: pick('emails_per_contact', delta(a.emailsPerContact, b.emailsPerContact, 'down'), 'down'),
    unsubscribes: pick('unsubscribes', delta(a.unsubscribes, b.unsubscribes, 'down'), 'down'),
    hasGoal: a.hasGoal || b.hasGoal,
    seeds: c.seeds?.length ? c.seeds : [c.a.seed ?? 0],
  };
}

/** StepChange is how a step differs between two versions of a funnel. */
export type StepChange = 'added' | 'removed' | 'changed';

/** FlowChanges are the steps that differ between version A and version B, by id, on each side. */
export interface FlowChanges {
  /** a marks A's steps that B removed or changed; b marks B's steps it added or changed. */
  a: Record<string, StepChange>;
  b: Record<string, StepChange>;
  added: number;
  removed: number;
  changed: number;
}

/** canonical writes a value with sorted keys, so that key order never reads as a change. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/**
 * flowChanges compares two versions of a funnel step by step (by id): a step
 * only in B is added, only in A removed; a step in both whose type, label,
 * settings or ways out differ is changed. Positions do not count.
 */
export function flowChanges(a: Flow, b: Flow): FlowChanges {
  const out: FlowChanges = { a: {}, b: {}, added: 0, removed: 0, changed: 0 };
  const outs = (f: Flow, id: string) =>
    (f.edges ?? [])
      .filter((e) => e.from === id)
      .map((e) => `${e.port || 'next'}>${e.to}`)
      .sort()
      .join(' ');
  const inA = new Map((a.nodes ?? []).map((n) => [n.id, n]));
  const inB = new Map((b.nodes ?? []).map((n) => [n.id, n]));
  for (const [id, nb] of inB) {
    const na = inA.get(id);
    if (!na) {
      out.b[id] = 'added';
      out.added++;
    } else if (na.type !== nb.type || (na.label ?? '') !== (nb.label ?? '') || canonical(na.config ?? {}) !== canonical(nb.config ?? {}) || outs(a, id) !== outs(b, id)) {
      out.a[id] = 'changed';
      out.b[id] = 'changed';
      out.changed++;
    }
  }
  for (const id of inA.keys()) {
    if (!inB.has(id)) {
      out.a[id] = 'removed';
      out.removed++;
    }
  }
  return out;
}

// ---------- a contact's path ----------

/** PathOutcome is how a kept contact's journey through the funnel ended. */
export type PathOutcome = 'goal' | 'waiting' | 'ended' | 'exited' | 'error' | 'absent';

/** stepsIn keeps the steps of one funnel from a contact's path. */
export function stepsIn(j: Journey, flowId: string): JourneyStep[] {
  return (j.steps ?? []).filter((s) => s.flow_id === flowId);
}

/** journeyOutcome says how a contact's last journey through the funnel ended, and where. */
export function journeyOutcome(j: Journey, flowId: string, goals: ReadonlySet<string>): { outcome: PathOutcome; node: string } {
  const steps = stepsIn(j, flowId);
  const last = steps.at(-1);
  if (!last) return { outcome: 'absent', node: '' };
  const goal = steps.find((s) => goals.has(s.node) && s.outcome !== 'wait' && s.outcome !== 'jump' && s.outcome !== 'error');
  if (goal) return { outcome: 'goal', node: goal.node };
  switch (last.outcome) {
    case 'wait':
      return { outcome: 'waiting', node: last.node };
    case 'exit':
      return { outcome: 'exited', node: last.node };
    case 'error':
      return { outcome: 'error', node: last.node };
  }
  return { outcome: 'ended', node: last.node };
}

/** PathHighlight is a contact's path as drawn on the picture. */
export interface PathHighlight {
  /** nodes in the order first reached, each with its position (1-based). */
  nodes: Record<string, number>;
  /** edges by portKey(from, port). */
  edges: Set<string>;
}

/** pathHighlight turns a contact's steps through one funnel into the steps and links to light up. */
export function pathHighlight(j: Journey, flowId: string): PathHighlight {
  const nodes: Record<string, number> = {};
  const edges = new Set<string>();
  let i = 0;
  for (const s of stepsIn(j, flowId)) {
    if (!(s.node in nodes)) nodes[s.node] = ++i;
    if (s.port) edges.add(portKey(s.node, s.port));
  }
  return { nodes, edges };
}

// ---------- charts ----------

/** flowOrder lists a funnel's steps from its starts, breadth first along the links (unreached steps last). */
export function flowOrder(flow: Flow, isStart: (type: string) => boolean): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const next = new Map<string, string[]>();
  for (const e of flow.edges ?? []) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const queue = (flow.nodes ?? []).filter((n) => isStart(n.type)).map((n) => n.id);
  for (const id of queue) seen.add(id);
  while (queue.length > 0) {
    const id = queue.shift()!;
    out.push(id);
    for (const to of next.get(id) ?? []) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  for (const n of flow.nodes ?? []) if (!seen.has(n.id)) out.push(n.id);
  return out;
}

/** FunnelStage is one bar of the funnel chart. */
export interface FunnelStage {
  kind: 'entered' | 'email' | 'goal';
  /** node is the step (empty for "entered"). */
  node: string;
  value: number;
}

/**
 * funnelStages lists the funnel chart's bars: the contacts who entered, then
 * each email step in path order (emails delivered), then each goal reached.
 */
export function funnelStages(flow: Flow, fr: SimFlow, emails: SimEmail[], isStart: (type: string) => boolean): FunnelStage[] {
  const out: FunnelStage[] = [{ kind: 'entered', node: '', value: fr.enrolled }];
  const mine = new Map(emails.filter((e) => e.flow === fr.id).map((e) => [e.node, e]));
  const goals = new Map((fr.goals ?? []).map((g) => [g.node, g]));
  const order = flowOrder(flow, isStart);
  for (const id of order) {
    const e = mine.get(id);
    if (e) out.push({ kind: 'email', node: id, value: e.sent });
  }
  for (const id of order) {
    const g = goals.get(id);
    if (g) out.push({ kind: 'goal', node: id, value: g.reached });
  }
  return out;
}

/** histogram turns emails_per_contact into bars, without the empty tail. */
export function histogram(perContact: number[]): { emails: number; contacts: number }[] {
  let last = perContact.length - 1;
  while (last > 0 && !perContact[last]) last--;
  return perContact.slice(0, last + 1).map((contacts, emails) => ({ emails, contacts: contacts ?? 0 }));
}

/** goalsByDay is the goals reached each day and the running share of journeys converted (0–1). */
export function goalsByDay(r: SimResult, enrolled: number): { day: number; goals: number; share: number }[] {
  let total = 0;
  return (r.timeline ?? []).map((d) => {
    total += d.goals;
    return { day: d.day + 1, goals: d.goals, share: enrolled > 0 ? total / enrolled : 0 };
  });
}

/** rate divides safely (0 when there is nothing to divide). */
export function rate(n: number, of: number): number {
  return of > 0 ? n / of : 0;
}
