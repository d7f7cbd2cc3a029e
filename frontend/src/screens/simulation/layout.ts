// Positions for funnels saved without them (a gallery copy never opened in
// the editor): steps in rows by their distance from a start, each row
// centred, each row below the tallest step of the one above. The editor's
// own layout is not needed for a picture.
import type { Flow, Position } from '../../api/types';

export const COL = 300;
/** GAP is the room between rows, for the links and their labels. */
export const GAP = 90;

/**
 * Y_STRETCH spreads saved positions vertically: the editor lays steps out
 * for its own cards, and the picture's cards are taller (they carry the
 * numbers), so links keep room for their labels.
 */
export const Y_STRETCH = 1.3;

/** positions returns each step's saved position, or a computed one for every step when any is missing. */
export function positions(flow: Flow, isStart: (type: string) => boolean, heightOf: (id: string) => number = () => 140): Record<string, Position> {
  const nodes = flow.nodes ?? [];
  const out: Record<string, Position> = {};
  if (nodes.every((n) => n.position)) {
    for (const n of nodes) out[n.id] = { x: n.position!.x, y: n.position!.y * Y_STRETCH };
    return out;
  }
  const next = new Map<string, string[]>();
  for (const e of flow.edges ?? []) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const depth = new Map<string, number>();
  const queue: string[] = [];
  for (const n of nodes) {
    if (isStart(n.type)) {
      depth.set(n.id, 0);
      queue.push(n.id);
    }
  }
  // Breadth first: a step's row is its shortest distance from a start.
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const to of next.get(id) ?? []) {
      if (!depth.has(to)) {
        depth.set(to, depth.get(id)! + 1);
        queue.push(to);
      }
    }
  }
  let deepest = Math.max(0, ...depth.values());
  for (const n of nodes) if (!depth.has(n.id)) depth.set(n.id, ++deepest);
  const rows = new Map<number, string[]>();
  for (const n of nodes) rows.set(depth.get(n.id)!, [...(rows.get(depth.get(n.id)!) ?? []), n.id]);
  const parents = new Map<string, string[]>();
  for (const e of flow.edges ?? []) parents.set(e.to, [...(parents.get(e.to) ?? []), e.from]);
  // Each row goes under its parents (the average of their columns), kept
  // one column apart, then shifted so that on average it sits where wanted.
  // A row starts below the tallest step of the row above.
  let y = 0;
  for (const d of [...rows.keys()].sort((a, b) => a - b)) {
    const ids = rows.get(d)!;
    const want = ids.map((id, i) => {
      const placed = (parents.get(id) ?? []).filter((p) => out[p] && depth.get(p)! < d).map((p) => out[p]!.x);
      return { id, x: placed.length > 0 ? placed.reduce((a, b) => a + b, 0) / placed.length : (i - (ids.length - 1) / 2) * COL };
    });
    want.sort((a, b) => a.x - b.x);
    const xs: number[] = [];
    want.forEach((w, i) => xs.push(i === 0 ? w.x : Math.max(w.x, xs[i - 1]! + COL)));
    const shift = want.reduce((acc, w, i) => acc + (w.x - xs[i]!), 0) / want.length;
    want.forEach((w, i) => {
      out[w.id] = { x: xs[i]! + shift, y };
    });
    y += Math.max(...ids.map(heightOf)) + GAP;
  }
  return out;
}
