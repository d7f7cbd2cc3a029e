// The history slice alone: the canvas fields and markChanged stand in for
// the document and autosave slices.
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { CanvasNode } from '../canvas/types';
import { editorTiming } from './editor.autosave';
import { createHistorySlice, HISTORY_LIMIT } from './editor.history';
import { sliceStore } from './editor.testing';

const node = (id: string): CanvasNode => ({ id, type: 'note', position: { x: 0, y: 0 }, data: { text: id } });

let store: ReturnType<typeof sliceStore>;
let markChanged: Mock<() => void>;
const st = () => store.getState();
/** edit records an undo step, then replaces the nodes, as the document slice does. */
const edit = (ids: string[], tag?: string) => {
  st().record(tag);
  store.setState({ nodes: ids.map(node) });
};
const ids = () => st().nodes.map((n) => n.id);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
  markChanged = vi.fn();
  store = sliceStore([createHistorySlice], { nodes: [], edges: [], markChanged });
});
afterEach(() => vi.useRealTimers());

describe('editor history slice', () => {
  it('undoes and redoes in order, marking the draft changed each time', () => {
    edit(['a']);
    edit(['a', 'b']);
    st().undo();
    expect(ids()).toEqual(['a']);
    st().undo();
    expect(ids()).toEqual([]);
    st().undo(); // nothing left: no change
    expect(markChanged).toHaveBeenCalledTimes(2);
    st().redo();
    st().redo();
    expect(ids()).toEqual(['a', 'b']);
    expect(st().future).toEqual([]);
    expect(markChanged).toHaveBeenCalledTimes(4);
  });

  it('forgets the future after a new change', () => {
    edit(['a']);
    st().undo();
    expect(st().future).toHaveLength(1);
    edit(['c']);
    expect(st().future).toEqual([]);
    st().redo();
    expect(ids()).toEqual(['c']);
  });

  it('merges quick edits with one tag, not slow ones or other tags', () => {
    edit(['a'], 'a.subject');
    vi.advanceTimersByTime(editorTiming.coalesceMs - 1);
    edit(['a', 'b'], 'a.subject');
    expect(st().past).toHaveLength(1);
    // each merged edit restarts the window
    vi.advanceTimersByTime(editorTiming.coalesceMs - 1);
    edit(['a', 'b', 'c'], 'a.subject');
    expect(st().past).toHaveLength(1);
    vi.advanceTimersByTime(editorTiming.coalesceMs);
    edit(['d'], 'a.subject');
    expect(st().past).toHaveLength(2);
    edit(['e'], 'a.label');
    expect(st().past).toHaveLength(3);
  });

  it('an undo ends a merge: the next edit of the field is its own step', () => {
    edit(['a'], 'x');
    st().undo();
    edit(['b'], 'x');
    expect(st().past).toHaveLength(1);
  });

  it('keeps at most HISTORY_LIMIT steps, dropping the oldest', () => {
    for (let i = 0; i <= HISTORY_LIMIT + 5; i++) edit([`n${i}`]);
    expect(st().past).toHaveLength(HISTORY_LIMIT);
    expect(st().past[0]!.nodes.map((n) => n.id)).toEqual(['n5']);
  });

  it('freshHistory hands back an empty history for the caller to set, and forgets the merge', () => {
    edit(['a'], 'x');
    const fresh = st().freshHistory();
    expect(fresh).toEqual({ past: [], future: [] });
    expect(st().past).toHaveLength(1); // the caller sets it, with the rest of a load
    store.setState(fresh);
    edit(['b'], 'x');
    expect(st().past).toHaveLength(1);
  });
});
