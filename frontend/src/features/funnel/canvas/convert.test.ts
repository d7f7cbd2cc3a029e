import { describe, expect, it } from 'vitest';
import type { Flow } from '../../../api/types';
import { richFlow } from '../../../test/flows';
import { canvasToFlow, edgeId, flowToCanvas } from './convert';

describe('flow ↔ canvas conversion', () => {
  it('is lossless both ways: config, positions, labels, notes, ports', () => {
    const canvas = flowToCanvas(richFlow);
    expect(canvasToFlow(canvas)).toEqual(richFlow);
    const again = flowToCanvas(canvasToFlow(canvas));
    expect(again).toEqual(canvas);
  });

  it('draws steps as step nodes and notes as note nodes with their own ids', () => {
    const { nodes } = flowToCanvas(richFlow);
    expect(nodes.filter((n) => n.type === 'step')).toHaveLength(richFlow.nodes.length);
    const note = nodes.find((n) => n.id === 'note:n1');
    expect(note).toMatchObject({ type: 'note', data: { text: 'Ask legal about the FR wording', color: 'pink' } });
  });

  it('maps ports to source handles, and the default port to "next"', () => {
    const { edges } = flowToCanvas(richFlow);
    expect(edges[0]).toMatchObject({ source: 'signup', sourceHandle: 'next', target: 'hello', targetHandle: 'in', id: edgeId('signup', '', 'hello') });
    expect(edges.find((e) => e.source === 'opened' && e.target === 'by-country')?.sourceHandle).toBe('no');
    expect(edges.find((e) => e.source === 'by-country')?.sourceHandle).toBe('case_fr');
  });

  it('never shares config objects with the source flow', () => {
    const canvas = flowToCanvas(richFlow);
    const ab = canvas.nodes.find((n) => n.id === 'ab');
    if (ab?.type !== 'step') throw new Error('ab');
    (ab.data.config.branches as { percent: number }[])[0]!.percent = 1;
    expect((richFlow.nodes[4]!.config!.branches as { percent: number }[])[0]!.percent).toBe(70);
  });

  it('drops unset values and keeps an absent label and config absent', () => {
    const canvas = flowToCanvas(richFlow);
    const hello = canvas.nodes.find((n) => n.id === 'hello');
    if (hello?.type !== 'step') throw new Error('hello');
    hello.data.config.template = '';
    hello.data.config.transactional = undefined;
    const back = canvasToFlow(canvas).nodes.find((n) => n.id === 'hello')!;
    expect(back).toEqual({ id: 'hello', type: 'action.send_email', position: { x: 12.5, y: 160 } });
  });

  it('omits notes when there are none, and keeps an empty flow empty', () => {
    const empty: Flow = { format: 'flightplan.flow/v1', id: 'x', name: 'X', settings: { reentry: 'once' }, nodes: [], edges: [] };
    expect(canvasToFlow(flowToCanvas(empty))).toEqual(empty);
  });
});
