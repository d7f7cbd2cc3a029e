// The funnel in words, for the printable summary: every step once, in the
// order a contact meets them (from each start, outputs in drawing order),
// with its summary line and where each of its outputs leads.
import type { Lang, NodeSpec } from '../../../api/types';
import { tx } from '../../../i18n/dict';
import { DEFAULT_PORT, portsOf } from './ports';
import { summaryText } from './summary';
import type { CanvasEdge, CanvasNode, StepNode } from './types';

/** OutlineExit is one output of a step and the step it leads to. */
export interface OutlineExit {
  /** port is the output's label ("" for a single output). */
  port: string;
  /** to is the number of the step it leads to, null when it leads nowhere. */
  to: number | null;
}

/** OutlineStep is one step written out. */
export interface OutlineStep {
  n: number;
  id: string;
  title: string;
  summary: string;
  exits: OutlineExit[];
}

/** outline writes the steps of a funnel in the order contacts meet them; unreachable steps come last. */
export function outline(nodes: CanvasNode[], edges: CanvasEdge[], specOf: (type: string) => NodeSpec | undefined, lang: Lang): OutlineStep[] {
  const steps = nodes.filter((n): n is StepNode => n.type === 'step');
  const byId = new Map(steps.map((n) => [n.id, n]));
  const portsFor = (n: StepNode) => {
    const spec = specOf(n.data.nodeType);
    return spec ? portsOf(spec, n.data.config) : [];
  };
  const next = (n: StepNode, port: string) => edges.find((e) => e.source === n.id && (e.sourceHandle || DEFAULT_PORT) === port)?.target;

  const order: StepNode[] = [];
  const seen = new Set<string>();
  const visit = (n: StepNode) => {
    // Depth first, outputs in drawing order, without recursion (long funnels).
    const stack = [n];
    while (stack.length > 0) {
      const cur = stack.pop()!;
      if (seen.has(cur.id)) continue;
      seen.add(cur.id);
      order.push(cur);
      const outs = portsFor(cur)
        .map((p) => next(cur, p.id))
        .filter((id): id is string => !!id && byId.has(id) && !seen.has(id));
      for (let i = outs.length - 1; i >= 0; i--) stack.push(byId.get(outs[i]!)!);
    }
  };
  const starts = steps.filter((n) => specOf(n.data.nodeType)?.input === false).sort((a, b) => a.position.x - b.position.x);
  for (const s of starts) visit(s);
  for (const n of [...steps].sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x)) visit(n);

  const number = new Map(order.map((n, i) => [n.id, i + 1]));
  return order.map((n, i) => {
    const spec = specOf(n.data.nodeType);
    const ports = portsFor(n);
    const labelled = ports.length > 1 || (ports.length === 1 && ports[0]!.id !== DEFAULT_PORT);
    const title = n.data.label || (spec ? tx(spec.title, lang) : n.data.nodeType);
    return {
      n: i + 1,
      id: n.id,
      title,
      summary: spec ? summaryText(spec, n.data.config, lang, { nodeName: (id) => byId.get(id)?.data.label }) : '',
      exits: ports.map((p) => {
        const to = next(n, p.id);
        return { port: labelled ? tx(p.label, lang) : '', to: to ? (number.get(to) ?? null) : null };
      }),
    };
  });
}
