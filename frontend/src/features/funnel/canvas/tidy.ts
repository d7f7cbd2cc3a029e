// A funnel whose steps were placed on top of each other (a file written by
// hand, or by an older engine) is laid out again with ELK on opening, at the
// steps' real sizes, so no link has to pass under a step. Once per opening,
// only before the user has changed anything, and only on screen: opening
// never changes the document (no "Unsaved changes", no new version of a
// teammate's draft); the new places are saved with the user's first edit.
//
// Whether the steps were placed too close is judged on the places the file
// gives and the room every card takes whatever it shows (its default size),
// not on the cards as measured: a card grows after it was placed (a failure
// box after a run, a longer summary, French words longer than English ones)
// and a funnel the user laid out must open as they left it.
import { useEffect, useRef } from 'react';
import { useEditor } from '../stores/editor';
import { outputsOf } from '../stores/editor.helpers';
import { collapsedOwner, frameRect, stepBox, stepsById } from './frames';
import { layout } from './layout';
import { MARGIN } from './route';
import { NODE_HEIGHT, NODE_WIDTH } from './size';
import type { CanvasNode, Direction } from './types';

/**
 * collide says whether two steps' boxes, each with the links' margin around
 * it, meet. The boxes are the steps' measured sizes; with `placed`, each is
 * at most the default card size (what any card takes, whatever it shows),
 * so only steps placed too close meet, never cards that grew since.
 */
export function collide(nodes: CanvasNode[], placed = false): boolean {
  const boxes = [];
  // A collapsed frame's steps are not drawn (nor measured).
  const inside = collapsedOwner(nodes);
  for (const n of nodes) {
    if (n.type !== 'step' || inside.has(n.id)) continue;
    let w = n.measured?.width;
    let h = n.measured?.height;
    if (!w || !h) return false;
    if (placed) {
      w = Math.min(w, NODE_WIDTH);
      h = Math.min(h, NODE_HEIGHT);
    }
    boxes.push({ x: n.position.x, y: n.position.y, w, h });
  }
  boxes.sort((a, b) => a.y - b.y);
  // Sorted by top: only the boxes that start above the bottom of this one can meet it.
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i]!;
    for (let j = i + 1; j < boxes.length && boxes[j]!.y < a.y + a.h + 2 * MARGIN; j++) {
      const b = boxes[j]!;
      if (a.x < b.x + b.w + 2 * MARGIN && b.x < a.x + a.w + 2 * MARGIN) return true;
    }
  }
  return false;
}

/**
 * needsRoom says whether the funnel must be laid out again for its frames:
 * two steps meet (collide), or a frame's box (with its tab) or a collapsed
 * frame's card meets a step that is not inside it, margins included.
 */
export function needsRoom(nodes: CanvasNode[], dir: Direction): boolean {
  if (collide(nodes)) return true;
  const steps = stepsById(nodes);
  const inside = collapsedOwner(nodes);
  for (const f of nodes) {
    if (f.type !== 'frame') continue;
    const r = frameRect(f, steps, dir);
    if (!r) continue;
    const own = new Set(f.data.members);
    for (const s of steps.values()) {
      if (own.has(s.id) || inside.has(s.id)) continue;
      const b = stepBox(s);
      if (b.x - MARGIN < r.x + r.w && r.x < b.x + b.w + MARGIN && b.y - MARGIN < r.y + r.h && r.y < b.y + b.h + MARGIN) return true;
    }
  }
  return false;
}

/**
 * tidyIfPlacedTooClose lays the open funnel out again, on screen only, when
 * its steps were placed too close (collide with `placed`). It resolves to
 * whether it did. The layout is dropped if the user changed anything or
 * opened another funnel meanwhile.
 */
export async function tidyIfPlacedTooClose(): Promise<boolean> {
  const { nodes, edges, flowId, meta } = useEditor.getState();
  if (!collide(nodes, true)) return false;
  const laid = await layout(nodes, edges, outputsOf, meta?.direction ?? 'down');
  const s = useEditor.getState();
  if (s.flowId !== flowId || s.changeSeq !== 0) return false;
  const pos = new Map(laid.map((n) => [n.id, n.position]));
  useEditor.setState((st) => ({ nodes: st.nodes.map((n) => (pos.has(n.id) ? { ...n, position: pos.get(n.id)! } : n)), fitSeq: st.fitSeq + 1 }));
  return true;
}

/** useTidyOnOpen lays the funnel out again once its steps are measured, if they were placed too close. */
export function useTidyOnOpen(): void {
  const done = useRef(false);
  useEffect(
    () =>
      useEditor.subscribe((s) => {
        if (done.current || s.changeSeq !== 0) return;
        const inside = collapsedOwner(s.nodes);
        const steps = s.nodes.filter((n) => n.type === 'step' && !inside.has(n.id));
        if (steps.length === 0 || !steps.every((n) => n.measured?.width && n.measured.height)) return;
        done.current = true;
        void tidyIfPlacedTooClose();
      }),
    [],
  );
}
