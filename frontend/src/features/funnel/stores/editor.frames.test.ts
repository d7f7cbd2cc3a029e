// Frames and the layout direction in the editor: grouping, renaming,
// collapsing, ungrouping, turning the funnel, each undone like any edit
// and saved in the funnel file.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Flow } from '../../../api/types';
import type { FakeBackend } from '../../../test/fakeBackend';
import { resetAll } from '../../../test/helpers';
import { canvasToFlow } from '../canvas/convert';
import { displayEdges, displayNodes, frameMoves } from '../canvas/frames';
import type { FrameNode } from '../canvas/types';
import { useEditor } from './editor';

let fake: FakeBackend;
const ed = () => useEditor.getState();
const flowNow = () => canvasToFlow({ meta: ed().meta!, nodes: ed().nodes, edges: ed().edges });
const frame = (id: string) => ed().nodes.find((n): n is FrameNode => n.id === id && n.type === 'frame');

const chain: Flow = {
  format: 'flightplan.flow/v1',
  id: 'lessons',
  name: 'Lessons',
  settings: { reentry: 'once' },
  nodes: [
    { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 } },
    { id: 'l1', type: 'wait.delay', config: { duration: '1d' }, position: { x: 0, y: 200 } },
    { id: 'l2', type: 'wait.delay', config: { duration: '1d' }, position: { x: 0, y: 400 } },
    { id: 'done', type: 'exit', position: { x: 0, y: 600 } },
  ],
  edges: [
    { from: 'start', to: 'l1' },
    { from: 'l1', to: 'l2' },
    { from: 'l2', to: 'done' },
  ],
};

beforeEach(async () => {
  fake = resetAll();
  fake.flows.set('lessons', structuredClone(chain));
  await ed().open('lessons');
});

describe('editor: frames', () => {
  it('groups the selected steps into a named frame, saved in the file, and undoes it', () => {
    expect(ed().groupIntoFrame('New frame')).toBeNull(); // nothing selected
    ed().select(['l1', 'l2']);
    const id = ed().groupIntoFrame('New frame')!;
    expect(id).toBe('frame:f1');
    expect(ed().editingFrame).toBe(id);
    expect(ed().nodes[0]!.id).toBe(id); // drawn behind the steps
    ed().renameFrame(id, '  Lesson 1–2 ');
    expect(flowNow().frames).toEqual([{ id: 'f1', title: 'Lesson 1–2', nodes: ['l1', 'l2'] }]);
    ed().undo(); // the rename
    expect(frame(id)!.data.title).toBe('New frame');
    ed().undo(); // the grouping
    expect(flowNow().frames).toBeUndefined();
    ed().redo();
    expect(frame(id)!.data.members).toEqual(['l1', 'l2']);
  });

  it('takes a step out of its old frame, and drops a frame left empty', () => {
    ed().select(['l1']);
    ed().groupIntoFrame('A');
    ed().select(['l1', 'l2']);
    ed().groupIntoFrame('B');
    expect(flowNow().frames).toEqual([{ id: 'f2', title: 'B', nodes: ['l1', 'l2'] }]);
  });

  it('collapses a frame into one card that takes its steps’ links, and expands it back', () => {
    ed().select(['l1', 'l2']);
    const id = ed().groupIntoFrame('Lessons')!;
    ed().setCollapsed(id, true);
    expect(flowNow().frames![0]!.collapsed).toBe(true);
    const shown = displayNodes(ed().nodes, 'down');
    expect(shown.filter((n) => n.hidden).map((n) => n.id)).toEqual(['l1', 'l2']);
    const card = shown.find((n) => n.id === id)!;
    expect(card.data).toMatchObject({ count: 2 });
    const links = displayEdges(ed().edges, ed().nodes);
    expect(links.filter((e) => !e.hidden).map((e) => `${e.source}:${e.sourceHandle}->${e.target}`)).toEqual(['start:next->frame:f1', 'frame:f1:out->done']);
    ed().undo();
    expect(frame(id)!.data.collapsed).toBeUndefined();
    expect(displayNodes(ed().nodes, 'down').some((n) => n.hidden)).toBe(false);
  });

  it('moves its steps when the frame is dragged, once even when they are selected too', () => {
    ed().select(['l1', 'l2']);
    const id = ed().groupIntoFrame('Lessons')!;
    const drawn = displayNodes(ed().nodes, 'down').find((n) => n.id === id)!;
    const to = { x: drawn.position.x + 100, y: drawn.position.y + 32 };
    const changes = frameMoves(
      [
        { id, type: 'position', position: to, dragging: false },
        { id: 'l1', type: 'position', position: { x: 100, y: 232 }, dragging: false },
      ],
      ed().nodes,
      'down',
    );
    expect(changes).toEqual([
      { id: 'l1', type: 'position', position: { x: 100, y: 232 }, dragging: false },
      { id: 'l2', type: 'position', position: { x: 100, y: 432 }, dragging: false },
    ]);
  });

  it('draws an open frame under its steps even while it is selected', () => {
    ed().select(['l1', 'l2']);
    const id = ed().groupIntoFrame('Lessons')!;
    // React Flow raises a selected node by 1000 (elevateNodesOnSelect).
    const z = (n: { zIndex?: number; selected?: boolean }) => (n.zIndex ?? 0) + (n.selected ? 1000 : 0);
    for (const selected of [true, false]) {
      const shown = displayNodes(
        ed().nodes.map((n) => (n.id === id ? { ...n, selected } : { ...n, selected: false })),
        'down',
      );
      expect(shown[0]!.id).toBe(id);
      const steps = shown.filter((n) => n.type === 'step');
      for (const s of steps) expect(z(shown[0]!)).toBeLessThan(z(s));
    }
  });

  it('ungroups a frame, keeping its steps', () => {
    ed().select(['l1', 'l2']);
    const id = ed().groupIntoFrame('Lessons')!;
    ed().ungroup(id);
    expect(frame(id)).toBeUndefined();
    expect(ed().nodes.filter((n) => n.type === 'step')).toHaveLength(4);
  });

  it('a deleted step leaves its frame; the file keeps the frame with the others', () => {
    ed().select(['l1', 'l2']);
    ed().groupIntoFrame('Lessons');
    ed().deleteElements(['l1'], []);
    expect(flowNow().frames).toEqual([{ id: 'f1', title: 'Lessons', nodes: ['l2'] }]);
    ed().deleteElements(['l2'], []);
    expect(flowNow().frames).toBeUndefined();
  });
});

describe('editor: direction', () => {
  it('turns the funnel left-to-right, laid out again, in the file, undone in one step', async () => {
    await ed().setDirection('right');
    expect(flowNow().direction).toBe('right');
    const at = (id: string) => ed().nodes.find((n) => n.id === id)!.position;
    expect(at('l1').x).toBeGreaterThan(at('start').x + 200);
    expect(Math.abs(at('l1').y - at('start').y)).toBeLessThan(8);
    ed().undo();
    expect(flowNow().direction).toBeUndefined();
    expect(at('l1')).toEqual({ x: 0, y: 200 });
    ed().redo();
    expect(ed().meta!.direction).toBe('right');
  });

  it('left to right, a step inserted into a link goes right of the one before, and what follows moves right', async () => {
    await ed().setDirection('right');
    const at = (id: string) => ({ ...ed().nodes.find((n) => n.id === id)!.position });
    const l1 = at('l1');
    const l2 = at('l2');
    const id = ed().insertAfter('l1', 'next', 'wait.delay')!;
    expect(at(id).x).toBeGreaterThan(l1.x + 200);
    expect(at(id).y).toBe(l2.y);
    expect(at('l2').x).toBeGreaterThan(l2.x + 200);
    expect(at('l2').y).toBe(l2.y);
  });
});
