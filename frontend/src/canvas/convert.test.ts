import { describe, expect, it } from 'vitest';
import type { Flow } from '../api/types';
import { canvasToFlow, edgeId, flowToCanvas } from './convert';

/** A flow that uses every kind of value the format holds. */
export const richFlow: Flow = {
  format: 'flightplan.flow/v1',
  id: 'welcome',
  name: 'Welcome sequence',
  description: 'New subscribers',
  settings: { reentry: 'per_period', reentry_period: '30d', timezone: 'Europe/Paris', exit_on: ['purchase'] },
  nodes: [
    { id: 'signup', type: 'trigger.list_joined', label: 'Newsletter sign-up', config: { list: 'newsletter' }, position: { x: 0, y: 0 } },
    { id: 'hello', type: 'action.send_email', config: { template: 'welcome-1', transactional: false }, position: { x: 12.5, y: 160 } },
    { id: 'wait2d', type: 'wait.delay', config: { duration: '2d' }, position: { x: 0, y: 320 } },
    { id: 'opened', type: 'condition.email_engagement', config: { email_node: 'hello', engagement: 'opened' }, position: { x: 0, y: 480 } },
    {
      id: 'ab',
      type: 'split.random',
      config: { branches: [{ id: 'a', label: 'A', percent: 70 }, { id: 'b', label: 'B', percent: 30 }] },
      position: { x: -300, y: 640 },
    },
    { id: 'by-country', type: 'split.field', config: { field: 'country', cases: ['FR', 'US'] }, position: { x: 300, y: 640 } },
    { id: 'window', type: 'wait.window', config: { from: '09:00', to: '18:00', days: ['mon', 'fri'] }, position: { x: 0, y: 800 } },
    { id: 'evt', type: 'wait.event', config: { event_type: 'purchase', filter: { sku: 'A1', qty: 2 }, timeout: '7d' }, position: { x: 0, y: 960 } },
    { id: 'bye', type: 'exit', position: { x: 0, y: 1120 } },
  ],
  edges: [
    { from: 'signup', to: 'hello' },
    { from: 'hello', to: 'wait2d' },
    { from: 'wait2d', to: 'opened' },
    { from: 'opened', port: 'yes', to: 'ab' },
    { from: 'opened', port: 'no', to: 'by-country' },
    { from: 'ab', port: 'a', to: 'window' },
    { from: 'by-country', port: 'case_fr', to: 'window' },
    { from: 'window', to: 'evt' },
    { from: 'evt', port: 'met', to: 'bye' },
    { from: 'evt', port: 'timeout', to: 'bye' },
  ],
  notes: [
    { id: 'n1', text: 'Ask legal about the FR wording', position: { x: 400, y: 0 }, color: 'pink' },
    { id: 'n2', text: 'Plain note', position: { x: 400, y: 200 } },
  ],
};

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
