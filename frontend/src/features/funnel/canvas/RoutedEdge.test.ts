import { describe, expect, it } from 'vitest';
import { RouteIndex } from './RoutedEdge';
import type { CanvasNode } from './types';

function step(id: string, x: number, y: number, dragging = false): CanvasNode {
  return { id, type: 'step', position: { x, y }, measured: { width: 200, height: 80 }, dragging, data: { nodeType: 'wait.delay', config: {} } } as CanvasNode;
}

/** crossesBox says whether a route's segments pass through a box's inside. */
function crossesBox(pts: { x: number; y: number }[], b: { x: number; y: number; w: number; h: number }): boolean {
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const c = pts[i]!;
    const x0 = Math.min(a.x, c.x);
    const x1 = Math.max(a.x, c.x);
    const y0 = Math.min(a.y, c.y);
    const y1 = Math.max(a.y, c.y);
    if (x0 < b.x + b.w && b.x < x1 + 1 && y0 < b.y + b.h && b.y < y1 + 1) return true;
  }
  return false;
}

describe('RouteIndex while a step is dragged', () => {
  // a above, c below, b in between: the link a → c goes around b.
  const a = step('a', 0, 0);
  const b = step('b', 0, 200);
  const c = step('c', 0, 400);
  const from = { x: 100, y: 80 };
  const to = { x: 100, y: 400 };
  const boxB = { x: 0, y: 200, w: 200, h: 80 };

  it('draws the dragged step’s links the plain way, leaves the others and the obstacles as they were, and routes again on the drop', () => {
    const idx = new RouteIndex();
    idx.sync([a, b, c]);
    const around = idx.path('a-c', from, to, ['a', 'c']);
    expect(crossesBox(around.pts, boxB)).toBe(false);
    const obstacles = idx.obs;

    // c is dragged 16 units down: its link follows it straight, through b.
    const cMoved = { x: 100, y: 416 };
    idx.sync([a, b, step('c', 0, 416, true)]);
    expect(idx.obs).toBe(obstacles);
    const quick = idx.path('a-c', from, cMoved, ['a', 'c']);
    expect(crossesBox(quick.pts, boxB)).toBe(true);
    expect(idx.path('a-c', from, cMoved, ['a', 'c'])).toBe(quick); // the same while nothing changes

    // Dropped there: around b again.
    idx.sync([a, b, step('c', 0, 416)]);
    expect(idx.obs).not.toBe(obstacles);
    const after = idx.path('a-c', from, cMoved, ['a', 'c']);
    expect(crossesBox(after.pts, boxB)).toBe(false);
  });
});
