// What a screen reader says about the canvas, and where the arrow keys go
// (issue #22). Steps are read in the funnel's order — from its start along
// the links, outputs in their order (Yes before No) — and named by what
// they do in plain words, with their place and what comes before them:
// "Step 3 of 12: Wait 2 days, after Send “Welcome”". Links are named by
// their ends and branch. Ids never appear in a name.
import type { Lang } from '../../../api/types';
import { translate } from '../../../i18n/dict';
import { specOf } from '../../../stores/catalogue';
import { DEFAULT_PORT, portsOf } from './ports';
import { nodeName } from './StepNodeView';
import { summaryText } from './summary';
import type { CanvasEdge, CanvasNode, StepNode } from './types';

/** StepText is how one step reads: its short name (for "after …") and its full text. */
export interface StepText {
  /** short names the step in another's sentence: its label, else its summary, else its kind. */
  short: string;
  /** text is what the step does: its label and summary, or its summary, or its kind. */
  text: string;
}

/** stepText writes a step in plain words, in lang (references named, never by id). */
export function stepText(nodes: CanvasNode[], id: string, lang: Lang): StepText | undefined {
  const n = nodes.find((x) => x.id === id);
  if (!n || n.type !== 'step') return undefined;
  const spec = specOf(n.data.nodeType);
  const kind = spec ? spec.title[lang] || spec.title.en : n.data.nodeType;
  const summary = spec
    ? summaryText(spec, n.data.config, lang, {
        nodeName: (ref) => nodeName({ nodes }, ref, lang),
      })
    : '';
  const label = n.data.label?.trim();
  if (label) return { short: label, text: summary && summary !== label ? `${label} (${summary})` : label };
  return { short: summary || kind, text: summary || kind };
}

/** portOrder gives the rank of each output of a step, in the order its spec draws them. */
function portRank(n: CanvasNode | undefined): Map<string, number> {
  const out = new Map<string, number>();
  if (!n || n.type !== 'step') return out;
  const spec = specOf(n.data.nodeType);
  if (!spec) return out;
  portsOf(spec, n.data.config).forEach((p, i) => out.set(p.id, i));
  return out;
}

/** portLabel is an output's label in lang, or undefined for a step's single unnamed output. */
export function portLabel(n: CanvasNode | undefined, port: string | null | undefined, lang: Lang): string | undefined {
  if (!n || n.type !== 'step') return undefined;
  const spec = specOf(n.data.nodeType);
  if (!spec) return undefined;
  const ports = portsOf(spec, n.data.config);
  const id = port || DEFAULT_PORT;
  if (ports.length <= 1 && id === DEFAULT_PORT) return undefined;
  const p = ports.find((x) => x.id === id);
  return p ? p.label[lang] || p.label.en : undefined;
}

/** Outline is the funnel's steps in reading order with their links, for names and moves. */
export interface Outline {
  /** order is every step's id, in reading order. */
  order: string[];
  /** next lists each step's following steps, in the order of its outputs. */
  next: Map<string, string[]>;
  /** prev lists each step's preceding steps with the output they come from. */
  prev: Map<string, { id: string; port: string }[]>;
}

const byPlace = (a: CanvasNode, b: CanvasNode) => a.position.y - b.position.y || a.position.x - b.position.x;

/**
 * outline puts the steps in reading order: from each step nothing leads to
 * (the starts, top to bottom), breadth first along the links, a step's
 * outputs in their order; steps only reachable through a loop come last,
 * by place.
 */
export function outline(nodes: CanvasNode[], edges: CanvasEdge[]): Outline {
  const steps = nodes.filter((n): n is StepNode => n.type === 'step');
  const byId = new Map(steps.map((n) => [n.id, n]));
  const next = new Map<string, string[]>();
  const prev = new Map<string, { id: string; port: string }[]>();
  const outs = new Map<string, CanvasEdge[]>();
  for (const e of edges) {
    if (!byId.has(e.source) || !byId.has(e.target)) continue;
    const list = outs.get(e.source) ?? [];
    list.push(e);
    outs.set(e.source, list);
    const p = prev.get(e.target) ?? [];
    p.push({ id: e.source, port: e.sourceHandle || DEFAULT_PORT });
    prev.set(e.target, p);
  }
  for (const [id, list] of outs) {
    const rank = portRank(byId.get(id));
    const r = (e: CanvasEdge) => rank.get(e.sourceHandle || DEFAULT_PORT) ?? 99;
    list.sort((a, b) => r(a) - r(b) || byPlace(byId.get(a.target)!, byId.get(b.target)!));
    next.set(id, list.map((e) => e.target));
  }
  const order: string[] = [];
  const seen = new Set<string>();
  const walk = (roots: StepNode[]) => {
    const queue = roots.map((n) => n.id).filter((id) => !seen.has(id));
    for (const id of queue) seen.add(id);
    while (queue.length) {
      const id = queue.shift()!;
      order.push(id);
      for (const t of next.get(id) ?? []) {
        if (seen.has(t)) continue;
        seen.add(t);
        queue.push(t);
      }
    }
  };
  walk(steps.filter((n) => !prev.has(n.id)).sort(byPlace));
  // What is left hangs off a loop: start from the highest of it, each time.
  for (;;) {
    const rest = steps.filter((n) => !seen.has(n.id)).sort(byPlace);
    if (!rest.length) break;
    walk([rest[0]!]);
  }
  return { order, next, prev };
}

/**
 * stepNames names every step: "Step 3 of 12: Wait 2 days, after Send
 * “Welcome”" (« Étape 3 sur 12 : Attendre 2 jours, après … »).
 */
export function stepNames(nodes: CanvasNode[], edges: CanvasEdge[], lang: Lang, o: Outline = outline(nodes, edges), texts = new Map<string, StepText>()): Map<string, string> {
  for (const id of o.order) if (!texts.has(id)) texts.set(id, stepText(nodes, id, lang)!);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Map<string, string>();
  o.order.forEach((id, i) => {
    const parts = [texts.get(id)!.text];
    const before = o.prev.get(id) ?? [];
    if (before.length) {
      parts.push(
        before
          .map((p) => {
            const name = texts.get(p.id)?.short ?? '';
            const port = portLabel(byId.get(p.id), p.port, lang);
            return port ? translate(lang, 'a11y.afterBranch', { name, port }) : translate(lang, 'a11y.after', { name });
          })
          .join('; '),
      );
    }
    out.set(id, translate(lang, 'a11y.stepName', { n: i + 1, total: o.order.length, text: parts.join(', ') }));
  });
  return out;
}

/** linkName names a link by its ends and branch: "From Welcome to Wait 2 days, branch Yes". */
export function linkName(nodes: CanvasNode[], e: Pick<CanvasEdge, 'source' | 'target' | 'sourceHandle'>, lang: Lang, texts?: Map<string, StepText>): string {
  const short = (id: string) => texts?.get(id)?.short ?? stepText(nodes, id, lang)?.short ?? '';
  const port = portLabel(
    nodes.find((n) => n.id === e.source),
    e.sourceHandle,
    lang,
  );
  const vars = { from: short(e.source), to: short(e.target), port: port ?? '' };
  return translate(lang, port ? 'a11y.linkNameBranch' : 'a11y.linkName', vars);
}

/** Direction is an arrow key's meaning on the canvas. */
export type Direction = 'next' | 'previous' | 'left' | 'right' | 'first' | 'last';

/**
 * moveFrom says which step an arrow key goes to from step `id`: down to the
 * step after it (the first linked output), up to the one before it; left
 * and right to the other steps that follow the same step (the other
 * branches). Down from the end of a path, or up from a start, goes on in
 * reading order so every step can be reached. It returns undefined when
 * there is nowhere to go.
 */
export function moveFrom(o: Outline, id: string | undefined, dir: Direction): string | undefined {
  if (!o.order.length) return undefined;
  if (dir === 'first') return o.order[0];
  if (dir === 'last') return o.order[o.order.length - 1];
  const at = id ? o.order.indexOf(id) : -1;
  if (at < 0) return o.order[0];
  if (dir === 'next') return o.next.get(id!)?.[0] ?? o.order[at + 1];
  if (dir === 'previous') return o.prev.get(id!)?.[0]?.id ?? (at > 0 ? o.order[at - 1] : undefined);
  // Across: the steps that follow the same step as this one, in output order.
  const parent = o.prev.get(id!)?.[0]?.id;
  const row = parent ? (o.next.get(parent) ?? []) : o.order.filter((x) => !o.prev.has(x));
  const i = row.indexOf(id!);
  if (i < 0) return undefined;
  const j = dir === 'right' ? i + 1 : i - 1;
  return j >= 0 && j < row.length ? row[j] : undefined;
}

/** Described is everything the screen reader and the arrow keys need about a funnel. */
export interface Described {
  outline: Outline;
  /** steps names each step by id. */
  steps: Map<string, string>;
  /** links names each link by id. */
  links: Map<string, string>;
}

/** describe names every step and link of a funnel, in lang. */
export function describe(nodes: CanvasNode[], edges: CanvasEdge[], lang: Lang): Described {
  const o = outline(nodes, edges);
  const texts = new Map<string, StepText>();
  for (const id of o.order) texts.set(id, stepText(nodes, id, lang)!);
  const links = new Map<string, string>();
  for (const e of edges) links.set(e.id, linkName(nodes, e, lang, texts));
  return { outline: o, steps: stepNames(nodes, edges, lang, o, texts), links };
}
