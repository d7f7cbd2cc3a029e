// The canvas's link: an orthogonal path with rounded corners that goes
// around steps (route.ts), drawn from the routes the canvas keeps in a
// RouteIndex. Each link subscribes to its own route only: moving a step
// re-routes the links that touch it or pass near it, and re-renders those.
import { BaseEdge, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { createContext, memo, useContext, useSyncExternalStore } from 'react';
import { TAB_H } from './frames';
import { MARGIN, Obstacles, routeDir, roundedPath, transposeBox, type Box, type Pt } from './route';
import type { CanvasEdge, CanvasNode, Direction } from './types';

/** RoutedPath is one link's route, drawn. */
export interface RoutedPath {
  key: string;
  pts: Pt[];
  d: string;
  labelX: number;
  labelY: number;
  bbox: Box;
}

/**
 * RouteIndex keeps the step boxes of one canvas and the routes of its links.
 * The boxes are the steps drawn, a collapsed frame's card and an open
 * frame's title tab (a link never runs through a frame's title; it may
 * cross the frame's border to reach a step inside). In a left-to-right
 * funnel they are kept transposed (route.ts routes top-down).
 * sync (during the canvas's render) takes the new boxes and forgets the
 * routes near a box that moved or changed size; notify (after the render)
 * tells the links, and those whose route was forgotten draw a new one.
 */
export class RouteIndex {
  obs = new Obstacles();
  private routes = new Map<string, RoutedPath>();
  private listeners = new Set<() => void>();
  private lastNodes: CanvasNode[] | null = null;
  private dir: Direction = 'down';
  // While steps are dragged: their ids, and the quick routes of their links.
  private moving = new Set<string>();
  private quick = new Map<string, RoutedPath>();

  /** sync takes the steps' boxes; cheap when the steps have not moved. */
  sync(nodes: CanvasNode[], dir: Direction = 'down'): void {
    if (nodes === this.lastNodes && dir === this.dir) return;
    if (dir !== this.dir) {
      // Every box and route changes side: start again.
      this.dir = dir;
      this.obs = new Obstacles();
      this.routes.clear();
    }
    this.lastNodes = nodes;
    const old = this.obs.boxes;
    const boxes: [string, Box][] = [];
    const changed: Box[] = [];
    let same = true;
    let count = 0;
    // A step being dragged keeps its box from before the drag among the
    // obstacles until it is dropped: each move of a drag then costs no new
    // index and no new route for the links around it (about a third of a
    // frame's work at 200 steps); only its own links follow it, drawn
    // straight to the point (see path). The drop is a change like any other.
    const moving = new Set<string>();
    for (const n of nodes) {
      const b = boxOf(n, dir);
      if (!b) continue;
      count++;
      const was = old.get(n.id);
      if (n.dragging && was) {
        moving.add(n.id);
        boxes.push([n.id, was]);
        continue;
      }
      boxes.push([n.id, b]);
      const o = old.get(n.id);
      if (!o || o.x !== b.x || o.y !== b.y || o.w !== b.w || o.h !== b.h) {
        same = false;
        changed.push(b);
        if (o) changed.push(o);
      }
    }
    this.moving = moving;
    if (moving.size === 0) this.quick.clear();
    if (count !== old.size) {
      same = false;
      for (const [id, o] of old) if (!boxes.some(([k]) => k === id)) changed.push(o);
    }
    if (same) return;
    this.obs = new Obstacles(boxes);
    for (const [id, r] of this.routes) {
      if (changed.some((c) => meets(c, r.bbox))) this.routes.delete(id);
    }
  }

  /** notify tells the links to look at their routes again. */
  notify(): void {
    for (const f of this.listeners) f();
  }

  subscribe = (f: () => void): (() => void) => {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  };

  /**
   * path is the route of link id between these ends, computed once while
   * nothing near it moves. The link of a step being dragged (ends: its
   * source and target) goes the plain way while the drag lasts, routed
   * around the steps once dropped.
   */
  path(id: string, s: Pt, t: Pt, ends?: [string, string]): RoutedPath {
    const key = `${s.x},${s.y},${t.x},${t.y}`;
    if (ends && this.moving.size > 0 && (this.moving.has(ends[0]) || this.moving.has(ends[1]))) {
      const q = this.quick.get(id);
      if (q && q.key === key) return q;
      const pts = routeDir(s, t, NO_OBSTACLES, this.dir);
      const r: RoutedPath = { key, pts, d: roundedPath(pts), ...labelPoint(pts), bbox: bounds(pts) };
      this.quick.set(id, r);
      return r;
    }
    const had = this.routes.get(id);
    if (had && had.key === key) return had;
    const pts = routeDir(s, t, this.obs, this.dir);
    // The box is kept in routing space, where sync compares it with the steps'.
    const bbox = this.dir === 'right' ? transposeBox(bounds(pts)) : bounds(pts);
    const r: RoutedPath = { key, pts, d: roundedPath(pts), ...labelPoint(pts), bbox };
    this.routes.set(id, r);
    return r;
  }

  /** all lists the routes drawn so far (for measures and tests). */
  all(): Map<string, RoutedPath> {
    return this.routes;
  }
}

// boxOf is what a node keeps links away from, in routing space: a step
// drawn, a collapsed frame's card, an open frame's title tab.
function boxOf(n: CanvasNode, dir: Direction): Box | null {
  if (n.hidden || n.type === 'note') return null;
  const w = n.type === 'frame' && !n.data.collapsed ? n.data.tabWidth : (n.measured?.width ?? n.width);
  const h = n.type === 'frame' && !n.data.collapsed ? TAB_H : (n.measured?.height ?? n.height);
  if (!w || !h) return null;
  const b = { x: n.position.x, y: n.position.y, w, h };
  return dir === 'right' ? transposeBox(b) : b;
}

function meets(a: Box, b: Box): boolean {
  const m = MARGIN;
  return a.x - m <= b.x + b.w && b.x <= a.x + a.w + m && a.y - m <= b.y + b.h && b.y <= a.y + a.h + m;
}

function bounds(pts: Pt[]): Box {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const p of pts) {
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x);
    y1 = Math.max(y1, p.y);
  }
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

// The label (a link's numbers) sits halfway along the path.
function labelPoint(pts: Pt[]): { labelX: number; labelY: number } {
  let total = 0;
  for (let i = 1; i < pts.length; i++) total += Math.abs(pts[i]!.x - pts[i - 1]!.x) + Math.abs(pts[i]!.y - pts[i - 1]!.y);
  let left = total / 2;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    const len = Math.abs(b.x - a.x) + Math.abs(b.y - a.y);
    if (left <= len && len > 0) {
      const f = left / len;
      return { labelX: a.x + (b.x - a.x) * f, labelY: a.y + (b.y - a.y) * f };
    }
    left -= len;
  }
  return { labelX: pts[0]?.x ?? 0, labelY: pts[0]?.y ?? 0 };
}

const NO_OBSTACLES = new Obstacles();

/** RouteContext gives a canvas's links its RouteIndex; without one a link is a plain smooth step. */
export const RouteContext = createContext<RouteIndex | null>(null);

const noSubscribe = () => () => {};

/** edgeRenderStats counts renders of links, for the window benchmark (src/perf.ts: none while the view moves). */
export const edgeRenderStats = { count: 0 };

function RoutedEdgeImpl(p: EdgeProps<CanvasEdge>) {
  edgeRenderStats.count++;
  const index = useContext(RouteContext);
  const routed = useSyncExternalStore(index?.subscribe ?? noSubscribe, () =>
    index ? index.path(p.id, { x: p.sourceX, y: p.sourceY }, { x: p.targetX, y: p.targetY }, [p.source, p.target]) : null,
  );
  let d: string;
  let labelX: number;
  let labelY: number;
  if (routed) {
    ({ d, labelX, labelY } = routed);
  } else {
    [d, labelX, labelY] = getSmoothStepPath(p);
  }
  return (
    <BaseEdge
      id={p.id}
      path={d}
      labelX={labelX}
      labelY={labelY}
      label={p.label}
      labelStyle={p.labelStyle}
      labelShowBg={p.labelShowBg}
      labelBgStyle={p.labelBgStyle}
      labelBgPadding={p.labelBgPadding}
      labelBgBorderRadius={p.labelBgBorderRadius}
      style={p.style}
      markerEnd={p.markerEnd}
      markerStart={p.markerStart}
      interactionWidth={p.interactionWidth}
    />
  );
}

/** RoutedEdge is the canvas's link component. */
export const RoutedEdge = memo(RoutedEdgeImpl);
