import { describe, expect, it } from 'vitest';
import { CART_FLOW, CART_RESULT, withFlowId } from '../screens/simulation/testdata/fakeApi';
import { SPECS } from '../test/fakeBackend';
import type { Flow } from '../api/types';
import {
  buildRequest,
  compareDeltas,
  flowChanges,
  DEFAULT_FORM,
  flowOrder,
  funnelStages,
  goalsByDay,
  headline,
  histogram,
  isCancelled,
  journeyOutcome,
  newSeed,
  pathHighlight,
  progressFraction,
  toOverlay,
  validateForm,
  type SimForm,
} from './simulationModel';

const form = (patch: Partial<SimForm> = {}): SimForm => ({ ...DEFAULT_FORM, flowId: 'cart', ...patch });
const isStart = (type: string) => SPECS.find((s) => s.type === type)?.kind === 'trigger';

describe('the settings form', () => {
  it('sends the personas’ website visits as edited, for the audience they belong to, and refuses reversed seconds', () => {
    const reader = { persona: 'fan', name: { en: 'fan', fr: 'fan', pseudo: '⟦fan⟧' }, visits_per_week: 3, pages: 2, seconds: [30, 120] };
    const f = form({ audience: 'engaged-subscribers', visits: { 'engaged-subscribers': [reader] } });
    expect(buildRequest(f).visits).toEqual([reader]);
    expect(buildRequest({ ...f, audience: 'saas-trial' }).visits).toBeUndefined();
    expect(buildRequest({ ...f, audience: 'real' }).visits).toBeUndefined();
    expect(validateForm(f).visits).toBeUndefined();
    expect(validateForm(form({ audience: 'engaged-subscribers', visits: { 'engaged-subscribers': [{ ...reader, seconds: [90, 10] }] } })).visits?.key).toBe('sim.visits.error.seconds');
    expect(validateForm(form({ audience: 'engaged-subscribers', visits: { 'engaged-subscribers': [{ ...reader, pages: 0 }] } })).visits?.key).toBe('sim.visits.error.pages');
    expect(validateForm(form({ audience: 'engaged-subscribers', visits: { 'engaged-subscribers': [{ ...reader, visits_per_week: Number.NaN }] } })).visits?.key).toBe('sim.visits.error.visits');
  });
  it('builds the engine request from a preset audience', () => {
    expect(buildRequest(form({ audience: 'saas-trial', n: 2500, days: 60, arrivalDays: 7, seed: 42, journeys: 20 }))).toEqual({
      flow_id: 'cart',
      preset: 'saas-trial',
      n: 2500,
      days: 60,
      seed: 42,
      arrival_days: 7,
      journeys: 20,
      real_contacts: false,
    });
  });

  it('sends real contacts with the behaviour of the chosen preset', () => {
    const r = buildRequest(form({ audience: 'real', behaviour: 'cold-b2b' }));
    expect(r.real_contacts).toBe(true);
    expect(r.preset).toBe('cold-b2b');
  });

  it('accepts the defaults and the bounds', () => {
    expect(validateForm(form())).toEqual({});
    expect(validateForm(form({ n: 1_000_000, days: 730, arrivalDays: 730, journeys: 500, seed: 0 }))).toEqual({});
    expect(validateForm(form({ n: 1, days: 1, arrivalDays: 0, journeys: 0 }))).toEqual({});
  });

  it('refuses what the engine would refuse, field by field', () => {
    const e = validateForm(form({ flowId: '', n: 1_000_001, days: 0, seed: -1, journeys: 501 }));
    expect(e.flowId?.key).toBe('sim.error.noFlow');
    expect(e.n).toEqual({ key: 'sim.error.range', vars: { min: 1, max: 1_000_000 } });
    expect(e.days?.key).toBe('sim.error.range');
    expect(e.seed?.key).toBe('sim.error.range');
    expect(e.journeys?.key).toBe('sim.error.range');
    expect(validateForm(form({ n: 2.5 })).n?.key).toBe('sim.error.whole');
    expect(validateForm(form({ n: Number.NaN })).n?.key).toBe('sim.error.whole');
  });

  it('wants arrivals to fit in the period', () => {
    expect(validateForm(form({ days: 30, arrivalDays: 31 })).arrivalDays).toEqual({ key: 'sim.error.arrivalTooLong', vars: { days: 30 } });
    expect(validateForm(form({ days: 30, arrivalDays: 30 })).arrivalDays).toBeUndefined();
  });

  it('asks no more real contacts than the workspace has, nor than the engine reads', () => {
    const real = form({ audience: 'real', n: 800 });
    expect(validateForm(real)).toEqual({}); // count not known yet: the engine decides
    expect(validateForm(real, 0).n).toEqual({ key: 'sim.error.noContacts' });
    expect(validateForm(real, 500).n).toEqual({ key: 'sim.error.realMax', vars: { max: 500 } });
    expect(validateForm(real, 5000)).toEqual({});
    expect(validateForm(form({ audience: 'real', n: 1500 }), 5000).n).toEqual({ key: 'sim.error.realMax', vars: { max: 1000 } });
    expect(validateForm(form({ n: 50_000 }), 0)).toEqual({}); // a ready audience does not need contacts
  });

  it('draws new seeds in range', () => {
    expect(newSeed(() => 0)).toBe(1);
    expect(newSeed(() => 0.999999)).toBeLessThanOrEqual(1_000_000);
  });

  it('reads progress and cancellation', () => {
    expect(progressFraction({ done: 250, total: 1000 })).toBe(0.25);
    expect(progressFraction({ done: 5, total: 0 })).toBe(0);
    expect(progressFraction({ done: 2000, total: 1000 })).toBe(1);
    expect(isCancelled('simulation cancelled')).toBe(true);
    expect(isCancelled('flow "x" not found')).toBe(false);
  });
});

describe('a result drawn on the funnel', () => {
  const fr = CART_RESULT.flows[0]!;
  const o = toOverlay(fr);

  it('puts the counts on each step', () => {
    expect(o.enrolled).toBe(801);
    expect(o.nodes.abandoned).toMatchObject({ entered: 801, waiting: 0, errors: 0 });
    expect(o.nodes.waitbuy).toMatchObject({ entered: 799, waiting: 21 });
    expect(o.nodes.nudge?.skipped).toBe(10);
  });

  it('marks the goal with its conversions', () => {
    expect(o.hasGoal).toBe(true);
    expect(o.nodes.bought?.goal).toEqual({ reached: 13, rate: 0.0162, median: '11h 7m 15s' });
    expect(o.nodes.coupon?.goal).toBeUndefined();
  });

  it('shows where journeys stop without a goal, waiting aside', () => {
    expect(o.nodes.coupon?.stopped).toBe(766);
    expect(o.nodes.coupon?.stoppedBy).toEqual({ ended: 766 });
    expect(o.nodes.coupon?.stoppedShare).toBeCloseTo(766 / 801);
    expect(o.nodes.waitbuy?.stopped).toBe(0); // 21 waiting are shown as waiting
    expect(o.nodes.bought?.stopped).toBe(0);
  });

  it('puts the share of the step’s exits on each link', () => {
    expect(o.edges['waitbuy:timeout']).toEqual({ count: 766, percent: 100 });
    expect(o.edges['waitbuy:met']).toEqual({ count: 0, percent: 0 });
    expect(o.edges['abandoned:next']).toEqual({ count: 801, percent: 100 });
  });

  it('reads the headline numbers', () => {
    const h = headline(CART_RESULT, 'cart');
    expect(h).toMatchObject({ contacts: 400, enrolled: 801, converted: 13, conversion: 0.0162, hasGoal: true, emailsSent: 1509, unsubscribes: 9 });
    expect(h.emailsPerContact).toBeCloseTo(1509 / 400);
    expect(h.unsubscribeRate).toBeCloseTo(9 / 400);
  });
});

describe('charts', () => {
  it('orders steps from the start along the links', () => {
    expect(flowOrder(CART_FLOW, isStart)).toEqual(['abandoned', 'wait4h', 'nudge', 'waitbuy', 'bought', 'coupon']);
  });

  it('lists the funnel: entered, each email, the goal', () => {
    expect(funnelStages(CART_FLOW, CART_RESULT.flows[0]!, CART_RESULT.emails, isStart)).toEqual([
      { kind: 'entered', node: '', value: 801 },
      { kind: 'email', node: 'nudge', value: 779 },
      { kind: 'email', node: 'coupon', value: 730 },
      { kind: 'goal', node: 'bought', value: 13 },
    ]);
  });

  it('drops the empty tail of the histogram', () => {
    expect(histogram([3, 0, 5, 0, 0])).toEqual([
      { emails: 0, contacts: 3 },
      { emails: 1, contacts: 0 },
      { emails: 2, contacts: 5 },
    ]);
    expect(histogram([])).toEqual([]);
  });

  it('adds up goals day by day', () => {
    const g = goalsByDay(CART_RESULT, 801);
    expect(g).toHaveLength(30);
    expect(g[0]!.day).toBe(1);
    expect(g.at(-1)!.share).toBeCloseTo(CART_RESULT.timeline.reduce((a, d) => a + d.goals, 0) / 801);
  });
});

describe('a contact’s path', () => {
  const goals = new Set(['bought']);
  const [c2, c7, c12] = CART_RESULT.journeys!;

  it('says how each kept contact ended', () => {
    expect(journeyOutcome(c2!, 'cart', goals)).toEqual({ outcome: 'ended', node: 'coupon' });
    expect(journeyOutcome(c7!, 'cart', goals)).toEqual({ outcome: 'goal', node: 'bought' });
    expect(journeyOutcome(c12!, 'cart', goals)).toEqual({ outcome: 'waiting', node: 'waitbuy' });
    expect(journeyOutcome(c2!, 'another', goals)).toEqual({ outcome: 'absent', node: '' });
  });

  it('lights up the steps in the order reached and the outputs taken', () => {
    const p = pathHighlight(c2!, 'cart');
    expect(p.nodes).toEqual({ abandoned: 1, wait4h: 2, nudge: 3, waitbuy: 4, coupon: 5 });
    expect([...p.edges].sort()).toEqual(['abandoned:next', 'coupon:next', 'nudge:next', 'wait4h:next', 'waitbuy:timeout']);
  });
});

describe('comparing two variants', () => {
  const b = withFlowId(CART_RESULT, 'cart-b', (r) => {
    r.flows[0]!.converted = 40;
    r.flows[0]!.conversion = 0.0499;
    r.totals.emails_sent = 800;
    r.totals.unsubscribes = 12;
  });
  const d = compareDeltas({ a: CART_RESULT, b, flows: [], seeds: [], figures: [] }, 'cart', 'cart-b');

  it('reads each side from its own funnel', () => {
    expect(d.converted).toMatchObject({ a: 13, b: 40, diff: 27, verdict: 'better' });
    expect(d.contacts).toMatchObject({ a: 400, b: 400, diff: 0, verdict: 'same' });
  });

  it('gives the conversion difference in percentage points', () => {
    expect(d.conversion.diff).toBeCloseTo(3.37, 2);
    expect(d.conversion.verdict).toBe('better');
  });

  it('counts fewer emails as better and more unsubscribes as worse', () => {
    expect(d.emails).toMatchObject({ a: 1509, b: 800, diff: -709, verdict: 'better' });
    expect(d.emails.relative).toBeCloseTo(-709 / 1509);
    expect(d.unsubscribes).toMatchObject({ diff: 3, verdict: 'worse' });
    expect(d.hasGoal).toBe(true);
  });
});

describe('comparing over several seeds', () => {
  const fig = (key: string, a: number, b: number, diff: number, low: number, high: number, same = false) =>
    ({ key, a, b, diff, low, high, same, chance: !same && low <= 0 && high >= 0 });
  const c = {
    a: CART_RESULT,
    b: withFlowId(CART_RESULT, 'cart-b'),
    flows: [],
    seeds: [1, 2, 3, 4, 5],
    figures: [
      fig('conversion', 0.03, 0.035, 0.5, 0.2, 0.8),
      fig('emails', 1500, 1490, -10, -25, 5),
      fig('unsubscribes', 8, 8, 0, 0, 0, true),
    ],
  };
  const d = compareDeltas(c, 'cart', 'cart-b');

  it('takes the means, the difference and its interval from the engine', () => {
    expect(d.conversion).toMatchObject({ a: 0.03, b: 0.035, diff: 0.5, low: 0.2, high: 0.8, verdict: 'better' });
    expect(d.seeds).toEqual([1, 2, 3, 4, 5]);
  });

  it('says a difference whose interval holds zero cannot be told from chance', () => {
    expect(d.emails).toMatchObject({ diff: -10, low: -25, high: 5, verdict: 'chance' });
  });

  it('calls a figure equal on every seed the same', () => {
    expect(d.unsubscribes.verdict).toBe('same');
  });

  it('falls back on the first run for a figure the engine did not give', () => {
    expect(d.contacts).toMatchObject({ low: null, verdict: 'same' });
  });
});


describe('two versions of a funnel', () => {
  const base = {
    id: 'f',
    name: 'F',
    nodes: [
      { id: 'start', type: 'trigger.list_joined', config: { list: 'news' } },
      { id: 'wait', type: 'wait.delay', config: { duration: '2d' } },
      { id: 'old', type: 'action.tag_add', config: { tag: 'x' } },
    ],
    edges: [
      { from: 'start', to: 'wait' },
      { from: 'wait', to: 'old' },
    ],
  } as unknown as Flow;

  it('marks the steps added, removed and changed on each side, not the ones only moved', () => {
    const b = JSON.parse(JSON.stringify(base)) as Flow;
    b.nodes![0]!.position = { x: 300, y: 10 };
    b.nodes![1]!.config = { duration: '3d' };
    b.nodes = b.nodes!.filter((n) => n.id !== 'old');
    b.nodes.push({ id: 'new', type: 'action.tag_add', config: { tag: 'y' } } as never);
    b.edges = [
      { from: 'start', to: 'wait' },
      { from: 'wait', to: 'new' },
    ] as never;
    const c = flowChanges(base, b);
    expect(c.a).toEqual({ wait: 'changed', old: 'removed' });
    expect(c.b).toEqual({ wait: 'changed', new: 'added' });
    expect([c.added, c.removed, c.changed]).toEqual([1, 1, 1]);
    expect(flowChanges(base, JSON.parse(JSON.stringify(base)) as Flow)).toMatchObject({ added: 0, removed: 0, changed: 0 });
  });
});
