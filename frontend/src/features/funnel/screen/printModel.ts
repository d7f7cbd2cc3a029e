// What the printed picture and the list of steps are made of, from the
// editor's canvas (the printable summary) or from a stored funnel and a
// run's numbers (the simulation report). Steps are numbered 1…N in the
// order a contact meets them, the same numbers on the picture and in the
// list, and named as the canvas names them: the user's label, else what
// the step does — never an id.
import type { Flow, Lang, NodeSpec } from '../../../api/types';
import { tx } from '../../../i18n/dict';
import { DEFAULT_PORT, portsOf } from '../canvas/ports';
import { outline, type OutlineStep } from '../canvas/outline';
import { summaryText } from '../canvas/summary';
import type { CanvasEdge, CanvasNode, StepNode } from '../canvas/types';
import type { PicDirection, PicEdge, PicStep } from './printPicture';

/** PrintModel is a funnel ready to print: its steps in words, its picture's steps and links. */
export interface PrintModel {
  outline: OutlineStep[];
  steps: PicStep[];
  edges: PicEdge[];
  direction: PicDirection;
}

/** Extra is what a run or a comparison adds to a step or a link. */
export interface Extra {
  numbers?: (id: string) => PicStep['numbers'];
  change?: (id: string) => PicStep['change'];
  edgeLabel?: (from: string, port: string) => string | undefined;
}

/** fromCanvas builds the model of the funnel open in the editor. */
export function fromCanvas(nodes: CanvasNode[], edges: CanvasEdge[], direction: PicDirection, specOf: (type: string) => NodeSpec | undefined, lang: Lang, extra: Extra = {}): PrintModel {
  const steps = nodes.filter((n): n is StepNode => n.type === 'step');
  const list = outline(nodes, edges, specOf, lang);
  const numberOf = new Map(list.map((s) => [s.id, s.n]));
  const byId = new Map(steps.map((n) => [n.id, n]));
  const nodeName = (id: string) => {
    const ref = byId.get(id);
    if (!ref) return undefined;
    if (ref.data.label) return ref.data.label;
    const spec = specOf(ref.data.nodeType);
    return spec ? summaryText(spec, ref.data.config, lang) || tx(spec.title, lang) : undefined;
  };
  const pic: PicStep[] = steps.map((n) => {
    const spec = specOf(n.data.nodeType);
    const ports = spec ? portsOf(spec, n.data.config) : [];
    const labelled = ports.length > 1 || (ports.length === 1 && ports[0]!.id !== DEFAULT_PORT);
    const kind = spec ? tx(spec.title, lang) : n.data.nodeType;
    const step: PicStep = {
      id: n.id,
      n: numberOf.get(n.id) ?? 0,
      title: n.data.label || kind,
      kind: n.data.label ? kind : '',
      summary: spec ? summaryText(spec, n.data.config, lang, { nodeName }) : '',
      icon: spec?.icon ?? '',
      category: spec?.category ?? 'unknown',
      ports: (ports.length > 0 ? ports : [{ id: DEFAULT_PORT, label: { en: '', fr: '' } }]).map((p) => ({ id: p.id, label: labelled ? tx(p.label, lang) : '' })),
      x: n.position.x,
      y: n.position.y,
    };
    if (step.summary === step.title) step.summary = '';
    const numbers = extra.numbers?.(n.id);
    if (numbers) step.numbers = numbers;
    const change = extra.change?.(n.id);
    if (change) step.change = change;
    return step;
  });
  const links: PicEdge[] = edges
    .filter((e) => byId.has(e.source) && byId.has(e.target))
    .map((e) => {
      const port = e.sourceHandle || DEFAULT_PORT;
      const link: PicEdge = { from: e.source, port, to: e.target };
      const label = extra.edgeLabel?.(e.source, port);
      if (label) link.label = label;
      return link;
    });
  return { outline: list, steps: pic, edges: links, direction };
}

/**
 * fromFlow builds the model of a stored funnel. Steps saved without a place
 * (a gallery copy never opened) take the places `place` gives them.
 */
export function fromFlow(flow: Flow, place: Record<string, { x: number; y: number }>, specOf: (type: string) => NodeSpec | undefined, lang: Lang, extra: Extra = {}): PrintModel {
  const nodes: CanvasNode[] = (flow.nodes ?? []).map((n) => {
    const data: StepNode['data'] = { nodeType: n.type, config: n.config ?? {} };
    if (n.label) data.label = n.label;
    return { id: n.id, type: 'step', position: n.position ?? place[n.id] ?? { x: 0, y: 0 }, data };
  });
  const edges: CanvasEdge[] = (flow.edges ?? []).map((e) => ({ id: `${e.from}:${e.port || DEFAULT_PORT}->${e.to}`, source: e.from, sourceHandle: e.port || DEFAULT_PORT, target: e.to }));
  return fromCanvas(nodes, edges, flow.direction === 'right' ? 'right' : 'down', specOf, lang, extra);
}

/** emailsOf lists the emails a funnel's steps send, in step order, each once. */
export function emailsOf(model: PrintModel, config: (id: string) => Record<string, unknown> | undefined): { template: string; steps: number[] }[] {
  const out = new Map<string, number[]>();
  for (const s of model.outline) {
    const t = config(s.id)?.template;
    if (typeof t === 'string' && t) out.set(t, [...(out.get(t) ?? []), s.n]);
  }
  return [...out].map(([template, steps]) => ({ template, steps }));
}
