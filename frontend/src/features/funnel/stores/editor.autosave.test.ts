// The autosave slice alone, against the fake engine: the flow's fields and
// focusIssue stand in for the document and view slices.
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { Issue } from '../../../api/types';
import { spec, type FakeBackend } from '../../../test/fakeBackend';
import { resetAll } from '../../../test/helpers';
import { makeEdge } from '../canvas/convert';
import type { StepNode } from '../canvas/types';
import { toastTexts, useToasts } from '../../../stores/toasts';
import { createAutosaveSlice, editorTiming, freshChecks, groupIssues, isDirty, onFlowSaved } from './editor.autosave';
import { sliceStore } from './editor.testing';

let fake: FakeBackend;
let store: ReturnType<typeof sliceStore>;
let focusIssue: Mock<(issue: Issue) => void>;
let listReloads = 0;
const st = () => store.getState();
const trigger: StepNode = { id: 'list-joined-1', type: 'step', position: { x: 0, y: 0 }, data: { nodeType: 'trigger.list_joined', config: {} } };
/** change stands in for an edit of the document slice. */
const change = () => st().markChanged();

beforeEach(async () => {
  fake = resetAll();
  const doc = await fake.createFlow('Auto');
  focusIssue = vi.fn();
  store = sliceStore([createAutosaveSlice], {
    flowId: 'auto',
    meta: { format: doc.flow!.format, id: 'auto', name: 'Auto', settings: doc.flow!.settings },
    info: doc.info,
    nodes: [trigger],
    edges: [],
    focusIssue,
  });
  listReloads = 0;
  onFlowSaved(async () => void listReloads++);
});
afterEach(() => {
  st().stopTimers();
  vi.useRealTimers();
});

describe('editor autosave slice', () => {
  it('validates after a short pause and saves after a longer one', async () => {
    vi.useFakeTimers();
    change();
    expect(isDirty(st())).toBe(true);
    await vi.advanceTimersByTimeAsync(editorTiming.validateMs + 10);
    expect(fake.calls).toEqual(['createFlow', 'validateFlow']);
    expect(st().issuesByNode['list-joined-1']?.map((i) => i.code)).toContain('required');
    expect(st().checkedSeq).toBe(1);
    await vi.advanceTimersByTimeAsync(editorTiming.autosaveMs);
    expect(fake.calls.at(-1)).toBe('saveFlow');
    expect(isDirty(st())).toBe(false);
    expect(fake.flows.get('auto')?.nodes.map((n) => n.id)).toEqual(['list-joined-1']);
    expect(listReloads).toBe(1);
  });

  it('a change restarts the wait; stopTimers cancels it', async () => {
    vi.useFakeTimers();
    change();
    await vi.advanceTimersByTimeAsync(editorTiming.validateMs - 50);
    change();
    await vi.advanceTimersByTimeAsync(editorTiming.validateMs - 50);
    expect(fake.calls).not.toContain('validateFlow');
    st().stopTimers();
    await vi.advanceTimersByTimeAsync(editorTiming.autosaveMs * 2);
    expect(fake.calls).toEqual(['createFlow']);
    expect(st().changeSeq).toBe(2);
  });

  it('ignores a validation that answers after a newer change', async () => {
    change();
    const pending = st().validate();
    change();
    await pending;
    expect(st().issues).toEqual([]);
    expect(st().checkedSeq).toBe(0);
  });

  it('keeps a change made while saving as unsaved, and flush saves it', async () => {
    change();
    const saving = st().save();
    change();
    await saving;
    expect(st().savedSeq).toBe(1);
    expect(isDirty(st())).toBe(true);
    await st().flush();
    expect(isDirty(st())).toBe(false);
    await st().flush(); // nothing to save
    expect(fake.calls.filter((c) => c === 'saveFlow')).toHaveLength(2);
  });

  it('a failed save keeps the changes and says why', async () => {
    change();
    fake.failNext('saveFlow', 'disk full');
    expect(await st().save()).toBe(false);
    expect(st().saveError).toBe('disk full');
    expect(isDirty(st())).toBe(true);
    expect(toastTexts('en').at(-1)).toContain('disk full');
  });

  it('a refused publish names the first step at fault and focuses it', async () => {
    await st().validate();
    expect(await st().publish()).toBe(false);
    expect(st().publishing).toBe(false);
    const first = st().issues.find((i) => i.node_id === 'list-joined-1' && i.severity === 'error');
    expect(focusIssue).toHaveBeenCalledWith(first);
    expect(toastTexts('en').at(-1)).toContain(spec('trigger.list_joined').title.en);
  });

  it('publishes a flow without errors, saving it first', async () => {
    const exit: StepNode = { id: 'exit-1', type: 'step', position: { x: 0, y: 200 }, data: { nodeType: 'exit', config: {} } };
    store.setState({ nodes: [{ ...trigger, data: { ...trigger.data, config: { list: 'newsletter' } } }, exit], edges: [makeEdge('list-joined-1', 'next', 'exit-1')] });
    change();
    expect(await st().publish()).toBe(true);
    expect(fake.calls.slice(-2)).toEqual(['saveFlow', 'publishFlow']);
    expect(isDirty(st())).toBe(false);
    expect(st().info?.published_version).toBe(1);
    expect(st().issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(useToasts.getState().toasts.at(-1)?.kind).toBe('success');
    expect(listReloads).toBe(2); // after the save and after the publish
  });

  it('groups issues by step, keeping the arrays of steps whose issues did not change', () => {
    const a: Issue = { severity: 'error', code: 'required', message: 'x', node_id: 'a' };
    const b: Issue = { severity: 'warning', code: 'port_unconnected', message: 'y', node_id: 'b' };
    const flowWide: Issue = { severity: 'error', code: 'no_trigger', message: 'z' };
    const first = groupIssues([a, b, flowWide], {});
    expect(Object.keys(first)).toEqual(['a', 'b', '']);
    const second = groupIssues([a, { ...b, message: 'changed' }], first);
    expect(second.a).toBe(first.a);
    expect(second.b).not.toBe(first.b);
    expect(second['']).toBeUndefined();
    expect(freshChecks([a])).toEqual({ issues: [a], issuesByNode: { a: [a] }, changeSeq: 0, savedSeq: 0, checkedSeq: 0 });
  });
});
