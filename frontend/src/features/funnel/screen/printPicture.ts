// The funnel's picture on paper: steps as cards at their places on the
// canvas, spread apart where the printed cards (taller than the canvas's:
// they carry their number and the run's numbers) would touch, scaled so
// that no text is under 8 pt, and cut into page-sized tiles where it does
// not fit one page. A tile's edges are moved so that no step is cut by
// every tile it is on: each step is whole on at least one page.

/** PicPort is one output of a step, with its label ("" for a single output). */
export interface PicPort {
  id: string;
  label: string;
}

/** PicStep is one step as printed. */
export interface PicStep {
  id: string;
  /** n is the step's number in reading order (1…N), as in the list of steps. */
  n: number;
  title: string;
  /** kind is what the step does ("Send an email") when its title is the user's own. */
  kind: string;
  summary: string;
  icon: string;
  category: string;
  ports: PicPort[];
  /** numbers are the run's figures on the step ("1,234 entered"…); absent without a run. */
  numbers?: { big: string; lines: string[] };
  /** change marks a step added, removed or changed against another version. */
  change?: 'added' | 'removed' | 'changed';
  /** x, y are the step's place on the canvas (top-left). */
  x: number;
  y: number;
}

/** PicEdge is one link, with its run figures when there are some. */
export interface PicEdge {
  from: string;
  port: string;
  to: string;
  label?: string;
}

export type PicDirection = 'down' | 'right';

/** Placed is a step at its printed place and size. */
export interface Placed extends PicStep {
  w: number;
  h: number;
}

/** PictureLayout is the printed picture, in its own units (CSS px before scaling). */
export interface PictureLayout {
  steps: Placed[];
  edges: PicEdge[];
  direction: PicDirection;
  width: number;
  height: number;
}

/** CARD_W is a printed card's width (the canvas's cards are 248 px wide). */
export const CARD_W = 248;
const PAD = 24;
const MIN_GAP = 56;

/** MIN_FONT_PX is the smallest text on a printed card (the port labels and figures' lines), in CSS px. */
export const MIN_FONT_PX = 13;
/** PT8_PX is 8 pt in CSS px (1 px = 0.75 pt): the smallest text allowed on paper. */
export const PT8_PX = 8 / 0.75;

/** cardWidth is a card's width: wider when its outputs' labels need the room. */
export function cardWidth(s: PicStep): number {
  const labelled = s.ports.some((p) => p.label !== '');
  return labelled ? Math.max(CARD_W, s.ports.length * 86 + 16) : CARD_W;
}

/** cardHeight is a card's height from what it shows (the card's CSS gives each part this room). */
export function cardHeight(s: PicStep): number {
  let h = 12 + 40; // padding, a title of up to two lines
  if (s.summary) h += 52; // up to three lines of 13 px
  if (s.numbers) h += 34 + 18 * s.numbers.lines.length;
  if (s.ports.some((p) => p.label !== '')) h += 22;
  if (s.change) h += 20;
  return h;
}

/**
 * layoutPicture places the cards: their canvas places, spread apart (along
 * both axes, by one factor each) until no two cards touch.
 */
export function layoutPicture(steps: PicStep[], edges: PicEdge[], direction: PicDirection): PictureLayout {
  if (steps.length === 0) return { steps: [], edges, direction, width: 0, height: 0 };
  const sized = steps.map((s) => ({ ...s, w: cardWidth(s), h: cardHeight(s) }));
  // Rows first: the stretch that keeps cards apart by a gap and no more.
  // For two cards side by side in x, their distance in y must hold the
  // first card and a gap. Rows laid out far apart for the canvas come
  // closer (down to 70 %), saving paper; a hand-placed pile of steps is
  // spread at most 4 times, so it stays a picture. Then columns, the same
  // way, for cards that share rows once stretched (never closer).
  let sy = 0.7;
  for (const a of sized) {
    for (const b of sized) {
      const dy = b.y - a.y;
      if (a !== b && dy > 0 && a.x < b.x + b.w && b.x < a.x + a.w) sy = Math.max(sy, (a.h + MIN_GAP) / dy);
    }
  }
  sy = Math.min(sy, 4);
  let sx = 1;
  for (const a of sized) {
    for (const b of sized) {
      const dx = b.x - a.x;
      if (a !== b && dx > 0 && a.y * sy < b.y * sy + b.h && b.y * sy < a.y * sy + a.h) sx = Math.max(sx, (a.w + MIN_GAP / 2) / dx);
    }
  }
  sx = Math.min(sx, 3);
  const minX = Math.min(...sized.map((s) => s.x * sx));
  const minY = Math.min(...sized.map((s) => s.y * sy));
  const placed = sized.map((s) => ({ ...s, x: s.x * sx - minX + PAD, y: s.y * sy - minY + PAD }));
  const width = Math.max(...placed.map((s) => s.x + s.w)) + PAD + 60; // room for links going round
  const height = Math.max(...placed.map((s) => s.y + s.h)) + PAD + 30;
  return { steps: placed, edges, direction, width, height };
}

/** Tile is one page of the picture: the part [x, x+w) × [y, y+h) of the scaled picture. */
export interface Tile {
  row: number;
  col: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** PagePlan is how a picture goes on paper. */
export interface PagePlan {
  scale: number;
  rows: number;
  cols: number;
  tiles: Tile[];
}

/**
 * planPages scales the picture and cuts it into tiles of at most
 * pageW × pageH (CSS px on paper). One page when it fits there with its
 * smallest text at 8 pt or more; else the smallest readable scale (the
 * fewest pages), over rows and columns of pages.
 */
export function planPages(layout: PictureLayout, pageW: number, pageH: number, minFont = MIN_FONT_PX): PagePlan {
  if (layout.width === 0) return { scale: 1, rows: 0, cols: 0, tiles: [] };
  const readable = PT8_PX / minFont;
  const fitAll = Math.min(1, pageW / layout.width, pageH / layout.height);
  // Too big for one page: the smallest readable scale, for the fewest pages.
  const scale = fitAll >= readable ? fitAll : readable;
  const W = layout.width * scale;
  const H = layout.height * scale;
  const xs = cuts(
    layout.steps.map((s) => [s.x * scale, (s.x + s.w) * scale] as const),
    W,
    pageW,
  );
  const ys = cuts(
    layout.steps.map((s) => [s.y * scale, (s.y + s.h) * scale] as const),
    H,
    pageH,
  );
  const tiles: Tile[] = [];
  ys.forEach((y, row) => {
    xs.forEach((x, col) => {
      tiles.push({ row, col, x, y, w: Math.min(pageW, W - x), h: Math.min(pageH, H - y) });
    });
  });
  return { scale, rows: ys.length, cols: xs.length, tiles };
}

/**
 * cuts returns where each tile starts along one axis. A tile ends at most
 * one page further; the next starts before the first card its end cuts
 * through, so that card is whole on the next page (the pages overlap by
 * that much), else with a small overlap for the links.
 */
export function cuts(extents: ReadonlyArray<readonly [number, number]>, total: number, size: number): number[] {
  const OVERLAP = 24;
  const MARGIN = 12;
  const starts = [0];
  let at = 0;
  while (at + size < total) {
    const end = at + size;
    let next = end - OVERLAP;
    for (const [a, b] of extents) {
      if (a < end && b > end && a - MARGIN > at) next = Math.min(next, a - MARGIN);
    }
    // A card wider than a page cannot be whole anywhere: move on by a page.
    if (next <= at + size / 4) next = end - OVERLAP;
    starts.push(next);
    at = next;
  }
  return starts;
}

/** portPoint is where a link leaves a step's output (its bottom, or its right side left to right). */
export function portPoint(s: Placed, port: string, direction: PicDirection): { x: number; y: number } {
  const i = Math.max(0, s.ports.findIndex((p) => p.id === port));
  const k = Math.max(1, s.ports.length);
  if (direction === 'right') return { x: s.x + s.w, y: s.y + (s.h * (i + 0.5)) / k };
  return { x: s.x + (s.w * (i + 0.5)) / k, y: s.y + s.h };
}

/** inPoint is where a link enters a step. */
export function inPoint(s: Placed, direction: PicDirection): { x: number; y: number } {
  return direction === 'right' ? { x: s.x, y: s.y + s.h / 2 } : { x: s.x + s.w / 2, y: s.y };
}

/** edgePath draws a link as right angles; a link going back goes round the right (or bottom) of the picture. */
export function edgePath(from: { x: number; y: number }, to: { x: number; y: number }, layout: PictureLayout): string {
  if (layout.direction === 'right') {
    if (to.x > from.x + 20) {
      const mx = from.x + Math.min(40, (to.x - from.x) / 2);
      return `M${from.x},${from.y} H${mx} V${to.y} H${to.x}`;
    }
    const by = layout.height - 16;
    return `M${from.x},${from.y} H${from.x + 18} V${by} H${to.x - 18} V${to.y} H${to.x}`;
  }
  if (to.y > from.y + 20) {
    const my = from.y + Math.min(40, (to.y - from.y) / 2);
    return `M${from.x},${from.y} V${my} H${to.x} V${to.y}`;
  }
  const rx = layout.width - 20;
  return `M${from.x},${from.y} V${from.y + 18} H${rx} V${to.y - 18} H${to.x} V${to.y}`;
}
