import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FlowDoc } from '../../../api/types';
import { richFlow } from '../../../test/flows';
import { canvasToFlow } from '../canvas/convert';
import type { FakeBackend } from '../../../test/fakeBackend';
import { resetAll } from '../../../test/helpers';
import { editorTiming, isDirty, PASTE_OFFSET, useEditor } from './editor';
import { toastTexts, useToasts } from '../../../stores/toasts';

let fake: FakeBackend;
const ed = () => useEditor.getState();
const ids = () => ed().nodes.map((n) => n.id);
const step = (id: string) => {
  const n = ed().nodes.find((x) => x.id === id);
  if (n?.type !== 'step') throw new Error(`no step ${id}`);
  return n;
};

async function openNew(name = 'Test'): Promise<void> {
  const doc: FlowDoc = await fake.createFlow(name);
  ed().load(doc);
}

beforeEach(() => {
  fake = resetAll();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('editor: loading', () => {
  it('opens a flow from the engine, with its issues grouped by step', async () => {
    fake.flows.set('welcome', structuredClone(richFlow));
    await ed().open('welcome');
    expect(ed().meta?.name).toBe('Welcome sequence');
    expect(ids()).toContain('note:n1');
    expect(ed().edges).toHaveLength(richFlow.edges.length);
    expect(canvasToFlow({ meta: ed().meta!, nodes: ed().nodes, edges: ed().edges })).toEqual(richFlow);
    expect(isDirty(ed())).toBe(false);
  });

  it('lays out steps that have no position', async () => {
    fake.flows.set('bare', {
      format: 'flightplan.flow/v1',
      id: 'bare',
      name: 'Bare',
      settings: { reentry: 'once' },
      nodes: [
        { id: 'a', type: 'trigger.manual' },
        { id: 'b', type: 'exit' },
      ],
      edges: [{ from: 'a', to: 'b' }],
    });
    await ed().open('bare');
    await vi.waitFor(() => expect(step('b').position.y).toBeGreaterThan(step('a').position.y + 100));
    expect(isDirty(ed())).toBe(false);
  });

  it('shows a damaged flow’s error without breaking', async () => {
    fake.damaged.set('bad', 'flow bad:1:1: unexpected data');
    await ed().open('bad');
    expect(ed().meta).toBeNull();
    expect(ed().loadError).toMatch(/damaged/);
    expect(useToasts.getState().toasts[0]?.kind).toBe('error');
  });
});

describe('editor: editing', () => {
  beforeEach(() => openNew());

  it('adds a step with a readable id and the spec’s defaults, selected', () => {
    const id = ed().addNode('wait.delay', { x: 10.4, y: 20 });
    expect(id).toBe('wait-1');
    expect(step('wait-1').data.config).toEqual({ duration: '1d' });
    expect(step('wait-1').selected).toBe(true);
    expect(step('wait-1').position).toEqual({ x: 10, y: 20 });
    expect(ed().addNode('wait.delay', { x: 0, y: 0 })).toBe('wait-2');
    expect(step('wait-1').selected).toBe(false);
    expect(ed().addNode('nope', { x: 0, y: 0 })).toBeNull();
  });

  it('gives defaults a copy, never the spec’s own object', () => {
    ed().addNode('split.random', { x: 0, y: 0 });
    (step('split-random-1').data.config.branches as { percent: number }[])[0]!.percent = 99;
    ed().addNode('split.random', { x: 0, y: 0 });
    expect((step('split-random-2').data.config.branches as { percent: number }[])[0]!.percent).toBe(50);
  });

  it('links a new step from the given output', () => {
    ed().addNode('trigger.list_joined', { x: 0, y: 0 });
    ed().addNode('action.send_email', { x: 0, y: 200 }, { nodeId: 'list-joined-1', port: 'next' });
    expect(ed().edges.map((e) => [e.source, e.sourceHandle, e.target])).toEqual([['list-joined-1', 'next', 'email-1']]);
  });

  it('connects steps and refuses what the rules refuse', () => {
    ed().addNode('trigger.list_joined', { x: 0, y: 0 });
    ed().addNode('condition.tag', { x: 0, y: 200 });
    ed().addNode('exit', { x: 0, y: 400 });
    expect(ed().connect({ source: 'list-joined-1', sourceHandle: 'next', target: 'if-tag-1', targetHandle: 'in' })).toBeNull();
    expect(ed().connect({ source: 'if-tag-1', sourceHandle: 'yes', target: 'list-joined-1', targetHandle: 'in' })).toBe('into_start');
    expect(ed().connect({ source: 'if-tag-1', sourceHandle: 'yes', target: 'if-tag-1', targetHandle: 'in' })).toBe('self_loop');
    expect(ed().connect({ source: 'if-tag-1', sourceHandle: 'yes', target: 'exit-1', targetHandle: 'in' })).toBeNull();
    expect(ed().connect({ source: 'if-tag-1', sourceHandle: 'yes', target: 'exit-1', targetHandle: 'in' })).toBe('port_taken');
    expect(ed().edges).toHaveLength(2);
  });

  it('moves a link to another step, with the same rules', () => {
    ed().addNode('trigger.list_joined', { x: 0, y: 0 });
    ed().addNode('exit', { x: 0, y: 200 });
    ed().addNode('exit', { x: 200, y: 200 });
    ed().connect({ source: 'list-joined-1', sourceHandle: 'next', target: 'exit-1', targetHandle: 'in' });
    const id = ed().edges[0]!.id;
    expect(ed().reconnect(id, { source: 'list-joined-1', sourceHandle: 'next', target: 'exit-2', targetHandle: 'in' })).toBeNull();
    expect(ed().edges.map((e) => e.target)).toEqual(['exit-2']);
    expect(ed().reconnect(ed().edges[0]!.id, { source: 'exit-2', sourceHandle: 'next', target: 'list-joined-1', targetHandle: 'in' })).toBe('into_start');
    ed().undo();
    expect(ed().edges.map((e) => e.target)).toEqual(['exit-1']);
  });

  it('edits config, and drops links from a branch that no longer exists', () => {
    ed().addNode('split.random', { x: 0, y: 0 });
    ed().addNode('exit', { x: 0, y: 200 });
    ed().addNode('exit', { x: 200, y: 200 });
    ed().connect({ source: 'split-random-1', sourceHandle: 'a', target: 'exit-1', targetHandle: 'in' });
    ed().connect({ source: 'split-random-1', sourceHandle: 'b', target: 'exit-2', targetHandle: 'in' });
    ed().updateConfig('split-random-1', 'branches', [{ id: 'a', label: 'A', percent: 100 }]);
    expect(ed().edges.map((e) => e.sourceHandle)).toEqual(['a']);
  });

  it('removes a value set to undefined, and sets labels', () => {
    ed().addNode('wait.delay', { x: 0, y: 0 });
    ed().updateConfig('wait-1', 'duration', undefined);
    expect(step('wait-1').data.config).toEqual({});
    ed().setLabel('wait-1', 'Cool off');
    expect(step('wait-1').data.label).toBe('Cool off');
    ed().setLabel('wait-1', '  ');
    expect(step('wait-1').data.label).toBeUndefined();
  });

  it('deletes the selection with its links', () => {
    ed().addNode('trigger.list_joined', { x: 0, y: 0 });
    ed().addNode('action.send_email', { x: 0, y: 200 }, { nodeId: 'list-joined-1', port: 'next' });
    ed().select(['email-1']);
    ed().deleteSelected();
    expect(ids()).toEqual(['list-joined-1']);
    expect(ed().edges).toEqual([]);
  });
});

describe('editor: undo and redo', () => {
  beforeEach(() => openNew());

  it('undoes and redoes adds, links, edits and deletes in order', () => {
    ed().addNode('trigger.list_joined', { x: 0, y: 0 });
    ed().addNode('exit', { x: 0, y: 200 });
    ed().connect({ source: 'list-joined-1', sourceHandle: 'next', target: 'exit-1', targetHandle: 'in' });
    ed().updateConfig('list-joined-1', 'list', 'vip');
    ed().deleteElements(['exit-1'], []);
    expect(ids()).toEqual(['list-joined-1']);

    ed().undo();
    expect(ids()).toEqual(['list-joined-1', 'exit-1']);
    expect(ed().edges).toHaveLength(1);
    ed().undo();
    expect(step('list-joined-1').data.config.list).toBeUndefined();
    ed().undo();
    expect(ed().edges).toHaveLength(0);
    ed().redo();
    expect(ed().edges).toHaveLength(1);
    ed().redo();
    expect(step('list-joined-1').data.config.list).toBe('vip');
    ed().redo();
    expect(ids()).toEqual(['list-joined-1']);
    ed().redo(); // nothing left
    expect(ids()).toEqual(['list-joined-1']);
  });

  it('merges quick edits of one field into one step', () => {
    ed().addNode('trigger.list_joined', { x: 0, y: 0 });
    for (const v of ['n', 'ne', 'new', 'news']) ed().updateConfig('list-joined-1', 'list', v);
    ed().undo();
    expect(step('list-joined-1').data.config.list).toBeUndefined();
    ed().undo();
    expect(ids()).toEqual([]);
  });

  it('records a drag as one step, and forgets the future after a new change', () => {
    ed().addNode('exit', { x: 0, y: 0 });
    ed().onNodesChange([{ type: 'position', id: 'exit-1', position: { x: 10, y: 10 }, dragging: true }]);
    ed().onNodesChange([{ type: 'position', id: 'exit-1', position: { x: 50, y: 50 }, dragging: true }]);
    ed().onNodesChange([{ type: 'position', id: 'exit-1', position: { x: 64, y: 64 }, dragging: false }]);
    expect(step('exit-1').position).toEqual({ x: 64, y: 64 });
    ed().undo();
    expect(step('exit-1').position).toEqual({ x: 0, y: 0 });
    ed().addNode('exit', { x: 0, y: 0 });
    expect(ed().future).toEqual([]);
  });

  it('does not record selection changes', () => {
    ed().addNode('exit', { x: 0, y: 0 });
    const before = ed().past.length;
    ed().onNodesChange([{ type: 'select', id: 'exit-1', selected: false }]);
    ed().onNodesChange([{ type: 'dimensions', id: 'exit-1', dimensions: { width: 200, height: 80 } }]);
    expect(ed().past.length).toBe(before);
  });
});

describe('editor: copy, paste, duplicate', () => {
  beforeEach(async () => {
    await openNew();
    ed().addNode('trigger.list_joined', { x: 0, y: 0 });
    ed().addNode('action.send_email', { x: 0, y: 200 }, { nodeId: 'list-joined-1', port: 'next' });
    ed().addNode('condition.email_engagement', { x: 0, y: 400 }, { nodeId: 'email-1', port: 'next' });
    ed().updateConfig('email-1', 'template', 'welcome-1');
    ed().updateConfig('if-email-engagement-1', 'email_node', 'email-1');
  });

  it('pastes copies with new ids, offset, selected, with the links between them', () => {
    ed().select(['email-1', 'if-email-engagement-1']);
    expect(ed().copy()).toBe(2);
    const pasted = ed().paste();
    expect(pasted).toEqual(['email-2', 'if-email-engagement-2']);
    expect(step('email-2').position).toEqual({ x: PASTE_OFFSET, y: 200 + PASTE_OFFSET });
    expect(step('email-2').data.config).toEqual({ template: 'welcome-1', transactional: false });
    expect(ed().nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(pasted);
    // the link between the copies is copied; the one from outside is not
    expect(ed().edges.filter((e) => e.source === 'email-2').map((e) => e.target)).toEqual(['if-email-engagement-2']);
    expect(ed().edges.filter((e) => e.target === 'email-2')).toEqual([]);
    // the copied check points at the copied email
    expect(step('if-email-engagement-2').data.config.email_node).toBe('email-2');
    // pasting again moves further
    ed().paste();
    expect(step('email-3').position).toEqual({ x: 2 * PASTE_OFFSET, y: 200 + 2 * PASTE_OFFSET });
  });

  it('copying leaves the originals alone; copies do not share config', () => {
    ed().select(['email-1']);
    ed().copy();
    ed().paste();
    ed().updateConfig('email-2', 'template', 'other');
    expect(step('email-1').data.config.template).toBe('welcome-1');
  });

  it('duplicates the selection in one undoable step', () => {
    ed().select(['list-joined-1']);
    expect(ed().duplicate()).toEqual(['list-joined-2']);
    ed().undo();
    expect(ids()).toEqual(['list-joined-1', 'email-1', 'if-email-engagement-1']);
  });

  it('does nothing with nothing selected', () => {
    ed().select([]);
    expect(ed().copy()).toBe(0);
    expect(ed().duplicate()).toEqual([]);
  });
});

describe('editor: validation, autosave, publish', () => {
  it('validates and autosaves after a pause, and shows the issues', async () => {
    vi.useFakeTimers();
    await openNew('Auto');
    ed().addNode('trigger.list_joined', { x: 0, y: 0 });
    expect(isDirty(ed())).toBe(true);
    await vi.advanceTimersByTimeAsync(editorTiming.validateMs + 10);
    expect(fake.calls).toContain('validateFlow');
    expect(ed().issuesByNode['list-joined-1']?.map((i) => i.code)).toContain('required');
    expect(fake.calls).not.toContain('saveFlow');
    await vi.advanceTimersByTimeAsync(editorTiming.autosaveMs);
    expect(fake.calls).toContain('saveFlow');
    expect(isDirty(ed())).toBe(false);
    expect(fake.flows.get('auto')?.nodes.map((n) => n.id)).toEqual(['list-joined-1']);
  });

  it('ignores a validation that answers after a newer change', async () => {
    await openNew();
    const before = ed().issues;
    ed().addNode('trigger.list_joined', { x: 0, y: 0 });
    const pending = ed().validate();
    ed().updateConfig('list-joined-1', 'list', 'vip');
    await pending;
    expect(ed().issues).toBe(before);
    await ed().validate();
    expect(ed().issues.map((i) => i.code)).toEqual(['port_unconnected']);
  });

  it('keeps changes made while saving as unsaved', async () => {
    await openNew();
    ed().addNode('exit', { x: 0, y: 0 });
    const saving = ed().save();
    ed().addNode('exit', { x: 0, y: 100 });
    await saving;
    expect(isDirty(ed())).toBe(true);
    await ed().save();
    expect(isDirty(ed())).toBe(false);
  });

  it('shows a failed save and keeps the changes', async () => {
    await openNew();
    ed().addNode('exit', { x: 0, y: 0 });
    fake.failNext('saveFlow', 'disk full');
    expect(await ed().save()).toBe(false);
    expect(ed().saveError).toBe('disk full');
    expect(isDirty(ed())).toBe(true);
    expect(toastTexts('en').at(-1)).toMatch(/disk full/);
  });

  it('publishes only when the engine accepts', async () => {
    await openNew('Pub');
    ed().addNode('trigger.manual', { x: 0, y: 0 });
    expect(await ed().publish()).toBe(false);
    expect(useToasts.getState().toasts.at(-1)?.kind).toBe('error');
    ed().addNode('exit', { x: 0, y: 200 }, { nodeId: 'manual-1', port: 'next' });
    expect(await ed().publish()).toBe(true);
    expect(ed().info?.published_version).toBe(1);
  });

  it('renames by saving', async () => {
    await openNew('Old');
    await ed().rename('  New name ');
    expect(fake.flows.get('old')?.name).toBe('New name');
  });

  it('focuses a problem: selects its step and asks for its field', async () => {
    await openNew();
    ed().addNode('action.send_email', { x: 0, y: 0 });
    ed().addNode('exit', { x: 0, y: 100 });
    ed().focusIssue({ node_id: 'email-1', field: 'template', severity: 'error', code: 'required', message: '' });
    expect(ed().nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(['email-1']);
    expect(ed().focus).toMatchObject({ nodeId: 'email-1', field: 'template' });
    ed().focusIssue({ field: 'reentry_period', severity: 'error', code: 'bad_reentry_period', message: '' });
    expect(ed().nodes.filter((n) => n.selected)).toEqual([]);
    expect(ed().focus).toMatchObject({ nodeId: null, field: 'reentry_period' });
  });

  it('lays the steps out top to bottom', async () => {
    await openNew();
    ed().addNode('trigger.manual', { x: 500, y: 500 });
    ed().addNode('exit', { x: 500, y: 500 }, { nodeId: 'manual-1', port: 'next' });
    await ed().autoLayout();
    expect(step('exit-1').position.y).toBeGreaterThan(step('manual-1').position.y);
    ed().undo();
    expect(step('exit-1').position).toEqual({ x: 500, y: 500 });
  });
});
