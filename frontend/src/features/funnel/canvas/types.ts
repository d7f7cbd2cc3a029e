// React Flow's shapes for the canvas. They stay in the frontend: the engine
// only ever sees its own flow format (see convert.ts).
import type { Edge, Node } from '@xyflow/react';
import type { FlowSettings } from '../../../api/types';
import type { EngineText } from '../../../api/types.gen';

/** NodeNumbers are the numbers drawn on a step: how many reached it, wait in it now, failed in it. */
export interface NodeNumbers {
  entered: number;
  waiting: number;
  errors: number;
}

/** OverlaySource says where an overlay's numbers come from. */
export type OverlaySource = 'live' | 'simulation';

/**
 * Overlay is a set of numbers drawn over the canvas: per step, and per link
 * (keyed by `overlayKey(node, port)`, i.e. "node:port" with "next" for a
 * single output). The live numbers of a published funnel fill it; a
 * simulation fills it the same way with `useEditor.getState().setOverlay(
 * {source: 'simulation', nodes, edges})` — the badges and link labels do
 * the rest, and live polling leaves a simulation overlay alone.
 */
export interface Overlay {
  source: OverlaySource;
  nodes: Record<string, NodeNumbers>;
  edges: Record<string, number>;
}

/** PathHighlight is a contact's way through the funnel, drawn on the canvas. */
export interface PathHighlight {
  /** nodes lists the steps reached, in the order first reached. */
  nodes: string[];
  /** edges lists the links taken, as overlay keys ("node:port"). */
  edges: string[];
}

/**
 * NodeDecor is everything drawn on a step besides the step itself (numbers,
 * its place on a contact's path). The editor keeps one object per step and
 * reuses it while unchanged, so a step subscribes once and re-renders only
 * when its own decoration changes.
 */
export interface NodeDecor {
  numbers?: NodeNumbers;
  /** pathIndex is the step's place (1, 2, …) on the highlighted path. */
  pathIndex?: number;
  /** failure is what is in trouble at the step now (drawn whether or not numbers are shown). */
  failure?: NodeFailure;
}

/**
 * NodeFailure is a step's run-time trouble: how many of its messages could
 * not be sent and journeys it stopped, and the latest reason.
 */
export interface NodeFailure {
  count: number;
  reason: string;
  /** text is the reason in every language, from the engine (engine/words). */
  text?: EngineText | null;
}

/** overlayKey names a step's output for the overlay: "node:port". */
export function overlayKey(node: string, port: string | null | undefined): string {
  return `${node}:${port || 'next'}`;
}

/** StepData is what a step node carries on the canvas. */
export type StepData = {
  /** nodeType is the engine's node type, e.g. "action.send_email". */
  nodeType: string;
  /** label is the user's own name for the step, if any. */
  label?: string;
  config: Record<string, unknown>;
  /**
   * lite: drawn as its far-out box only (tint and name, its dots for the
   * links), while a funnel reopened far out opens (opening.ts). Never in
   * the editor's nodes: only on the copies handed to React Flow.
   */
  lite?: true;
};

/** NoteData is what a sticky note carries. */
export type NoteData = {
  text: string;
  color?: string;
};

/**
 * FrameData is what a frame carries: its title, the steps inside it (by id)
 * and whether it is drawn as one card. Its box is not stored: it is drawn
 * around its steps wherever they are (frames.ts).
 */
export type FrameData = {
  title: string;
  members: string[];
  collapsed?: boolean;
  /** tabWidth is the width of the title tab, set when the frame is drawn. */
  tabWidth?: number;
  /** count is the number of steps inside, set when the frame is drawn. */
  count?: number;
};

export type StepNode = Node<StepData, 'step'>;
export type NoteNode = Node<NoteData, 'note'>;
export type FrameNode = Node<FrameData, 'frame'>;
export type CanvasNode = StepNode | NoteNode | FrameNode;

/** Direction is how a funnel is laid out: top-down (the default) or left-to-right. */
export type Direction = 'down' | 'right';
export type CanvasEdge = Edge;

/** FlowMeta is the part of a flow that is not drawn as nodes or edges. */
export interface FlowMeta {
  format: string;
  id: string;
  name: string;
  description?: string;
  settings: FlowSettings;
  /** direction is 'right' for a left-to-right funnel; absent for top-down. */
  direction?: 'right';
}

/** NOTE_PREFIX keeps note ids apart from step ids on the canvas. */
export const NOTE_PREFIX = 'note:';

/** FRAME_PREFIX keeps frame ids apart from step ids on the canvas. */
export const FRAME_PREFIX = 'frame:';

export function isStep(n: CanvasNode | undefined): n is StepNode {
  return !!n && n.type === 'step';
}

export function isNote(n: CanvasNode | undefined): n is NoteNode {
  return !!n && n.type === 'note';
}

export function isFrame(n: CanvasNode | undefined): n is FrameNode {
  return !!n && n.type === 'frame';
}
