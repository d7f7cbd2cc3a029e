import { beforeEach, describe, expect, it } from 'vitest';
import type { FakeBackend } from '../../../test/fakeBackend';
import { resetFunnels, type FakeFunnels } from '../../../test/fakeFunnels';
import { useEditor } from './editor';
import { useFlows } from './flows';
import { useFunnel } from './funnel';
import { toastText, useToasts } from '../../../stores/toasts';

let fake: FakeBackend;
let api: FakeFunnels;
const ed = () => useEditor.getState();
const fn = () => useFunnel.getState();
const lastToast = () => useToasts.getState().toasts.map((t) => ({ ...t, text: toastText(t, 'en') })).at(-1);

async function openWelcome(): Promise<string> {
  const id = (await useFlows.getState().createFromTemplate('welcome'))!;
  return id;
}

beforeEach(() => {
  ({ backend: fake, funnels: api } = resetFunnels());
});

describe('funnel: live numbers', () => {
  it('reads nothing for a funnel never published', async () => {
    await openWelcome();
    await fn().refreshLive();
    expect(api.calls).not.toContain('flowCounts');
    expect(ed().overlay).toBeNull();
  });

  it('draws a published funnel’s counts, and leaves a simulation’s numbers alone', async () => {
    const id = await openWelcome();
    await ed().publish();
    api.counts.set(id, { nodes: [{ node: 'hello', entered: 4, waiting: 0, errors: 1, skipped: 0, failed: 0 }], edges: [{ node: 'hello', port: 'next', count: 3 }], enrolled: 4, active: 1, done: 3, goals: 0 });
    await fn().refreshLive();
    expect(ed().overlay).toMatchObject({ source: 'live', edges: { 'hello:next': 3 } });
    expect(ed().decor.hello?.numbers).toEqual({ entered: 4, waiting: 0, errors: 1 });
    ed().setOverlay({ source: 'simulation', nodes: { hello: { entered: 1000, waiting: 0, errors: 0 } }, edges: {} });
    await fn().refreshLive();
    expect(ed().overlay?.source).toBe('simulation');
  });

  it('keeps a failure for the toolbar instead of a toast every few seconds', async () => {
    await openWelcome();
    await ed().publish();
    api.flowCounts = async () => Promise.reject('database is locked');
    const toasts = useToasts.getState().toasts.length;
    await fn().refreshLive();
    expect(fn().liveError).toBe('database is locked');
    expect(useToasts.getState().toasts.length).toBe(toasts);
  });
});

describe('funnel: publishing and versions', () => {
  it('publishes at once when nobody is inside', async () => {
    await openWelcome();
    await fn().requestPublish();
    expect(fn().publishQuestion).toBeNull();
    expect(ed().info?.published_version).toBe(1);
  });

  it('asks first when contacts are inside, and says they stay on their version', async () => {
    const id = await openWelcome();
    await fn().requestPublish();
    api.active.set(id, 12);
    await fn().requestPublish();
    expect(fn().publishQuestion).toEqual({ flowId: id, active: 12, published_version: 1 });
    expect(ed().info?.published_version).toBe(1);
    fn().cancelPublish();
    expect(fn().publishQuestion).toBeNull();
    await fn().requestPublish();
    expect(await fn().confirmPublish()).toBe(true);
    expect(ed().info?.published_version).toBe(2);
  });

  it('does not ask while problems block publishing: the refusal shows at once', async () => {
    const id = await openWelcome();
    await fn().requestPublish();
    api.active.set(id, 3);
    ed().updateConfig('hello', 'template', '');
    await ed().validate();
    await fn().requestPublish();
    expect(fn().publishQuestion).toBeNull();
    expect(lastToast()).toMatchObject({ kind: 'error' });
  });

  it('lists versions newest first and restores one as the draft', async () => {
    const id = await openWelcome();
    await fn().requestPublish();
    ed().setLabel('wait', 'Pause');
    await ed().save();
    await fn().requestPublish();
    await fn().loadVersions();
    expect(fn().versions.map((v) => v.version)).toEqual([2, 1]);
    expect(fn().versionsFor).toBe(id);
    expect(await fn().restore(1)).toBe(true);
    expect(fake.flows.get(id)!.nodes.find((n) => n.id === 'wait')!.label).toBeUndefined();
    expect(ed().nodes.find((n) => n.id === 'wait')!.data).not.toHaveProperty('label');
    expect(lastToast()).toMatchObject({ kind: 'success', text: 'Version 1 is now the draft.' });
  });

  it('says why a restore failed', async () => {
    await openWelcome();
    expect(await fn().restore(9)).toBe(false);
    expect(lastToast()).toMatchObject({ kind: 'error', text: 'flow "welcome-sequence": no version 9' });
  });
});

describe('funnel: a contact’s path', () => {
  const step = (node: string, port: string, outcome: string) => ({ enrollment_id: 1, flow_id: 'welcome-sequence', version: 1, node, port, reason: `at ${node}`, outcome, at: '2026-03-12T14:05:00Z' });

  it('finds a contact by email and highlights their path', async () => {
    const id = await openWelcome();
    api.paths.set(`7/${id}`, [step('signup', 'next', 'ok'), step('hello', 'next', 'ok'), step('wait', '', 'wait')]);
    await fn().findPath('  Camille@Example.com ');
    expect(fn().pathResult?.contactId).toBe(7);
    expect(fn().pathResult?.steps).toHaveLength(3);
    expect(ed().path).toEqual({ nodes: ['signup', 'hello', 'wait'], edges: ['signup:next', 'hello:next'] });
    fn().clearPath();
    expect(ed().path).toBeNull();
  });

  it('takes a contact number, and explains what it cannot use', async () => {
    await openWelcome();
    await fn().findPath('42');
    expect(api.calls.filter((c) => c === 'contactByEmail')).toHaveLength(0);
    expect(fn().pathResult).toMatchObject({ contactId: 42, steps: [] });
    expect(ed().path).toBeNull();
    await fn().findPath('camille');
    expect(fn().pathError).toBe('Type an email address (with @) or a contact number.');
    await fn().findPath('nobody@example.com');
    expect(fn().pathError).toBe('no contact has the email "nobody@example.com"');
    await fn().findPath('');
    expect(fn().pathError).toBe('Type an email address or a contact number.');
  });

  it('forgets the previous funnel’s path and versions when another opens', async () => {
    const id = await openWelcome();
    api.paths.set(`7/${id}`, [step('signup', 'next', 'ok')]);
    await fn().findPath('camille@example.com');
    await useFlows.getState().create('Other');
    expect(fn().pathResult).toBeNull();
    expect(fn().versionsFor).toBeNull();
  });
});
