// The editor's clipboard: copy the selected steps and the links between
// them, paste copies with new ids a little further each time, duplicate.
import { clone, makeEdge } from '../canvas/convert';
import { baseId, nextId, nextNoteId } from '../canvas/ids';
import { NOTE_PREFIX, type CanvasEdge, type CanvasNode } from '../canvas/types';
import { specOf } from '../../../stores/catalogue';
import { stripSelection, takenIds } from './editor.helpers';
import type { EditorSlice } from './editor.types';

/** Clipboard is what copy took: steps and notes, and the links between them. */
export interface Clipboard {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
}

/** PASTE_OFFSET is how far a pasted copy sits from its original. */
export const PASTE_OFFSET = 40;

export interface ClipboardSlice {
  clipboard: Clipboard | null;
  /** copy takes the selection; it returns how many steps and notes it took. */
  copy(): number;
  /** paste adds copies of the clipboard, selected, and returns their ids. */
  paste(): string[];
  /** duplicate adds copies of the selection beside it, in one undoable step; the clipboard stays as it was. */
  duplicate(): string[];
}

export const createClipboardSlice: EditorSlice<ClipboardSlice> = (set, get) => {
  // How many times the clipboard was pasted: each copy sits further away.
  let pasteRound = 0;

  /** pasteClip adds copies of clipboard nodes with new ids, offset, selected. */
  function pasteClip(clip: Clipboard, offset: number): string[] {
    if (clip.nodes.length === 0) return [];
    get().record();
    const taken = takenIds(get().nodes);
    const idMap = new Map<string, string>();
    const added: CanvasNode[] = [];
    for (const n of clip.nodes) {
      let id: string;
      if (n.type === 'step') {
        id = nextId(baseId(n.data.nodeType, specOf(n.data.nodeType)?.kind), taken);
      } else {
        id = NOTE_PREFIX + nextNoteId(new Set([...taken].filter((t) => t.startsWith(NOTE_PREFIX)).map((t) => t.slice(NOTE_PREFIX.length))));
      }
      taken.add(id);
      idMap.set(n.id, id);
    }
    for (const n of clip.nodes) {
      const copy = clone({ ...n, measured: undefined, selected: undefined, dragging: undefined }) as CanvasNode;
      copy.id = idMap.get(n.id)!;
      copy.position = { x: n.position.x + offset, y: n.position.y + offset };
      copy.selected = true;
      if (copy.type === 'step') {
        // A copied step that pointed at another copied step (an engagement
        // check and its email) points at the copy.
        const spec = specOf(copy.data.nodeType);
        for (const f of spec?.fields ?? []) {
          const v = copy.data.config[f.name];
          if (f.type === 'node' && typeof v === 'string' && idMap.has(v)) copy.data.config[f.name] = idMap.get(v);
        }
      }
      added.push(copy);
    }
    const edges = clip.edges
      .filter((e) => idMap.has(e.source) && idMap.has(e.target))
      .map((e) => ({ ...makeEdge(idMap.get(e.source)!, e.sourceHandle, idMap.get(e.target)!), selected: false }));
    set((s) => ({ nodes: [...stripSelection(s.nodes), ...added], edges: [...stripSelection(s.edges), ...edges] }));
    get().markChanged();
    return added.map((n) => n.id);
  }

  function selectionClip(): Clipboard {
    const { nodes, edges } = get();
    // A frame is not copied (its copy would hold the original steps).
    const picked = nodes.filter((n) => n.selected && n.type !== 'frame');
    const ids = new Set(picked.map((n) => n.id));
    return {
      nodes: clone(picked.map((n) => ({ ...n, measured: undefined }))) as CanvasNode[],
      edges: clone(edges.filter((e) => ids.has(e.source) && ids.has(e.target))),
    };
  }

  return {
    clipboard: null,

    copy() {
      const clip = selectionClip();
      if (clip.nodes.length === 0) return 0;
      pasteRound = 0;
      set({ clipboard: clip });
      return clip.nodes.length;
    },

    paste() {
      const clip = get().clipboard;
      if (!clip) return [];
      pasteRound++;
      return pasteClip(clip, PASTE_OFFSET * pasteRound);
    },

    duplicate() {
      return pasteClip(selectionClip(), PASTE_OFFSET);
    },
  };
};
