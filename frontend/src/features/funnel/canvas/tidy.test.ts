import { renderHook } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Flow } from '../../../api/types';
import type { FakeBackend } from '../../../test/fakeBackend';
import { resetAll } from '../../../test/helpers';
import { isDirty, useEditor } from '../stores/editor';
import { layout } from './layout';
import { collide, useTidyOnOpen } from './tidy';

let fake: FakeBackend;
const ed = () => useEditor.getState();
const places = () => Object.fromEntries(ed().nodes.map((n) => [n.id, n.position]));

// A chain of three steps one above the other, `gap` apart, top to top.
function chain(id: string, gap: number): Flow {
  return {
    format: 'flightplan.flow/v1',
    id,
    name: id,
    settings: { reentry: 'once' },
    nodes: [
      { id: 'a', type: 'trigger.manual', position: { x: 0, y: 0 } },
      { id: 'b', type: 'wait.delay', config: { duration: '2d' }, position: { x: 0, y: gap } },
      { id: 'c', type: 'exit', position: { x: 0, y: 2 * gap } },
    ],
    edges: [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
    ],
  };
}

// measure does what React Flow does once the cards are drawn: it gives each step its size.
function measure(height: number): void {
  useEditor.setState((s) => ({ nodes: s.nodes.map((n) => (n.type === 'step' ? { ...n, measured: { width: 248, height } } : n)) }));
}

const settle = () => new Promise((r) => setTimeout(r, 300));

beforeAll(async () => {
  // ELK loads in its own chunk on first use: loaded beforehand, a layout on
  // opening would be over well within settle().
  await layout([{ id: 'x', type: 'step', position: { x: 0, y: 0 }, data: { nodeType: 'exit', config: {} } }], [], () => []);
});
beforeEach(() => {
  fake = resetAll();
});
afterEach(() => {
  useEditor.getState().close();
});

describe('tidy on open', () => {
  it('leaves a funnel as placed when its cards grew since (a failure box): no move, nothing to save', async () => {
    // Placed as the engine places them (the tallest card plus the links' margins apart),
    // then each card grew by a failure box after a run.
    fake.flows.set('grown', chain('grown', 202));
    await ed().open('grown');
    const before = places();
    renderHook(() => useTidyOnOpen());
    measure(190);
    expect(collide(ed().nodes)).toBe(true); // the measured cards do meet
    await settle();
    expect(places()).toEqual(before);
    expect(isDirty(ed())).toBe(false);
    expect(ed().changeSeq).toBe(0);
  });

  it('lays out steps placed on top of each other on screen only, without changing the document', async () => {
    fake.flows.set('crammed', chain('crammed', 40));
    await ed().open('crammed');
    const before = places();
    const fits = ed().fitSeq;
    renderHook(() => useTidyOnOpen());
    measure(96);
    await vi.waitFor(() => expect(ed().fitSeq).toBe(fits + 1));
    expect(ed().nodes.find((n) => n.id === 'c')!.position.y - ed().nodes.find((n) => n.id === 'b')!.position.y).toBeGreaterThan(96 + 32);
    expect(places()).not.toEqual(before);
    expect(isDirty(ed())).toBe(false);
    expect(ed().past).toEqual([]);
  });

  it('judges placed boxes at most at the default card size', () => {
    const at = (y: number, height: number) => ({ id: `s${y}`, type: 'step' as const, position: { x: 0, y }, measured: { width: 300, height }, data: { nodeType: 'exit', config: {} } });
    const nodes = [at(0, 200), at(150, 200)];
    expect(collide(nodes)).toBe(true);
    expect(collide(nodes, true)).toBe(false); // 96 + 2 × 16 < 150
    expect(collide([at(0, 200), at(120, 200)], true)).toBe(true);
  });
});
