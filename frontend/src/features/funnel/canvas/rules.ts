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
 * allowed: nothing leads into a start step, a step never leads to itself, and
 * one output leads to one step. `replacing` is the id of an edge being moved.
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
  if (c.source === c.target) return 'self_loop';
  const targetSpec = specOf(target.data.nodeType);
  if (targetSpec && !targetSpec.input) return 'into_start';
  const port = c.sourceHandle || DEFAULT_PORT;
  const taken = edges.some((e) => e.id !== replacing && e.source === c.source && (e.sourceHandle || DEFAULT_PORT) === port);
  if (taken) return 'port_taken';
  return null;
}
