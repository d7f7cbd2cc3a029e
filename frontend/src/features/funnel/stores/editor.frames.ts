// Frames and the layout direction: grouping steps into a named frame,
// renaming, collapsing and ungrouping it, and turning the funnel top-down or
// left-to-right. A frame is a node of the canvas (type "frame", drawn
// behind its steps), so undo, redo and saving treat it like any other edit.
import { frameOf, stepsById } from '../canvas/frames';
import { layout } from '../canvas/layout';
import { needsRoom } from '../canvas/tidy';
import { FRAME_PREFIX, type CanvasNode, type Direction, type FrameNode } from '../canvas/types';
import { outputsOf, stripSelection } from './editor.helpers';
import type { EditorSlice } from './editor.types';

export interface FramesSlice {
  /** editingFrame is the frame whose title is being typed (a new frame asks for its name at once). */
  editingFrame: string | null;
  /**
   * groupIntoFrame puts the selected steps in a new frame called title
   * (a step leaves the frame it was in) and opens its title for editing.
   * It returns the frame's id, or null when no step is selected.
   */
  groupIntoFrame(title: string): string | null;
  renameFrame(id: string, title: string): void;
  /** ungroup removes the frame; its steps stay where they are. */
  ungroup(id: string): void;
  /**
   * setCollapsed collapses or expands a frame. Collapsed, the funnel is laid
   * out again around the card (no hole where the steps were); expanded, it
   * is laid out again when the steps run into others. Both in the same undo
   * step.
   */
  setCollapsed(id: string, collapsed: boolean): Promise<void>;
  setEditingFrame(id: string | null): void;
  /** direction is the funnel's layout direction. */
  direction(): Direction;
  /** setDirection turns the funnel top-down or left-to-right and lays it out again, as one undo step. */
  setDirection(dir: Direction): Promise<void>;
}

/** nextFrameId is the first free "frame:fN". */
export function nextFrameId(nodes: CanvasNode[]): string {
  const taken = new Set(nodes.map((n) => n.id));
  let i = 1;
  while (taken.has(`${FRAME_PREFIX}f${i}`)) i++;
  return `${FRAME_PREFIX}f${i}`;
}

export const createFramesSlice: EditorSlice<FramesSlice> = (set, get) => {
  const patchFrame = (id: string, f: (n: FrameNode) => FrameNode | null) =>
    set((s) => ({
      nodes: s.nodes.flatMap((n) => {
        if (n.id !== id || n.type !== 'frame') return [n];
        const out = f(n);
        return out ? [out] : [];
      }),
    }));

  // makeRoom lays the funnel out again when a frame (new, or expanded
  // after the funnel was laid out around its card) runs into other steps,
  // as part of the same undo step.
  const makeRoom = async (always = false) => {
    const { nodes, edges, flowId, changeSeq } = get();
    if (!always && !needsRoom(nodes, get().direction())) return;
    const laid = await layout(nodes, edges, outputsOf, get().direction());
    // Another edit meanwhile keeps what it did: the layout is not applied over it.
    if (get().flowId !== flowId || get().changeSeq !== changeSeq) return;
    const pos = new Map(laid.map((n) => [n.id, n.position]));
    set((s) => ({ nodes: s.nodes.map((n) => (pos.has(n.id) ? { ...n, position: pos.get(n.id)! } : n)) }));
    get().markChanged();
  };

  return {
    editingFrame: null,

    groupIntoFrame(title) {
      const { nodes } = get();
      const picked = nodes.filter((n) => n.selected && n.type === 'step').map((n) => n.id);
      if (picked.length === 0) return null;
      get().record();
      const id = nextFrameId(nodes);
      const chosen = new Set(picked);
      // A step is in one frame at most: it leaves its old one, and a frame left empty goes.
      const rest = nodes.flatMap((n): CanvasNode[] => {
        if (n.type !== 'frame') return [n];
        const members = n.data.members.filter((m) => !chosen.has(m));
        if (members.length === n.data.members.length) return [n];
        return members.length ? [{ ...n, data: { ...n.data, members } }] : [];
      });
      const frame: FrameNode = { id, type: 'frame', position: { x: 0, y: 0 }, data: { title, members: picked }, selected: true };
      // Frames go first: React Flow draws in order, and a frame is behind its steps.
      set({ nodes: [frame, ...stripSelection(rest)], editingFrame: id });
      get().markChanged();
      void makeRoom(false);
      return id;
    },

    renameFrame(id, title) {
      const clean = title.trim();
      const f = get().nodes.find((n) => n.id === id);
      if (!clean || f?.type !== 'frame' || f.data.title === clean) return;
      get().record(`${id}.#title`);
      patchFrame(id, (n) => ({ ...n, data: { ...n.data, title: clean } }));
      get().markChanged();
    },

    ungroup(id) {
      if (!get().nodes.some((n) => n.id === id && n.type === 'frame')) return;
      get().record();
      patchFrame(id, () => null);
      if (get().editingFrame === id) set({ editingFrame: null });
      get().markChanged();
    },

    async setCollapsed(id, collapsed) {
      const f = get().nodes.find((n) => n.id === id);
      if (f?.type !== 'frame' || !!f.data.collapsed === collapsed) return;
      get().record();
      const members = new Set(f.data.members);
      set((s) => ({
        nodes: s.nodes.map((n) => {
          if (n.id === id && n.type === 'frame') {
            const data = { ...n.data };
            if (collapsed) data.collapsed = true;
            else delete data.collapsed;
            return { ...n, data };
          }
          // Hidden steps are not left selected (a Delete would take them unseen).
          return collapsed && members.has(n.id) && n.selected ? { ...n, selected: false } : n;
        }),
      }));
      get().markChanged();
      // Collapsed, the frame leaves a hole where its steps were: the funnel
      // closes up around the card. Expanded, it may need the room back.
      await makeRoom(collapsed);
    },

    setEditingFrame(id) {
      set({ editingFrame: id });
    },

    direction() {
      return get().meta?.direction === 'right' ? 'right' : 'down';
    },

    async setDirection(dir) {
      const { meta, nodes, edges, flowId } = get();
      if (!meta || get().direction() === dir) return;
      const laid = await layout(nodes, edges, outputsOf, dir);
      if (get().flowId !== flowId) return;
      get().record();
      const pos = new Map(laid.map((n) => [n.id, n.position]));
      const m = { ...get().meta! };
      if (dir === 'right') m.direction = 'right';
      else delete m.direction;
      set((s) => ({ meta: m, nodes: s.nodes.map((n) => (pos.has(n.id) ? { ...n, position: pos.get(n.id)! } : n)), fitSeq: s.fitSeq + 1 }));
      get().markChanged();
    },
  };
};

/** framedSteps counts the steps of a canvas that are in a frame (for tests and the status line). */
export function framedSteps(nodes: CanvasNode[]): number {
  const steps = stepsById(nodes);
  return [...steps.keys()].filter((id) => frameOf(nodes, id)).length;
}
