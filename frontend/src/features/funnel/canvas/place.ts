// Where a new step goes: the nearest free spot, and the steps to push down
// when one is inserted into an existing link.
import type { XYPosition } from '@xyflow/react';
import { NODE_HEIGHT, NODE_WIDTH } from './layout';
import type { CanvasEdge, CanvasNode, Direction } from './types';

/** GAP is the vertical space between a step and the next one. */
export const GAP = 72;

/**
 * freeSpot returns the nearest place at or around p where a new step covers
 * no other node: the same row first (right, then left), then the rows below.
 */
export function freeSpot(nodes: CanvasNode[], p: XYPosition, skip: ReadonlySet<string> = new Set()): XYPosition {
  const boxes = nodes
    .filter((n) => !skip.has(n.id))
    .map((n) => ({ x: n.position.x, y: n.position.y, w: n.measured?.width ?? NODE_WIDTH, h: n.measured?.height ?? NODE_HEIGHT }));
  const margin = 24;
  const clear = (q: XYPosition) =>
    boxes.every((b) => q.x + NODE_WIDTH + margin <= b.x || b.x + b.w + margin <= q.x || q.y + NODE_HEIGHT + margin <= b.y || b.y + b.h + margin <= q.y);
  const stepX = NODE_WIDTH + 2 * margin;
  const stepY = NODE_HEIGHT + 2 * margin;
  for (let row = 0; row < 20; row++) {
    for (const col of [0, 1, -1, 2, -2]) {
      const q = { x: p.x + col * stepX, y: p.y + row * stepY };
      if (clear(q)) return q;
    }
  }
  return p;
}

/** below is where the step after output `index` of `ports` outputs of node n goes. */
export function below(n: CanvasNode, index: number, ports: number): XYPosition {
  const h = n.measured?.height ?? NODE_HEIGHT;
  const w = n.measured?.width ?? NODE_WIDTH;
  const spread = ports > 1 ? (index - (ports - 1) / 2) * (NODE_WIDTH + 40) : 0;
  return { x: Math.round(n.position.x + (w - NODE_WIDTH) / 2 + spread), y: Math.round(n.position.y + h + GAP) };
}

/**
 * nextTo is where the step after output `index` of `ports` outputs of node
 * n goes in a funnel laid out in direction dir: below it top-down (below),
 * right of it left to right, the outputs' steps stacked (Yes above No).
 */
export function nextTo(n: CanvasNode, index: number, ports: number, dir: Direction): XYPosition {
  if (dir !== 'right') return below(n, index, ports);
  const h = n.measured?.height ?? NODE_HEIGHT;
  const w = n.measured?.width ?? NODE_WIDTH;
  const spread = ports > 1 ? (index - (ports - 1) / 2) * (NODE_HEIGHT + 40) : 0;
  return { x: Math.round(n.position.x + w + GAP), y: Math.round(n.position.y + (h - NODE_HEIGHT) / 2 + spread) };
}

/** downstream lists the steps reachable from start by links, never passing through `stop`. */
export function downstream(start: string, edges: CanvasEdge[], stop: string): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (id === stop || seen.has(id)) continue;
    seen.add(id);
    for (const e of edges) if (e.source === id) queue.push(e.target);
  }
  return seen;
}
