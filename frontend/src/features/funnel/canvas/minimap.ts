// The minimap's size follows the funnel's shape: a tall funnel gets a tall,
// narrow overview (up to MAX_H high) instead of a one-pixel line in a wide
// box; a wide one a wide, low overview. The area stays about the same.
import type { CanvasNode } from './types';

const AREA = 132 * 92;
const MAX_H = 240;
const MAX_W = 200;
const MIN_SIDE = 64;

/** MinimapSize is the minimap box in pixels. */
export interface MinimapSize {
  width: number;
  height: number;
}

/** minimapSize picks the box for a funnel whose steps span w × h (flow units), in steps of 8 px. */
export function minimapSize(w: number, h: number): MinimapSize {
  if (!(w > 0 && h > 0)) return { width: 132, height: 92 };
  const aspect = w / h;
  let width = Math.sqrt(AREA * aspect);
  let height = AREA / width;
  if (height > MAX_H) {
    height = MAX_H;
    width = Math.max(MIN_SIDE, MAX_H * aspect);
  }
  if (width > MAX_W) {
    width = MAX_W;
    height = Math.max(MIN_SIDE, MAX_W / aspect);
  }
  const snap = (v: number) => Math.round(Math.min(Math.max(v, MIN_SIDE), Math.max(MAX_H, MAX_W)) / 8) * 8;
  return { width: snap(width), height: snap(height) };
}

/** funnelExtent is the width and height spanned by the steps and notes. */
export function funnelExtent(nodes: CanvasNode[]): { w: number; h: number } {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of nodes) {
    x0 = Math.min(x0, n.position.x);
    y0 = Math.min(y0, n.position.y);
    x1 = Math.max(x1, n.position.x + (n.measured?.width ?? 248));
    y1 = Math.max(y1, n.position.y + (n.measured?.height ?? 96));
  }
  return x1 > x0 ? { w: x1 - x0, h: y1 - y0 } : { w: 0, h: 0 };
}
