// Where the canvas looks: each funnel's own viewport, remembered across
// restarts, and zoom to fit that keeps the steps out from under the
// overlays (minimap, zoom buttons) drawn over the canvas.
import type { FitViewOptions, Viewport } from '@xyflow/react';
import { PREF_VIEWPORTS, readPref, writePref } from '../../../stores/prefs';

/** KEEP_VIEWPORTS is how many funnels' viewports are remembered (the most recent). */
export const KEEP_VIEWPORTS = 100;
/** FIT_MARGIN is the room left around the steps when fitted, and between them and an overlay (px). */
export const FIT_MARGIN = 24;
/** FIT_MAX_ZOOM: zoom to fit never enlarges a small funnel past 100%. */
export const FIT_MAX_ZOOM = 1;

type Stored = Record<string, Viewport>;

function readAll(): Stored {
  try {
    const v = JSON.parse(readPref(PREF_VIEWPORTS) ?? '{}') as unknown;
    return v && typeof v === 'object' ? (v as Stored) : {};
  } catch {
    return {};
  }
}

function valid(v: unknown): v is Viewport {
  const o = v as Viewport | null;
  return !!o && [o.x, o.y, o.zoom].every((n) => typeof n === 'number' && Number.isFinite(n)) && o.zoom > 0;
}

/** savedViewport is the viewport a funnel was last left at, if any. */
export function savedViewport(flowId: string): Viewport | undefined {
  if (pending?.flowId === flowId) return { ...pending.v };
  const v = readAll()[flowId];
  return valid(v) ? v : undefined;
}

/** SAVE_REST_MS is how long the view rests before where it is left is written down (keepViewport). */
export const SAVE_REST_MS = 400;

let pending: { flowId: string; v: Viewport } | null = null;
let pendingTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * keepViewport remembers where a funnel is left once the view has rested
 * SAVE_REST_MS: React Flow ends a move at each view set from code — each
 * frame of an overview drag, of a keyboard pan, of an animated zoom — and
 * writing the window's storage at each one cost every such frame a JSON
 * round trip and a write that WebKit hands to another process. Read back
 * (savedViewport) it is the latest at once; flushViewport writes it now.
 */
export function keepViewport(flowId: string, v: Viewport): void {
  if (!valid(v)) return;
  if (pending && pending.flowId !== flowId) flushViewport();
  pending = { flowId, v: { x: v.x, y: v.y, zoom: v.zoom } };
  clearTimeout(pendingTimer);
  pendingTimer = setTimeout(flushViewport, SAVE_REST_MS);
}

/** flushViewport writes down at once a viewport keepViewport still holds. */
export function flushViewport(): void {
  clearTimeout(pendingTimer);
  pendingTimer = undefined;
  const p = pending;
  pending = null;
  if (p) saveViewport(p.flowId, p.v);
}

// The window closing (or hidden) writes down the view it holds: the app may
// quit within SAVE_REST_MS of the last move.
if (typeof window !== 'undefined') {
  window.addEventListener('pagehide', flushViewport);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && flushViewport());
}

/** saveViewport remembers where a funnel was left (the most recent KEEP_VIEWPORTS funnels). */
export function saveViewport(flowId: string, v: Viewport): void {
  if (!valid(v)) return;
  // Written now: a view still held for this funnel is older.
  if (pending?.flowId === flowId) {
    clearTimeout(pendingTimer);
    pending = null;
  }
  const all = readAll();
  delete all[flowId];
  // Insertion order is age: the newest last, the oldest dropped first.
  const ids = Object.keys(all);
  for (const id of ids.slice(0, Math.max(0, ids.length - KEEP_VIEWPORTS + 1))) delete all[id];
  all[flowId] = { x: v.x, y: v.y, zoom: v.zoom };
  writePref(PREF_VIEWPORTS, JSON.stringify(all));
}

/**
 * keepViewportsOf drops the viewports of funnels no longer in the workspace.
 * A funnel deleted elsewhere (another window, the command line) and made
 * again under the same id, as a gallery funnel is, then opens fitted as a
 * new funnel should, not where the deleted one was left.
 */
export function keepViewportsOf(flowIds: Iterable<string>): void {
  const keep = new Set(flowIds);
  if (pending && !keep.has(pending.flowId)) {
    clearTimeout(pendingTimer);
    pending = null;
  }
  const all = readAll();
  const gone = Object.keys(all).filter((id) => !keep.has(id));
  if (!gone.length) return;
  for (const id of gone) delete all[id];
  writePref(PREF_VIEWPORTS, JSON.stringify(all));
}

/** forgetViewport drops a funnel's viewport (it was deleted). */
export function forgetViewport(flowId: string): void {
  if (pending?.flowId === flowId) {
    clearTimeout(pendingTimer);
    pending = null;
  }
  const all = readAll();
  if (!(flowId in all)) return;
  delete all[flowId];
  writePref(PREF_VIEWPORTS, JSON.stringify(all));
}

/** Box is a rectangle on screen. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Sides is padding in pixels on each side. */
export interface Sides {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/**
 * overlayPadding is the padding that keeps fitted steps clear of the
 * overlays drawn over the pane: each overlay is held to the side of the pane
 * where it takes the least share of the room (a minimap in the bottom-right
 * corner costs its height at the bottom rather than its width on the right
 * when the pane is wider than tall), plus `margin` between it and the steps.
 * Overlays outside the pane are ignored.
 */
export function overlayPadding(pane: Box, overlays: Box[], margin = FIT_MARGIN): Sides {
  const pad: Sides = { top: margin, right: margin, bottom: margin, left: margin };
  const w = pane.right - pane.left;
  const h = pane.bottom - pane.top;
  if (w <= 0 || h <= 0) return pad;
  for (const o of overlays) {
    if (o.right <= pane.left || o.left >= pane.right || o.bottom <= pane.top || o.top >= pane.bottom) continue;
    const takes: [keyof Sides, number, number][] = [
      ['top', o.bottom - pane.top, h],
      ['bottom', pane.bottom - o.top, h],
      ['left', o.right - pane.left, w],
      ['right', pane.right - o.left, w],
    ];
    const [side, px] = takes.reduce((a, b) => (b[1] / b[2] < a[1] / a[2] ? b : a));
    pad[side] = Math.max(pad[side], Math.ceil(px) + margin);
  }
  return pad;
}

/** OVERLAYS are what React Flow draws over the pane: the minimap, the zoom buttons, any panel. */
const OVERLAYS = '.react-flow__panel:not(.fp-empty-panel)';

/** FLOATING are the panels that float over the canvas's edges where beside it they would squeeze it (screen/room.ts). */
const FLOATING = '.fp-editor > .fp-drawer.is-floating, .fp-editor > .fp-palette.is-floating';

/**
 * overlayBoxes are the screen boxes of what covers the canvas: React Flow's
 * panels, the side drawer where it floats over the canvas's right edge and
 * the palette where it floats over its left edge (screen/room.ts).
 */
function overlayBoxes(flow: Element): Box[] {
  const els = [...flow.querySelectorAll(OVERLAYS), ...document.querySelectorAll(FLOATING)];
  return els.map((el) => el.getBoundingClientRect());
}

/**
 * fitOptions are zoom-to-fit options for the canvas as it is on screen: the
 * padding keeps every step clear of the overlays, measured from their real
 * boxes (see overlayPadding).
 */
export function fitOptions(duration?: number): FitViewOptions {
  const flow = document.querySelector('.fp-canvas .react-flow');
  const pane = flow?.getBoundingClientRect();
  const base: FitViewOptions = { maxZoom: FIT_MAX_ZOOM, ...(duration ? { duration } : {}) };
  if (!flow || !pane) return { ...base, padding: `${FIT_MARGIN}px` };
  const overlays = overlayBoxes(flow);
  const p = overlayPadding(pane, overlays);
  return { ...base, padding: { top: `${p.top}px`, right: `${p.right}px`, bottom: `${p.bottom}px`, left: `${p.left}px` } };
}

/**
 * panInto is how far to pan (screen px, added to the viewport's x and y) so
 * that `box` sits inside `area`, both on screen; 0 on an axis where it
 * already does. A box larger than the area keeps its top-left corner in view.
 */
export function panInto(box: Box, area: Box): { dx: number; dy: number } {
  const axis = (lo: number, hi: number, min: number, max: number) => {
    if (hi - lo > max - min) return min - lo;
    if (lo < min) return min - lo;
    if (hi > max) return max - hi;
    return 0;
  };
  return { dx: axis(box.left, box.right, area.left, area.right), dy: axis(box.top, box.bottom, area.top, area.bottom) };
}

/**
 * freeArea is the part of the canvas no overlay covers, in the pane's own
 * coordinates (0,0 at its top-left), kept FIT_MARGIN from the overlays and
 * the edges; null when there is no canvas on screen.
 */
export function freeArea(): Box | null {
  const flow = document.querySelector('.fp-canvas .react-flow');
  const pane = flow?.getBoundingClientRect();
  if (!flow || !pane || pane.width <= 0) return null;
  const overlays = overlayBoxes(flow);
  const p = overlayPadding(pane, overlays);
  return { left: p.left, top: p.top, right: Math.max(p.left, pane.width - p.right), bottom: Math.max(p.top, pane.height - p.bottom) };
}

/**
 * uncoveredSpan is the stretch of the pane, across, that panels floating
 * over its edges (covers) leave in sight: each cover is held to the side
 * nearer its middle. All boxes are on screen. The whole pane when less than
 * a step's width would be left.
 */
export function uncoveredSpan(pane: Box, covers: Box[]): { left: number; right: number } {
  let left = pane.left;
  let right = pane.right;
  for (const c of covers) {
    if (c.right <= pane.left || c.left >= pane.right || c.bottom <= pane.top || c.top >= pane.bottom) continue;
    if (c.left + c.right < pane.left + pane.right) left = Math.max(left, c.right);
    else right = Math.min(right, c.left);
  }
  return right - left < 160 ? { left: pane.left, right: pane.right } : { left, right };
}

/**
 * uncoveredCentre is the middle of the canvas in sight between the palette
 * and the drawer where they float over its edges (the pane's middle when
 * neither does), in the pane's own coordinates; null when there is no
 * canvas on screen.
 */
export function uncoveredCentre(): { x: number; y: number } | null {
  const flow = document.querySelector('.fp-canvas .react-flow');
  const pane = flow?.getBoundingClientRect();
  if (!pane || pane.width <= 0) return null;
  const span = uncoveredSpan(pane, [...document.querySelectorAll(FLOATING)].map((el) => el.getBoundingClientRect()));
  return { x: (span.left + span.right) / 2 - pane.left, y: pane.height / 2 };
}

/**
 * revealStep pans (keeping the zoom) so a step at flow position p, of the
 * given size, is inside the free area: a step added from the palette or the
 * "+" menu never lands under the minimap or off screen.
 */
export function revealStep(
  rf: { getViewport(): Viewport; setViewport(v: Viewport, o?: { duration?: number }): unknown },
  p: { x: number; y: number },
  size: { width: number; height: number },
): void {
  const area = freeArea();
  if (!area) return;
  const { x, y, zoom } = rf.getViewport();
  const box = { left: p.x * zoom + x, top: p.y * zoom + y, right: (p.x + size.width) * zoom + x, bottom: (p.y + size.height) * zoom + y };
  const { dx, dy } = panInto(box, area);
  if (dx || dy) void rf.setViewport({ x: x + dx, y: y + dy, zoom }, { duration: 200 });
}

let centringUntil = 0;

/**
 * centring says a step is being brought to the middle of the canvas (Ctrl+F)
 * for the next ms: the canvas then does not pan the selection into view on
 * its own when it narrows (the drawer opening on that selection), which
 * would stop the centring halfway and leave the step at the canvas's edge.
 */
export function centring(ms: number): void {
  centringUntil = performance.now() + ms;
}

/** isCentring says whether a step is being centred (see centring). */
export function isCentring(): boolean {
  return performance.now() < centringUntil;
}
