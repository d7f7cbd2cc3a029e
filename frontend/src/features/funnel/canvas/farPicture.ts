// The far-out picture (issue #14). While the view moves far out, the whole
// funnel is drawn as one picture — a <canvas> of tinted boxes with names and
// links as lines, like the overview (MinimapView.tsx) — and the steps and
// links React Flow draws are made transparent (opacity 0 on its viewport).
//
// Why: in the desktop window (WebKitGTK, no GPU compositing on Linux) each
// frame of a pan repaints every step and link in software. At 1,000 steps
// with the whole funnel in view a frame cost 95 ms against raw React Flow's
// 53 (build/window-bench.sh). The picture is drawn once into a bitmap at
// about the zoom of the moment; each frame of the move then copies that
// bitmap, scaled and shifted with the view: one drawImage, no layout, no
// SVG, no text.
//
// Transparent, not hidden or removed: the steps keep their places, their
// accessible names, keyboard focus and their hit-testing (a click or a drag
// on a step far out reaches it, picture or not), and nothing is mounted,
// measured or routed again when the picture goes: the steps come back by
// one change of one element's opacity, when the view has held still for
// SETTLE_MS or the zoom crosses PICTURE_BELOW.
import type { ReactFlowState } from '@xyflow/react';
import type { CanvasEdge, CanvasNode } from './types';
import { whenIdle } from './idle';

/** PICTURE_BELOW is the zoom under which a moving view shows the picture: the far-out card's band (detail.ts). */
export const PICTURE_BELOW = 0.28;
/** SETTLE_MS is how long the view holds still before the real steps come back. */
export const SETTLE_MS = 180;
/** MAX_PIXELS bounds the picture's bitmap (device pixels): about 24 MB. */
const MAX_PIXELS = 6_000_000;
/** A bitmap drawn at scale k serves zooms from k × REDRAW_BELOW to k × REDRAW_ABOVE. */
const REDRAW_ABOVE = 1.4;
const REDRAW_BELOW = 0.4;

/**
 * pictureSwitch turns the picture off (the window benchmark's "nopicture"
 * variant pans the product without it, in the same launch, for what it
 * buys), or its drawing ahead (noAhead: the bench's first far-out frame
 * without it).
 */
export const pictureSwitch = { off: false, noAhead: false };


/** Pill is a count drawn over a step, as the still card draws it: a rounded tag of a colour with white words. */
export interface Pill {
  text: string;
  fill: string;
  /** icon: room for the card's 11 px icon before the words (drawn as a dot). */
  icon?: boolean;
}

/**
 * Marks are what the still far-out card draws over a step besides its
 * name (styles.css, funnels.css): how many reached it, wait there and
 * failed (pills above it), its problems (a badge at its top right), its
 * place on a contact's path (a number at its top-right corner).
 */
export interface Marks {
  /** border: the card's border when not its plain one (problems, failures, a path). */
  border?: string;
  /** dashed: a step of an unknown kind. */
  dashed?: boolean;
  pills?: Pill[];
  /** badge: the problem count and its colour. */
  badge?: Pill;
  /** index: the step's place on the highlighted path. */
  index?: number;
  /** faded: off the highlighted path while one is shown. */
  faded?: boolean;
}

/** PicBox is one step, note or collapsed frame of the picture, in flow units. */
export interface PicBox extends Marks {
  x: number;
  y: number;
  w: number;
  h: number;
  fill: string;
  line: string;
  name: string;
  selected: boolean;
  /** open: an open frame, drawn as an outline around its steps. */
  open?: boolean;
}

/** LinkLabel is a link's numbers ("120 · 60 %"), drawn on its route's middle. */
export interface LinkLabel {
  x: number;
  y: number;
  text: string;
}

/** Picture is what the far-out picture draws: boxes and links (polylines), in flow units, and their bounds. */
export interface Picture {
  boxes: PicBox[];
  links: { x: number; y: number }[][];
  /** labels: the links' numbers, when the canvas shows them. */
  labels?: LinkLabel[];
  bounds: { x: number; y: number; w: number; h: number };
}

/** Look is how the picture colours and names a node (null: not drawn). */
export type Look = (n: CanvasNode) => ({ fill: string; line: string; name: string; open?: boolean } & Marks) | null;

/** Routes gives a link's drawn route, if it has one (RouteIndex.all()), and where its label goes. */
export type Routes = Map<string, { pts: { x: number; y: number }[]; labelX?: number; labelY?: number }>;

const NONE: ReadonlySet<string> = new Set();

type Lookup = Pick<ReactFlowState<CanvasNode, CanvasEdge>, 'nodeLookup' | 'edges'>;

/**
 * pictureOf takes the picture from React Flow's store (leaving out the
 * nodes of leaveOut and their links): each node where and
 * as big as React Flow has it, each link along its route when it has been
 * routed, else straight from its source's bottom to its target's top (or
 * side to side, left to right).
 */
export function pictureOf(s: Lookup, look: Look, routes: Routes, right = false, leaveOut: ReadonlySet<string> = NONE): Picture {
  const boxes: PicBox[] = [];
  const at = new Map<string, PicBox>();
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of s.nodeLookup.values()) {
    const user = n.internals.userNode;
    if (user.hidden || leaveOut.has(user.id)) continue;
    const w = n.measured?.width ?? user.width ?? user.initialWidth;
    const h = n.measured?.height ?? user.height ?? user.initialHeight;
    if (!w || !h) continue;
    const l = look(user);
    if (!l) continue;
    const { x, y } = n.internals.positionAbsolute;
    const b: PicBox = { x, y, w, h, ...l, selected: !!user.selected };
    boxes.push(b);
    at.set(user.id, b);
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x + w);
    y1 = Math.max(y1, y + h);
  }
  // Open frames first: the steps are drawn over them.
  boxes.sort((a, b) => Number(!!b.open) - Number(!!a.open));
  const links: Picture['links'] = [];
  const labels: LinkLabel[] = [];
  for (const e of s.edges) {
    if (e.hidden || leaveOut.has(e.source) || leaveOut.has(e.target)) continue;
    const route = routes.get(e.id);
    let pts: { x: number; y: number }[];
    if (route && route.pts.length > 1) {
      pts = route.pts;
    } else {
      const a = at.get(e.source);
      const b = at.get(e.target);
      if (!a || !b) continue;
      pts = right ? [{ x: a.x + a.w, y: a.y + a.h / 2 }, { x: b.x, y: b.y + b.h / 2 }] : [{ x: a.x + a.w / 2, y: a.y + a.h }, { x: b.x + b.w / 2, y: b.y }];
    }
    links.push(pts);
    // The numbers a simulation puts on a link (Canvas.tsx's decorateEdges), where RoutedEdge draws them.
    if (typeof e.label === 'string' && e.label) {
      const mid = route?.labelX !== undefined && route.labelY !== undefined ? { x: route.labelX, y: route.labelY } : middleOf(pts);
      labels.push({ ...mid, text: e.label });
    }
  }
  const bounds = x1 > x0 ? { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } : { x: 0, y: 0, w: 0, h: 0 };
  return labels.length ? { boxes, links, labels, bounds } : { boxes, links, bounds };
}

/** middleOf is the point halfway along a polyline. */
function middleOf(pts: { x: number; y: number }[]): { x: number; y: number } {
  let total = 0;
  for (let i = 1; i < pts.length; i++) total += Math.hypot(pts[i]!.x - pts[i - 1]!.x, pts[i]!.y - pts[i - 1]!.y);
  let left = total / 2;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    const d = Math.hypot(b.x - a.x, b.y - a.y);
    if (d >= left && d > 0) return { x: a.x + ((b.x - a.x) * left) / d, y: a.y + ((b.y - a.y) * left) / d };
    left -= d;
  }
  return pts[0] ?? { x: 0, y: 0 };
}

/**
 * liveOf is the picture of the steps of ids and of their links, drawn
 * straight to the other ends (those steps moving, their routes are not kept).
 */
export function liveOf(s: Lookup, look: Look, ids: ReadonlySet<string>, right = false): Picture {
  const boxes: PicBox[] = [];
  const links: Picture['links'] = [];
  const boxOf = (id: string) => {
    const n = s.nodeLookup.get(id);
    if (!n) return null;
    const w = n.measured?.width ?? n.internals.userNode.width ?? n.internals.userNode.initialWidth;
    const h = n.measured?.height ?? n.internals.userNode.height ?? n.internals.userNode.initialHeight;
    return w && h ? { ...n.internals.positionAbsolute, w, h } : null;
  };
  for (const id of ids) {
    const n = s.nodeLookup.get(id);
    const b = boxOf(id);
    const l = n && look(n.internals.userNode);
    if (b && l) boxes.push({ ...b, ...l, selected: !!n.internals.userNode.selected });
  }
  for (const e of s.edges) {
    if (e.hidden || !(ids.has(e.source) || ids.has(e.target))) continue;
    const a = boxOf(e.source);
    const b = boxOf(e.target);
    if (!a || !b) continue;
    links.push(right ? [{ x: a.x + a.w, y: a.y + a.h / 2 }, { x: b.x, y: b.y + b.h / 2 }] : [{ x: a.x + a.w / 2, y: a.y + a.h }, { x: b.x + b.w / 2, y: b.y }]);
  }
  return { boxes, links, bounds: { x: 0, y: 0, w: 0, h: 0 } };
}

/**
 * bitmapScale is the scale (device pixels per flow unit) to draw a picture
 * of these bounds at, for a view at zoom × dpr: that, unless the bitmap
 * would pass MAX_PIXELS.
 */
export function bitmapScale(bounds: Picture['bounds'], want: number): number {
  const area = Math.max(1, bounds.w) * Math.max(1, bounds.h);
  return Math.max(1e-4, Math.min(want, Math.sqrt(MAX_PIXELS / area)));
}

/** stale says whether a bitmap drawn at scale k still serves a view at zoom × dpr = want (or bounds less than MAX_PIXELS kept it smaller). */
export function stale(k: number, want: number, bounds: Picture['bounds']): boolean {
  const best = bitmapScale(bounds, want);
  return best > k * REDRAW_ABOVE || want < k * REDRAW_BELOW;
}

/** fitName is the longest start of name (with an ellipsis when cut) that measure says fits in width. */
export function fitName(name: string, width: number, measure: (s: string) => number): string {
  if (measure(name) <= width) return name;
  let lo = 0;
  let hi = name.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (measure(name.slice(0, mid) + '…') <= width) lo = mid;
    else hi = mid - 1;
  }
  return lo > 0 ? name.slice(0, lo).trimEnd() + '…' : '';
}

const SHY = '\u00ad';
const SHY_ALL = /\u00ad/g;

/**
 * wrapName lays a name out as the still far-out card does (styles.css:
 * the title over a zoomed-out step): lines broken between words, after a
 * hyphen or at a soft hyphen (detail.ts's softHyphens: a word too wide for
 * a line, between its syllables, drawn with a hyphen), inside a word only
 * when it has no such break, at most `lines` of them, the last cut with an
 * ellipsis when the name goes on. Soft hyphens are never drawn.
 */
export function wrapName(name: string, width: number, measure: (s: string) => number, lines = 2): string[] {
  const out: string[] = [];
  const bare = (t: string) => t.replace(SHY_ALL, '');
  let rest = name.trim();
  while (rest && out.length < lines) {
    if (measure(bare(rest)) <= width) {
      out.push(bare(rest));
      break;
    }
    if (out.length === lines - 1) {
      const cut = fitName(bare(rest), width, measure);
      if (cut) out.push(cut);
      break;
    }
    // The longest start that ends where a line may break and fits.
    let line = '';
    let next = 0;
    for (const m of rest.matchAll(/[\s\u00a0\u202f]+|-|\u00ad/g)) {
      const t = m[0] === '-' ? rest.slice(0, m.index + 1) : m[0] === SHY ? `${bare(rest.slice(0, m.index))}-` : rest.slice(0, m.index);
      if (m.index === 0) continue;
      if (measure(bare(t)) > width) break;
      line = bare(t);
      next = m.index + m[0].length;
    }
    if (!line) {
      // A word wider than the line, with no break, breaks at the edge (overflow-wrap: break-word).
      const plain = bare(rest);
      let n = 1;
      while (n < plain.length && measure(plain.slice(0, n + 1)) <= width) n++;
      out.push(plain.slice(0, n));
      rest = plain.slice(n);
      continue;
    }
    out.push(line.trimEnd());
    rest = rest.slice(next).trimStart();
  }
  return out;
}

/** Ctx2D is the part of a 2D context the picture draws with. */
export type Ctx2D = Pick<
  CanvasRenderingContext2D,
  | 'fillStyle'
  | 'strokeStyle'
  | 'lineWidth'
  | 'font'
  | 'textBaseline'
  | 'textAlign'
  | 'globalAlpha'
  | 'fillRect'
  | 'strokeRect'
  | 'beginPath'
  | 'moveTo'
  | 'lineTo'
  | 'stroke'
  | 'fill'
  | 'arc'
  | 'arcTo'
  | 'closePath'
  | 'setLineDash'
  | 'fillText'
  | 'measureText'
  | 'setTransform'
  | 'clearRect'
>;

// The still far-out card's look, in flow units (styles.css, funnels.css;
// the tiny band, where the picture shows): the picture draws what it draws.
/** SELECTED is the border of a selected step (the accent of styles.css), and RING the ring around it. */
const SELECTED = '#2563eb';
const RING = 'rgba(37, 99, 235, 0.3)';
/** LINK and LINK_WIDTH: React Flow's link stroke as styles.css sets it. */
const LINK = '#94a3b8';
const LINK_WIDTH = 1.6;
const TEXT = '#0f172a';
/** NAME_FONT is the tiny band's title size (--lod-font), NAME_LEFT and NAME_RIGHT its margins, NAME_LINE its line height. */
export const NAME_FONT = 40;
const NAME_LEFT = 12;
const NAME_RIGHT = 8;
const NAME_LINE = 1.12;
/** MARK_SCALE is how much larger the tiny band draws a step's counts and badges (--lod-scale). */
const MARK_SCALE = 2.6;
/** FACE is the UI's font (styles.css's --font). */
let face = '';
function faceOf(): string {
  if (!face) {
    const css = typeof document !== 'undefined' ? getComputedStyle(document.documentElement).getPropertyValue('--font').trim() : '';
    face = css || "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', 'Noto Sans', 'Liberation Sans', Arial, sans-serif";
  }
  return face;
}

/** wraps keeps how each name was laid out (by size, width and name): laid out once, drawn at any scale. */
const wraps = new Map<string, string[]>();
function wrapped(ctx: Ctx2D, name: string, font: number, width: number): string[] {
  const key = `${font}|${Math.round(width)}|${name}`;
  let lines = wraps.get(key);
  if (!lines) {
    if (wraps.size > 20_000) wraps.clear();
    lines = wrapName(name, width, (s) => ctx.measureText(s).width);
    wraps.set(key, lines);
  }
  return lines;
}

/** roundRect traces a rectangle with rounded corners (radius r). */
function roundRect(ctx: Ctx2D, x: number, y: number, w: number, h: number, r: number): void {
  const k = Math.min(r, w / 2, h / 2);
  ctx.moveTo(x + k, y);
  ctx.arcTo(x + w, y, x + w, y + h, k);
  ctx.arcTo(x + w, y + h, x, y + h, k);
  ctx.arcTo(x, y + h, x, y, k);
  ctx.arcTo(x, y, x + w, y, k);
  ctx.closePath();
}

/**
 * pill draws a count as the card's .fp-num or .fp-problem-badge, MARK_SCALE
 * times larger: h high, its words `size` px, from x (its left edge, or its
 * right edge when `fromRight`) and y (its top); it returns its width.
 */
function pill(ctx: Ctx2D, p: Pill, x: number, y: number, h: number, size: number, pad: number, minW: number, fromRight = false): number {
  ctx.font = `700 ${size}px ${faceOf()}`;
  const icon = p.icon ? 14 * MARK_SCALE : 0;
  const w = Math.max(minW, ctx.measureText(p.text).width + 2 * pad + icon);
  const left = fromRight ? x - w : x;
  ctx.fillStyle = p.fill;
  ctx.beginPath();
  roundRect(ctx, left, y, w, h, h / 2);
  ctx.fill();
  ctx.fillStyle = '#fff';
  if (icon) {
    ctx.beginPath();
    ctx.arc(left + pad + 5.5 * MARK_SCALE, y + h / 2, 3.5 * MARK_SCALE, 0, Math.PI * 2);
    ctx.fill();
  }
  ctx.textAlign = 'center';
  ctx.fillText(p.text, left + icon + w / 2 - icon / 2, y + h / 2);
  ctx.textAlign = 'left';
  return w;
}

/**
 * drawPicture draws the picture at scale k (device pixels per flow unit),
 * its bounds' top left at (0, 0), in the still far-out card's look: links
 * under the boxes, one stroke for all, with their numbers; each step a
 * square box tinted with its kind's colour, its plain border, its name in
 * two lines at most, the counts above it, its problem badge and its place
 * on a path as the card scales them.
 */
export function drawPicture(ctx: Ctx2D, pic: Picture, k: number): void {
  const { x: ox, y: oy } = pic.bounds;
  ctx.setTransform(k, 0, 0, k, -ox * k, -oy * k);
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
  ctx.strokeStyle = LINK;
  ctx.lineWidth = LINK_WIDTH;
  ctx.beginPath();
  for (const pts of pic.links) {
    ctx.moveTo(pts[0]!.x, pts[0]!.y);
    for (let i = 1; i < pts.length; i++) ctx.lineTo(pts[i]!.x, pts[i]!.y);
  }
  ctx.stroke();
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  for (const b of pic.boxes) {
    ctx.globalAlpha = b.faded ? 0.45 : 1;
    if (!b.open) {
      ctx.fillStyle = b.fill;
      ctx.fillRect(b.x, b.y, b.w, b.h);
    }
    if (b.selected) {
      ctx.strokeStyle = RING;
      ctx.lineWidth = 2;
      ctx.strokeRect(b.x - 1, b.y - 1, b.w + 2, b.h + 2);
    }
    ctx.strokeStyle = b.selected ? SELECTED : (b.border ?? b.line);
    ctx.lineWidth = 1;
    if (b.dashed) ctx.setLineDash([3, 3]);
    ctx.strokeRect(b.x + 0.5, b.y + 0.5, b.w - 1, b.h - 1);
    if (b.dashed) ctx.setLineDash([]);
    if (b.name) {
      const font = b.open ? 13 : NAME_FONT;
      ctx.font = `700 ${font}px ${faceOf()}`;
      ctx.fillStyle = TEXT;
      if (b.open) {
        ctx.fillText(fitName(b.name, b.w - 20, (s) => ctx.measureText(s).width), b.x + 10, b.y + 15);
      } else {
        const lines = wrapped(ctx, b.name, font, b.w - NAME_LEFT - NAME_RIGHT);
        const lh = font * NAME_LINE;
        const top = b.y + b.h / 2 - (lines.length * lh) / 2;
        for (let i = 0; i < lines.length; i++) ctx.fillText(lines[i]!, b.x + NAME_LEFT, top + lh * (i + 0.5));
      }
    }
    // The counts above the step: 19 px pills from (8, -22), grown from their bottom left.
    if (b.pills?.length) {
      const h = 19 * MARK_SCALE;
      let x = b.x + 8;
      for (const p of b.pills) x += pill(ctx, p, x, b.y - 3 - h, h, 11 * MARK_SCALE, 6 * MARK_SCALE, 0) + 4 * MARK_SCALE;
    }
    // The problem badge: 20 px, at the head's right, grown from its top right.
    if (b.badge) pill(ctx, b.badge, b.x + b.w - 11, b.y + 15, 20 * MARK_SCALE, 11 * MARK_SCALE, 5 * MARK_SCALE, 20 * MARK_SCALE, true);
    // The place on a path: 22 px over the top-right corner.
    if (b.index !== undefined) pill(ctx, { text: String(b.index), fill: '#0d9488' }, b.x + b.w + 11, b.y - 9, 22 * MARK_SCALE, 12 * MARK_SCALE, 5 * MARK_SCALE, 22 * MARK_SCALE, true);
  }
  ctx.globalAlpha = 1;
  // A link's numbers: React Flow's label, 11 px on a white tag.
  if (pic.labels?.length) {
    ctx.font = `600 11px ${faceOf()}`;
    ctx.textAlign = 'center';
    for (const l of pic.labels) {
      const w = ctx.measureText(l.text).width + 10;
      const h = 11 * 1.2 + 6;
      ctx.fillStyle = '#fff';
      ctx.strokeStyle = '#cbd5e1';
      ctx.lineWidth = 1;
      ctx.beginPath();
      roundRect(ctx, l.x - w / 2, l.y - h / 2, w, h, 4);
      ctx.fill();
      ctx.stroke();
      ctx.fillStyle = TEXT;
      ctx.fillText(l.text, l.x, l.y);
    }
    ctx.textAlign = 'left';
  }
}

/** Bitmap is a picture drawn once, at scale k. */
interface Bitmap {
  canvas: HTMLCanvasElement;
  k: number;
  pic: Picture;
}

/** PictureStore is the part of React Flow's store the picture reads. */
export interface PictureStore {
  getState(): ReactFlowState<CanvasNode, CanvasEdge>;
  subscribe(listener: (s: ReactFlowState<CanvasNode, CanvasEdge>) => void): () => void;
}

/** PictureOptions are what watchPicture draws with. */
export interface PictureOptions {
  /** take: the picture of the store's nodes now, leaving out some (and their links). */
  take: (s: ReactFlowState<CanvasNode, CanvasEdge>, leaveOut?: ReadonlySet<string>) => Picture;
  /**
   * drags: calls back with the ids of the steps a drag moves when one starts
   * and with null when it ends, until the returned function is called.
   */
  drags?: (on: (ids: string[] | null) => void) => () => void;
  /** live: the picture of the dragged steps and their links where they are now (drawn at each frame of a drag). */
  live?: (s: ReactFlowState<CanvasNode, CanvasEdge>, ids: ReadonlySet<string>) => Picture;
  /** shown: told when the picture shows (true) and goes (false). */
  shown?: (on: boolean) => void;
  /**
   * changes: calls back when what the look draws changes outside React
   * Flow's store (problems, counts, a path, names), until the returned
   * function is called: the picture is taken again.
   */
  changes?: (on: () => void) => () => void;
  dpr?: () => number;
  /** makeCanvas: a new bitmap canvas (tests give their own). */
  makeCanvas?: () => HTMLCanvasElement;
  /** ahead: runs fn when the browser is idle, to draw the picture before a move needs it; returns how to cancel (tests give their own). */
  ahead?: (fn: () => void) => () => void;
}

/**
 * laterIdle runs fn once the browser is idle (WebKitGTK has no
 * requestIdleCallback: a quarter second later there, past a click's work).
 */
function laterIdle(fn: () => void): () => void {
  return whenIdle(fn, 1000, 250);
}

/**
 * watchPicture shows the picture on the canvas element el whenever the
 * view moves below PICTURE_BELOW, and the real steps again once the view
 * has held still for SETTLE_MS or zooms in past it; it returns how to stop
 * (which brings the steps back).
 */
export function watchPicture(store: PictureStore, el: HTMLCanvasElement, o: PictureOptions): () => void {
  const dpr = o.dpr ?? (() => window.devicePixelRatio || 1);
  const makeCanvas = o.makeCanvas ?? (() => document.createElement('canvas'));
  let last = store.getState().transform;
  let showing = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let bitmap: Bitmap | null = null;
  let taken: { nodes: unknown; edges: unknown } | null = null;
  let hiddenViewport: HTMLElement | null = null;

  const hide = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!showing) return;
    showing = false;
    if (hiddenViewport) hiddenViewport.style.opacity = '';
    hiddenViewport = null;
    el.style.display = 'none';
    el.dataset.showing = 'false';
    o.shown?.(false);
    // Ready for the next move, at this zoom.
    scheduleAhead();
  };

  // While a step is dragged far out: the steps it moves, drawn live with
  // their links over a picture without them, once a frame.
  let dragged: ReadonlySet<string> | null = null;
  let frame = 0;
  const drawLive = () => {
    frame = 0;
    const s = store.getState();
    if (!dragged || !o.live) return;
    paint(s);
    const ctx = el.getContext('2d');
    if (!ctx) return;
    const [tx, ty, zoom] = s.transform;
    const live = o.live(s, dragged);
    // Flow units to the canvas's pixels: drawPicture's origin is the view's top left.
    drawPicture(ctx, { ...live, bounds: { x: -tx / zoom, y: -ty / zoom, w: 0, h: 0 } }, zoom * dpr());
  };

  // The bitmap is drawn ahead, once the browser is idle, while the view
  // is still far out (after opening, after each change): the first frame
  // of a move then only copies it. Drawn at that frame, it took 85 ms on a
  // 1,000-step funnel in the desktop window, 360 under load.
  let cancelAhead: (() => void) | undefined;
  const drawAhead = () => {
    cancelAhead = undefined;
    const s = store.getState();
    if (showing || dragged || !(s.transform[2] < PICTURE_BELOW) || s.nodeLookup.size === 0 || pictureSwitch.off || pictureSwitch.noAhead) return;
    prepare(s);
  };
  const scheduleAhead = () => {
    cancelAhead ??= (o.ahead ?? laterIdle)(drawAhead);
  };
  const offChanges = o.changes?.(() => {
    taken = null;
    if (showing) paint(store.getState());
    else scheduleAhead();
  });

  /** prepare makes the bitmap right for the store's steps and zoom, drawing it when it is not. */
  const prepare = (s: ReactFlowState<CanvasNode, CanvasEdge>): Bitmap => {
    const want = s.transform[2] * dpr();
    // The store's nodes change at each move of a drag: the picture, without the dragged steps, is taken once.
    if (!taken || (!dragged && (taken.nodes !== s.nodes || taken.edges !== s.edges))) {
      taken = { nodes: s.nodes, edges: s.edges };
      const pic = o.take(s, dragged ?? undefined);
      bitmap = bitmap && bitmap.pic.bounds.w === pic.bounds.w && bitmap.pic.bounds.h === pic.bounds.h ? { ...bitmap, pic, k: -1 } : { canvas: bitmap?.canvas ?? makeCanvas(), k: -1, pic };
    }
    const bm = bitmap!;
    if (bm.k < 0 || stale(bm.k, want, bm.pic.bounds)) {
      bm.k = bitmapScale(bm.pic.bounds, want);
      bm.canvas.width = Math.max(1, Math.ceil(bm.pic.bounds.w * bm.k));
      bm.canvas.height = Math.max(1, Math.ceil(bm.pic.bounds.h * bm.k));
      const bctx = bm.canvas.getContext('2d');
      if (bctx) drawPicture(bctx, bm.pic, bm.k);
    }
    return bm;
  };

  const paint = (s: ReactFlowState<CanvasNode, CanvasEdge>) => {
    const r = dpr();
    const bm = prepare(s);
    const w = Math.round(s.width * r);
    const h = Math.round(s.height * r);
    if (el.width !== w || el.height !== h) {
      el.width = w;
      el.height = h;
    }
    const ctx = el.getContext('2d');
    if (!ctx) return;
    const [tx, ty, zoom] = s.transform;
    const m = (zoom * r) / bm.k;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, w, h);
    ctx.drawImage(bm.canvas, (tx + bm.pic.bounds.x * zoom) * r, (ty + bm.pic.bounds.y * zoom) * r, bm.canvas.width * m, bm.canvas.height * m);
  };

  const on = (s: ReactFlowState<CanvasNode, CanvasEdge>) => {
    // A drag moves the steps (and the view, near the canvas's edge): drawn at the next frame.
    if (dragged && !frame) frame = requestAnimationFrame(drawLive);
    else if (!dragged && !showing && taken && (taken.nodes !== s.nodes || taken.edges !== s.edges)) scheduleAhead();
    const t = s.transform;
    if (t === last) return;
    const moved = t[0] !== last[0] || t[1] !== last[1] || t[2] !== last[2];
    last = t;
    if (!moved) return;
    if (dragged) return;
    if (!(t[2] < PICTURE_BELOW) || s.nodeLookup.size === 0 || pictureSwitch.off) {
      hide();
      return;
    }
    paint(s);
    if (!showing) reveal(s, 'true');
    clearTimeout(timer);
    timer = setTimeout(hide, SETTLE_MS);
  };
  // reveal puts the picture in place of the steps and links: React Flow's
  // viewport made transparent, one element's opacity, nothing restyled
  // step by step.
  const reveal = (s: ReactFlowState<CanvasNode, CanvasEdge>, mode: 'true' | 'drag') => {
    showing = true;
    // Over React Flow's renderer (z-index 4, before it in the page): under
    // it, the picture cost twice as much a frame in the desktop window.
    el.style.zIndex = '4';
    el.style.display = 'block';
    el.dataset.showing = mode;
    hiddenViewport = s.domNode?.querySelector<HTMLElement>('.react-flow__viewport') ?? null;
    if (hiddenViewport) hiddenViewport.style.opacity = '0';
    o.shown?.(true);
  };
  // A drag far out: the picture without the dragged steps and their links,
  // with them drawn live over it, in place of the steps and links (made
  // transparent as for a move of the view: one element's opacity, nothing
  // restyled step by step).
  const endDrag = () => {
    if (!dragged) return;
    dragged = null;
    taken = null;
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
    showing = true;
    hide();
  };
  const startDrag = (ids: string[]) => {
    const s = store.getState();
    if (!(s.transform[2] < PICTURE_BELOW) || pictureSwitch.off || ids.length === 0 || !o.live) return;
    hide();
    dragged = new Set(ids);
    taken = null;
    drawLive();
    reveal(s, 'drag');
  };
  const offDrags = o.drags?.((ids) => (ids ? startDrag(ids) : endDrag()));
  const off = store.subscribe(on);
  scheduleAhead();
  return () => {
    off();
    offDrags?.();
    offChanges?.();
    endDrag();
    hide();
    cancelAhead?.();
  };
}

/** RELEASE_CHUNK is how many kept steps are let go in one idle moment (about a frame's work each). */
export const RELEASE_CHUNK = 150;

/** ReleaseOptions say how releaseInChunks lets go of the steps kept drawn for a far-out move. */
export interface ReleaseOptions {
  /** lighten: draws these steps (all off screen) as bare boxes of their size, their cards let go. */
  lighten: (ids: string[]) => void;
  /** done: hands the steps back to React Flow's own culling (only those in view stay drawn). */
  done: () => void;
  /** idle: runs fn at the browser's next idle moment and returns how to cancel (tests give their own). */
  idle?: (fn: () => void) => () => void;
  /** light: the steps lightened already (by keepLight), left out. */
  light?: () => ReadonlySet<string>;
}

/** nextIdle runs fn at the next idle moment (a timer where WebKitGTK lacks requestIdleCallback). */
function nextIdle(fn: () => void): () => void {
  return whenIdle(fn, 100, 16);
}

/**
 * releaseInChunks lets go of the steps kept drawn for a far-out move a few
 * at a time: RELEASE_CHUNK of those lying at least half a pane off screen
 * per idle moment are lightened (their cards unmounted), then the rest are
 * handed back to React Flow at once (done). Unmounting ~900 steps in one
 * frame, once the view held still after zooming in across PICTURE_BELOW,
 * took a 230–370 ms frame on a 1,000-step funnel. A move of the view before
 * the end hands them back at once: a lightened step is never shown. It
 * returns how to stop (without handing back).
 */
export function releaseInChunks(store: PictureStore, o: ReleaseOptions): () => void {
  const idle = o.idle ?? nextIdle;
  const s = store.getState();
  const light = o.light?.();
  const far = stepsOutside(s, 0.5, light && ((id) => light.has(id)));
  let at = 0;
  let cancel: (() => void) | undefined;
  let over = false;
  const finish = () => {
    if (over) return;
    over = true;
    stopWatching();
    cancel?.();
    o.done();
  };
  const step = () => {
    cancel = undefined;
    if (over) return;
    if (at >= far.length) return finish();
    o.lighten(far.slice(at, at + RELEASE_CHUNK));
    at += RELEASE_CHUNK;
    cancel = idle(step);
  };
  const first = s.transform;
  const stopWatching = store.subscribe((st) => {
    if (st.transform !== first) finish();
  });
  cancel = idle(step);
  return () => {
    over = true;
    stopWatching();
    cancel?.();
  };
}

/**
 * stepsOutside lists the steps (not selected, hidden or dragged) lying
 * wholly outside the view widened by `margin` panes each way, in the
 * store's order; `skip` leaves some out.
 */
export function stepsOutside(s: ReactFlowState<CanvasNode, CanvasEdge>, margin: number, skip?: (id: string) => boolean): string[] {
  const [tx, ty, zoom] = s.transform;
  const mx = (s.width / zoom) * margin;
  const my = (s.height / zoom) * margin;
  const x0 = -tx / zoom - mx;
  const y0 = -ty / zoom - my;
  const x1 = -tx / zoom + s.width / zoom + mx;
  const y1 = -ty / zoom + s.height / zoom + my;
  const out: string[] = [];
  for (const [id, n] of s.nodeLookup) {
    const user = n.internals.userNode;
    // A selected or dragged step stays whole: it may hold the keyboard's focus or be moving.
    if (user.type !== 'step' || user.hidden || user.dragging || user.selected || skip?.(id)) continue;
    const { x, y } = n.internals.positionAbsolute;
    const w = n.measured?.width ?? 0;
    const h = n.measured?.height ?? 0;
    if (x > x1 || x + w < x0 || y > y1 || y + h < y0) out.push(id);
  }
  return out;
}

/** LightOptions say how keepLight lightens the kept steps out of view and brings them back. */
export interface LightOptions {
  /** light: the steps lightened now. */
  light: () => ReadonlySet<string>;
  /** lighten: draws these steps (out of view) as bare boxes. */
  lighten: (ids: string[]) => void;
  /** restore: draws these steps whole again (coming into view). */
  restore: (ids: string[]) => void;
  idle?: (fn: () => void) => () => void;
}

/**
 * keepLight, while every step is kept drawn for a far-out move, lightens
 * those that the view leaves (a quarter of a pane beyond its edges),
 * RELEASE_CHUNK per idle moment, and draws whole again, in the same frame,
 * any lightened step the view comes near (a tenth of a pane). Zooming in
 * across PICTURE_BELOW restyles every drawn step for the nearer band (their
 * titles laid out again): with 1,000 steps kept whole that frame took
 * 320–400 ms; lightened, the steps the view left cost next to nothing.
 * It returns how to stop (leaving the steps as they are).
 */
export function keepLight(store: PictureStore, o: LightOptions): () => void {
  const idle = o.idle ?? nextIdle;
  let cancel: (() => void) | undefined;
  const step = () => {
    cancel = undefined;
    const light = o.light();
    const ids = stepsOutside(store.getState(), 0.25, (id) => light.has(id)).slice(0, RELEASE_CHUNK);
    if (ids.length === 0) return;
    o.lighten(ids);
    cancel = idle(step);
  };
  const near = (s: ReactFlowState<CanvasNode, CanvasEdge>) => {
    const light = o.light();
    if (light.size === 0) return;
    const out = new Set(stepsOutside(s, 0.1, (id) => !light.has(id)));
    const back = [...light].filter((id) => !out.has(id));
    if (back.length) o.restore(back);
  };
  let last = store.getState().transform;
  const off = store.subscribe((s) => {
    if (s.transform === last) return;
    last = s.transform;
    near(s);
    cancel ??= idle(step);
  });
  cancel = idle(step);
  return () => {
    off();
    cancel?.();
    cancel = undefined;
  };
}
