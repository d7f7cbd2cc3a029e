// The canvas's overview (minimap), drawn on a <canvas> element rather than
// React Flow's SVG <MiniMap>. In the desktop window (WebKitGTK, software
// drawing) the SVG minimap cost most of a frame's surplus over the floor
// while a step was dragged across the whole funnel (0.48× at 200 steps,
// build/window-bench.sh): every move re-rendered the dragged step's rect and,
// whenever the funnel's bounds or the view's box changed, rescaled and
// repainted every rect. Here the steps' picture is taken from React Flow's
// store only while nothing is being dragged (a step moved is shown where it
// lands, on drop), and each change of the view redraws one small bitmap: the
// steps copied from a picture of them drawn once (a fillRect per step only
// when they change) and the veil over it; no layout, no React render.
import { Panel, useReactFlow, useStoreApi, type ReactFlowState } from '@xyflow/react';
import { memo, useEffect, useRef, type CSSProperties } from 'react';
import { useEditor } from '../stores/editor';
import type { CanvasNode } from './types';

/** MiniRect is one step (or note, or collapsed frame) in the overview, in flow units. */
export interface MiniRect {
  x: number;
  y: number;
  w: number;
  h: number;
  colour: string;
}

/** MiniView is where the overview looks: its flow-unit box (x, y, scale: flow units per pixel). */
export interface MiniView {
  x: number;
  y: number;
  scale: number;
}

/** OFFSET is the margin around the funnel in the overview, in pixels (React Flow's offsetScale). */
const OFFSET = 5;
/** MAX_STEP_SHARE is the most of the overview's width or height one step takes. */
const MAX_STEP_SHARE = 0.5;
const MASK = 'rgba(240, 240, 240, 0.6)';
const BACKGROUND = '#fff';

type Box = { x: number; y: number; w: number; h: number };

/**
 * miniView frames the funnel's rects in a box of width × height pixels,
 * centred, with OFFSET pixels of margin; with no rect, the visible part of
 * the canvas (view, flow units). React Flow's minimap frames both together:
 * a small or tall funnel then sat as a speck in the middle of the view's
 * box (the view, wider than the funnel, set the scale), in an overview
 * shaped like the funnel (minimap.ts). Here the funnel fills the overview
 * and the veil shows where the view is, cut at the overview's edges.
 */
export function miniView(rects: MiniRect[], view: Box, width: number, height: number): MiniView {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  if (rects.length === 0) {
    x0 = view.x;
    y0 = view.y;
    x1 = view.x + view.w;
    y1 = view.y + view.h;
  }
  for (const r of rects) {
    x0 = Math.min(x0, r.x);
    y0 = Math.min(y0, r.y);
    x1 = Math.max(x1, r.x + r.w);
    y1 = Math.max(y1, r.y + r.h);
  }
  const iw = Math.max(1, width - 2 * OFFSET);
  const ih = Math.max(1, height - 2 * OFFSET);
  // No step takes more than half the overview across or down: a funnel of
  // one or two steps is not one block filling it.
  let least = 1e-6;
  for (const r of rects) least = Math.max(least, r.w / (iw * MAX_STEP_SHARE), r.h / (ih * MAX_STEP_SHARE));
  const inner = Math.max((x1 - x0) / iw, (y1 - y0) / ih, least);
  return { x: (x0 + x1) / 2 - (width * inner) / 2, y: (y0 + y1) / 2 - (height * inner) / 2, scale: inner };
}

/** miniRects is the overview's picture of the steps as React Flow has them: where and how big, in what colour. */
export function miniRects(s: Pick<ReactFlowState<CanvasNode>, 'nodeLookup'>, colour: (n: CanvasNode) => string): MiniRect[] {
  const out: MiniRect[] = [];
  for (const n of s.nodeLookup.values()) {
    const user = n.internals.userNode;
    if (user.hidden) continue;
    const w = n.measured?.width ?? user.width;
    const h = n.measured?.height ?? user.height;
    if (!w || !h) continue;
    const c = colour(user);
    if (c === 'transparent') continue;
    out.push({ x: n.internals.positionAbsolute.x, y: n.internals.positionAbsolute.y, w, h, colour: c });
  }
  return out;
}

/** CORNER is the radius of the picture's corners: the panel's (--radius, 8 px) less its 1 px border. */
const CORNER = 7;

/** MiniCtx is the part of a 2D context the overview draws with. */
export type MiniCtx = Pick<CanvasRenderingContext2D, 'clearRect' | 'save' | 'restore' | 'beginPath' | 'rect' | 'clip' | 'fillRect' | 'fill' | 'drawImage'> & {
  fillStyle: CanvasRenderingContext2D['fillStyle'];
  roundRect?: CanvasRenderingContext2D['roundRect'];
};

/**
 * StepsPicture is the overview's steps drawn once into a bitmap of its own
 * (background and steps, corners rounded), kept while the rects and the
 * frame are the same: each move of the view then copies it and draws the
 * veil over it, one copy and one fill in place of a fillRect per step
 * (200 a frame at 200 steps, in the desktop window's software drawing).
 */
export interface StepsPicture {
  /** canvas: the bitmap, or null until first drawn. */
  canvas: { width: number; height: number; getContext(kind: '2d'): MiniCtx | null } | null;
  rects: MiniRect[] | null;
  mv: MiniView | null;
  width: number;
  height: number;
}

/** stepsPicture is an empty picture to draw the steps into (drawMini fills it); make gives a new bitmap. */
export function stepsPicture(make: () => StepsPicture['canvas'] = () => document.createElement('canvas') as unknown as StepsPicture['canvas']): StepsPicture & { make: typeof make } {
  return { canvas: null, rects: null, mv: null, width: 0, height: 0, make };
}

function roundedClip(ctx: MiniCtx, width: number, height: number): void {
  ctx.beginPath();
  if (typeof ctx.roundRect === 'function') ctx.roundRect(0, 0, width, height, CORNER);
  else ctx.rect(0, 0, width, height);
  ctx.clip();
}

/** drawSteps draws the background and the steps, corners rounded, in a box of width × height pixels. */
function drawSteps(ctx: MiniCtx, rects: MiniRect[], mv: MiniView, width: number, height: number): void {
  ctx.clearRect(0, 0, width, height);
  ctx.save();
  roundedClip(ctx, width, height);
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, width, height);
  const k = 1 / mv.scale;
  for (const r of rects) {
    ctx.fillStyle = r.colour;
    // At least a pixel, so a step never vanishes from a tall funnel's overview.
    ctx.fillRect((r.x - mv.x) * k, (r.y - mv.y) * k, Math.max(1, r.w * k), Math.max(1, r.h * k));
  }
  ctx.restore();
}

/**
 * drawMini draws the overview: the steps, and a veil over what the canvas
 * does not show, in a box with rounded corners (the panel clips nothing:
 * styles.css). With a picture (stepsPicture) the steps are drawn into it
 * only when they or the frame change, and copied from it otherwise; dpr is
 * the bitmap's pixels per box pixel.
 */
export function drawMini(ctx: MiniCtx, rects: MiniRect[], mv: MiniView, view: Box, width: number, height: number, picture?: StepsPicture & { make: () => StepsPicture['canvas'] }, dpr = 1): void {
  const pic = picture;
  if (pic && (pic.rects !== rects || pic.width !== width || pic.height !== height || pic.mv?.x !== mv.x || pic.mv?.y !== mv.y || pic.mv?.scale !== mv.scale)) {
    pic.canvas ??= pic.make();
    const pctx = pic.canvas?.getContext('2d');
    if (pic.canvas && pctx) {
      pic.canvas.width = Math.round(width * dpr);
      pic.canvas.height = Math.round(height * dpr);
      // A bitmap's size set again resets its transform.
      (pctx as Partial<CanvasRenderingContext2D>).setTransform?.(dpr, 0, 0, dpr, 0, 0);
      drawSteps(pctx, rects, mv, width, height);
      Object.assign(pic, { rects, mv, width, height });
    }
  }
  if (pic?.rects === rects && pic.canvas) {
    ctx.clearRect(0, 0, width, height);
    ctx.drawImage(pic.canvas as unknown as CanvasImageSource, 0, 0, width, height);
  } else drawSteps(ctx, rects, mv, width, height);
  const k = 1 / mv.scale;
  ctx.save();
  roundedClip(ctx, width, height);
  ctx.beginPath();
  ctx.rect(0, 0, width, height);
  ctx.rect((view.x - mv.x) * k, (view.y - mv.y) * k, view.w * k, view.h * k);
  ctx.fillStyle = MASK;
  ctx.fill('evenodd');
  ctx.restore();
}

/** MiniStore is the part of React Flow's store the overview reads. */
export interface MiniStore {
  getState(): ReactFlowState<CanvasNode>;
  subscribe(listener: (s: ReactFlowState<CanvasNode>) => void): () => void;
}

/**
 * watchMinimap paints the overview (paint) whenever the view or the steps
 * change, until the returned function is called. The steps' picture is
 * retaken when they change but not while a step is dragged (the editor's
 * dragging flag): the dragged step is shown where it lands, on drop.
 */
export function watchMinimap(store: MiniStore, colour: { current: (n: CanvasNode) => string }, paint: (rects: MiniRect[], view: Box) => void): () => void {
  let nodes: unknown = null;
  let rects: MiniRect[] = [];
  let last = '';
  const draw = (s: ReactFlowState<CanvasNode>) => {
    if (s.nodes !== nodes && !useEditor.getState().dragging) {
      nodes = s.nodes;
      rects = miniRects(s, colour.current);
      last = '';
    }
    const [tx, ty, zoom] = s.transform;
    const view = { x: -tx / zoom, y: -ty / zoom, w: s.width / zoom, h: s.height / zoom };
    const key = `${view.x},${view.y},${view.w},${view.h}`;
    if (key === last) return;
    last = key;
    paint(rects, view);
  };
  draw(store.getState());
  const off = store.subscribe(draw);
  // A drop clears the editor's flag after React Flow's last move: retake the picture then.
  const offDrag = useEditor.subscribe((e, prev) => {
    if (prev.dragging && !e.dragging) {
      nodes = null;
      draw(store.getState());
    }
  });
  return () => {
    off();
    offDrag();
  };
}

/** COVER_SETTLE_MS is how long after the view stops the overview looks at what lies under it. */
export const COVER_SETTLE_MS = 150;

/**
 * coversSteps says whether a box of the pane (flow units) overlaps any of
 * the steps' rects: then the overview drawn there would hide them.
 */
export function coversSteps(box: Box, rects: MiniRect[]): boolean {
  return rects.some((r) => r.x < box.x + box.w && r.x + r.w > box.x && r.y < box.y + box.h && r.y + r.h > box.y);
}

/**
 * watchCover marks the overview's panel (data-over-steps) while a step
 * lies under it, so styles.css draws it faint and the step reads through
 * it; the pointer over it brings it back whole, to be used. The view is
 * looked at once it has stopped for COVER_SETTLE_MS (never during a pan:
 * measuring the panel would cost each frame a layout) and when the steps
 * change. The overview could not stay clear of the steps by moving the
 * view: at 100 % on a large funnel there are steps everywhere, and moving
 * the view the user set would lose their place. It returns how to stop.
 */
export function watchCover(store: MiniStore, panel: () => HTMLElement | null, colour: { current: (n: CanvasNode) => string }): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seen: { transform: unknown; nodes: unknown; width: number; height: number } | null = null;
  const look = () => {
    const el = panel();
    const pane = el?.closest('.react-flow');
    if (!el || !pane) return;
    const s = store.getState();
    const [tx, ty, zoom] = s.transform;
    const p = pane.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    const box = { x: (r.left - p.left - tx) / zoom, y: (r.top - p.top - ty) / zoom, w: r.width / zoom, h: r.height / zoom };
    const over = r.width > 0 && coversSteps(box, miniRects(s, colour.current));
    if (over !== el.hasAttribute('data-over-steps')) el.toggleAttribute('data-over-steps', over);
  };
  const changed = (s: ReactFlowState<CanvasNode>) => {
    if (seen && s.transform === seen.transform && s.nodes === seen.nodes && s.width === seen.width && s.height === seen.height) return;
    seen = { transform: s.transform, nodes: s.nodes, width: s.width, height: s.height };
    clearTimeout(timer);
    timer = setTimeout(look, COVER_SETTLE_MS);
  };
  changed(store.getState());
  const off = store.subscribe(changed);
  return () => {
    off();
    clearTimeout(timer);
  };
}

/**
 * letStepsThrough lets the pointer through the faded overview (data-pass)
 * where a step lies under it, so that step is pointed at, clicked and
 * dragged as anywhere else, while the overview stays faded over it; where
 * no step lies under the pointer the overview takes it and comes back
 * whole, to be used. It returns how to stop.
 */
export function letStepsThrough(panel: () => HTMLElement | null): () => void {
  const pane = panel()?.closest<HTMLElement>('.react-flow');
  if (!pane) return () => {};
  const move = (e: PointerEvent) => {
    const el = panel();
    if (!el) return;
    let pass = false;
    // Only while faded, and not while the overview is being dragged.
    if (el.hasAttribute('data-over-steps') && !el.querySelector(':active')) {
      const r = el.getBoundingClientRect();
      if (e.clientX >= r.left && e.clientX < r.right && e.clientY >= r.top && e.clientY < r.bottom) {
        pass = document.elementsFromPoint(e.clientX, e.clientY).some((x) => x.closest('.react-flow__node'));
      }
    }
    if (pass !== el.hasAttribute('data-pass')) el.toggleAttribute('data-pass', pass);
  };
  pane.addEventListener('pointermove', move, { passive: true });
  return () => pane.removeEventListener('pointermove', move);
}

interface Props {
  style: { width: number; height: number };
  colour: (n: CanvasNode) => string;
  ariaLabel: string;
}

/**
 * MinimapView is the overview in the canvas's bottom-right corner: drag in it
 * to move the view, turn the wheel over it to zoom. Use it inside React
 * Flow's provider.
 */
export const MinimapView = memo(function MinimapView({ style, colour, ariaLabel }: Props) {
  const store = useStoreApi<CanvasNode>();
  const rf = useReactFlow();
  const ref = useRef<HTMLCanvasElement>(null);
  // The last overview drawn, for the pointer's moves (flow units per pixel).
  const shown = useRef<MiniView>({ x: 0, y: 0, scale: 1 });
  const colourRef = useRef(colour);
  colourRef.current = colour;
  // The picture fills the panel inside its 1 px border.
  const width = style.width - 2;
  const height = style.height - 2;

  useEffect(() => {
    const el = ref.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    el.width = Math.round(width * dpr);
    el.height = Math.round(height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const picture = stepsPicture();
    return watchMinimap(store, colourRef, (rects, view) => {
      shown.current = miniView(rects, view, width, height);
      drawMini(ctx, rects, shown.current, view, width, height, picture, dpr);
    });
  }, [store, width, height]);

  useEffect(() => watchCover(store, () => ref.current?.parentElement ?? null, colourRef), [store]);
  useEffect(() => letStepsThrough(() => ref.current?.parentElement ?? null), []);

  // Dragging in the overview moves the view by as much of the funnel;
  // the wheel zooms about the canvas's middle.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let from: { x: number; y: number } | null = null;
    const down = (e: PointerEvent) => {
      if (e.button !== 0) return;
      from = { x: e.clientX, y: e.clientY };
      el.setPointerCapture?.(e.pointerId);
      e.preventDefault();
    };
    const move = (e: PointerEvent) => {
      if (!from) return;
      const { x, y, zoom } = rf.getViewport();
      const k = shown.current.scale * zoom;
      void rf.setViewport({ x: x - (e.clientX - from.x) * k, y: y - (e.clientY - from.y) * k, zoom });
      from = { x: e.clientX, y: e.clientY };
    };
    const up = (e: PointerEvent) => {
      from = null;
      el.releasePointerCapture?.(e.pointerId);
    };
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      const zoom = rf.getZoom() * Math.pow(2, -e.deltaY * (e.deltaMode === 1 ? 0.05 : e.deltaMode ? 1 : 0.002));
      void rf.zoomTo(zoom);
    };
    el.addEventListener('pointerdown', down);
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
    el.addEventListener('wheel', wheel, { passive: false });
    return () => {
      el.removeEventListener('pointerdown', down);
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', up);
      el.removeEventListener('wheel', wheel);
    };
  }, [rf]);

  const box: CSSProperties = { width: style.width, height: style.height };
  const picture: CSSProperties = { width, height, display: 'block', cursor: 'grab', touchAction: 'none' };
  return (
    <Panel position="bottom-right" className="react-flow__minimap fp-minimap" style={box} data-testid="rf__minimap">
      <canvas ref={ref} className="fp-minimap-picture" style={picture} role="img" aria-label={ariaLabel} />
    </Panel>
  );
})
