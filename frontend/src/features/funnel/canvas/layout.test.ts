import { describe, expect, it } from 'vitest';
import { makeEdge } from './convert';
import { elkGraph, layout } from './layout';
import type { CanvasNode } from './types';

const step = (id: string, x = 0, y = 0): CanvasNode => ({ id, type: 'step', position: { x, y }, data: { nodeType: 't', config: {} } });
const outputs: Record<string, string[]> = { check: ['yes', 'no'], yes: ['next'], no: ['next'], start: ['next'] };
const outputsOf = (n: CanvasNode) => outputs[n.id] ?? [];

describe('auto-layout', () => {
  const nodes = [step('no', 900, 900), step('start', 100, 50), step('yes', 500, 500), step('check', 300, 300), { id: 'note:1', type: 'note', position: { x: 7, y: 7 }, data: { text: '' } } as CanvasNode];
  const edges = [makeEdge('start', null, 'check'), makeEdge('check', 'no', 'no'), makeEdge('check', 'yes', 'yes')];

  it('puts steps top to bottom, the Yes branch left of the No branch, notes untouched', async () => {
    const laid = await layout(nodes, edges, outputsOf);
    const at = (id: string) => laid.find((n) => n.id === id)!.position;
    expect(at('check').y).toBeGreaterThan(at('start').y);
    expect(at('yes').y).toBeGreaterThan(at('check').y);
    expect(at('yes').x).toBeLessThan(at('no').x);
    expect(at('note:1')).toEqual({ x: 7, y: 7 });
    // the laid-out graph starts where the old one did
    expect(Math.min(...laid.filter((n) => n.type === 'step').map((n) => n.position.y))).toBe(50);
  });

  it('gives ELK fixed ports in drawing order and skips links from ports that are gone', () => {
    const g = elkGraph(nodes, [...edges, makeEdge('start', 'gone', 'no')], outputsOf);
    const check = g.children!.find((c) => c.id === 'check')!;
    expect(check.ports!.map((p) => p.id.split('\u0000').slice(1).join(':'))).toEqual(['in', 'out:yes', 'out:no']);
    expect(check.ports![1]!.x!).toBeLessThan(check.ports![2]!.x!);
    expect(g.edges).toHaveLength(3);
  });
});
