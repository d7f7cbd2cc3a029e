// The clipboard slice alone: the canvas fields, record and markChanged
// stand in for the document, history and autosave slices.
import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { makeEdge } from '../canvas/convert';
import type { CanvasNode, StepNode } from '../canvas/types';
import { useCatalogue } from '../../../stores/catalogue';
import { SPECS } from '../../../test/fakeBackend';
import { createClipboardSlice, PASTE_OFFSET } from './editor.clipboard';
import { sliceStore } from './editor.testing';

const stepNode = (id: string, nodeType: string, y: number, config: Record<string, unknown> = {}, selected = false): StepNode => ({
  id,
  type: 'step',
  position: { x: 0, y },
  data: { nodeType, config },
  selected,
});

let store: ReturnType<typeof sliceStore>;
let record: Mock<(tag?: string) => void>;
let markChanged: Mock<() => void>;
const st = () => store.getState();
const find = (id: string) => st().nodes.find((n) => n.id === id) as StepNode | undefined;

beforeEach(() => {
  useCatalogue.getState().setSpecs(SPECS);
  record = vi.fn();
  markChanged = vi.fn();
  const nodes: CanvasNode[] = [
    stepNode('list-joined-1', 'trigger.list_joined', 0),
    stepNode('email-1', 'action.send_email', 200, { template: 'welcome-1' }, true),
    stepNode('if-email-engagement-1', 'condition.email_engagement', 400, { email_node: 'email-1' }, true),
    { id: 'note:note-1', type: 'note', position: { x: 300, y: 0 }, data: { text: 'hi' }, selected: true },
  ];
  const edges = [makeEdge('list-joined-1', 'next', 'email-1'), makeEdge('email-1', 'next', 'if-email-engagement-1')];
  store = sliceStore([createClipboardSlice], { nodes, edges, record, markChanged });
});

describe('editor clipboard slice', () => {
  it('copies the selection without changing the flow', () => {
    expect(st().copy()).toBe(3);
    expect(st().clipboard?.nodes.map((n) => n.id)).toEqual(['email-1', 'if-email-engagement-1', 'note:note-1']);
    // only the link between two copied steps goes with them
    expect(st().clipboard?.edges.map((e) => `${e.source}>${e.target}`)).toEqual(['email-1>if-email-engagement-1']);
    expect(record).not.toHaveBeenCalled();
    expect(markChanged).not.toHaveBeenCalled();
  });

  it('pastes copies with new ids, further each time, as one recorded change', () => {
    st().copy();
    expect(st().paste()).toEqual(['email-2', 'if-email-engagement-2', 'note:note-2']);
    expect(record).toHaveBeenCalledTimes(1);
    expect(markChanged).toHaveBeenCalledTimes(1);
    expect(find('email-2')?.position).toEqual({ x: PASTE_OFFSET, y: 200 + PASTE_OFFSET });
    // the copied check points at the copied email; the originals are unselected
    expect(find('if-email-engagement-2')?.data.config.email_node).toBe('email-2');
    expect(st().nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(['email-2', 'if-email-engagement-2', 'note:note-2']);
    expect(st().edges.filter((e) => e.source === 'email-2').map((e) => e.target)).toEqual(['if-email-engagement-2']);
    st().paste();
    expect(find('email-3')?.position).toEqual({ x: 2 * PASTE_OFFSET, y: 200 + 2 * PASTE_OFFSET });
    // a new copy starts again next to the original
    st().copy();
    expect(st().paste()[0]).toBe('email-4');
    expect(find('email-4')?.position).toEqual({ x: 2 * PASTE_OFFSET + PASTE_OFFSET, y: 200 + 3 * PASTE_OFFSET });
  });

  it('pasted copies do not share config with the clipboard', () => {
    st().copy();
    st().paste();
    find('email-2')!.data.config.template = 'changed';
    expect(st().clipboard?.nodes.find((n) => n.id === 'email-1')?.data).toEqual({ nodeType: 'action.send_email', config: { template: 'welcome-1' } });
  });

  it('duplicates beside the selection, leaving the clipboard as it was', () => {
    store.setState({ nodes: st().nodes.map((n) => ({ ...n, selected: n.id === 'list-joined-1' })) });
    expect(st().duplicate()).toEqual(['list-joined-2']);
    expect(st().clipboard).toBeNull();
    expect(find('list-joined-2')?.position).toEqual({ x: PASTE_OFFSET, y: PASTE_OFFSET });
  });

  it('does nothing with nothing selected or nothing copied', () => {
    expect(st().paste()).toEqual([]);
    store.setState({ nodes: st().nodes.map((n) => ({ ...n, selected: false })) });
    expect(st().copy()).toBe(0);
    expect(st().duplicate()).toEqual([]);
    expect(record).not.toHaveBeenCalled();
  });
});
