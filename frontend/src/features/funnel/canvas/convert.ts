// Conversion between the engine's flow format and React Flow's nodes and
// edges. Pure functions: flowToCanvas(canvasToFlow(x)) keeps config,
// positions, labels, notes, ports and order.
import type { Flow, FlowEdge, FlowFrame, FlowNode, FlowNote } from '../../../api/types';
import { FLOW_FORMAT } from '../../../api/types';
import { DEFAULT_PORT, INPUT_HANDLE } from './ports';
import { FRAME_PREFIX, NOTE_PREFIX, type CanvasEdge, type CanvasNode, type FlowMeta, type FrameNode, type NoteNode, type StepNode } from './types';

/** Canvas is what the editor draws. */
export interface Canvas {
  meta: FlowMeta;
  nodes: CanvasNode[];
  edges: CanvasEdge[];
}

/** edgeId names an edge after what it joins, so it is stable across loads. */
export function edgeId(from: string, port: string | undefined | null, to: string): string {
  return `${from}:${port || DEFAULT_PORT}->${to}`;
}

/** clone copies plain JSON data, so the canvas never shares config with its source. */
export function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** makeEdge builds a canvas edge leaving `port` of `from`. */
export function makeEdge(from: string, port: string | undefined | null, to: string): CanvasEdge {
  const p = port || DEFAULT_PORT;
  return { id: edgeId(from, p, to), source: from, sourceHandle: p, target: to, targetHandle: INPUT_HANDLE };
}

/**
 * flowToCanvas turns a flow into canvas nodes (steps, then notes) and edges.
 * Steps without a position are put at (0, 0); the editor lays them out.
 */
export function flowToCanvas(flow: Flow): Canvas {
  const meta: FlowMeta = {
    format: flow.format || FLOW_FORMAT,
    id: flow.id,
    name: flow.name,
    settings: clone(flow.settings ?? { reentry: 'once' }),
  };
  if (flow.description !== undefined) meta.description = flow.description;
  if (flow.direction === 'right') meta.direction = 'right';
  // Frames come first: React Flow draws the nodes in order, and a frame is
  // drawn behind its steps.
  const nodes: CanvasNode[] = (flow.frames ?? []).map((f) => {
    const fn: FrameNode = { id: FRAME_PREFIX + f.id, type: 'frame', position: { x: 0, y: 0 }, data: { title: f.title, members: [...(f.nodes ?? [])] } };
    if (f.collapsed) fn.data.collapsed = true;
    return fn;
  });
  for (const n of flow.nodes ?? []) {
    const step: StepNode = {
      id: n.id,
      type: 'step',
      position: n.position ? { x: n.position.x, y: n.position.y } : { x: 0, y: 0 },
      data: { nodeType: n.type, config: clone(n.config ?? {}) },
    };
    if (n.label !== undefined && n.label !== '') step.data.label = n.label;
    nodes.push(step);
  }
  for (const note of flow.notes ?? []) {
    const nn: NoteNode = {
      id: NOTE_PREFIX + note.id,
      type: 'note',
      position: note.position ? { x: note.position.x, y: note.position.y } : { x: 0, y: 0 },
      data: { text: note.text },
    };
    if (note.color) nn.data.color = note.color;
    nodes.push(nn);
  }
  const edges = (flow.edges ?? []).map((e) => makeEdge(e.from, e.port, e.to));
  return { meta, nodes, edges };
}

/** positionsMissing lists the steps of a flow that have no position yet. */
export function positionsMissing(flow: Flow): boolean {
  return (flow.nodes ?? []).some((n) => !n.position);
}

/** canvasToFlow turns the canvas back into the engine's flow format. */
export function canvasToFlow(c: Canvas): Flow {
  const nodes: FlowNode[] = [];
  const notes: FlowNote[] = [];
  const frames: FlowFrame[] = [];
  const steps = new Set(c.nodes.filter((n) => n.type === 'step').map((n) => n.id));
  for (const n of c.nodes) {
    if (n.type === 'frame') {
      // A frame keeps the steps that still exist; one left empty goes.
      const members = n.data.members.filter((id) => steps.has(id));
      if (members.length === 0) continue;
      const fr: FlowFrame = { id: n.id.startsWith(FRAME_PREFIX) ? n.id.slice(FRAME_PREFIX.length) : n.id, title: n.data.title, nodes: members };
      if (n.data.collapsed) fr.collapsed = true;
      frames.push(fr);
      continue;
    }
    const position = { x: round(n.position.x), y: round(n.position.y) };
    if (n.type === 'step') {
      const fn: FlowNode = { id: n.id, type: n.data.nodeType };
      if (n.data.label) fn.label = n.data.label;
      const config = cleanConfig(n.data.config);
      if (Object.keys(config).length > 0) fn.config = config;
      fn.position = position;
      nodes.push(fn);
    } else if (n.type === 'note') {
      const note: FlowNote = { id: n.id.startsWith(NOTE_PREFIX) ? n.id.slice(NOTE_PREFIX.length) : n.id, text: n.data.text };
      note.position = position;
      if (n.data.color) note.color = n.data.color;
      notes.push(note);
    }
  }
  const edges: FlowEdge[] = c.edges.map((e) => {
    const fe: FlowEdge = { from: e.source, to: e.target };
    if (e.sourceHandle && e.sourceHandle !== DEFAULT_PORT) fe.port = e.sourceHandle;
    return fe;
  });
  const flow: Flow = {
    format: c.meta.format || FLOW_FORMAT,
    id: c.meta.id,
    name: c.meta.name,
    settings: clone(c.meta.settings),
    nodes,
    edges,
  };
  if (c.meta.description !== undefined) flow.description = c.meta.description;
  if (notes.length > 0) flow.notes = notes;
  if (frames.length > 0) flow.frames = frames;
  if (c.meta.direction === 'right') flow.direction = 'right';
  return flow;
}

/** cleanConfig drops unset values (undefined, null, ""), which the engine reads as unset anyway. */
export function cleanConfig(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    out[k] = clone(v);
  }
  return out;
}

// Positions are kept to a tenth of a pixel so files stay readable.
function round(v: number): number {
  return Math.round(v * 10) / 10;
}
