// Level of detail while the view moves: zoomed out, the steps' words are a
// few pixels high, unreadable, yet drawing them was about a third of each
// frame of a pan or zoom over a large funnel (issue #7). While the view moves
// below FAR_ZOOM, the canvas carries `data-moving-far` and styles.css hides
// the words and glyphs of the steps; they come back SETTLE_MS after the view
// stops. At rest nothing is hidden, so what is printed or exported (a
// picture of the canvas) always has every word.
import { useStoreApi, type ReactFlowState } from '@xyflow/react';
import { useEffect } from 'react';

/** FAR_ZOOM is the zoom below which 13 px text is under 7 px on screen. */
export const FAR_ZOOM = 0.5;
/** SETTLE_MS is how long after the last move the words come back. */
export const SETTLE_MS = 150;

const ATTR = 'data-moving-far';

type ViewState = Pick<ReactFlowState, 'transform' | 'domNode'>;

/** ViewStore is the part of React Flow's store that watchMotion reads. */
export interface ViewStore {
  getState(): ViewState;
  subscribe(listener: (s: ViewState) => void): () => void;
}

/**
 * watchMotion marks the canvas (the store's domNode) with data-moving-far
 * while the view's transform changes below FAR_ZOOM, until SETTLE_MS after
 * the last change, and returns how to stop.
 */
export function watchMotion(store: ViewStore): () => void {
  let last = store.getState().transform;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let marked: Element | null = null;
  const unmark = () => {
    marked?.removeAttribute(ATTR);
    marked = null;
  };
  const unsubscribe = store.subscribe((s) => {
    if (s.transform === last) return;
    last = s.transform;
    clearTimeout(timer);
    if (s.transform[2] >= FAR_ZOOM) return unmark();
    if (!marked && s.domNode) {
      marked = s.domNode;
      marked.setAttribute(ATTR, '');
    }
    timer = setTimeout(unmark, SETTLE_MS);
  });
  return () => {
    unsubscribe();
    clearTimeout(timer);
    unmark();
  };
}

/** useMotionDetail keeps the canvas's data-moving-far up to date; use it inside React Flow's provider. */
export function useMotionDetail(): void {
  const store = useStoreApi();
  useEffect(() => watchMotion(store), [store]);
}
