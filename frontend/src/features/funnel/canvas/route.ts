// Link routing: orthogonal paths that go around steps, never under them.
//
// A link leaves its step's output downwards and enters the next step's input
// from above. (A left-to-right funnel is routed the same way with x and y
// swapped: see transpose.) Between the two stubs, the path is orthogonal and keeps a
// margin from every step box. Most links in a laid-out funnel are served by a
// three-segment "Z" (down, across, down) checked against the boxes near it;
// the others are found by a shortest-path search (length plus a cost per
// bend) over the grid of lines that run along the boxes' margins, the usual
// orthogonal visibility graph, limited to the boxes around the link and
// widened only when no way is found.

/** Pt is a point in flow coordinates. */
export interface Pt {
  x: number;
  y: number;
}

/** Box is a step's rectangle in flow coordinates. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** MARGIN is the room a link keeps from every step (flow units). */
export const MARGIN = 16;
/** The cost of a bend, in flow units of length: two bends ≈ a step's height. */
const BEND = 48;
/** Spatial hash cell size: about one step. */
const CELL = 256;

/**
 * Obstacles are the step boxes, in a spatial hash so a link only looks at the
 * boxes near it.
 */
export class Obstacles {
  readonly boxes = new Map<string, Box>();
  private cells = new Map<string, string[]>();

  constructor(boxes?: Iterable<[string, Box]>) {
    if (boxes) for (const [id, b] of boxes) this.add(id, b);
  }

  /** add puts a box in; an id already present is not expected. */
  add(id: string, b: Box): void {
    this.boxes.set(id, b);
    this.forCells(b, (k) => {
      const l = this.cells.get(k);
      if (l) l.push(id);
      else this.cells.set(k, [id]);
    });
  }

  /** near lists the boxes whose margin-inflated rectangle meets r. */
  near(r: Box): Box[] {
    const seen = new Set<string>();
    const out: Box[] = [];
    this.forCells({ x: r.x - MARGIN, y: r.y - MARGIN, w: r.w + 2 * MARGIN, h: r.h + 2 * MARGIN }, (k) => {
      for (const id of this.cells.get(k) ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        const b = this.boxes.get(id)!;
        if (overlaps(inflate(b), r)) out.push(b);
      }
    });
    return out;
  }

  private forCells(b: Box, f: (k: string) => void): void {
    const x0 = Math.floor(b.x / CELL);
    const x1 = Math.floor((b.x + b.w) / CELL);
    const y0 = Math.floor(b.y / CELL);
    const y1 = Math.floor((b.y + b.h) / CELL);
    for (let i = x0; i <= x1; i++) for (let j = y0; j <= y1; j++) f(`${i},${j}`);
  }
}

function inflate(b: Box, m = MARGIN): Box {
  return { x: b.x - m, y: b.y - m, w: b.w + 2 * m, h: b.h + 2 * m };
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * segmentCrossesBox says whether the axis-aligned segment a–b runs through
 * the inside of box (touching its border does not count).
 */
export function segmentCrossesBox(a: Pt, b: Pt, box: Box): boolean {
  const x0 = Math.min(a.x, b.x);
  const x1 = Math.max(a.x, b.x);
  const y0 = Math.min(a.y, b.y);
  const y1 = Math.max(a.y, b.y);
  return x0 < box.x + box.w && x1 > box.x && y0 < box.y + box.h && y1 > box.y;
}

// A segment is clear when it keeps the margin from every box near it. The
// path's own ends sit on the margin line of their steps, which counts as clear.
function clear(a: Pt, b: Pt, obs: Obstacles): boolean {
  const r = { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) };
  for (const box of obs.near(r)) if (segmentCrossesBox(a, b, inflate(box))) return false;
  return true;
}

function allClear(pts: Pt[], obs: Obstacles): boolean {
  for (let i = 1; i < pts.length; i++) if (!clear(pts[i - 1]!, pts[i]!, obs)) return false;
  return true;
}

/**
 * route finds a link's path from a step's output (s, on the step's bottom
 * edge) to another's input (t, on its top edge): a list of points, each
 * segment horizontal or vertical, clear of every box in obs by MARGIN except
 * for the two stubs at the ends.
 */
export function route(s: Pt, t: Pt, obs: Obstacles): Pt[] {
  const a = { x: s.x, y: s.y + MARGIN };
  const b = { x: t.x, y: t.y - MARGIN };
  if (b.y >= a.y) {
    // Ends a pixel or two apart (handles centred on odd widths) draw straight, not as a tiny jog.
    if (Math.abs(a.x - b.x) < 3 && clear(a, b, obs)) return [s, { x: s.x, y: t.y }];
    // The Z: down to a horizontal channel, across, down. Tried at the middle
    // of the gap, then right below the output, then right above the input.
    for (const y of [(a.y + b.y) / 2, a.y, b.y]) {
      const z = [a, { x: a.x, y }, { x: b.x, y }, b];
      if (allClear(z, obs)) return tidy([s, ...z, t]);
    }
  }
  // Across then along a vertical channel: below the output, over to a
  // channel beside the steps (or between them), up or down, over to above
  // the input. This serves the next step in the same row, or one above.
  const sb = ownBox(obs, s, -1);
  const tb = ownBox(obs, t, 1);
  const channels = [(a.x + b.x) / 2];
  for (const bx of [sb, tb]) if (bx) channels.push(bx.x - MARGIN, bx.x + bx.w + MARGIN);
  if (sb && tb) {
    if (sb.x + sb.w < tb.x) channels.push((sb.x + sb.w + tb.x) / 2);
    if (tb.x + tb.w < sb.x) channels.push((tb.x + tb.w + sb.x) / 2);
  }
  channels.sort((p, q) => Math.abs(a.x - p) + Math.abs(p - b.x) - (Math.abs(a.x - q) + Math.abs(q - b.x)));
  for (const x of channels) {
    const u = [a, { x, y: a.y }, { x, y: b.y }, b];
    if (allClear(u, obs)) return tidy([s, ...u, t]);
  }
  for (let pad = 2 * CELL; pad <= 32 * CELL; pad *= 4) {
    const found = search(a, b, obs, pad);
    if (found) return tidy([s, ...found, t]);
  }
  // No way around (steps on top of each other): the plain Z.
  const y = Math.max(a.y, b.y);
  return tidy([s, a, { x: a.x, y }, { x: b.x, y }, b, t]);
}

// ownBox is the step a link end belongs to: the box right above an output
// (dir -1) or right below an input (dir 1) whose width spans the end.
function ownBox(obs: Obstacles, p: Pt, dir: -1 | 1): Box | undefined {
  let best: Box | undefined;
  let gap = Infinity;
  for (const b of obs.near({ x: p.x, y: p.y + dir * MARGIN, w: 0, h: 0 })) {
    if (p.x < b.x || p.x > b.x + b.w) continue;
    const g = dir < 0 ? p.y - (b.y + b.h) : b.y - p.y;
    if (g >= -1 && g < gap) {
      gap = g;
      best = b;
    }
  }
  return best;
}

// search is Dijkstra over the visibility grid built from the boxes within pad
// of the link's bounding rectangle, with a state per (point, heading) so a
// bend can be charged.
function search(a: Pt, b: Pt, obs: Obstacles, pad: number): Pt[] | null {
  const area = {
    x: Math.min(a.x, b.x) - pad,
    y: Math.min(a.y, b.y) - pad,
    w: Math.abs(a.x - b.x) + 2 * pad,
    h: Math.abs(a.y - b.y) + 2 * pad,
  };
  const boxes = obs.near(area).map((bx) => inflate(bx));
  const xsSet = new Set<number>([a.x, b.x, area.x, area.x + area.w]);
  const ysSet = new Set<number>([a.y, b.y, area.y, area.y + area.h]);
  for (const bx of boxes) {
    xsSet.add(bx.x);
    xsSet.add(bx.x + bx.w);
    ysSet.add(bx.y);
    ysSet.add(bx.y + bx.h);
  }
  const xs = [...xsSet].sort((p, q) => p - q);
  const ys = [...ysSet].sort((p, q) => p - q);
  const nx = xs.length;
  const ny = ys.length;
  // blockedH[j*nx+i]: the segment (xs[i],ys[j])–(xs[i+1],ys[j]) runs inside a
  // box; blockedV[j*nx+i]: the segment (xs[i],ys[j])–(xs[i],ys[j+1]) does.
  const blockedH = new Uint8Array(nx * ny);
  const blockedV = new Uint8Array(nx * ny);
  const xi = new Map(xs.map((v, i) => [v, i]));
  const yi = new Map(ys.map((v, i) => [v, i]));
  for (const bx of boxes) {
    const i0 = xi.get(bx.x)!;
    const i1 = xi.get(bx.x + bx.w)!;
    const j0 = yi.get(bx.y)!;
    const j1 = yi.get(bx.y + bx.h)!;
    for (let j = j0 + 1; j < j1; j++) for (let i = i0; i < i1; i++) blockedH[j * nx + i] = 1;
    for (let j = j0; j < j1; j++) for (let i = i0 + 1; i < i1; i++) blockedV[j * nx + i] = 1;
  }
  const start = yi.get(a.y)! * nx + xi.get(a.x)!;
  const goal = yi.get(b.y)! * nx + xi.get(b.x)!;
  // State = cell * 4 + heading (0 right, 1 left, 2 down, 3 up).
  const n = nx * ny * 4;
  const dist = new Float64Array(n).fill(Infinity);
  const prev = new Int32Array(n).fill(-1);
  const heap = new Heap();
  // The path leaves its output going down.
  dist[start * 4 + 2] = 0;
  heap.push(start * 4 + 2, 0);
  let end = -1;
  while (heap.size > 0) {
    const [st, d] = heap.pop();
    if (d > dist[st]!) continue;
    const cell = st >> 2;
    const head = st & 3;
    if (cell === goal) {
      end = st;
      break;
    }
    const i = cell % nx;
    const j = (cell - i) / nx;
    for (let h = 0; h < 4; h++) {
      let ni = i;
      let nj = j;
      if (h === 0) {
        if (i + 1 >= nx || blockedH[j * nx + i]) continue;
        ni = i + 1;
      } else if (h === 1) {
        if (i === 0 || blockedH[j * nx + i - 1]) continue;
        ni = i - 1;
      } else if (h === 2) {
        if (j + 1 >= ny || blockedV[j * nx + i]) continue;
        nj = j + 1;
      } else {
        if (j === 0 || blockedV[(j - 1) * nx + i]) continue;
        nj = j - 1;
      }
      // No turning back on the same line.
      if ((head ^ 1) === h) continue;
      const len = Math.abs(xs[ni]! - xs[i]!) + Math.abs(ys[nj]! - ys[j]!);
      const nd = d + len + (h === head ? 0 : BEND);
      const ns = (nj * nx + ni) * 4 + h;
      if (nd < dist[ns]!) {
        dist[ns] = nd;
        prev[ns] = st;
        heap.push(ns, nd);
      }
    }
  }
  if (end < 0) return null;
  const pts: Pt[] = [];
  for (let st = end; st >= 0; st = prev[st]!) {
    const cell = st >> 2;
    const i = cell % nx;
    pts.push({ x: xs[i]!, y: ys[(cell - i) / nx]! });
  }
  return pts.reverse();
}

// tidy drops repeated points and the middle of straight runs.
function tidy(pts: Pt[]): Pt[] {
  const out: Pt[] = [];
  for (const p of pts) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.x - p.x) < 0.01 && Math.abs(last.y - p.y) < 0.01) continue;
    const before = out[out.length - 2];
    if (last && before && ((before.x === last.x && last.x === p.x) || (before.y === last.y && last.y === p.y))) out.pop();
    out.push(p);
  }
  return out;
}

/** roundedPath draws the points as an SVG path with corners rounded to radius r (less where segments are short). */
export function roundedPath(pts: Pt[], r = 10): string {
  if (pts.length === 0) return '';
  let d = `M${pts[0]!.x},${pts[0]!.y}`;
  for (let i = 1; i < pts.length - 1; i++) {
    const p = pts[i - 1]!;
    const c = pts[i]!;
    const n = pts[i + 1]!;
    const l1 = Math.hypot(c.x - p.x, c.y - p.y);
    const l2 = Math.hypot(n.x - c.x, n.y - c.y);
    const k = Math.min(r, l1 / 2, l2 / 2);
    const ax = c.x - ((c.x - p.x) / (l1 || 1)) * k;
    const ay = c.y - ((c.y - p.y) / (l1 || 1)) * k;
    const bx = c.x + ((n.x - c.x) / (l2 || 1)) * k;
    const by = c.y + ((n.y - c.y) / (l2 || 1)) * k;
    d += `L${r2(ax)},${r2(ay)}Q${c.x},${c.y} ${r2(bx)},${r2(by)}`;
  }
  const last = pts[pts.length - 1]!;
  return `${d}L${last.x},${last.y}`;
}

function r2(v: number): number {
  return Math.round(v * 100) / 100;
}

/** transpose swaps x and y: a left-to-right funnel, transposed, is a top-down one. */
export function transpose(p: Pt): Pt {
  return { x: p.y, y: p.x };
}

/** transposeBox swaps a box's x and y, and its width and height. */
export function transposeBox(b: Box): Box {
  return { x: b.y, y: b.x, w: b.h, h: b.w };
}

/**
 * routeDir routes a link in a funnel laid out in direction dir: for
 * 'right', s sits on its step's right edge, t on the left edge of the
 * next, and obs holds the transposed boxes (transposeBox).
 */
export function routeDir(s: Pt, t: Pt, obs: Obstacles, dir: 'down' | 'right'): Pt[] {
  if (dir !== 'right') return route(s, t, obs);
  return route(transpose(s), transpose(t), obs).map(transpose);
}

/** crossings counts the points where two routes cross (touching or running along each other does not count). */
export function crossings(routes: Pt[][]): number {
  type Seg = { a: Pt; b: Pt; k: number };
  const hs: Seg[] = [];
  const vs: Seg[] = [];
  routes.forEach((pts, k) => {
    for (let i = 1; i < pts.length; i++) {
      const a = pts[i - 1]!;
      const b = pts[i]!;
      if (a.y === b.y && a.x !== b.x) hs.push({ a, b, k });
      else if (a.x === b.x && a.y !== b.y) vs.push({ a, b, k });
    }
  });
  let n = 0;
  for (const h of hs) {
    const hx0 = Math.min(h.a.x, h.b.x);
    const hx1 = Math.max(h.a.x, h.b.x);
    for (const v of vs) {
      if (v.k === h.k) continue;
      const vy0 = Math.min(v.a.y, v.b.y);
      const vy1 = Math.max(v.a.y, v.b.y);
      if (v.a.x > hx0 && v.a.x < hx1 && h.a.y > vy0 && h.a.y < vy1) n++;
    }
  }
  return n;
}

// A binary min-heap of (state, priority).
class Heap {
  private s: number[] = [];
  private p: number[] = [];
  get size(): number {
    return this.s.length;
  }
  push(state: number, prio: number): void {
    const s = this.s;
    const p = this.p;
    let i = s.length;
    s.push(state);
    p.push(prio);
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (p[up]! <= prio) break;
      s[i] = s[up]!;
      p[i] = p[up]!;
      i = up;
    }
    s[i] = state;
    p[i] = prio;
  }
  pop(): [number, number] {
    const s = this.s;
    const p = this.p;
    const top: [number, number] = [s[0]!, p[0]!];
    const ls = s.pop()!;
    const lp = p.pop()!;
    if (s.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= s.length) break;
        const r = l + 1;
        const c = r < s.length && p[r]! < p[l]! ? r : l;
        if (p[c]! >= lp) break;
        s[i] = s[c]!;
        p[i] = p[c]!;
        i = c;
      }
      s[i] = ls;
      p[i] = lp;
    }
    return top;
  }
}
