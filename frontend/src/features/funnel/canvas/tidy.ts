// A funnel whose steps run into each other once drawn (a template placed by
// the engine's simple layering, where a tall step reaches the next row; a
// file written by hand) is laid out again with ELK on opening, at the steps'
// real sizes, so no link has to pass under a step. Once per opening, and
// only before the user has changed anything; Undo puts the steps back.
import { useEffect, useRef } from 'react';
import { useEditor } from '../stores/editor';
import { collapsedOwner, frameRect, stepBox, stepsById } from './frames';
import { MARGIN } from './route';
import type { CanvasNode, Direction } from './types';

/** collide says whether two steps' boxes, each with the links' margin around it, meet. */
export function collide(nodes: CanvasNode[]): boolean {
  const boxes = [];
  // A collapsed frame's steps are not drawn (nor measured).
  const inside = collapsedOwner(nodes);
  for (const n of nodes) {
    if (n.type !== 'step' || inside.has(n.id)) continue;
    const w = n.measured?.width;
    const h = n.measured?.height;
    if (!w || !h) return false;
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

/** useTidyOnOpen lays the funnel out again once its steps are measured, if they collide. */
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
        if (collide(s.nodes)) void s.autoLayout();
      }),
    [],
  );
}
