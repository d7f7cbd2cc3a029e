// The canvas: React Flow bound to the editor store.
import {
  ControlButton,
  Controls,
  Panel,
  ReactFlow,
  useReactFlow,
  useStore,
  useUpdateNodeInternals,
  type Connection,
  type DefaultEdgeOptions,
  type EdgeTypes,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeChange,
  type OnConnectEnd,
  type ProOptions,
  type ReactFlowState,
} from '@xyflow/react';
import { Activity, ArrowDown, ArrowRight, Copy, Group, Keyboard, LayoutGrid, LayoutTemplate, Maximize, Redo2, StickyNote, Trash2, Undo2 } from 'lucide-react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Category } from '../../../api/types';
import { flowAriaLabels } from '../../../i18n/flowAria';
import { formatNumber } from '../../../i18n/format';
import { useT } from '../../../i18n/useT';
import { specOf } from '../../../stores/catalogue';
import { useEditor } from '../stores/editor';
import { useFunnel } from '../stores/funnel';
import { toast } from '../../../stores/toasts';
import { useFunnelUi } from '../screen/ui';
import { requestDelete } from '../screen/deleting';
import { useLiveNumbers } from '../screen/useLiveNumbers';
import { useFailureBadges } from '../screen/useFailures';
import { AddStepMenu } from './AddStepMenu';
import { NEAR_ZOOM, useDetail } from './detail';
import { useDots } from './dots';
import { edgeNumbers, formatShare } from './overlay';
import { NODE_WIDTH } from './layout';
import { nodeTypes } from './nodeTypes';
import { RouteContext, RouteIndex, RoutedEdge } from './RoutedEdge';
import { useTidyOnOpen } from './tidy';
import { FindStep } from './FindStep';
import { displayEdges, displayNodes, frameMoves, mergedLinks } from './frames';
import { groupSelected } from './frameCommands';
import { CanvasKeys, useA11yElements } from './CanvasKeys';
import { funnelExtent, minimapSize } from './minimap';
import { MinimapView } from './MinimapView';
import { FarPicture } from './FarPicture';
import { afterFirstPicture, deferred, drawsLater, inChunks, lite, LITE_CHUNK, opening, opensLite } from './opening';
import { FIT_MARGIN, fitOptions, isCentring, keepViewport, panInto, savedViewport, saveViewport } from './viewports';
import { overlayKey, type CanvasEdge, type CanvasNode, type Overlay, type PathHighlight } from './types';
import { msg } from '../../../i18n/message';

/** Visible-only rendering pays off past this many nodes (see TOOLCHAIN.md). */
const CULL_FROM = 500;

/**
 * Zoomed in on a funnel of more than CULL_ZOOMED_FROM steps, only the steps
 * in view are drawn: from NEAR_ZOOM (the full cards, detail.ts) most of
 * them are off screen, and in the desktop window each step drawn off
 * screen still costs every frame of a pan (at 200 steps and 100 %, 11.7
 * ms a frame with all drawn, 8.0 with those in view, the floor's 6.0 in
 * the same launch: build/window-bench.sh, WINDOW_BENCH_VARIANTS=cull). It
 * starts as soon as the zoom reaches NEAR_ZOOM (letting go of steps is
 * cheap) and ends only once the view rests below it: drawing the steps
 * back during a zoom out would make one long frame of it, where culling
 * draws them as they come into view and leaves few to draw at rest.
 * Zoomed out most steps are in view, and culling only adds work (15.6 ms
 * a frame against 12.4 at the whole 200-step funnel). Measured at 200
 * steps; up to 150 every step stays drawn at any zoom, as the opening
 * promises (opening.ts: the steps off screen are drawn once the first
 * picture is up; funnels.mjs and diagram.mjs check it, and the links'
 * geometry, on a 120-step funnel).
 */
const CULL_ZOOMED_FROM = 150;
const zoomedInSelector = (s: ReactFlowState) => s.transform[2] >= NEAR_ZOOM;

/**
 * cullSwitch overrides when only the steps in view are drawn, for the
 * window bench's variants (src/perf.ts): 'all' at any zoom and size,
 * 'none' zoomed in below CULL_FROM steps (as before CULL_ZOOMED_FROM).
 */
export const cullSwitch = (() => {
  let mode: 'auto' | 'all' | 'none' = 'auto';
  const listeners = new Set<() => void>();
  return {
    get mode() {
      return mode;
    },
    set(v: 'auto' | 'all' | 'none') {
      if (v === mode) return;
      mode = v;
      for (const l of listeners) l();
    },
    subscribe(l: () => void) {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
  };
})();
const cullSwitchMode = () => cullSwitch.mode;
// MIN_ZOOM lets zoom to fit take in the 1,000-step funnel of the canvas
// benchmark (20 columns by 50 rows, about 6,200 by 9,600 units: 7 % in a
// 1280×800 window); steps keep their name drawn at any zoom (detail.ts).
const MIN_ZOOM = 0.05;
// The minimap redraws every node on each frame of a pan: past a few hundred
// steps it costs more than it helps (the flows map and zoom-to-fit remain).
// A large funnel gets it once the first picture is up (see opening.ts).
const MINIMAP_UP_TO = 400;

// Props given to React Flow are module constants: React Flow copies props
// into its store when their identity changes, and a store update runs every
// step's and link's selectors — a new object per render of the canvas (each
// move of a drag) would cost that for nothing.
// Links are routed around steps (route.ts), never under them.
const EDGE_OPTIONS: DefaultEdgeOptions = { type: 'routed' };
const EDGE_TYPES: EdgeTypes = { routed: RoutedEdge };
const PRO: ProOptions = { hideAttribution: true };
const SNAP: [number, number] = [16, 16];
const MULTI_SELECT = ['Meta', 'Control'];

const widthSelector = (s: ReactFlowState) => s.width;

/**
 * useSelectionInView pans the selected steps back into view when the canvas
 * narrows (the drawer opening on a selection, the palette opening), keeping
 * the zoom: the step just clicked is not left under the drawer.
 */
function useSelectionInView() {
  const rf = useReactFlow<CanvasNode, CanvasEdge>();
  const width = useStore(widthSelector);
  const before = useRef(width);
  useEffect(() => {
    const was = before.current;
    before.current = width;
    if (!width || !was || width >= was || isCentring()) return;
    const selected = useEditor.getState().nodes.filter((n) => n.selected);
    if (selected.length === 0) return;
    const { x, y, zoom } = rf.getViewport();
    const b = rf.getNodesBounds(selected);
    const box = { left: b.x * zoom + x, top: b.y * zoom + y, right: (b.x + b.width) * zoom + x, bottom: (b.y + b.height) * zoom + y };
    const height = document.querySelector('.fp-canvas .react-flow')?.getBoundingClientRect().height ?? 0;
    const { dx, dy } = panInto(box, { left: FIT_MARGIN, top: FIT_MARGIN, right: width - FIT_MARGIN, bottom: Math.max(height - FIT_MARGIN, FIT_MARGIN) });
    if (dx || dy) void rf.setViewport({ x: x + dx, y: y + dy, zoom }, { duration: 200 });
  }, [width, rf]);
}

const MINIMAP_COLOURS: Record<Category | 'note', string> = {
  start: '#16a34a',
  check: '#2563eb',
  wait: '#d97706',
  do: '#7c3aed',
  finish: '#475569',
  note: '#facc15',
};

/**
 * decorateEdges puts the overlay's numbers on the links ("120 · 60%") and
 * marks the links of a highlighted path. Without either it returns the
 * edges as they are, so React Flow sees the same array. A link drawn for
 * several (merged, from frames.ts's mergedLinks: the links into or out of a
 * collapsed frame that join the same two ends) says their total, and is on
 * the path when any of them is; a share only when they all leave one step.
 */
export function decorateEdges(
  edges: CanvasEdge[],
  overlay: Overlay | null,
  path: PathHighlight | null,
  lang: string,
  merged: Map<string, string[]> = new Map(),
): CanvasEdge[] {
  if (!overlay && !path) return edges;
  const nums = overlay ? edgeNumbers(edges, overlay) : null;
  const taken = new Set(path?.edges ?? []);
  const byId = merged.size ? new Map(edges.map((e) => [e.id, e])) : null;
  const onPath = (e: CanvasEdge) => taken.has(overlayKey(e.source, e.sourceHandle));
  return edges.map((e) => {
    const group = merged.get(e.id)?.map((id) => byId!.get(id)!).filter(Boolean) ?? [e];
    let n = nums?.[e.id];
    if (nums && group.length > 1) {
      const count = group.reduce((sum, g) => sum + (nums[g.id]?.count ?? 0), 0);
      const oneStep = group.every((g) => g.source === e.source);
      const shares = group.map((g) => nums[g.id]?.percent ?? null);
      n = { count, percent: oneStep && shares.every((p) => p !== null) ? shares.reduce((a, p) => a! + p!, 0) : null };
    }
    const pathed = group.some(onPath);
    if (!n && !pathed) return e;
    const out: CanvasEdge = { ...e };
    if (n) {
      out.label = n.percent === null ? formatNumber(n.count, lang) : `${formatNumber(n.count, lang)} · ${formatShare(n.percent)}`;
      out.labelStyle = { fontSize: 11, fontWeight: 600, fill: '#0f172a' };
      out.labelBgStyle = { fill: '#fff', stroke: '#cbd5e1' };
      out.labelBgPadding = [5, 3];
      out.labelBgBorderRadius = 4;
    }
    if (pathed) out.className = 'is-path';
    return out;
  });
}

function minimapColour(n: CanvasNode): string {
  if (n.type === 'note') return MINIMAP_COLOURS.note;
  if (n.type === 'frame') return n.data.collapsed ? '#64748b' : 'transparent';
  return MINIMAP_COLOURS[specOf(n.data.nodeType)?.category ?? 'finish'] ?? '#94a3b8';
}

// The link being dragged to new ends, if any: its own output is not "taken".
let reconnecting: string | undefined;
const onReconnectStart = (_e: unknown, edge: CanvasEdge) => (reconnecting = edge.id);
const onReconnectEnd = () => (reconnecting = undefined);

const isValidConnection: IsValidConnection<CanvasEdge> = (c) =>
  useEditor.getState().refusal(
    {
      source: c.source,
      target: c.target,
      sourceHandle: c.sourceHandle ?? null,
      targetHandle: c.targetHandle ?? null,
    },
    reconnecting,
  ) === null;

export function Canvas() {
  const { t, lang } = useT();
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const overlay = useEditor((s) => (s.showNumbers ? s.overlay : null));
  const path = useEditor((s) => s.path);
  const dir = useEditor((s) => (s.meta?.direction === 'right' ? 'right' : 'down'));
  // Frames are drawn around their steps; a collapsed one hides them and takes their links (frames.ts).
  const framed = useMemo(() => displayNodes(nodes, dir), [nodes, dir]);
  const shownEdges = useMemo(
    () => displayEdges(decorateEdges(edges, overlay, path, lang, overlay || path ? mergedLinks(edges, nodes) : undefined), nodes),
    [edges, overlay, path, lang, nodes],
  );
  useLiveNumbers();
  useFailureBadges();
  useDetail();
  useDots();
  useTidyOnOpen();
  // The links' routes follow the steps' boxes: taken in during the render
  // (so a link drawn in it sees where the steps are now), told after it.
  const [routes] = useState(() => new RouteIndex());
  routes.sync(framed, dir);
  useLayoutEffect(() => routes.notify(), [routes, framed, dir]);
  useSelectionInView();
  // Moving a frame moves its steps.
  const onNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => {
    const ed = useEditor.getState();
    ed.onNodesChange(frameMoves(changes, ed.nodes, ed.direction()));
  }, []);
  const onEdgesChange = useEditor((s) => s.onEdgesChange);
  // How the flow opens (see opening.ts): a small one fitted, an empty one at
  // zoom 1 (so the first drop does not make the view jump to it), a large
  // one on its start, readable, drawing the steps off screen only once the
  // first picture is up. The component is keyed by flow id, so this is
  // decided once per flow.
  // A funnel opened before comes back where it was left (each funnel keeps
  // its own viewport); the first time, it opens as opening() says.
  // The canvas is keyed by the funnel's id: the one it was made for is its own
  // for its whole life (the editor's moves on to the next funnel first).
  const [flowId] = useState(() => useEditor.getState().flowId);
  const [saved] = useState(() => (flowId ? savedViewport(flowId) : undefined));
  const [open] = useState(() => (saved ? { fit: false } : opening(nodes, (type) => specOf(type)?.category === 'start')));
  // A large funnel's first view needs the pane's width: the first render
  // only measures the pane (before anything is painted), the next draws.
  const probe = useRef<HTMLDivElement>(null);
  const [paneWidth, setPaneWidth] = useState<number | null>(() => (open.start ? null : 0));
  useLayoutEffect(() => {
    if (paneWidth === null) setPaneWidth(probe.current?.getBoundingClientRect().width || window.innerWidth);
  }, [paneWidth]);
  const defaultViewport = useMemo(() => saved ?? (open.start && paneWidth ? open.start(paneWidth) : undefined), [saved, open, paneWidth]);
  const [offscreenLater, setOffscreenLater] = useState(() => drawsLater(nodes, saved, { width: window.innerWidth, height: window.innerHeight }));
  // Reopened far out, the steps are first drawn as their far-out boxes, and get their full cards after the first picture (opening.ts).
  const [fullCards, setFullCards] = useState(() => (opensLite(nodes, saved) ? 0 : Infinity));
  const shownNodes = useMemo(() => {
    const shown = offscreenLater ? framed.map(deferred) : framed;
    if (fullCards === Infinity) return shown;
    let i = 0;
    return shown.map((n) => (n.type === 'step' && i++ >= fullCards ? lite(n) : n));
  }, [framed, offscreenLater, fullCards]);
  useEffect(() => (offscreenLater && paneWidth !== null ? afterFirstPicture(() => setOffscreenLater(false)) : undefined), [offscreenLater, paneWidth]);
  const updateNodeInternals = useUpdateNodeInternals();
  useEffect(() => {
    if (fullCards !== 0) return;
    let shown = 0;
    let frame = 0;
    const stop = inChunks(() => {
      const steps = useEditor.getState().nodes.filter((n) => n.type === 'step');
      const ids = steps.slice(shown, shown + LITE_CHUNK).map((n) => n.id);
      shown += LITE_CHUNK;
      setFullCards(shown >= steps.length ? Infinity : shown);
      // The full cards' dots are measured where they are drawn (the boxes had them at the same places, at their usual height).
      frame = requestAnimationFrame(() => updateNodeInternals(ids));
      return shown >= steps.length;
    });
    return () => {
      stop();
      cancelAnimationFrame(frame);
    };
    // Once per opening: the chunks count up from the first picture.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  // Names, one Tab stop and the keyboard's moves (issue #22).
  const a11y = useA11yElements(shownNodes, shownEdges, { nodes, edges });
  // React Flow's words in the UI language; the steps' help says the canvas's own keys (CanvasKeys.tsx).
  const ariaLabels = useMemo(() => ({ ...flowAriaLabels(lang), ...a11y.labels }), [lang, a11y.labels]);

  const onConnect = useCallback(
    (c: Connection) => {
      const why = useEditor.getState().connect(c);
      if (why) toast('warning', msg(`refuse.${why}`), 'connect');
    },
    [t],
  );

  // A link dropped on a step's body (not exactly on its input dot) still
  // links to it; a refused link says why.
  const onConnectEnd: OnConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.fromNode || !state.fromHandle) return;
      let targetId = state.toNode?.id;
      if (!targetId) {
        const pt = 'changedTouches' in event ? event.changedTouches[0] : (event as MouseEvent);
        const el = pt ? document.elementFromPoint(pt.clientX, pt.clientY) : null;
        targetId = el?.closest<HTMLElement>('.react-flow__node')?.dataset.id;
      }
      if (!targetId) return;
      // Started from an input dot: which output of the other step is meant is unknown.
      if (state.fromHandle.type !== 'source') return;
      // Released over the step it started from, away from any dot: no attempt.
      if (targetId === state.fromNode.id && !state.toNode) return;
      const c: Connection = { source: state.fromNode.id, sourceHandle: state.fromHandle.id ?? null, target: targetId, targetHandle: 'in' };
      const why = useEditor.getState().connect(c);
      if (why) toast('warning', msg(`refuse.${why}`), 'connect');
    },
    [t],
  );

  const onReconnect = useCallback(
    (old: CanvasEdge, c: Connection) => {
      const why = useEditor.getState().reconnect(old.id, c);
      if (why) toast('warning', msg(`refuse.${why}`), 'connect');
    },
    [t],
  );

  // While the far-out picture shows with every step drawn already, they
  // are all kept drawn: nothing mounts or unmounts at the view's edges
  // while the view moves (FarPicture.tsx). Kept for good, zoomed-in pans
  // and drags of 1,000 steps cost twice the floor's CPU a frame.
  const [whole, setWhole] = useState(false);
  const cullMode = useSyncExternalStore(cullSwitch.subscribe, cullSwitchMode);
  // Zoomed in, only the steps in view (CULL_ZOOMED_FROM): at once from
  // NEAR_ZOOM, until the view rests below it (onMoveEnd).
  const zoomedIn = useStore(zoomedInSelector);
  const [cullZoomed, setCullZoomed] = useState(zoomedIn);
  if (zoomedIn && !cullZoomed) setCullZoomed(true);

  const empty = !nodes.some((n) => n.type === 'step');
  // The minimap's box follows the funnel's shape (a new style object only when the size changes).
  const extent = useMemo(() => funnelExtent(nodes), [nodes]);
  const mm = minimapSize(extent.w, extent.h);
  const minimapStyle = useMemo(() => ({ width: mm.width, height: mm.height }), [mm.width, mm.height]);

  // After a layout, show the whole funnel (once React Flow has the new positions).
  const fitSeq = useEditor((s) => s.fitSeq);
  const rf = useReactFlow();
  const firstFit = useRef(fitSeq);
  useEffect(() => {
    if (fitSeq === firstFit.current) return;
    // A funnel stored without positions is laid out each time it opens; one
    // coming back to where it was left stays there (the layout is the same).
    // A "Tidy up" is in the history, and fits.
    if (saved && useEditor.getState().past.length === 0) return;
    const frame = window.requestAnimationFrame(() => void rf.fitView(fitOptions(250)));
    return () => window.cancelAnimationFrame(frame);
  }, [fitSeq, rf, saved]);

  const mounted = useRef(false);
  // Zoom to fit measures the overlays once they are drawn (onInit), so the
  // fitted steps are clear of them; React Flow's own fitView prop would use
  // fixed padding. rf.fitView waits for the steps to be measured.
  const onInit = useCallback(() => {
    mounted.current = true;
    if (open.fit) void rf.fitView(fitOptions());
  }, [open, rf]);
  // Where the funnel is left is remembered: once the view rests after a
  // move (keepViewport: React Flow ends a move at each view set from code,
  // each frame of an overview drag), and when
  // another funnel replaces it (the view React Flow shares is still its own
  // then: the next canvas sets it once mounted).
  const onMoveEnd = useCallback(
    (_: unknown, vp: { x: number; y: number; zoom: number }) => {
      if (vp.zoom < NEAR_ZOOM) setCullZoomed(false);
      if (flowId) keepViewport(flowId, vp);
    },
    [flowId],
  );
  useEffect(
    () => () => {
      if (mounted.current && flowId) saveViewport(flowId, rf.getViewport());
    },
    [flowId, rf],
  );

  if (paneWidth === null) return <div ref={probe} className="fp-canvas-probe" />;
  return (
    <RouteContext.Provider value={routes}>
      <ReactFlow<CanvasNode, CanvasEdge>
        nodes={a11y.nodes}
        edges={a11y.edges}
        nodeTypes={nodeTypes}
        edgeTypes={EDGE_TYPES}
        className={path ? 'fp-path-active' : undefined}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onReconnect={onReconnect}
        onReconnectStart={onReconnectStart}
        onReconnectEnd={onReconnectEnd}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={MULTI_SELECT}
        snapToGrid
        snapGrid={SNAP}
        defaultViewport={defaultViewport}
        onInit={onInit}
        onMoveEnd={onMoveEnd}
        tabIndex={-1}
        minZoom={MIN_ZOOM}
        maxZoom={2}
        onlyRenderVisibleElements={
          offscreenLater ||
          cullMode === 'all' ||
          (nodes.length > CULL_FROM && !whole) ||
          (cullMode === 'auto' && cullZoomed && nodes.length > CULL_ZOOMED_FROM && !whole)
        }
        defaultEdgeOptions={EDGE_OPTIONS}
        connectionRadius={28}
        proOptions={PRO}
        aria-label={t('canvas.label')}
        ariaLabelConfig={ariaLabels}
      >
        <Controls showInteractive={false} showFitView={false}>
          <ControlButton onClick={() => void rf.fitView(fitOptions(200))} className="react-flow__controls-fitview" title={t('canvas.fit')} aria-label={t('canvas.fit')} data-testid="fit-view">
            <Maximize />
          </ControlButton>
        </Controls>
        {!offscreenLater && nodes.length <= MINIMAP_UP_TO && <MinimapView style={minimapStyle} colour={minimapColour} ariaLabel={t('canvas.minimap')} />}
        {empty && (
          <Panel position="top-center" className="fp-empty-panel">
            <div className="fp-empty" data-testid="canvas-empty">
              <h2>{t('canvas.empty.title')}</h2>
              <p>{t('canvas.empty.body')}</p>
              <button type="button" className="fp-btn fp-empty-gallery" onClick={() => useFunnelUi.getState().open('new', 'gallery')} data-testid="empty-gallery">
                <LayoutTemplate size={15} /> {t('canvas.empty.gallery')}
              </button>
            </div>
          </Panel>
        )}
        <FarPicture onWhole={setWhole} />
        <AddStepMenu />
        <FindStep />
        <CanvasKeys />
      </ReactFlow>
    </RouteContext.Provider>
  );
}

/** CanvasToolbar is the canvas's tools, in a bar above it (never over the steps). */
export function CanvasToolbar() {
  const { t } = useT();
  const rf = useReactFlow();
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const hasSelection = useEditor((s) => s.nodes.some((n) => n.selected) || s.edges.some((e) => e.selected));
  const hasSteps = useEditor((s) => s.nodes.some((n) => n.type === 'step'));
  const published = useEditor((s) => (s.info?.published_version ?? 0) > 0);
  const showNumbers = useEditor((s) => s.showNumbers);
  const simulated = useEditor((s) => s.overlay?.source === 'simulation');
  const liveError = useFunnel((s) => s.liveError);
  const ed = useEditor.getState;

  const addNote = () => {
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    const p = pane ? rf.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + 80 }) : { x: 0, y: 0 };
    ed().addNote({ x: p.x - NODE_WIDTH / 2, y: p.y });
  };
  const tidy = () => ed().autoLayout();
  const hasStepSelected = useEditor((s) => s.nodes.some((n) => n.selected && n.type === 'step'));
  const right = useEditor((s) => s.meta?.direction === 'right');

  return (
    <div className="fp-toolbar" role="toolbar">
      <button type="button" className="fp-icon-btn" onClick={() => ed().undo()} disabled={!canUndo} title={t('canvas.undo')} aria-label={t('canvas.undo')}>
        <Undo2 size={16} />
      </button>
      <button type="button" className="fp-icon-btn" onClick={() => ed().redo()} disabled={!canRedo} title={t('canvas.redo')} aria-label={t('canvas.redo')}>
        <Redo2 size={16} />
      </button>
      <span className="fp-toolbar-sep" />
      <button type="button" className="fp-icon-btn" onClick={() => ed().duplicate()} disabled={!hasSelection} title={t('canvas.duplicate')} aria-label={t('canvas.duplicate')}>
        <Copy size={16} />
      </button>
      <button type="button" className="fp-icon-btn" onClick={requestDelete} disabled={!hasSelection} title={t('canvas.delete')} aria-label={t('canvas.delete')}>
        <Trash2 size={16} />
      </button>
      <span className="fp-toolbar-sep" />
      <button type="button" className="fp-btn fp-btn-ghost" onClick={addNote} title={t('canvas.addNoteHint')}>
        <StickyNote size={16} /> <span className="fp-btn-label">{t('canvas.addNote')}</span>
      </button>
      <button type="button" className="fp-btn fp-btn-ghost" onClick={() => void tidy()} disabled={!hasSteps} title={t('canvas.layoutHint')} data-testid="auto-layout">
        <LayoutGrid size={16} /> <span className="fp-btn-label">{t('canvas.layout')}</span>
      </button>
      <button
        type="button"
        className="fp-btn fp-btn-ghost"
        onClick={() => void ed().setDirection(right ? 'down' : 'right')}
        disabled={!hasSteps}
        title={`${t('canvas.directionHint')} — ${right ? t('canvas.direction.right') : t('canvas.direction.down')}`}
        aria-label={`${t('canvas.direction')}: ${right ? t('canvas.direction.right') : t('canvas.direction.down')}`}
        data-testid="direction"
        data-direction={right ? 'right' : 'down'}
      >
        {right ? <ArrowRight size={16} /> : <ArrowDown size={16} />} <span className="fp-btn-label">{right ? t('canvas.direction.right') : t('canvas.direction.down')}</span>
      </button>
      <button type="button" className="fp-btn fp-btn-ghost" onClick={groupSelected} disabled={!hasStepSelected} title={t('frame.groupHint')} data-testid="group-frame">
        <Group size={16} /> <span className="fp-btn-label">{t('frame.group')}</span>
      </button>
      {(published || simulated) && (
        <>
          <span className="fp-toolbar-sep" />
          <button
            type="button"
            className={`fp-btn fp-btn-ghost fp-toggle ${showNumbers ? 'is-on' : ''}`}
            aria-pressed={showNumbers}
            onClick={() => ed().setShowNumbers(!showNumbers)}
            title={liveError ? t('numbers.failed', { message: liveError }) : simulated ? t('numbers.hintSimulation') : t('numbers.hint')}
            data-testid="toggle-numbers"
          >
            <Activity size={16} /> <span className="fp-btn-label">{t('numbers.toggle')}</span>
          </button>
        </>
      )}
      <span className="fp-toolbar-sep" />
      <button type="button" className="fp-icon-btn" onClick={() => useFunnelUi.getState().open('shortcuts')} title={t('keys.open')} aria-label={t('keys.open')} data-testid="open-shortcuts">
        <Keyboard size={16} />
      </button>
    </div>
  );
}
