// The document slice alone: record, markChanged and the other slices'
// reset helpers stand in for the history and autosave slices, so each edit
// is seen to record one undo step before it and one change after it.
import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { FlowDoc } from '../../../api/types';
import type { FakeBackend } from '../../../test/fakeBackend';
import { resetAll } from '../../../test/helpers';
import { richFlow } from '../../../test/flows';
import { canvasToFlow } from '../canvas/convert';
import type { StepNode } from '../canvas/types';
import { PREF_LAST_FLOW, readPref } from '../../../stores/prefs';
import { createDocumentSlice } from './editor.document';
import { sliceStore } from './editor.testing';

let fake: FakeBackend;
let store: ReturnType<typeof sliceStore>;
let record: Mock<(tag?: string) => void>;
let markChanged: Mock<() => void>;
let stopTimers: Mock<() => void>;
const st = () => store.getState();
const step = (id: string) => st().nodes.find((n) => n.id === id) as StepNode;
const links = () => st().edges.map((e) => `${e.source}:${e.sourceHandle}>${e.target}`);

async function openNew(): Promise<void> {
  const doc: FlowDoc = await fake.createFlow('Doc');
  st().load(doc);
}

beforeEach(() => {
  fake = resetAll();
  record = vi.fn();
  markChanged = vi.fn();
  stopTimers = vi.fn();
  store = sliceStore([createDocumentSlice], {
    record,
    markChanged,
    stopTimers,
    freshHistory: () => ({ past: [], future: [] }),
    flush: async () => {},
    fitSeq: 0,
  });
});

describe('editor document slice', () => {
  it('opens a flow from the engine, resetting what the other slices showed of the last one', async () => {
    fake.flows.set('welcome', structuredClone(richFlow));
    store.setState({ past: [{ nodes: [], edges: [] }], changeSeq: 4, savedSeq: 2, overlay: { source: 'live', nodes: {}, edges: {} }, decor: { x: {} } });
    await st().open('welcome');
    expect(stopTimers).toHaveBeenCalled();
    expect(canvasToFlow({ meta: st().meta!, nodes: st().nodes, edges: st().edges })).toEqual(richFlow);
    expect(st()).toMatchObject({ flowId: 'welcome', loading: false, past: [], changeSeq: 0, savedSeq: 0, overlay: null, decor: {} });
    expect(readPref(PREF_LAST_FLOW)).toBe('welcome');
    expect(record).not.toHaveBeenCalled();
    expect(markChanged).not.toHaveBeenCalled();
  });

  it('an unknown flow shows the engine’s error', async () => {
    await st().open('nope');
    expect(st().loadError).toContain('not found');
    expect(st().meta).toBeNull();
  });

  it('each edit records one undo step before it and one change after it', async () => {
    await openNew();
    st().addNode('trigger.list_joined', { x: 0, y: 0 });
    st().addNode('exit', { x: 0, y: 200 }, { nodeId: 'list-joined-1', port: 'next' });
    // the new step is the one selected
    expect(st().nodes.map((n) => n.selected)).toEqual([false, true]);
    st().updateConfig('list-joined-1', 'list', 'vip');
    st().setLabel('exit-1', 'Done');
    st().addNote({ x: 300, y: 0 });
    st().deleteElements(['note:note-1'], []);
    expect(record.mock.calls).toEqual([[], [], ['list-joined-1.list'], ['exit-1.#label'], [], []]);
    expect(markChanged).toHaveBeenCalledTimes(6);
    expect(links()).toEqual(['list-joined-1:next>exit-1']);
    expect(step('exit-1').data.label).toBe('Done');
  });

  it('a refused link changes nothing and says why', async () => {
    await openNew();
    st().addNode('trigger.list_joined', { x: 0, y: 0 });
    st().addNode('exit', { x: 0, y: 200 });
    record.mockClear();
    markChanged.mockClear();
    expect(st().connect({ source: 'exit-1', sourceHandle: 'next', target: 'list-joined-1', targetHandle: 'in' })).toBe('into_start');
    expect(st().connect({ source: 'list-joined-1', sourceHandle: 'next', target: 'list-joined-1', targetHandle: 'in' })).toBe('self_loop');
    expect(record).not.toHaveBeenCalled();
    expect(markChanged).not.toHaveBeenCalled();
    expect(st().connect({ source: 'list-joined-1', sourceHandle: 'next', target: 'exit-1', targetHandle: 'in' })).toBeNull();
    expect(record).toHaveBeenCalledTimes(1);
  });

  it('a drag records once when it starts and changes once when it ends; selection records nothing', async () => {
    await openNew();
    st().addNode('exit', { x: 0, y: 0 });
    record.mockClear();
    markChanged.mockClear();
    st().onNodesChange([{ type: 'select', id: 'exit-1', selected: false }]);
    st().onNodesChange([{ type: 'position', id: 'exit-1', position: { x: 5, y: 5 }, dragging: true }]);
    st().onNodesChange([{ type: 'position', id: 'exit-1', position: { x: 9, y: 9 }, dragging: true }]);
    expect(st().dragging).toBe(true);
    expect(markChanged).not.toHaveBeenCalled();
    st().onNodesChange([{ type: 'position', id: 'exit-1', dragging: false }]);
    expect(record).toHaveBeenCalledTimes(1);
    expect(markChanged).toHaveBeenCalledTimes(1);
    expect(st().dragging).toBe(false);
    expect(step('exit-1').position).toEqual({ x: 9, y: 9 });
  });

  it('inserts a step between a step and the next, linked both ways', async () => {
    await openNew();
    st().addNode('trigger.list_joined', { x: 0, y: 0 });
    st().addNode('exit', { x: 0, y: 200 }, { nodeId: 'list-joined-1', port: 'next' });
    const id = st().insertAfter('list-joined-1', 'next', 'action.send_email');
    expect(id).toBe('email-1');
    expect(links().sort()).toEqual(['email-1:next>exit-1', 'list-joined-1:next>email-1']);
    expect(step('exit-1').position.y).toBeGreaterThan(step('email-1').position.y);
  });

  it('close empties the canvas', async () => {
    await openNew();
    st().addNode('exit', { x: 0, y: 0 });
    st().close();
    expect(st()).toMatchObject({ flowId: null, meta: null, nodes: [], edges: [], changeSeq: 0, issues: [] });
  });
});
