// Numbers and paths drawn over the canvas: pure functions turning the
// engine's counts into an overlay, an overlay (and a highlighted path) into
// per-step decorations, and links into their labels.
import type { FlowCounts, PathStep } from '../../../api/funnels';
import { overlayKey, type CanvasEdge, type NodeDecor, type NodeFailure, type NodeNumbers, type Overlay, type PathHighlight } from './types';

/** countsToOverlay turns a published funnel's live numbers into an overlay. */
export function countsToOverlay(c: FlowCounts): Overlay {
  const nodes: Record<string, NodeNumbers> = {};
  for (const n of c.nodes ?? []) nodes[n.node] = { entered: n.entered, waiting: n.waiting, errors: n.errors };
  const edges: Record<string, number> = {};
  for (const e of c.edges ?? []) {
    const k = overlayKey(e.node, e.port);
    edges[k] = (edges[k] ?? 0) + e.count;
  }
  return { source: 'live', nodes, edges };
}

function sameNumbers(a: NodeNumbers | undefined, b: NodeNumbers | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.entered === b.entered && a.waiting === b.waiting && a.errors === b.errors;
}

/**
 * decorate builds each step's decoration from the overlay (when numbers are
 * shown) and the highlighted path. A step whose decoration did not change
 * keeps the previous object, so its view does not re-render.
 */
export function decorate(
  overlay: Overlay | null,
  showNumbers: boolean,
  path: PathHighlight | null,
  prev: Record<string, NodeDecor>,
  failures: Record<string, NodeFailure> = {},
): Record<string, NodeDecor> {
  const out: Record<string, NodeDecor> = {};
  if (overlay && showNumbers) {
    for (const [id, numbers] of Object.entries(overlay.nodes)) out[id] = { numbers };
  }
  path?.nodes.forEach((id, i) => {
    if (!out[id]?.pathIndex) out[id] = { ...out[id], pathIndex: i + 1 };
  });
  for (const [id, failure] of Object.entries(failures)) {
    if (failure.count > 0) out[id] = { ...out[id], failure };
  }
  for (const [id, d] of Object.entries(out)) {
    const old = prev[id];
    if (old && old.pathIndex === d.pathIndex && sameNumbers(old.numbers, d.numbers) && sameFailure(old.failure, d.failure)) out[id] = old;
  }
  return out;
}

function sameFailure(a: NodeFailure | undefined, b: NodeFailure | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.count === b.count && a.reason === b.reason;
}

/** EdgeNumbers is what a link's label says: how many went through it, and their share of the step's exits. */
export interface EdgeNumbers {
  count: number;
  /** percent is the share (0–100) of the source step's exits; null when the step has one way out. */
  percent: number | null;
}

/**
 * edgeNumbers computes each link's label numbers from an overlay, keyed by
 * edge id. The share is given only for steps with more than one way out
 * (Yes / No, split branches): for a single output it is always 100%.
 */
export function edgeNumbers(edges: CanvasEdge[], overlay: Overlay): Record<string, EdgeNumbers> {
  const totals = new Map<string, number>();
  for (const [k, n] of Object.entries(overlay.edges)) {
    const node = k.slice(0, k.lastIndexOf(':'));
    totals.set(node, (totals.get(node) ?? 0) + n);
  }
  const outs = new Map<string, number>();
  for (const e of edges) outs.set(e.source, (outs.get(e.source) ?? 0) + 1);
  const out: Record<string, EdgeNumbers> = {};
  for (const e of edges) {
    const count = overlay.edges[overlayKey(e.source, e.sourceHandle)] ?? 0;
    const total = totals.get(e.source) ?? 0;
    out[e.id] = { count, percent: total > 0 && (outs.get(e.source) ?? 0) > 1 ? (count / total) * 100 : null };
  }
  return out;
}

/** formatShare writes a share for a label: 66.7 → "67%", 0.4 → "<1%". */
export function formatShare(p: number): string {
  if (p > 0 && p < 1) return '<1%';
  return `${Math.round(p)}%`;
}

/**
 * pathHighlight turns a contact's journal into the steps and links to
 * highlight: each step reached (in the order first reached) and each output
 * it left through.
 */
export function pathHighlight(steps: PathStep[]): PathHighlight {
  const nodes: string[] = [];
  const edges: string[] = [];
  for (const s of steps) {
    if (!nodes.includes(s.node)) nodes.push(s.node);
    if (s.port) {
      const k = overlayKey(s.node, s.port);
      if (!edges.includes(k)) edges.push(k);
    }
  }
  return { nodes, edges };
}
