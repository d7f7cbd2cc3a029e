// The view slice alone: the nodes and select stand in for the document slice.
import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { CanvasNode, Overlay } from '../canvas/types';
import { PREF_SHOW_NUMBERS, readPref } from '../../../stores/prefs';
import { sliceStore } from './editor.testing';
import { createViewSlice, freshView } from './editor.view';

const live: Overlay = { source: 'live', nodes: { t: { entered: 3, waiting: 1, errors: 0 }, c: { entered: 2, waiting: 0, errors: 0 } }, edges: { 't:next': 2 } };
const nodes: CanvasNode[] = ['t', 'c'].map((id) => ({ id, type: 'note', position: { x: 0, y: 0 }, data: { text: id } }));

let store: ReturnType<typeof sliceStore>;
let select: Mock<(ids: string[]) => void>;
const st = () => store.getState();

beforeEach(() => {
  select = vi.fn();
  store = sliceStore([createViewSlice], { nodes, select });
  st().setShowNumbers(true);
});

describe('editor view slice', () => {
  it('decorates steps with numbers only while numbers are shown, and remembers the switch', () => {
    st().setOverlay(live);
    expect(st().decor.t?.numbers).toEqual(live.nodes.t);
    st().setShowNumbers(false);
    expect(readPref(PREF_SHOW_NUMBERS)).toBe('off');
    expect(st().decor).toEqual({});
    expect(st().overlay).toBe(live); // kept for when they are shown again
    st().setShowNumbers(true);
    expect(readPref(PREF_SHOW_NUMBERS)).toBe('on');
    expect(st().decor.c?.numbers).toEqual(live.nodes.c);
  });

  it('keeps the decoration object of a step whose numbers did not change', () => {
    st().setOverlay(live);
    const before = st().decor;
    st().setOverlay({ ...live, nodes: { ...live.nodes, c: { entered: 5, waiting: 0, errors: 0 } } });
    expect(st().decor.t).toBe(before.t);
    expect(st().decor.c).not.toBe(before.c);
  });

  it('draws a path and failures whether or not numbers are shown', () => {
    st().setShowNumbers(false);
    st().setPath({ nodes: ['t', 'c'], edges: ['t:next'] });
    st().setFailures({ c: { count: 2, reason: 'relay refused' } });
    expect(st().decor).toEqual({ t: { pathIndex: 1 }, c: { pathIndex: 2, failure: { count: 2, reason: 'relay refused' } } });
    st().setPath(null);
    st().setFailures({});
    expect(st().decor).toEqual({});
  });

  it('focuses a problem: selects its step, or nothing for an unknown step, each request new', () => {
    st().focusIssue({ severity: 'error', code: 'required', message: '', node_id: 'c', field: 'list' });
    expect(select).toHaveBeenLastCalledWith(['c']);
    expect(st().focus).toEqual({ nodeId: 'c', field: 'list', seq: 1 });
    st().focusIssue({ severity: 'error', code: 'no_trigger', message: '', node_id: 'gone' });
    expect(select).toHaveBeenLastCalledWith([]);
    expect(st().focus).toEqual({ nodeId: null, field: null, seq: 2 });
  });

  it('freshView shows nothing over the canvas', () => {
    expect(freshView()).toEqual({ focus: null, overlay: null, path: null, failures: {}, decor: {} });
    expect(freshView().decor).not.toBe(freshView().decor);
  });
});
