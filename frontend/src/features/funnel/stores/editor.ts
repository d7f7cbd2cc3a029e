// Editor: the open flow on the canvas. It owns React Flow's nodes and edges,
// undo/redo, the clipboard, validation (debounced ValidateFlow) and the
// draft's autosave (debounced SaveFlow).
import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type XYPosition,
} from '@xyflow/react';
import { create } from 'zustand';
import { backend, errorMessage } from '../../../api/backend';
import type { FlowDoc, FlowInfo, Issue, Lang, NodeSpec } from '../../../api/types';
import { canvasToFlow, clone, flowToCanvas, makeEdge, positionsMissing } from '../canvas/convert';
import { baseId, nextId, nextNoteId } from '../canvas/ids';
import { gridPositions, layout, NODE_HEIGHT, type OutputsOf } from '../canvas/layout';
import { decorate } from '../canvas/overlay';
import { below, downstream, freeSpot, GAP } from '../canvas/place';
import { DEFAULT_PORT, portsOf } from '../canvas/ports';
import { issueText } from '../canvas/issues';
import { checkConnection, type Refusal } from '../canvas/rules';
import {
  NOTE_PREFIX,
  type CanvasEdge,
  type CanvasNode,
  type FlowMeta,
  type NodeDecor,
  type NodeFailure,
  type NoteNode,
  type Overlay,
  type PathHighlight,
  type StepNode,
} from '../canvas/types';
import { translate } from '../../../i18n/dict';
import { specOf } from '../../../stores/catalogue';
import { PREF_LAST_FLOW, PREF_SHOW_NUMBERS, readPref, writePref } from '../../../stores/prefs';
import { useSettings } from '../../../stores/settings';
import { toast, useToasts } from '../../../stores/toasts';

/** Snapshot is one undo step. */
interface Snapshot {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
}

interface Clipboard {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
}

/** FocusRequest asks the inspector to show a node (or the flow) and focus a field. */
export interface FocusRequest {
  nodeId: string | null;
  field: string | null;
  seq: number;
}

export interface EditorState {
  flowId: string | null;
  meta: FlowMeta | null;
  info: FlowInfo | null;
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  issues: Issue[];
  /** issuesByNode groups issues by node id ("" for the flow itself); arrays are kept when unchanged. */
  issuesByNode: Record<string, Issue[]>;
  loading: boolean;
  loadError: string | null;
  /** changeSeq counts changes; savedSeq is the change the last save wrote. */
  changeSeq: number;
  savedSeq: number;
  /** checkedSeq is the change the issues shown were computed for. */
  checkedSeq: number;
  saving: boolean;
  saveError: string | null;
  publishing: boolean;
  past: Snapshot[];
  future: Snapshot[];
  clipboard: Clipboard | null;
  focus: FocusRequest | null;
  dragging: boolean;
  /** fitSeq grows when the canvas should fit the view to the steps (after a layout). */
  fitSeq: number;
  /** overlay holds numbers drawn over the canvas (live counts, or a simulation's); see canvas/types.ts. */
  overlay: Overlay | null;
  /** showNumbers is the "Show numbers" switch. */
  showNumbers: boolean;
  /** path is a contact's way through the funnel, highlighted. */
  path: PathHighlight | null;
  /** failures are what is in trouble at each step of the published funnel (run-time failures, not problems of the draft). */
  failures: Record<string, NodeFailure>;
  /** decor is each step's decoration (numbers, place on the path, failures), derived from the four above. */
  decor: Record<string, NodeDecor>;

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
  copy(): number;
  paste(): string[];
  duplicate(): string[];
  undo(): void;
  redo(): void;
  autoLayout(): Promise<void>;
  focusIssue(issue: Issue): void;
  validate(): Promise<void>;
  save(): Promise<boolean>;
  flush(): Promise<void>;
  publish(): Promise<boolean>;
  /**
   * setOverlay draws numbers over the canvas, or removes them (null). This is
   * the hook for simulations: same shape as the live numbers, with
   * source 'simulation'.
   */
  setOverlay(overlay: Overlay | null): void;
  setShowNumbers(on: boolean): void;
  /** setPath highlights a contact's way through the funnel, or stops (null). */
  setPath(path: PathHighlight | null): void;
  /** setFailures draws each step's run-time failures (a red badge with the count and the reason). */
  setFailures(failures: Record<string, NodeFailure>): void;
  /**
   * insertAfter adds a step of `type` after output `port` of a step, linked
   * to it. When that output already led somewhere, the new step goes in
   * between: it leads on to the old next step, which moves down with what
   * follows it. It returns the new step's id, or null.
   */
  insertAfter(nodeId: string, port: string, type: string): string | null;
}

/** Timing of the debounced calls; tests shorten or drive them. */
export const editorTiming = { validateMs: 350, autosaveMs: 1500, coalesceMs: 1000 };

/** HISTORY_LIMIT caps the undo stack. */
export const HISTORY_LIMIT = 100;

/** PASTE_OFFSET is how far a pasted copy sits from its original. */
export const PASTE_OFFSET = 40;

let validateTimer: ReturnType<typeof setTimeout> | undefined;
let saveTimer: ReturnType<typeof setTimeout> | undefined;
let lastTag = '';
let lastTagAt = 0;
let pasteRound = 0;

function clearTimers() {
  if (validateTimer) clearTimeout(validateTimer);
  if (saveTimer) clearTimeout(saveTimer);
  validateTimer = saveTimer = undefined;
}

function lang(): Lang {
  return useSettings.getState().lang;
}

function groupIssues(issues: Issue[], prev: Record<string, Issue[]>): Record<string, Issue[]> {
  const grouped: Record<string, Issue[]> = {};
  for (const i of issues) (grouped[i.node_id ?? ''] ??= []).push(i);
  // Keep the previous array when a node's issues did not change, so only the
  // nodes whose problems changed re-render.
  for (const [id, list] of Object.entries(grouped)) {
    const old = prev[id];
    if (old && JSON.stringify(old) === JSON.stringify(list)) grouped[id] = old;
  }
  return grouped;
}

function defaultsOf(spec: NodeSpec): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const f of spec.fields) {
    if (f.default !== undefined && f.default !== null) config[f.name] = clone(f.default);
  }
  return config;
}

/** outputsOf lists a step's output ports in drawing order, for the layout. */
const outputsOf: OutputsOf = (n) => {
  const spec = n.type === 'step' ? specOf(n.data.nodeType) : undefined;
  return spec && n.type === 'step' ? portsOf(spec, n.data.config).map((p) => p.id) : [DEFAULT_PORT];
};

function stripSelection<T extends { selected?: boolean }>(xs: T[]): T[] {
  return xs.map((x) => (x.selected ? { ...x, selected: false } : x));
}

export const useEditor = create<EditorState>()((set, get) => {
  /** record pushes an undo step before a change; `tag` merges quick edits of one field. */
  function record(tag = '') {
    const now = Date.now();
    if (tag && tag === lastTag && now - lastTagAt < editorTiming.coalesceMs) {
      lastTagAt = now;
      return;
    }
    lastTag = tag;
    lastTagAt = now;
    const { nodes, edges, past } = get();
    set({ past: [...past.slice(-(HISTORY_LIMIT - 1)), { nodes, edges }], future: [] });
  }

  /** changed marks the draft as edited and schedules validation and autosave. */
  function changed() {
    set((s) => ({ changeSeq: s.changeSeq + 1 }));
    if (validateTimer) clearTimeout(validateTimer);
    validateTimer = setTimeout(() => void get().validate(), editorTiming.validateMs);
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => void get().save(), editorTiming.autosaveMs);
  }

  function currentFlow() {
    const { meta, nodes, edges } = get();
    return meta ? canvasToFlow({ meta, nodes, edges }) : null;
  }

  function takenIds(): Set<string> {
    return new Set(get().nodes.map((n) => n.id));
  }

  /** pasteClip adds copies of clipboard nodes with new ids, offset, selected. */
  function pasteClip(clip: Clipboard, offset: number): string[] {
    if (clip.nodes.length === 0) return [];
    record();
    const taken = takenIds();
    const idMap = new Map<string, string>();
    const added: CanvasNode[] = [];
    for (const n of clip.nodes) {
      let id: string;
      if (n.type === 'step') {
        id = nextId(baseId(n.data.nodeType, specOf(n.data.nodeType)?.kind), taken);
      } else {
        id = NOTE_PREFIX + nextNoteId(new Set([...taken].filter((t) => t.startsWith(NOTE_PREFIX)).map((t) => t.slice(NOTE_PREFIX.length))));
      }
      taken.add(id);
      idMap.set(n.id, id);
    }
    for (const n of clip.nodes) {
      const copy = clone({ ...n, measured: undefined, selected: undefined, dragging: undefined }) as CanvasNode;
      copy.id = idMap.get(n.id)!;
      copy.position = { x: n.position.x + offset, y: n.position.y + offset };
      copy.selected = true;
      if (copy.type === 'step') {
        // A copied step that pointed at another copied step (an engagement
        // check and its email) points at the copy.
        const spec = specOf(copy.data.nodeType);
        for (const f of spec?.fields ?? []) {
          const v = copy.data.config[f.name];
          if (f.type === 'node' && typeof v === 'string' && idMap.has(v)) copy.data.config[f.name] = idMap.get(v);
        }
      }
      added.push(copy);
    }
    const edges = clip.edges
      .filter((e) => idMap.has(e.source) && idMap.has(e.target))
      .map((e) => ({ ...makeEdge(idMap.get(e.source)!, e.sourceHandle, idMap.get(e.target)!), selected: false }));
    set((s) => ({ nodes: [...stripSelection(s.nodes), ...added], edges: [...stripSelection(s.edges), ...edges] }));
    changed();
    return added.map((n) => n.id);
  }

  function selectionClip(): Clipboard {
    const { nodes, edges } = get();
    const picked = nodes.filter((n) => n.selected);
    const ids = new Set(picked.map((n) => n.id));
    return {
      nodes: clone(picked.map((n) => ({ ...n, measured: undefined }))) as CanvasNode[],
      edges: clone(edges.filter((e) => ids.has(e.source) && ids.has(e.target))),
    };
  }

  return {
    flowId: null,
    meta: null,
    info: null,
    nodes: [],
    edges: [],
    issues: [],
    issuesByNode: {},
    loading: false,
    loadError: null,
    changeSeq: 0,
    savedSeq: 0,
    checkedSeq: 0,
    saving: false,
    saveError: null,
    publishing: false,
    past: [],
    future: [],
    clipboard: null,
    focus: null,
    dragging: false,
    fitSeq: 0,
    overlay: null,
    showNumbers: readPref(PREF_SHOW_NUMBERS) !== 'off',
    path: null,
    failures: {},
    decor: {},

    async open(id) {
      if (get().flowId === id && get().meta) return;
      await get().flush();
      clearTimers();
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
      clearTimers();
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
        issues: doc.issues ?? [],
        issuesByNode: groupIssues(doc.issues ?? [], {}),
        loading: false,
        loadError: null,
        changeSeq: 0,
        savedSeq: 0,
        checkedSeq: 0,
        saving: false,
        saveError: null,
        past: [],
        future: [],
        focus: null,
        dragging: false,
        overlay: null,
        path: null,
        failures: {},
        decor: {},
      });
      writePref(PREF_LAST_FLOW, doc.flow.id);
      lastTag = '';
      if (missing) {
        // A flow written by hand or by another tool: lay it out once ELK is
        // loaded, unless the user has started editing meanwhile.
        const id = doc.flow.id;
        void layout(nodes, canvas.edges, outputsOf).then((laid) => {
          if (get().flowId === id && get().changeSeq === 0) set((s) => ({ nodes: laid, fitSeq: s.fitSeq + 1 }));
        });
      }
    },

    close() {
      clearTimers();
      set({
        flowId: null,
        meta: null,
        info: null,
        nodes: [],
        edges: [],
        issues: [],
        issuesByNode: {},
        loading: false,
        loadError: null,
        changeSeq: 0,
        savedSeq: 0,
        checkedSeq: 0,
        past: [],
        future: [],
        focus: null,
        overlay: null,
        path: null,
        failures: {},
        decor: {},
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
      if (startDrag || (edit && !get().dragging)) record();
      set((s) => ({
        nodes: applyNodeChanges(changes, s.nodes),
        dragging: startDrag ? true : endDrag ? false : s.dragging,
      }));
      if (edit || endDrag) changed();
      if (changes.some((c) => c.type === 'remove')) {
        const ids = new Set(changes.filter((c) => c.type === 'remove').map((c) => c.id));
        set((s) => ({ edges: s.edges.filter((e) => !ids.has(e.source) && !ids.has(e.target)) }));
      }
    },

    onEdgesChange(changes) {
      const edit = changes.some((c) => c.type === 'remove' || c.type === 'add' || c.type === 'replace');
      if (edit) record();
      set((s) => ({ edges: applyEdgeChanges(changes, s.edges) }));
      if (edit) changed();
    },

    refusal(c, replacing) {
      const { nodes, edges } = get();
      return checkConnection(c, nodes, edges, specOf, replacing);
    },

    reconnect(edgeId, c) {
      const why = get().refusal(c, edgeId);
      if (why) return why;
      record();
      const edge = makeEdge(c.source, c.sourceHandle, c.target);
      set((s) => ({ edges: s.edges.map((e) => (e.id === edgeId ? edge : e)) }));
      changed();
      return null;
    },

    connect(c) {
      const why = get().refusal(c);
      if (why) return why;
      record();
      set((s) => ({ edges: [...s.edges, makeEdge(c.source, c.sourceHandle, c.target)] }));
      changed();
      return null;
    },

    addNode(type, position, from) {
      const spec = specOf(type);
      if (!spec) return null;
      record();
      const id = nextId(baseId(type, spec.kind), takenIds());
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
      changed();
      return id;
    },

    addNote(position) {
      record();
      const taken = new Set(get().nodes.filter((n) => n.type === 'note').map((n) => n.id.slice(NOTE_PREFIX.length)));
      const id = NOTE_PREFIX + nextNoteId(taken);
      const note: NoteNode = { id, type: 'note', position, data: { text: '' }, selected: true };
      set((s) => ({ nodes: [...stripSelection(s.nodes), note], edges: stripSelection(s.edges) }));
      changed();
      return id;
    },

    updateConfig(nodeId, field, value) {
      const node = get().nodes.find((n) => n.id === nodeId);
      if (!node || node.type !== 'step') return;
      record(`${nodeId}.${field}`);
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
      changed();
    },

    setLabel(nodeId, label) {
      record(`${nodeId}.#label`);
      set((s) => ({
        nodes: s.nodes.map((n) => {
          if (n.id !== nodeId || n.type !== 'step') return n;
          const data = { ...n.data };
          if (label.trim() === '') delete data.label;
          else data.label = label;
          return { ...n, data };
        }),
      }));
      changed();
    },

    updateNote(id, patch) {
      record(`${id}.#note`);
      set((s) => ({ nodes: s.nodes.map((n) => (n.id === id && n.type === 'note' ? { ...n, data: { ...n.data, ...patch } } : n)) }));
      changed();
    },

    setMeta(patch) {
      const meta = get().meta;
      if (!meta) return;
      set({ meta: { ...meta, ...patch } });
      changed();
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
      record();
      const gone = new Set(nodeIds);
      const goneEdges = new Set(edgeIds);
      set((s) => ({
        nodes: s.nodes.filter((n) => !gone.has(n.id)),
        edges: s.edges.filter((e) => !goneEdges.has(e.id) && !gone.has(e.source) && !gone.has(e.target)),
      }));
      changed();
    },

    copy() {
      const clip = selectionClip();
      if (clip.nodes.length === 0) return 0;
      pasteRound = 0;
      set({ clipboard: clip });
      return clip.nodes.length;
    },

    paste() {
      const clip = get().clipboard;
      if (!clip) return [];
      pasteRound++;
      return pasteClip(clip, PASTE_OFFSET * pasteRound);
    },

    duplicate() {
      return pasteClip(selectionClip(), PASTE_OFFSET);
    },

    undo() {
      const { past, future, nodes, edges } = get();
      const prev = past.at(-1);
      if (!prev) return;
      lastTag = '';
      set({ past: past.slice(0, -1), future: [...future, { nodes, edges }], nodes: prev.nodes, edges: prev.edges });
      changed();
    },

    redo() {
      const { past, future, nodes, edges } = get();
      const next = future.at(-1);
      if (!next) return;
      lastTag = '';
      set({ future: future.slice(0, -1), past: [...past, { nodes, edges }], nodes: next.nodes, edges: next.edges });
      changed();
    },

    async autoLayout() {
      const { nodes, edges, flowId } = get();
      if (!nodes.some((n) => n.type === 'step')) return;
      const laid = await layout(nodes, edges, outputsOf);
      if (get().flowId !== flowId) return;
      record();
      // Apply to the current nodes: anything added while ELK worked keeps its place.
      const pos = new Map(laid.map((n) => [n.id, n.position]));
      set((s) => ({ nodes: s.nodes.map((n) => (pos.has(n.id) ? { ...n, position: pos.get(n.id)! } : n)), fitSeq: s.fitSeq + 1 }));
      changed();
    },

    focusIssue(issue) {
      const nodeId = issue.node_id && get().nodes.some((n) => n.id === issue.node_id) ? issue.node_id : null;
      get().select(nodeId ? [nodeId] : []);
      set((s) => ({ focus: { nodeId, field: issue.field ?? null, seq: (s.focus?.seq ?? 0) + 1 } }));
    },

    async validate() {
      const flow = currentFlow();
      if (!flow) return;
      const seq = get().changeSeq;
      const id = flow.id;
      try {
        const issues = (await backend().validateFlow(flow)) ?? [];
        if (get().changeSeq !== seq || get().flowId !== id) return; // stale
        set((s) => ({ issues, issuesByNode: groupIssues(issues, s.issuesByNode), checkedSeq: seq }));
      } catch (err) {
        toast('error', errorMessage(err));
      }
    },

    async save() {
      const flow = currentFlow();
      if (!flow) return false;
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = undefined;
      const seq = get().changeSeq;
      const id = flow.id;
      set({ saving: true });
      try {
        const doc = await backend().saveFlow(flow);
        if (get().flowId !== id) return true;
        set((s) => ({
          saving: false,
          saveError: null,
          savedSeq: Math.max(s.savedSeq, seq),
          info: doc.info ?? s.info,
          ...(s.changeSeq === seq ? { issues: doc.issues ?? [], issuesByNode: groupIssues(doc.issues ?? [], s.issuesByNode), checkedSeq: seq } : {}),
        }));
        useToasts.getState().dismissKey('save');
        void refreshFlowList();
        return true;
      } catch (err) {
        const msg = errorMessage(err);
        if (get().flowId === id) set({ saving: false, saveError: msg });
        toast('error', translate(lang(), 'toast.saveFailed', { message: msg }), 'save');
        return false;
      }
    },

    async flush() {
      const { meta, changeSeq, savedSeq } = get();
      if (!meta) return;
      if (changeSeq !== savedSeq) await get().save();
    },

    async publish() {
      const id = get().flowId;
      if (!id || !get().meta) return false;
      set({ publishing: true });
      try {
        if (get().changeSeq !== get().savedSeq && !(await get().save())) return false;
        const doc = await backend().publishFlow(id);
        if (get().flowId === id) {
          set((s) => ({ info: doc.info ?? s.info, issues: doc.issues ?? s.issues, issuesByNode: groupIssues(doc.issues ?? s.issues, s.issuesByNode) }));
        }
        toast('success', translate(lang(), 'toast.published', { version: String(doc.info?.published_version ?? '') }), 'publish');
        void refreshFlowList();
        return true;
      } catch (err) {
        // The engine refuses while errors remain; say it in the UI's
        // language, naming the first step at fault, and select that step.
        const errors = get().issues.filter((i) => i.severity === 'error');
        const first = errors.find((i) => i.node_id) ?? errors[0];
        const node = first?.node_id ? get().nodes.find((n) => n.id === first.node_id) : undefined;
        if (first && node && node.type === 'step') {
          const spec = specOf(node.data.nodeType);
          const step = node.data.label || (spec ? spec.title[lang()] || spec.title.en : node.id);
          toast('error', translate(lang(), 'ref.publishBlockedAt', { problem: issueText(first, lang(), spec, node.data.config), step }), 'publish');
          get().focusIssue(first);
        } else {
          toast('error', errors.length > 0 ? translate(lang(), 'toast.publishBlocked', { count: errors.length }) : errorMessage(err), 'publish');
        }
        return false;
      } finally {
        set({ publishing: false });
      }
    },

    setOverlay(overlay) {
      set((s) => ({ overlay, decor: decorate(overlay, s.showNumbers, s.path, s.decor, s.failures) }));
    },

    setShowNumbers(on) {
      writePref(PREF_SHOW_NUMBERS, on ? 'on' : 'off');
      set((s) => ({ showNumbers: on, decor: decorate(s.overlay, on, s.path, s.decor, s.failures) }));
    },

    setPath(path) {
      set((s) => ({ path, decor: decorate(s.overlay, s.showNumbers, path, s.decor, s.failures) }));
    },

    setFailures(failures) {
      set((s) => ({ failures, decor: decorate(s.overlay, s.showNumbers, s.path, s.decor, failures) }));
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
      record();
      const id = nextId(baseId(type, spec.kind), takenIds());
      const config = defaultsOf(spec);
      let pos = below(from, index, Math.max(ports.length, 1));
      let moved = new Set<string>();
      if (old) {
        // Make room: the old next step and everything after it go down one row.
        moved = downstream(old.target, edges, nodeId);
        const target = nodes.find((n) => n.id === old.target);
        if (target) pos = { x: target.position.x, y: pos.y };
      }
      pos = freeSpot(nodes, pos, moved);
      const node: StepNode = { id, type: 'step', position: pos, data: { nodeType: type, config }, selected: true };
      const shift = NODE_HEIGHT + GAP;
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
          ...stripSelection(s.nodes).map((n) => (moved.has(n.id) ? { ...n, position: { x: n.position.x, y: n.position.y + shift } } : n)),
          node,
        ],
        edges: nextEdges,
      }));
      changed();
      return id;
    },
  };
});

// The flow list shows names and versions the editor changes; it is refreshed
// after saves without the two stores importing each other at load time.
let refreshFlowList: () => Promise<void> = async () => {};

/** onFlowSaved registers what to do after the editor saved (the flow list's reload). */
export function onFlowSaved(fn: () => Promise<void>): void {
  refreshFlowList = fn;
}

/** isDirty reports unsaved changes. */
export function isDirty(s: Pick<EditorState, 'changeSeq' | 'savedSeq'>): boolean {
  return s.changeSeq !== s.savedSeq;
}

/** cancelTimers stops pending validation and autosave (tests, teardown). */
export function cancelTimers(): void {
  clearTimers();
}
