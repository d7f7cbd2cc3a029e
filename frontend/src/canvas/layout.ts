// Auto-layout: steps top to bottom with dagre, notes left where they are.
import dagre from '@dagrejs/dagre';
import type { CanvasEdge, CanvasNode } from './types';

/** Default node size when React Flow has not measured a node yet. */
export const NODE_WIDTH = 248;
export const NODE_HEIGHT = 96;

/**
 * layout returns the nodes with new positions for the steps (notes keep
 * theirs). The top-left of the laid-out graph stays where the old one was,
 * so the view does not jump.
 */
export function layout(nodes: CanvasNode[], edges: CanvasEdge[]): CanvasNode[] {
  const steps = nodes.filter((n) => n.type === 'step');
  if (steps.length === 0) return nodes;
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 48, ranksep: 72, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of steps) {
    g.setNode(n.id, { width: n.measured?.width ?? n.width ?? NODE_WIDTH, height: n.measured?.height ?? n.height ?? NODE_HEIGHT });
  }
  const ids = new Set(steps.map((n) => n.id));
  for (const e of edges) {
    if (ids.has(e.source) && ids.has(e.target)) g.setEdge(e.source, e.target);
  }
  dagre.layout(g);
  const minX = Math.min(...steps.map((n) => n.position.x));
  const minY = Math.min(...steps.map((n) => n.position.y));
  let laidMinX = Infinity;
  let laidMinY = Infinity;
  const placed = new Map<string, { x: number; y: number }>();
  for (const n of steps) {
    const p = g.node(n.id) as { x: number; y: number; width: number; height: number };
    const pos = { x: p.x - p.width / 2, y: p.y - p.height / 2 };
    laidMinX = Math.min(laidMinX, pos.x);
    laidMinY = Math.min(laidMinY, pos.y);
    placed.set(n.id, pos);
  }
  const dx = (Number.isFinite(minX) ? minX : 0) - laidMinX;
  const dy = (Number.isFinite(minY) ? minY : 0) - laidMinY;
  return nodes.map((n) => {
    const p = placed.get(n.id);
    return p ? { ...n, position: { x: Math.round(p.x + dx), y: Math.round(p.y + dy) } } : n;
  });
}
