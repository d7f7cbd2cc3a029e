// Connection rules, checked while the user drags a link (isValidConnection)
// and explained when a link is refused.
import type { NodeSpec } from '../../../api/types';
import { DEFAULT_PORT } from './ports';
import type { CanvasEdge, CanvasNode } from './types';

/** Refusal says why a link cannot be made; each has a sentence in the dictionary. */
export type Refusal = 'into_start' | 'self_loop' | 'port_taken' | 'note' | 'unknown_step';

/** ConnectionLike is what React Flow proposes: an edge or a connection. */
export interface ConnectionLike {
  source: string | null;
  sourceHandle?: string | null;
  target: string | null;
  targetHandle?: string | null;
}

/**
 * checkConnection returns why a proposed link is refused, or null when it is
 * allowed. The rules are the catalogue's, as the engine's validator reads
 * them: a step whose spec has no input has nothing leading into it, a step
 * leads to itself only when its spec says self_link, and an output carries
 * at most links_per_output links. `replacing` is the id of an edge being moved.
 */
export function checkConnection(
  c: ConnectionLike,
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
  specOf: (type: string) => NodeSpec | undefined,
  replacing?: string,
): Refusal | null {
  if (!c.source || !c.target) return 'unknown_step';
  const source = nodes.find((n) => n.id === c.source);
  const target = nodes.find((n) => n.id === c.target);
  if (!source || !target) return 'unknown_step';
  if (source.type !== 'step' || target.type !== 'step') return 'note';
  const sourceSpec = specOf(source.data.nodeType);
  const targetSpec = specOf(target.data.nodeType);
  if (c.source === c.target && !sourceSpec?.self_link) return 'self_loop';
  if (targetSpec && !targetSpec.input) return 'into_start';
  const port = c.sourceHandle || DEFAULT_PORT;
  let taken = 0;
  for (const e of edges) {
    if (e.id !== replacing && e.source === c.source && (e.sourceHandle || DEFAULT_PORT) === port) taken++;
  }
  // A step of a type the catalogue does not know keeps the engine's one link per output.
  if (taken >= (sourceSpec?.links_per_output ?? 1)) return 'port_taken';
  return null;
}
