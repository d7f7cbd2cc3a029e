// React Flow's shapes for the canvas. They stay in the frontend: the engine
// only ever sees its own flow format (see convert.ts).
import type { Edge, Node } from '@xyflow/react';
import type { FlowSettings } from '../api/types';

/**
 * NodeCounts are the numbers a run or a simulation writes on a node. The
 * canvas leaves room for them; nothing fills them yet.
 */
export type NodeCounts = {
  /** entered is how many contacts reached the step. */
  entered?: number;
  /** waiting is how many are in the step now (waits). */
  waiting?: number;
  /** byPort counts the contacts that left through each output. */
  byPort?: Record<string, number>;
};

/** StepData is what a step node carries on the canvas. */
export type StepData = {
  /** nodeType is the engine's node type, e.g. "action.send_email". */
  nodeType: string;
  /** label is the user's own name for the step, if any. */
  label?: string;
  config: Record<string, unknown>;
  counts?: NodeCounts;
};

/** NoteData is what a sticky note carries. */
export type NoteData = {
  text: string;
  color?: string;
};

export type StepNode = Node<StepData, 'step'>;
export type NoteNode = Node<NoteData, 'note'>;
export type CanvasNode = StepNode | NoteNode;
export type CanvasEdge = Edge;

/** FlowMeta is the part of a flow that is not drawn as nodes or edges. */
export interface FlowMeta {
  format: string;
  id: string;
  name: string;
  description?: string;
  settings: FlowSettings;
}

/** NOTE_PREFIX keeps note ids apart from step ids on the canvas. */
export const NOTE_PREFIX = 'note:';

export function isStep(n: CanvasNode | undefined): n is StepNode {
  return !!n && n.type === 'step';
}

export function isNote(n: CanvasNode | undefined): n is NoteNode {
  return !!n && n.type === 'note';
}
