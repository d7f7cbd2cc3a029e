// The open flow itself: its steps, notes and links as React Flow nodes and
// edges, and every edit of them. Each edit records an undo step first
// (history slice) and marks the draft changed after (autosave slice).
import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type XYPosition,
} from '@xyflow/react';
import { backend, errorMessage } from '../../../api/backend';
import type { FlowDoc, FlowInfo } from '../../../api/types';
import { flowToCanvas, makeEdge, positionsMissing } from '../canvas/convert';
import { baseId, nextId, nextNoteId } from '../canvas/ids';
import { gridPositions, layout, layoutMeasured, NODE_HEIGHT, NODE_WIDTH } from '../canvas/layout';
import { downstream, freeSpot, GAP, nextTo } from '../canvas/place';
import { DEFAULT_PORT, portsOf } from '../canvas/ports';
import { checkConnection, type Refusal } from '../canvas/rules';
import { NOTE_PREFIX, type CanvasEdge, type CanvasNode, type FlowMeta, type NoteNode, type StepNode } from '../canvas/types';
import { specOf } from '../../../stores/catalogue';
import { PREF_LAST_FLOW, writePref } from '../../../stores/prefs';
import { toast } from '../../../stores/toasts';
import { freshChecks } from './editor.autosave';
import { defaultsOf, outputsOf, stripSelection, takenIds } from './editor.helpers';
import type { EditorSlice } from './editor.types';
import { freshView } from './editor.view';

export interface DocumentSlice {
  flowId: string | null;
  meta: FlowMeta | null;
  info: FlowInfo | null;
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  loading: boolean;
  loadError: string | null;
  dragging: boolean;

  open(id: string): Promise<void>;
  load(doc: FlowDoc): void;
  close(): void;
  onNodesChange(changes: NodeChange<CanvasNode>[]): void;
  onEdgesChange(changes: EdgeChange<CanvasEdge>[]): void;
  /** connect adds a link, or returns why it is refused. */
  connect(c: Connection): Refusal | null;
  /** refusal tells why a link would be refused, without making it; `replacing` is a link being moved. */
  refusal(c: Connection, replacing?: string): Refusal | null;
  /** reconnect moves an existing link to new ends, or returns why it is refused. */
  reconnect(edgeId: string, c: Connection): Refusal | null;
  addNode(type: string, position: XYPosition, from?: { nodeId: string; port: string }): string | null;
  addNote(position: XYPosition): string;
  updateConfig(nodeId: string, field: string, value: unknown): void;
  setLabel(nodeId: string, label: string): void;
  updateNote(id: string, patch: Partial<NoteNode['data']>): void;
  setMeta(patch: Partial<FlowMeta>): void;
  rename(name: string): Promise<void>;
  select(ids: string[]): void;
  selectAll(): void;
  deleteSelected(): void;
  deleteElements(nodeIds: string[], edgeIds: string[]): void;
  autoLayout(): Promise<void>;
  /**
   * insertAfter adds a step of `type` after output `port` of a step, linked
   * to it. When that output already led somewhere, the new step goes in
   * between: it leads on to the old next step, which moves down with what
   * follows it. It returns the new step's id, or null.
   */
  insertAfter(nodeId: string, port: string, type: string): string | null;
}

export const createDocumentSlice: EditorSlice<DocumentSlice> = (set, get) => ({
  flowId: null,
  meta: null,
  info: null,
  nodes: [],
  edges: [],
  loading: false,
  loadError: null,
  dragging: false,

  async open(id) {
    if (get().flowId === id && get().meta) return;
    await get().flush();
    get().stopTimers();
    set({ loading: true, loadError: null, flowId: id });
    try {
      const doc = await backend().getFlow(id);
      if (get().flowId !== id) return; // another flow was opened meanwhile
      get().load(doc);
    } catch (err) {
      if (get().flowId !== id) return;
      const msg = errorMessage(err);
      set({ loading: false, loadError: msg, meta: null, nodes: [], edges: [], issues: [], issuesByNode: {} });
      toast('error', msg);
    }
  },

  load(doc) {
    get().stopTimers();
    if (!doc.flow) {
      set({ loading: false, loadError: doc.info?.error ?? 'empty flow' });
      return;
    }
    const canvas = flowToCanvas(doc.flow);
    const missing = positionsMissing(doc.flow);
    const nodes = missing ? gridPositions(canvas.nodes) : canvas.nodes;
    set({
      flowId: doc.flow.id,
      meta: canvas.meta,
      info: doc.info ?? null,
      nodes,
      edges: canvas.edges,
      loading: false,
      loadError: null,
      dragging: false,
      ...freshChecks(doc.issues ?? []),
      saving: false,
      saveError: null,
      ...get().freshHistory(),
      ...freshView(),
      editingFrame: null,
    });
    writePref(PREF_LAST_FLOW, doc.flow.id);
    if (missing) {
      // A flow written by hand or by another tool: lay it out once ELK is
      // loaded, unless the user has started editing meanwhile.
      const id = doc.flow.id;
      void layoutMeasured(() => get().nodes, canvas.edges, outputsOf, canvas.meta.direction ?? 'down').then((laid) => {
        if (get().flowId === id && get().changeSeq === 0) set((s) => ({ nodes: laid, fitSeq: s.fitSeq + 1 }));
      });
    }
  },

  close() {
    get().stopTimers();
    set({
      flowId: null,
      meta: null,
      info: null,
      nodes: [],
      edges: [],
      loading: false,
      loadError: null,
      ...freshChecks([]),
      ...get().freshHistory(),
      ...freshView(),
    });
  },

  onNodesChange(changes) {
    let edit = false;
    let startDrag = false;
    let endDrag = false;
    for (const c of changes) {
      if (c.type === 'position') {
        if (c.dragging && !get().dragging) startDrag = true;
        if (c.dragging === false) endDrag = true;
        if (!c.dragging && c.position) edit = true;
      } else if (c.type === 'remove' || c.type === 'add' || c.type === 'replace') {
        edit = true;
      }
    }
    if (startDrag || (edit && !get().dragging)) get().record();
    set((s) => ({
      nodes: applyNodeChanges(changes, s.nodes),
      dragging: startDrag ? true : endDrag ? false : s.dragging,
    }));
    if (edit || endDrag) get().markChanged();
    if (changes.some((c) => c.type === 'remove')) {
      const ids = new Set(changes.filter((c) => c.type === 'remove').map((c) => c.id));
      set((s) => ({ edges: s.edges.filter((e) => !ids.has(e.source) && !ids.has(e.target)) }));
    }
  },

  onEdgesChange(changes) {
    const edit = changes.some((c) => c.type === 'remove' || c.type === 'add' || c.type === 'replace');
    if (edit) get().record();
    set((s) => ({ edges: applyEdgeChanges(changes, s.edges) }));
    if (edit) get().markChanged();
  },

  refusal(c, replacing) {
    const { nodes, edges } = get();
    return checkConnection(c, nodes, edges, specOf, replacing);
  },

  reconnect(edgeId, c) {
    const why = get().refusal(c, edgeId);
    if (why) return why;
    get().record();
    const edge = makeEdge(c.source, c.sourceHandle, c.target);
    set((s) => ({ edges: s.edges.map((e) => (e.id === edgeId ? edge : e)) }));
    get().markChanged();
    return null;
  },

  connect(c) {
    const why = get().refusal(c);
    if (why) return why;
    get().record();
    set((s) => ({ edges: [...s.edges, makeEdge(c.source, c.sourceHandle, c.target)] }));
    get().markChanged();
    return null;
  },

  addNode(type, position, from) {
    const spec = specOf(type);
    if (!spec) return null;
    get().record();
    const id = nextId(baseId(type, spec.kind), takenIds(get().nodes));
    const node: StepNode = {
      id,
      type: 'step',
      position: { x: Math.round(position.x), y: Math.round(position.y) },
      data: { nodeType: type, config: defaultsOf(spec) },
      selected: true,
    };
    const edges = [...get().edges];
    if (from && spec.input && !checkConnection({ source: from.nodeId, sourceHandle: from.port, target: id }, [...get().nodes, node], edges, specOf)) {
      edges.push(makeEdge(from.nodeId, from.port, id));
    }
    set((s) => ({ nodes: [...stripSelection(s.nodes), node], edges: stripSelection(edges) }));
    get().markChanged();
    return id;
  },

  addNote(position) {
    get().record();
    const taken = new Set(get().nodes.filter((n) => n.type === 'note').map((n) => n.id.slice(NOTE_PREFIX.length)));
    const id = NOTE_PREFIX + nextNoteId(taken);
    const note: NoteNode = { id, type: 'note', position, data: { text: '' }, selected: true };
    set((s) => ({ nodes: [...stripSelection(s.nodes), note], edges: stripSelection(s.edges) }));
    get().markChanged();
    return id;
  },

  updateConfig(nodeId, field, value) {
    const node = get().nodes.find((n) => n.id === nodeId);
    if (!node || node.type !== 'step') return;
    get().record(`${nodeId}.${field}`);
    const config = { ...node.data.config };
    if (value === undefined) delete config[field];
    else config[field] = value;
    const spec = specOf(node.data.nodeType);
    let edges = get().edges;
    if (spec?.ports_from === field) {
      // Links leaving a branch or case that no longer exists go with it.
      const ports = new Set(portsOf(spec, config).map((p) => p.id));
      edges = edges.filter((e) => e.source !== nodeId || ports.has(e.sourceHandle || DEFAULT_PORT));
    }
    set((s) => ({
      nodes: s.nodes.map((n) => (n.id === nodeId && n.type === 'step' ? { ...n, data: { ...n.data, config } } : n)),
      edges,
    }));
    get().markChanged();
  },

  setLabel(nodeId, label) {
    get().record(`${nodeId}.#label`);
    set((s) => ({
      nodes: s.nodes.map((n) => {
        if (n.id !== nodeId || n.type !== 'step') return n;
        const data = { ...n.data };
        if (label.trim() === '') delete data.label;
        else data.label = label;
        return { ...n, data };
      }),
    }));
    get().markChanged();
  },

  updateNote(id, patch) {
    get().record(`${id}.#note`);
    set((s) => ({ nodes: s.nodes.map((n) => (n.id === id && n.type === 'note' ? { ...n, data: { ...n.data, ...patch } } : n)) }));
    get().markChanged();
  },

  setMeta(patch) {
    const meta = get().meta;
    if (!meta) return;
    set({ meta: { ...meta, ...patch } });
    get().markChanged();
  },

  async rename(name) {
    const clean = name.trim();
    if (!clean || !get().meta || clean === get().meta!.name) return;
    get().setMeta({ name: clean });
    await get().save();
  },

  select(ids) {
    const want = new Set(ids);
    set((s) => ({
      nodes: s.nodes.map((n) => (!!n.selected === want.has(n.id) ? n : { ...n, selected: want.has(n.id) })),
      edges: stripSelection(s.edges),
    }));
  },

  selectAll() {
    set((s) => ({ nodes: s.nodes.map((n) => (n.selected ? n : { ...n, selected: true })) }));
  },

  deleteSelected() {
    const { nodes, edges } = get();
    get().deleteElements(
      nodes.filter((n) => n.selected).map((n) => n.id),
      edges.filter((e) => e.selected).map((e) => e.id),
    );
  },

  deleteElements(nodeIds, edgeIds) {
    if (nodeIds.length === 0 && edgeIds.length === 0) return;
    get().record();
    const gone = new Set(nodeIds);
    const goneEdges = new Set(edgeIds);
    set((s) => ({
      nodes: s.nodes.filter((n) => !gone.has(n.id)),
      edges: s.edges.filter((e) => !goneEdges.has(e.id) && !gone.has(e.source) && !gone.has(e.target)),
    }));
    get().markChanged();
  },

  async autoLayout() {
    const { nodes, edges, flowId } = get();
    if (!nodes.some((n) => n.type === 'step')) return;
    const laid = await layout(nodes, edges, outputsOf, get().meta?.direction ?? 'down');
    if (get().flowId !== flowId) return;
    get().record();
    // Apply to the current nodes: anything added while ELK worked keeps its place.
    const pos = new Map(laid.map((n) => [n.id, n.position]));
    set((s) => ({ nodes: s.nodes.map((n) => (pos.has(n.id) ? { ...n, position: pos.get(n.id)! } : n)), fitSeq: s.fitSeq + 1 }));
    get().markChanged();
  },

  insertAfter(nodeId, port, type) {
    const { nodes, edges } = get();
    const from = nodes.find((n) => n.id === nodeId);
    const spec = specOf(type);
    if (!from || from.type !== 'step' || !spec?.input) return null;
    const fromSpec = specOf(from.data.nodeType);
    const ports = fromSpec ? portsOf(fromSpec, from.data.config) : [];
    const index = Math.max(0, ports.findIndex((p) => p.id === port));
    const old = edges.find((e) => e.source === nodeId && (e.sourceHandle || DEFAULT_PORT) === port);
    get().record();
    const id = nextId(baseId(type, spec.kind), takenIds(get().nodes));
    const config = defaultsOf(spec);
    const right = get().meta?.direction === 'right';
    let pos = nextTo(from, index, Math.max(ports.length, 1), right ? 'right' : 'down');
    let moved = new Set<string>();
    if (old) {
      // Make room: the old next step and everything after it go down one
      // row (one column to the right, left to right).
      moved = downstream(old.target, edges, nodeId);
      const target = nodes.find((n) => n.id === old.target);
      if (target) pos = right ? { x: pos.x, y: target.position.y } : { x: target.position.x, y: pos.y };
    }
    pos = freeSpot(nodes, pos, moved);
    const node: StepNode = { id, type: 'step', position: pos, data: { nodeType: type, config }, selected: true };
    const shift = right ? NODE_WIDTH + GAP : NODE_HEIGHT + GAP;
    let nextEdges = edges.filter((e) => e !== old);
    nextEdges.push(makeEdge(nodeId, port, id));
    const outs = portsOf(spec, config);
    if (old && outs.length > 0) {
      const link = { source: id, sourceHandle: outs[0]!.id, target: old.target, targetHandle: 'in' };
      const all = [...nodes, node];
      if (!checkConnection(link, all, nextEdges, specOf)) nextEdges.push(makeEdge(id, outs[0]!.id, old.target));
    }
    nextEdges = stripSelection(nextEdges);
    set((s) => ({
      nodes: [
        ...stripSelection(s.nodes).map((n) =>
          moved.has(n.id) ? { ...n, position: right ? { x: n.position.x + shift, y: n.position.y } : { x: n.position.x, y: n.position.y + shift } } : n,
        ),
        node,
      ],
      edges: nextEdges,
    }));
    get().markChanged();
    return id;
  },
});
