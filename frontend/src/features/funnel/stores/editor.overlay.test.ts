import { beforeEach, describe, expect, it } from 'vitest';
import type { FlowDoc } from '../../../api/types';
import { canvasToFlow } from '../canvas/convert';
import type { FakeBackend } from '../../../test/fakeBackend';
import { resetFunnels } from '../../../test/fakeFunnels';
import { useEditor } from './editor';
import { PREF_LAST_FLOW, PREF_SHOW_NUMBERS, readPref } from '../../../stores/prefs';

let fake: FakeBackend;
const ed = () => useEditor.getState();
const live = { source: 'live' as const, nodes: { t: { entered: 3, waiting: 1, errors: 0 } }, edges: { 't:next': 2 } };

async function openFlow(): Promise<void> {
  const doc: FlowDoc = await fake.createFlow('Test');
  fake.flows.get('test')!.nodes = [
    { id: 't', type: 'trigger.list_joined', config: { list: 'news' }, position: { x: 0, y: 0 } },
    { id: 'c', type: 'condition.tag', config: { tag: 'vip' }, position: { x: 0, y: 168 } },
    { id: 'a', type: 'exit', position: { x: -150, y: 336 } },
    { id: 'z', type: 'exit', position: { x: -150, y: 504 } },
  ];
  fake.flows.get('test')!.edges = [
    { from: 't', to: 'c' },
    { from: 'c', port: 'yes', to: 'a' },
  ];
  ed().load(await fake.getFlow(doc.info.id));
}

beforeEach(async () => {
  fake = resetFunnels().backend;
  await openFlow();
});

describe('editor: numbers and paths over the canvas', () => {
  it('draws an overlay as per-step decorations, hidden and shown by the switch (remembered)', () => {
    ed().setOverlay(live);
    expect(ed().decor.t).toEqual({ numbers: live.nodes.t });
    ed().setShowNumbers(false);
    expect(ed().decor).toEqual({});
    expect(readPref(PREF_SHOW_NUMBERS)).toBe('off');
    ed().setShowNumbers(true);
    expect(ed().decor.t?.numbers?.entered).toBe(3);
  });

  it('keeps a step’s decoration when a new overlay does not change it', () => {
    ed().setOverlay(live);
    const before = ed().decor.t;
    ed().setOverlay({ ...live, edges: { 't:next': 3 } });
    expect(ed().decor.t).toBe(before);
  });

  it('numbers a highlighted path’s steps, and forgets overlay and path when another flow loads', async () => {
    ed().setOverlay(live);
    ed().setPath({ nodes: ['t', 'c'], edges: ['t:next'] });
    expect(ed().decor.c).toEqual({ pathIndex: 2 });
    expect(ed().decor.t).toEqual({ numbers: live.nodes.t, pathIndex: 1 });
    const other = await fake.createFlow('Other');
    ed().load(other);
    expect(ed().overlay).toBeNull();
    expect(ed().path).toBeNull();
    expect(ed().decor).toEqual({});
    expect(readPref(PREF_LAST_FLOW)).toBe('other');
  });

  it('never saves the numbers with the flow', () => {
    ed().setOverlay(live);
    const flow = canvasToFlow({ meta: ed().meta!, nodes: ed().nodes, edges: ed().edges });
    expect(JSON.stringify(flow)).not.toContain('entered');
  });
});

describe('editor: the + under an output', () => {
  it('adds the next step after a free output, linked and selected, with its defaults', () => {
    const id = ed().insertAfter('c', 'no', 'wait.delay');
    expect(id).toBe('wait-1');
    const n = ed().nodes.find((x) => x.id === id)!;
    expect(n.selected).toBe(true);
    expect(n.type === 'step' && n.data.config).toEqual({ duration: '1d' });
    expect(n.position.y).toBeGreaterThan(168);
    expect(ed().edges.some((e) => e.source === 'c' && e.sourceHandle === 'no' && e.target === id)).toBe(true);
    ed().undo();
    expect(ed().nodes.some((x) => x.id === id)).toBe(false);
  });

  it('goes between a step and the next one, pushing what follows down', () => {
    const aY = ed().nodes.find((x) => x.id === 'a')!.position.y;
    const id = ed().insertAfter('c', 'yes', 'action.tag_add')!;
    const e = ed().edges;
    expect(e.some((x) => x.source === 'c' && x.sourceHandle === 'yes' && x.target === id)).toBe(true);
    expect(e.some((x) => x.source === id && x.target === 'a')).toBe(true);
    expect(e.some((x) => x.source === 'c' && x.target === 'a')).toBe(false);
    expect(ed().nodes.find((x) => x.id === 'a')!.position.y).toBeGreaterThan(aY);
    expect(ed().nodes.find((x) => x.id === 'z')!.position.y).toBe(504);
  });

  it('refuses a start step or an unknown step', () => {
    expect(ed().insertAfter('c', 'no', 'trigger.manual')).toBeNull();
    expect(ed().insertAfter('nope', 'next', 'exit')).toBeNull();
  });
});
