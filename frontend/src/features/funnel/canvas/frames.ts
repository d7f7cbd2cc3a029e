// Frames: named boxes drawn behind groups of steps ("Lesson 1–5"). A frame
// stores only its title, its steps and whether it is collapsed; its box is
// drawn around its steps wherever they are, so moving a step moves the
// frame's edge with it and nothing has to be kept in step. Collapsed, the
// frame is one card in its steps' place: the steps are hidden and the links
// entering or leaving them attach to the card.
import type { NodeChange } from '@xyflow/react';
import { NODE_HEIGHT, NODE_WIDTH } from './size';
import type { Box } from './route';
import type { CanvasEdge, CanvasNode, Direction, FrameNode } from './types';

/** FRAME_PAD is the room between a frame's border and its steps: more than a link's margin, so links along the steps stay inside. */
export const FRAME_PAD = 24;
/** TAB_H is the height of a frame's title tab, above its box. */
export const TAB_H = 30;
/**
 * FRAME_PAD_TOP is the room between a frame's top border (under its tab)
 * and its steps: a link coming down into a step at the top of the frame
 * goes around the tab, and needs this room to turn under it (the tab's
 * margin ends above where the link enters the step).
 */
export const FRAME_PAD_TOP = 48;
/** The collapsed card's size. */
export const CARD_W = NODE_WIDTH;
export const CARD_H = 88;
/** FRAME_OUT is the id of a collapsed frame's single output handle. */
export const FRAME_OUT = 'out';

/** stepBox is a step's box, at its measured size or the default one. */
export function stepBox(n: CanvasNode): Box {
  return { x: n.position.x, y: n.position.y, w: n.measured?.width ?? n.width ?? NODE_WIDTH, h: n.measured?.height ?? n.height ?? NODE_HEIGHT };
}

/** membersBox is the box around a frame's steps that exist, or null when none does. */
export function membersBox(frame: FrameNode, steps: Map<string, CanvasNode>): Box | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const id of frame.data.members) {
    const n = steps.get(id);
    if (!n) continue;
    const b = stepBox(n);
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.w);
    y1 = Math.max(y1, b.y + b.h);
  }
  return x0 === Infinity ? null : { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** tabWidth is the width of a title tab: the title at about 7.5 px a letter plus its two buttons. */
export function tabWidth(title: string): number {
  return Math.round(Math.min(320, Math.max(120, title.length * 7.5 + 88)));
}

/**
 * frameRect is where a frame is drawn: around its steps with FRAME_PAD and
 * the title tab above; collapsed, a card at the top (top-down) or the left
 * (left-to-right) of where its steps are, centred across.
 */
export function frameRect(frame: FrameNode, steps: Map<string, CanvasNode>, dir: Direction): Box | null {
  const b = membersBox(frame, steps);
  if (!b) return null;
  if (frame.data.collapsed) {
    return dir === 'right'
      ? { x: b.x, y: Math.round(b.y + b.h / 2 - CARD_H / 2), w: CARD_W, h: CARD_H }
      : { x: Math.round(b.x + b.w / 2 - CARD_W / 2), y: b.y, w: CARD_W, h: CARD_H };
  }
  return { x: b.x - FRAME_PAD, y: b.y - FRAME_PAD_TOP - TAB_H, w: b.w + 2 * FRAME_PAD, h: b.h + FRAME_PAD_TOP + FRAME_PAD + TAB_H };
}

/** stepsById indexes the steps of a canvas. */
export function stepsById(nodes: CanvasNode[]): Map<string, CanvasNode> {
  const m = new Map<string, CanvasNode>();
  for (const n of nodes) if (n.type === 'step') m.set(n.id, n);
  return m;
}

/** OPEN_FRAME_LIFT is how far React Flow raises a selected node (its SELECTED_NODE_Z): a selected open frame is lowered by as much. */
const OPEN_FRAME_LIFT = 1000;

/** hasFrames says whether a canvas holds any frame. */
export function hasFrames(nodes: CanvasNode[]): boolean {
  return nodes.some((n) => n.type === 'frame');
}

/**
 * displayNodes is what the canvas draws: each frame placed and sized around
 * its steps (a frame with no step left is not drawn), the steps of a
 * collapsed frame hidden. Without frames it returns the nodes as they are.
 */
export function displayNodes(nodes: CanvasNode[], dir: Direction): CanvasNode[] {
  if (!hasFrames(nodes)) return nodes;
  const steps = stepsById(nodes);
  const hidden = new Set<string>();
  const placed = new Map<string, FrameNode>();
  for (const n of nodes) {
    if (n.type !== 'frame') continue;
    const r = frameRect(n, steps, dir);
    if (!r) continue;
    const count = n.data.members.filter((id) => steps.has(id)).length;
    if (n.data.collapsed) for (const id of n.data.members) hidden.add(id);
    placed.set(n.id, {
      ...n,
      position: { x: r.x, y: r.y },
      width: r.w,
      height: r.h,
      // An open frame is drawn behind the links and steps at every moment, a
      // card among them. React Flow lifts a selected node by 1000
      // (elevateNodesOnSelect): an open frame selected (as it is right after
      // Ctrl+G) rose over its unselected steps, and WebKitGTK (the desktop
      // window) then painted the box as a flat white sheet hiding them. Its
      // z is -1 selected or not; it comes first among the nodes.
      zIndex: n.data.collapsed ? 0 : n.selected ? -1 - OPEN_FRAME_LIFT : -1,
      className: n.data.collapsed ? 'fp-frame-collapsed' : 'fp-frame-open',
      data: { ...n.data, tabWidth: tabWidth(n.data.title), count },
    } as FrameNode);
  }
  // Open frames first: nodes of equal z are painted in this order.
  const out: CanvasNode[] = [];
  for (const p of placed.values()) if (!p.data.collapsed) out.push(p);
  for (const n of nodes) {
    if (n.type === 'frame') {
      const p = placed.get(n.id);
      if (p && p.data.collapsed) out.push(p);
    } else if (hidden.has(n.id)) {
      out.push({ ...n, hidden: true, selected: false });
    } else {
      out.push(n);
    }
  }
  return out;
}

/** collapsedOwner maps each step inside a collapsed frame to the frame's id. */
export function collapsedOwner(nodes: CanvasNode[]): Map<string, string> {
  const owner = new Map<string, string>();
  for (const n of nodes) {
    if (n.type === 'frame' && n.data.collapsed) for (const id of n.data.members) owner.set(id, n.id);
  }
  return owner;
}

/**
 * displayEdges attaches the links of a collapsed frame's steps to its card:
 * a link coming in ends on the card's input, one going out leaves its
 * output; links between two steps inside are hidden, and of several links
 * that now join the same two ends only the first is drawn (mergedLinks says
 * which it stands for).
 */
export function displayEdges(edges: CanvasEdge[], nodes: CanvasNode[]): CanvasEdge[] {
  return attachToCards(edges, nodes).shown;
}

/**
 * mergedLinks maps each link drawn for several (links of a collapsed
 * frame's steps that join the same two ends) to the ids of all of them, its
 * own first: their numbers add up on the one drawn.
 */
export function mergedLinks(edges: CanvasEdge[], nodes: CanvasNode[]): Map<string, string[]> {
  const merged = new Map<string, string[]>();
  for (const [id, ids] of attachToCards(edges, nodes).groups) if (ids.length > 1) merged.set(id, ids);
  return merged;
}

function attachToCards(edges: CanvasEdge[], nodes: CanvasNode[]): { shown: CanvasEdge[]; groups: Map<string, string[]> } {
  const owner = collapsedOwner(nodes);
  const groups = new Map<string, string[]>();
  if (owner.size === 0) return { shown: edges, groups };
  const first = new Map<string, string>();
  const shown = edges.map((e) => {
    const s = owner.get(e.source);
    const t = owner.get(e.target);
    if (!s && !t) return e;
    if (s && s === t) return { ...e, hidden: true };
    const out: CanvasEdge = { ...e, source: s ?? e.source, sourceHandle: s ? FRAME_OUT : e.sourceHandle, target: t ?? e.target, targetHandle: 'in' };
    const key = `${out.source}\u0000${out.sourceHandle}\u0000${out.target}`;
    const drawn = first.get(key);
    if (drawn !== undefined) {
      out.hidden = true;
      groups.get(drawn)!.push(e.id);
    } else {
      first.set(key, e.id);
      groups.set(e.id, [e.id]);
    }
    return out;
  });
  return { shown, groups };
}

/**
 * frameMoves turns React Flow's moves of a frame (dragged by its tab or as
 * a card) into moves of its steps, by the same distance. A step moved in
 * the same batch as its frame (both selected) moves once, with the frame.
 */
export function frameMoves(changes: NodeChange<CanvasNode>[], nodes: CanvasNode[], dir: Direction): NodeChange<CanvasNode>[] {
  if (!changes.some((c) => c.type === 'position' && c.id.startsWith('frame:'))) return changes;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const steps = stepsById(nodes);
  const out: NodeChange<CanvasNode>[] = [];
  const carried = new Set<string>();
  for (const c of changes) {
    if (c.type !== 'position') continue;
    const f = byId.get(c.id);
    if (f?.type !== 'frame') continue;
    for (const id of f.data.members) carried.add(id);
  }
  for (const c of changes) {
    if (c.type !== 'position') {
      out.push(c);
      continue;
    }
    const f = byId.get(c.id);
    if (f?.type !== 'frame') {
      if (!carried.has(c.id)) out.push(c);
      continue;
    }
    const r = frameRect(f, steps, dir);
    if (!r || !c.position) continue;
    const dx = c.position.x - r.x;
    const dy = c.position.y - r.y;
    for (const id of f.data.members) {
      const s = steps.get(id);
      if (!s) continue;
      out.push({ id, type: 'position', position: { x: s.position.x + dx, y: s.position.y + dy }, dragging: c.dragging });
    }
  }
  return out;
}

/** frameOf returns the frame holding a step, if any. */
export function frameOf(nodes: CanvasNode[], stepId: string): FrameNode | undefined {
  return nodes.find((n): n is FrameNode => n.type === 'frame' && n.data.members.includes(stepId));
}
