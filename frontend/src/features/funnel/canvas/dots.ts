// The canvas's dotted background (the snap grid), drawn by the pane's own
// CSS background — a radial-gradient tile, repeated — placed where the view
// puts the grid, and left out while the view moves: in the desktop window
// (WebKitGTK, software drawing) any patterned background over the whole
// pane, React Flow's SVG <Background> or this one alike, made each frame
// of a pan zoomed in cost about twice the floor's (build/window-bench.sh),
// where a plain fill costs nothing. So the dots are there at rest — when
// steps are placed and dragged, the view still — and come back SETTLE_MS
// after the view stops. Only the pane's style changes (no inherited
// property), so no step is restyled.
import { useStoreApi, type ReactFlowState } from '@xyflow/react';
import { useEffect } from 'react';

/** DOTS_FROM_ZOOM: below this zoom the dots are under a fifth of a pixel across: none are drawn. */
export const DOTS_FROM_ZOOM = 0.4;

/** SETTLE_MS is how long after the view stops the dots come back. */
export const SETTLE_MS = 150;

/** DOT is one tile's dot: about the size React Flow's dots had (1 unit across). */
const DOT = 'radial-gradient(circle at 1px 1px, #cbd5e1 0.9px, transparent 1.3px)';

/**
 * dotGap is the background's dot spacing at a zoom: 16 (the snap grid) when
 * the dots are at least 8 px apart on screen, else doubled until they are;
 * 0 (no background) below DOTS_FROM_ZOOM. Zoomed out on a large funnel, dots
 * every 16 units are 2–3 px apart and too small to see.
 */
export function dotGap(zoom: number): number {
  if (zoom < DOTS_FROM_ZOOM) return 0;
  let gap = 16;
  while (gap * zoom < 8) gap *= 2;
  return gap;
}

type ViewState = Pick<ReactFlowState, 'transform' | 'domNode'>;

/** DotsStore is the part of React Flow's store that watchDots reads. */
export interface DotsStore {
  getState(): ViewState;
  subscribe(listener: (s: ViewState) => void): () => void;
}

/**
 * dotsStyle is the pane's background for a view: the dot tile, its size on
 * screen and where the grid's origin falls; none below DOTS_FROM_ZOOM.
 */
export function dotsStyle([x, y, zoom]: [number, number, number]): { image: string; size: string; position: string } {
  const gap = dotGap(zoom);
  if (gap === 0) return { image: 'none', size: '', position: '' };
  const s = gap * zoom;
  const px = (v: number) => `${+v.toFixed(2)}px`;
  const mod = (v: number) => px(((v % s) + s) % s);
  return { image: DOT, size: `${px(s)} ${px(s)}`, position: `${mod(x)} ${mod(y)}` };
}

/**
 * watchDots keeps the pane's dotted background in step with the view — left
 * out while the view moves, back SETTLE_MS after it stops — and returns how
 * to stop.
 */
export function watchDots(store: DotsStore): () => void {
  let pane: HTMLElement | null = null;
  let image = '';
  let size = '';
  let last = store.getState().transform;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const draw = (s: ViewState, moving: boolean) => {
    if (!pane?.isConnected) {
      pane = s.domNode?.querySelector<HTMLElement>('.react-flow__pane') ?? null;
      image = size = '';
    }
    if (!pane) return;
    const d = moving ? { image: 'none', size: '', position: '' } : dotsStyle(s.transform);
    if (d.image !== image) pane.style.backgroundImage = image = d.image;
    if (d.image === 'none') return;
    if (d.size !== size) pane.style.backgroundSize = size = d.size;
    pane.style.backgroundPosition = d.position;
  };
  draw(store.getState(), false);
  const unsubscribe = store.subscribe((s) => {
    if (s.transform === last) return;
    last = s.transform;
    draw(s, true);
    clearTimeout(timer);
    timer = setTimeout(() => draw(store.getState(), false), SETTLE_MS);
  });
  return () => {
    unsubscribe();
    clearTimeout(timer);
    if (pane) pane.style.backgroundImage = '';
  };
}

/** useDots draws the dotted background; use it inside React Flow's provider. */
export function useDots(): void {
  const store = useStoreApi();
  useEffect(() => watchDots(store), [store]);
}
