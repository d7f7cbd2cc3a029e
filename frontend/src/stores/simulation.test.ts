import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setSimulationApi, type SimulationApi } from '../api/simulation';
import { CART_FLOW, CART_RESULT, createFakeSimulationApi, withFlowId, type FakeSimulationApi } from '../screens/simulation/testdata/fakeApi';
import type { FakeBackend } from '../test/fakeBackend';
import { resetAll } from '../test/helpers';
import { useEditor } from '../features/funnel/stores/editor';
import { resetSimulationListener, simClock, useSimulation } from './simulation';
import { toastTexts, useToasts } from './toasts';

const initial = useSimulation.getState();
let api: FakeSimulationApi;
let prev: SimulationApi;
let fake: FakeBackend;
let now = 0;

// Lets pending promise callbacks run.
const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  fake = resetAll();
  fake.flows.set('cart', CART_FLOW);
  fake.flows.set('cart-b', { ...CART_FLOW, id: 'cart-b', name: 'Cart B' });
  api = createFakeSimulationApi();
  prev = setSimulationApi(api);
  resetSimulationListener();
  useSimulation.setState({ ...initial, form: { ...initial.form, flowId: 'cart' } }, true);
  now = 1000;
  simClock.now = () => now;
});

afterEach(() => {
  setSimulationApi(prev);
  resetSimulationListener();
});

describe('choosing the funnel', () => {
  const items = [
    { id: 'a', name: 'A', published_version: 0, enabled: false, updated_at: '' },
    { id: 'b', name: 'B', published_version: 0, enabled: false, updated_at: '' },
    { id: 'broken', name: 'X', published_version: 0, enabled: false, updated_at: '', error: 'bad file' },
  ];

  it('takes the funnel open in the editor', () => {
    useSimulation.setState({ form: { ...initial.form, flowId: '' } });
    useEditor.setState({ flowId: 'b' });
    useSimulation.getState().pickDefaultFlow(items);
    expect(useSimulation.getState().form.flowId).toBe('b');
  });

  it('else the first one that opens, and keeps a choice already made', () => {
    useSimulation.setState({ form: { ...initial.form, flowId: '' } });
    useSimulation.getState().pickDefaultFlow([items[2]!, ...items.slice(0, 2)]);
    expect(useSimulation.getState().form.flowId).toBe('a');
    useSimulation.getState().setForm({ flowId: 'b' });
    useEditor.setState({ flowId: 'a' });
    useSimulation.getState().pickDefaultFlow(items);
    expect(useSimulation.getState().form.flowId).toBe('b');
  });

  it('draws the chosen funnel before any run', async () => {
    useSimulation.getState().setForm({ flowId: 'cart-b' });
    await flush();
    expect(useSimulation.getState().preview?.name).toBe('Cart B');
  });
});

describe('a run', () => {
  it('sends the request built from the settings and shows the result', async () => {
    useSimulation.getState().setForm({ audience: 'cold-b2b', n: 10_000, days: 30, seed: 9, journeys: 25 });
    const done = useSimulation.getState().run();
    await flush();
    expect(useSimulation.getState().status).toBe('running');
    expect(api.simulateCalls).toEqual([
      { flow_id: 'cart', preset: 'cold-b2b', n: 10_000, days: 30, seed: 9, arrival_days: 0, journeys: 25, real_contacts: false },
    ]);
    now = 1450;
    api.answer(CART_RESULT);
    await done;
    const s = useSimulation.getState();
    expect(s.status).toBe('done');
    expect(s.result).toBe(CART_RESULT);
    expect(s.flow?.id).toBe('cart');
    expect(s.request?.seed).toBe(9);
    expect(s.elapsedMs).toBe(450);
    expect(s.running).toBeNull();
  });

  it('counts the workspace’s contacts for “my real contacts” and refuses more', async () => {
    api.realContacts = 120;
    useSimulation.getState().setForm({ audience: 'real', n: 10_000 });
    await flush();
    expect(useSimulation.getState().realCount).toBe(120);
    await useSimulation.getState().run();
    expect(api.simulateCalls).toHaveLength(0);
    expect(useSimulation.getState().errors.n).toEqual({ key: 'sim.error.realMax', vars: { max: 120 } });
    useSimulation.getState().setForm({ n: 120 });
    const done = useSimulation.getState().run();
    await flush();
    expect(api.simulateCalls[0]).toMatchObject({ n: 120, real_contacts: true, preset: 'ecommerce-newsletter' });
    api.answer(CART_RESULT);
    await done;
  });

  it('does not call the engine with settings it would refuse', async () => {
    useSimulation.getState().setForm({ n: 0 });
    await useSimulation.getState().run();
    expect(api.simulateCalls).toHaveLength(0);
    expect(useSimulation.getState().showErrors).toBe(true);
    expect(useSimulation.getState().errors.n?.key).toBe('sim.error.range');
  });

  it('follows the engine’s progress, never backwards, and only while running', async () => {
    const done = useSimulation.getState().run();
    await flush();
    expect(api.listeners).toBe(1);
    api.emit({ done: 300, total: 1000 });
    expect(useSimulation.getState().progress).toBe(0.3);
    api.emit({ done: 200, total: 1000 }); // a late event
    expect(useSimulation.getState().progress).toBe(0.3);
    api.emit({ done: 1000, total: 1000 });
    expect(useSimulation.getState().progress).toBe(1);
    api.answer(CART_RESULT);
    await done;
    useSimulation.setState({ progress: 0 });
    api.emit({ done: 500, total: 1000 });
    expect(useSimulation.getState().progress).toBe(0);
  });

  it('runs one simulation at a time', async () => {
    const done = useSimulation.getState().run();
    await flush();
    await useSimulation.getState().run();
    expect(api.simulateCalls).toHaveLength(1);
    api.answer(CART_RESULT);
    await done;
  });

  it('saves the open draft first, so the numbers match the canvas', async () => {
    let flushed = 0;
    useEditor.setState({ flowId: 'cart', changeSeq: 3, savedSeq: 2, flush: async () => void flushed++ });
    const done = useSimulation.getState().run();
    await flush();
    expect(flushed).toBe(1);
    api.answer(CART_RESULT);
    await done;
  });

  it('says why a run failed', async () => {
    const done = useSimulation.getState().run();
    await flush();
    api.fail('flow "cart": node "x": boom');
    await done;
    expect(useSimulation.getState().status).toBe('error');
    expect(useSimulation.getState().error).toBe('flow "cart": node "x": boom');
    expect(toastTexts('en').at(-1)).toBe('The simulation failed: flow "cart": node "x": boom');
  });
});

describe('cancel', () => {
  it('stops the run in the engine and keeps the previous result', async () => {
    useSimulation.setState({ result: CART_RESULT, flow: CART_FLOW, status: 'done' });
    const done = useSimulation.getState().run();
    await flush();
    await useSimulation.getState().cancel();
    await done;
    const s = useSimulation.getState();
    expect(api.cancelCalls).toBe(1);
    expect(s.cancelled).toBe(true);
    expect(s.running).toBeNull();
    expect(s.status).toBe('done');
    expect(s.result).toBe(CART_RESULT);
    expect(useToasts.getState().toasts).toHaveLength(0);
  });

  it('goes back to idle when there was no result', async () => {
    const done = useSimulation.getState().run();
    await flush();
    await useSimulation.getState().cancel();
    await done;
    expect(useSimulation.getState().status).toBe('idle');
    expect(useSimulation.getState().cancelled).toBe(true);
  });

  it('drops an answer that comes after cancel was asked', async () => {
    api.cancel = async () => void api.cancelCalls++; // the engine had not started yet
    const done = useSimulation.getState().run();
    await flush();
    await useSimulation.getState().cancel();
    api.answer(CART_RESULT);
    await done;
    expect(useSimulation.getState().result).toBeNull();
    expect(useSimulation.getState().cancelled).toBe(true);
  });

  it('does nothing when nothing runs', async () => {
    await useSimulation.getState().cancel();
    expect(api.cancelCalls).toBe(0);
  });
});

describe('compare', () => {
  it('runs the funnel and the variant on the same request', async () => {
    useSimulation.getState().setForm({ seed: 5, n: 2000 });
    useSimulation.getState().setCompareFlow('cart-b');
    const done = useSimulation.getState().runCompare();
    await flush();
    expect(api.compareCalls).toHaveLength(1);
    expect(api.compareCalls[0]!.other).toBe('cart-b');
    expect(api.compareCalls[0]!.req).toMatchObject({ flow_id: 'cart', seed: 5, n: 2000 });
    api.emit({ done: 500, total: 1000 });
    expect(useSimulation.getState().progress).toBe(0.5);
    api.answerCompare({ a: CART_RESULT, b: withFlowId(CART_RESULT, 'cart-b'), flows: [], seeds: [], figures: [] });
    await done;
    const c = useSimulation.getState().compare;
    expect(c.status).toBe('done');
    expect(c.flowA?.id).toBe('cart');
    expect(c.flowB?.name).toBe('Cart B');
    expect(useSimulation.getState().running).toBeNull();
  });

  it('needs a variant other than the funnel itself', async () => {
    await useSimulation.getState().runCompare();
    useSimulation.getState().setCompareFlow('cart');
    await useSimulation.getState().runCompare();
    expect(api.compareCalls).toHaveLength(0);
  });

  it('forgets the variant when it becomes the funnel', () => {
    useSimulation.getState().setCompareFlow('cart-b');
    useSimulation.getState().setForm({ flowId: 'cart-b' });
    expect(useSimulation.getState().compare.otherFlowId).toBe('');
  });

  it('can be cancelled', async () => {
    useSimulation.getState().setCompareFlow('cart-b');
    const done = useSimulation.getState().runCompare();
    await flush();
    await useSimulation.getState().cancel();
    await done;
    expect(useSimulation.getState().compare.status).toBe('idle');
    expect(useSimulation.getState().cancelled).toBe(true);
  });
});

describe('export', () => {
  it('asks the engine for the CSV of the result shown', async () => {
    expect(await useSimulation.getState().csv()).toBeNull();
    useSimulation.setState({ result: CART_RESULT });
    expect(await useSimulation.getState().csv()).toContain('node,cart');
  });
});

describe('compare a version with the current draft', () => {
  it('runs the funnel’s version against its draft and names both sides', async () => {
    const done = useSimulation.getState().compareVersion('cart', 2);
    await flush();
    expect(api.versionCalls).toHaveLength(1);
    expect(api.versionCalls[0]).toMatchObject({ version: 2, req: { flow_id: 'cart' } });
    api.answerVersion({ comparison: { a: CART_RESULT, b: CART_RESULT, flows: [], seeds: [1], figures: [] }, version: 2, flow_a: CART_FLOW, flow_b: CART_FLOW });
    await done;
    const c = useSimulation.getState().compare;
    expect(c.status).toBe('done');
    expect(c.version).toBe(2);
    expect(c.flowA?.name).toBe('Version 2');
    expect(c.flowB?.name).toBe('Current draft');
    useSimulation.getState().setCompareFlow('cart-b');
    expect(useSimulation.getState().compare.version).toBeNull();
  });
});
