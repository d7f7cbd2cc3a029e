// The editor's undo/redo: a snapshot of the canvas before each change,
// quick edits of one field merged into one step.
import type { CanvasEdge, CanvasNode, FlowMeta } from '../canvas/types';
import { editorTiming } from './editor.autosave';
import type { EditorSlice } from './editor.types';

/** Snapshot is one undo step. */
export interface Snapshot {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  /** direction is the funnel's layout direction then (turning the funnel is undone with its new layout). */
  direction?: FlowMeta['direction'];
}

// withDirection gives meta the snapshot's direction, keeping the object when it is the same.
function withDirection(meta: FlowMeta | null, direction: FlowMeta['direction']): FlowMeta | null {
  if (!meta || meta.direction === direction) return meta;
  const m = { ...meta };
  if (direction) m.direction = direction;
  else delete m.direction;
  return m;
}

/** HISTORY_LIMIT caps the undo stack. */
export const HISTORY_LIMIT = 100;

export interface HistorySlice {
  past: Snapshot[];
  future: Snapshot[];
  undo(): void;
  redo(): void;
  /**
   * record pushes an undo step before a change (for the other slices);
   * `tag` merges quick edits of one field (the same tag within
   * editorTiming.coalesceMs) into one step.
   */
  record(tag?: string): void;
  /** freshHistory forgets the merging and returns the fields of an empty history, for a load to set with the rest. */
  freshHistory(): Pick<HistorySlice, 'past' | 'future'>;
}

export const createHistorySlice: EditorSlice<HistorySlice> = (set, get) => {
  // Not state: a merged edit changes nothing anyone draws.
  let lastTag = '';
  let lastTagAt = 0;

  return {
    past: [],
    future: [],

    record(tag = '') {
      const now = Date.now();
      if (tag && tag === lastTag && now - lastTagAt < editorTiming.coalesceMs) {
        lastTagAt = now;
        return;
      }
      lastTag = tag;
      lastTagAt = now;
      const { nodes, edges, past, meta } = get();
      set({ past: [...past.slice(-(HISTORY_LIMIT - 1)), { nodes, edges, direction: meta?.direction }], future: [] });
    },

    freshHistory() {
      lastTag = '';
      return { past: [], future: [] };
    },

    undo() {
      const { past, future, nodes, edges, meta } = get();
      const prev = past.at(-1);
      if (!prev) return;
      lastTag = '';
      set({ past: past.slice(0, -1), future: [...future, { nodes, edges, direction: meta?.direction }], nodes: prev.nodes, edges: prev.edges, meta: withDirection(meta, prev.direction) });
      get().markChanged();
    },

    redo() {
      const { past, future, nodes, edges, meta } = get();
      const next = future.at(-1);
      if (!next) return;
      lastTag = '';
      set({ future: future.slice(0, -1), past: [...past, { nodes, edges, direction: meta?.direction }], nodes: next.nodes, edges: next.edges, meta: withDirection(meta, next.direction) });
      get().markChanged();
    },
  };
};
