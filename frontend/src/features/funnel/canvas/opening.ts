// How a funnel opens (issue #7: a 200-step funnel opens in under 300 ms).
//
// A small funnel opens fitted to the window. A large one, fitted, is a
// mosaic of cards too small to read, and drawing all of them before the
// first picture was most of the opening time. So a large funnel opens at a
// readable zoom on its start, drawing only the steps in view; the others
// are drawn just after, while the user reads,
// so that moving around is smooth afterwards (wired in Canvas.tsx).
import type { Viewport } from '@xyflow/react';
import { DETAIL_BANDS } from './detail';
import { NODE_HEIGHT, NODE_WIDTH } from './layout';
import { whenIdle } from './idle';
import type { CanvasNode, StepNode } from './types';

/** FIT_UP_TO is the number of steps up to which a funnel opens fitted to the window. */
export const FIT_UP_TO = 40;
/** START_ZOOM is the zoom a large funnel opens at: its words about 11 px high. */
export const START_ZOOM = 0.85;
/** TOP_MARGIN is the room above the start step, in screen pixels. */
const TOP_MARGIN = 56;

/** Opening says how the canvas shows a funnel when it opens. */
export interface Opening {
  /** fit: show the whole funnel (a small one, or an empty one kept at zoom 1). */
  fit: boolean;
  /** start: for a large funnel, the view on its start, given the pane's width. */
  start?: (paneWidth: number) => Viewport;
}

/**
 * drawsLater says whether a funnel's steps off screen are left for after
 * the first picture: a large one (more than FIT_UP_TO steps) opening on
 * its start, or reopened where it was left (saved, in a pane about
 * `pane` big) when that view shows under half of its steps. A funnel
 * reopened at its saved view used to draw every step before the first
 * picture, on screen or not: 200 steps reopened zoomed in on ten of them
 * cost as much as all 200 in view. With most of them in view, leaving
 * the rest for later saves nothing and costs React Flow a look at every
 * link's place on each update.
 */
export function drawsLater(nodes: CanvasNode[], saved?: Viewport, pane?: { width: number; height: number }): boolean {
  const steps = nodes.filter((n): n is StepNode => n.type === 'step');
  if (steps.length <= FIT_UP_TO) return false;
  if (!saved || !pane) return true;
  const x0 = -saved.x / saved.zoom;
  const y0 = -saved.y / saved.zoom;
  const x1 = x0 + pane.width / saved.zoom;
  const y1 = y0 + pane.height / saved.zoom;
  let shown = 0;
  for (const n of steps) {
    const w = n.measured?.width ?? n.width ?? NODE_WIDTH;
    const h = n.measured?.height ?? n.height ?? NODE_HEIGHT;
    if (n.position.x < x1 && n.position.x + w > x0 && n.position.y < y1 && n.position.y + h > y0) shown++;
  }
  return shown * 2 < steps.length;
}

/**
 * opening decides how to show nodes: fitted when there are at most FIT_UP_TO
 * steps; else at START_ZOOM with the top-most start step (else the top-most
 * step) centred across the pane and near its top.
 */
export function opening(nodes: CanvasNode[], isStart: (type: string) => boolean): Opening {
  const steps = nodes.filter((n): n is StepNode => n.type === 'step');
  if (steps.length <= FIT_UP_TO) return { fit: steps.length > 0 };
  const starts = steps.filter((n) => isStart(n.data.nodeType));
  const pool = starts.length > 0 ? starts : steps;
  const top = pool.reduce((a, b) => (b.position.y < a.position.y || (b.position.y === a.position.y && b.position.x < a.position.x) ? b : a));
  const width = top.measured?.width ?? top.width ?? NODE_WIDTH;
  return {
    fit: false,
    start: (paneWidth) => ({
      x: paneWidth / 2 - (top.position.x + width / 2) * START_ZOOM,
      y: TOP_MARGIN - top.position.y * START_ZOOM,
      zoom: START_ZOOM,
    }),
  };
}

const NO_HANDLES: NonNullable<CanvasNode['handles']> = [];

/**
 * deferred is how a step not drawn yet is handed to React Flow while a large
 * funnel opens. React Flow draws every step it has not measured, visible or
 * not, to learn where its handles are; a step that comes with a size and
 * handles of its own (none here) may be left out while off screen. It is
 * handed over as itself again once the first picture is up: being measured
 * (or not yet drawn, without handles) it then gets its real handles from
 * its drawing, and its links appear.
 */
export function deferred(n: CanvasNode): CanvasNode {
  if (n.measured) return n;
  return { ...n, handles: NO_HANDLES, initialWidth: NODE_WIDTH, initialHeight: NODE_HEIGHT };
}

/**
 * afterFirstPicture runs fn once the browser has shown the first picture
 * and has a moment (an idle period, at most 250 ms later), and returns how
 * to cancel.
 */
export function afterFirstPicture(fn: () => void): () => void {
  let idle: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The first frame measures the steps and paints them; the second starts
  // once that picture is up.
  let frame = requestAnimationFrame(() => {
    frame = requestAnimationFrame(() => {
      // WebKitGTK may lack requestIdleCallback.
      if (typeof window.requestIdleCallback === 'function') idle = window.requestIdleCallback(fn, { timeout: 250 });
      else timer = setTimeout(fn, 50);
    });
  });
  return () => {
    cancelAnimationFrame(frame);
    if (idle !== undefined) window.cancelIdleCallback(idle);
    clearTimeout(timer);
  };
}

/** LITE_BELOW is the zoom under which a step is a plain tinted box with its name (styles.css, data-lod="tiny"). */
export const LITE_BELOW = DETAIL_BANDS.find((b) => b.band === 'far')!.from;
/** LITE_CHUNK is how many steps get their full card per idle moment after the first picture. */
export const LITE_CHUNK = 50;

/**
 * opensLite says whether a funnel's steps are first drawn as their far-out
 * boxes: a large funnel (more than FIT_UP_TO steps) reopened where it was
 * left, far out (under LITE_BELOW), where each full card shows no more than
 * its tint and name anyway. The full cards (their words, icon, ports and
 * buttons laid out though hidden) were most of the work before the first
 * picture of a 200-step funnel; they come after it, LITE_CHUNK per idle
 * moment.
 */
export function opensLite(nodes: CanvasNode[], saved?: Viewport): boolean {
  if (!saved || !(saved.zoom < LITE_BELOW)) return false;
  let steps = 0;
  for (const n of nodes) if (n.type === 'step') steps++;
  return steps > FIT_UP_TO;
}

const liteCopies = new WeakMap<CanvasNode, CanvasNode>();

/** lite is a step handed to React Flow to be drawn as its far-out box (the same object for the same step). */
export function lite(n: CanvasNode): CanvasNode {
  if (n.type !== 'step') return n;
  let out = liteCopies.get(n);
  if (!out) {
    out = { ...n, data: { ...n.data, lite: true } };
    liteCopies.set(n, out);
  }
  return out;
}

/**
 * inChunks calls step() once per idle moment (at most 250 ms apart) until
 * it says it is done, starting after the first picture, and returns how to
 * stop.
 */
export function inChunks(step: () => boolean): () => void {
  let stop = afterFirstPicture(function next() {
    if (!step()) stop = afterIdle(next);
  });
  return () => stop();
}

function afterIdle(fn: () => void): () => void {
  return whenIdle(fn, 250, 16);
}
