// The window benchmark's page side (build/window-bench.sh). The page notes
// two moments while it starts — the first frame with the app shell, and the
// first frame where the shell is usable (catalogue and funnel list loaded) —
// and keeps them in memory. Only when the Go side runs with
// $FLIGHTPLAN_PERF_OUT does it hand the page a plan (app/perf.go, on DOM
// ready); the page then reports those moments, opens and pans each funnel of
// the plan, reports what it measured through the bound methods and says it
// is done. Without a plan nothing is sent anywhere.
import { CPUTime, PerfDone, ReportMark, ReportTiming } from '../wailsjs/go/app/Perf';
import { backend } from './api/backend';
import { useCatalogue } from './stores/catalogue';
import { useEditor } from './features/funnel/stores/editor';
import { useFlows } from './features/funnel/stores/flows';
import { floorGraph, mountFloor } from './perfFloor';
import { useRoom } from './features/funnel/screen/room';
import { renderStats } from './features/funnel/canvas/StepNodeView';
import { edgeRenderStats } from './features/funnel/canvas/RoutedEdge';
import { pictureSwitch } from './features/funnel/canvas/farPicture';
import { cullSwitch } from './features/funnel/canvas/Canvas';

interface Plan {
  flows: string[] | null;
  panMs: number;
  variants?: string[] | null;
}

/**
 * VARIANTS are parts of the canvas a variant leaves undrawn
 * (FLIGHTPLAN_PERF_VARIANTS=a,b): the product is panned again without them,
 * in the same launch as the floor, so each part's share of a frame shows as
 * the CPU a frame saves without it. Each hides by visibility (or a
 * transparent fill), never by display: nothing is laid out, measured or
 * routed again, only less is painted.
 */
export const VARIANTS: Record<string, string> = {
  // The links.
  edges: '.react-flow__edge { visibility: hidden }',
  // Every connection dot (inputs and outputs).
  handles: '.fp-canvas .react-flow__handle { visibility: hidden }',
  // The category icons (an SVG of a few paths in a tinted, rounded square).
  icons: '.fp-canvas .fp-node-icon { visibility: hidden }',
  // The words drawn on a step: title, kind, summary, port labels, the large zoomed-out title.
  words:
    '.fp-canvas .fp-node-titles, .fp-canvas .fp-node-summary, .fp-canvas .fp-port-label, .fp-canvas .fp-node-failure { visibility: hidden } .fp-canvas .fp-node::after { visibility: hidden }',
  // The category's stripe over the top edge.
  stripe: '.fp-canvas .fp-node::before { visibility: hidden }',
  // Rounded corners: the card and its stripe square.
  radius: '.fp-canvas .fp-node, .fp-canvas .fp-node::before, .fp-canvas .fp-node-icon { border-radius: 0 !important }',
  // The card's own box: no fill, no border (its content stays).
  box: '.fp-canvas .fp-node { background: transparent !important; border-color: transparent !important }',
  // The whole step (only React Flow's empty wrapper is left).
  cards: '.fp-canvas .fp-node { visibility: hidden }',
  // Nothing at all: the cost of React Flow moving the view and of the window
  // (React Flow sets each node's visibility inline: hence !important).
  nothing: '.fp-canvas .react-flow__node, .react-flow__edge { visibility: hidden !important }',
  // A plain card: the box, its stripe and the title only (what a level of detail draws, as the tiny band of styles.css does).
  plain:
    '.fp-canvas .react-flow__handle, .fp-canvas .fp-node-head, .fp-canvas .fp-node-summary, .fp-canvas .fp-node-ports, .fp-canvas .fp-node-failure, .fp-canvas .fp-node-numbers { visibility: hidden }',
  // Not a part left out but the card as it was before the plain far-out
  // card and the plain stripe (issue #14), to measure what they bought in
  // the same launch.
  before: `.fp-canvas .fp-node::before { height: 10px; margin: -3px -1px -7px; border-radius: 10px 10px 0 0; background: linear-gradient(var(--cat) 3px, transparent 3px) }
    .react-flow[data-lod='tiny'] .fp-node { border-radius: 10px; background: var(--panel) }
    .react-flow[data-lod='tiny'] .fp-node::before, .react-flow[data-lod='tiny'] .fp-node-icon, .react-flow[data-lod='tiny'] .fp-node-titles,
    .react-flow[data-lod='tiny'] .fp-node-summary, .react-flow[data-lod='tiny'] .fp-node-failure, .react-flow[data-lod='tiny'] .fp-node-ports,
    .react-flow[data-lod='tiny'] .react-flow__handle { visibility: visible }`,
  // The overview alone.
  minimap: '.fp-canvas .react-flow__minimap { visibility: hidden }',
  // The zoom buttons alone.
  controls: '.fp-canvas .react-flow__controls { visibility: hidden }',
  // The overlays' rounded clips: square, unclipped.
  clips: '.fp-canvas .react-flow__minimap, .fp-canvas .react-flow__controls { overflow: visible !important; border-radius: 0 !important }',
  // The overlays over the canvas: minimap, zoom buttons.
  overlays: '.fp-canvas .react-flow__panel { visibility: hidden }',
  // Not a part left out: the view on a layer of its own (will-change).
  layer: '.fp-canvas .react-flow__viewport { will-change: transform }',
  // Not a part left out: only the steps in view drawn, at any size and zoom (cullSwitch in canvas/Canvas.tsx).
  cull: '',
  // Not a part left out: every step drawn when zoomed in below 500 steps, as before CULL_ZOOMED_FROM (canvas/Canvas.tsx).
  nocull: '',
  // The output slots not positioned (each positioned box is one more layer for the window to walk at each frame; the dots move).
  portstatic: '.fp-canvas .fp-port { position: static !important }',
  // The words' clips (overflow: hidden for the ellipsis and the two-line cut) left out.
  wordclips:
    '.fp-canvas .fp-node-title, .fp-canvas .fp-node-type, .fp-canvas .fp-node-summary, .fp-canvas .fp-port-label { overflow: visible !important }',
  // Not a part left out but the far-out picture turned off (farPicture.ts):
  // the steps and links drawn by React Flow while the view moves far out.
  nopicture: '',
};

/** VARIANT_ROUNDS is how many times each variant is panned (the least CPU per frame is kept). */
const VARIANT_ROUNDS = 3;

interface ViewportStore {
  getState(): {
    transform: [number, number, number];
    nodeLookup: Map<string, { measured?: { width?: number } }>;
    panZoom: { setViewport(v: { x: number; y: number; zoom: number }, o?: { duration?: number }): unknown } | null;
  };
}

declare global {
  interface Window {
    __flightplanPerfPlan?: Plan;
    __flightplanPerf?: () => void;
  }
}

const marks: { shell_painted?: number; window_ready?: number } = {};
let startupDone: Promise<void> | null = null;
let running = false;

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * startPerf notes when the shell is first painted and first usable (a check
 * per frame until then, for at most a minute), and waits for a plan.
 */
export function startPerf(): void {
  startupDone = (async () => {
    const until = performance.now() + 60_000;
    while (performance.now() < until && marks.window_ready === undefined) {
      // A state seen in one frame is on screen at the next one.
      const shell = document.querySelector('.fp-app') !== null;
      const usable = shell && useCatalogue.getState().status === 'ready' && useFlows.getState().loaded;
      await frame();
      const now = Date.now();
      if (shell && marks.shell_painted === undefined) marks.shell_painted = now;
      if (usable) marks.window_ready = now;
    }
  })();
  window.__flightplanPerf = () => void run();
  if (window.__flightplanPerfPlan) void run();
}

async function run(): Promise<void> {
  const plan = window.__flightplanPerfPlan;
  if (!plan || running) return;
  running = true;
  let problem = '';
  try {
    await startupDone;
    if (marks.shell_painted !== undefined) await ReportMark('shell_painted', marks.shell_painted);
    if (marks.window_ready === undefined) throw new Error('the shell was not ready within a minute');
    await ReportMark('window_ready', marks.window_ready);
    for (const id of plan.flows ?? []) await measureFlow(id, plan.panMs || 3000, plan.variants ?? []);
  } catch (err) {
    problem = err instanceof Error ? err.message : String(err);
  }
  await PerfDone(problem);
}

/** measureFlow opens a funnel from a closed canvas, then pans it and drags a step, each beside the floor. */
async function measureFlow(id: string, panMs: number, variants: string[]): Promise<void> {
  for (const v of variants) if (!(v in VARIANTS)) throw new Error(`no variant ${v} (there are ${Object.keys(VARIANTS).join(', ')})`);
  // Let the funnel the app reopens at start-up settle, then close it.
  await waitFor(() => useFlows.getState().loaded && !useEditor.getState().loading, 30_000, 'the funnel list');
  await sleep(500);
  useEditor.getState().close();
  await frame();
  await frame();
  await sleep(300);

  // The backend's part: from asking to the moment the editor holds the
  // funnel (the IPC, the backend's load and validation, the conversion to
  // steps and links), before React draws anything.
  let loadedAt = 0;
  const unsub = useEditor.subscribe((s) => {
    if (!loadedAt && s.flowId === id && !s.loading && s.nodes.length > 0) loadedAt = performance.now();
  });
  // React's part: to the moment its first render has put steps in the page
  // (a mutation observer runs just after React's commit).
  let renderedAt = 0;
  const seen = new MutationObserver(() => {
    if (!renderedAt && document.querySelector('.react-flow__node-step')) {
      renderedAt = performance.now();
      seen.disconnect();
    }
  });
  seen.observe(document.body, { childList: true, subtree: true });
  const t0 = performance.now();
  try {
    await useEditor.getState().open(id);
  } finally {
    unsub();
  }
  const fetchMs = (loadedAt || performance.now()) - t0;
  const err = useEditor.getState().loadError;
  if (err) throw new Error(`opening ${id}: ${err}`);
  // Done at the first frame with steps drawn and every one measured by
  // React Flow (until then it hides a step or draws no links to it), as in
  // the canvas benchmark (src/features/funnel/canvas/bench.tsx).
  await waitFor(
    () => {
      const drawn = document.querySelectorAll<HTMLElement>('.react-flow__node-step');
      const lookup = viewportStore()?.getState().nodeLookup;
      return !!lookup && drawn.length > 0 && [...drawn].every((el) => lookup.get(el.dataset.id ?? '')?.measured?.width !== undefined);
    },
    60_000,
    `the steps of ${id}`,
  );
  // Steps are measured just before a paint: the frame that finds them all
  // shown starts once they are on screen.
  const openMs = performance.now() - t0;
  seen.disconnect();
  const renderMs = renderedAt ? renderedAt - t0 : NaN;
  // The backend alone, asked again (warm): what the IPC and Go take.
  const b0 = performance.now();
  await backend().getFlow(id);
  const backendMs = performance.now() - b0;
  const steps = useEditor.getState().nodes.filter((n) => n.type === 'step').length;
  const mounted = document.querySelectorAll('.react-flow__node-step').length;

  // A large funnel opens on its start and draws the steps off screen just
  // after (src/features/funnel/canvas/opening.ts): once their number holds still, pan over
  // the whole funnel fitted to the window, the most steps on screen at once.
  let drawn = -1;
  for (let still = 0; still < 3; ) {
    await sleep(150);
    const now = document.querySelectorAll('.react-flow__node-step').length;
    still = now === drawn ? still + 1 : 0;
    drawn = now;
  }
  document.querySelector<HTMLButtonElement>('.react-flow__controls-fitview')?.click();
  await sleep(500); // the fit-view and layout settle
  const store = viewportStore();
  const pz = store?.getState().panZoom;
  if (!store || !pz) throw new Error('no React Flow viewport to pan');
  const [fx, fy, fzoom] = store.getState().transform;
  const fitted = { x: fx, y: fy, zoom: fzoom };
  // Zoomed in: 100 %, the first step at the top middle of the pane.
  const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
  const first = useEditor.getState().nodes.find((n) => n.type === 'step')!;
  const zoomed = { x: pane.width / 2 - first.position.x - 124, y: 80 - first.position.y, zoom: 1 };
  // React's work while the view moves: steps and links rendered (none is the aim: the view moves by a transform).
  const rendered = { steps: 0, links: 0 };
  // The longest frame once a pan of the product stops: far out, the frame
  // where the real steps come back in place of the picture (farPicture.ts).
  const settled: number[] = [];
  const product = async (v: View) => {
    const [s0, l0] = [renderStats.count, edgeRenderStats.count];
    const r = await withCPU(() => pan((w) => void pz.setViewport(w), v, panMs));
    rendered.steps = Math.max(rendered.steps, renderStats.count - s0);
    rendered.links = Math.max(rendered.links, edgeRenderStats.count - l0);
    if (v === fitted) settled.push(await longestFrame(700));
    return r;
  };

  // The floor: the same steps (sizes as measured) and links, raw React
  // Flow, over the same area; mounted once, shown in turn with the product
  // (product, floor, product, floor) so that a busy moment of the machine
  // falls on both.
  const sizes = new Map<string, { width: number; height: number }>();
  for (const [nid, n] of store.getState().nodeLookup) {
    const m = n.measured as { width?: number; height?: number } | undefined;
    if (m?.width && m.height) sizes.set(nid, { width: m.width, height: m.height });
  }
  const floorStart = performance.now();
  const floor = await mountFloor(floorGraph(useEditor.getState().nodes, useEditor.getState().edges, sizes), pane);
  // The floor's first picture: mounted with every node measured (no backend, no deferral).
  const floorOpenMs = performance.now() - floorStart;
  const host = floor.host;
  const floorPan = async (v: View) => {
    host.style.visibility = 'visible';
    await frame();
    const r = await withCPU(() => pan((w) => void floor.instance.setViewport(w), v, panMs));
    host.style.visibility = 'hidden';
    await frame();
    return r;
  };
  host.style.visibility = 'hidden';
  await frame();
  const runs: Record<string, Motion[]> = {
    fit: [],
    floor_fit: [],
    zoomed: [],
    floor_zoomed: [],
    drag_fit: [],
    floor_drag_fit: [],
    drag_zoomed: [],
    floor_drag_zoomed: [],
  };
  try {
    // Zooming in from the whole funnel to 60 % in half a second (30
    // frames), across the far-out picture's threshold: the longest frame,
    // the move and the 700 ms after it, for the product and the floor.
    const crossing: number[] = [];
    const floorCrossing: number[] = [];
    for (let round = 0; round < 2; round++) {
      crossing.push(await zoomAcross((w) => void pz.setViewport(w), fitted, 0.6));
      host.style.visibility = 'visible';
      await frame();
      floorCrossing.push(await zoomAcross((w) => void floor.instance.setViewport(w), fitted, 0.6));
      host.style.visibility = 'hidden';
      await frame();
    }
    await ReportTiming(`flow.${id}.cross_worst_ms`, Math.min(...crossing));
    await ReportTiming(`flow.${id}.floor_cross_worst_ms`, Math.min(...floorCrossing));
    // The first frame of a far-out pan, the view resting at the whole
    // funnel after a change (a step selected and let go): the picture is
    // drawn ahead meanwhile (farPicture.ts); without that (noAhead), in
    // the same launch, for what it buys.
    const firstFar: Record<'ahead' | 'none', number[]> = { ahead: [], none: [] };
    for (let round = 0; round < 2; round++) {
      for (const k of ['ahead', 'none'] as const) {
        pictureSwitch.noAhead = k === 'none';
        void pz.setViewport(fitted);
        useEditor.getState().select([first.id]);
        await sleep(100);
        useEditor.getState().select([]);
        await sleep(700);
        firstFar[k].push((await pan((w) => void pz.setViewport(w), fitted, 200)).worst);
        await sleep(400);
      }
    }
    pictureSwitch.noAhead = false;
    await ReportTiming(`flow.${id}.first_far_frame_ms`, Math.min(...firstFar.ahead));
    await ReportTiming(`flow.${id}.first_far_frame_noahead_ms`, Math.min(...firstFar.none));
    for (let round = 0; round < 2; round++) {
      runs.fit!.push(await product(fitted));
      runs.floor_fit!.push(await floorPan(fitted));
      runs.zoomed!.push(await product(zoomed));
      runs.floor_zoomed!.push(await floorPan(zoomed));
    }
    // Dragging a step: the one nearest the middle of the whole funnel, and
    // the first one zoomed in. A step pressed opens the side drawer (once:
    // it stays open), which narrows the canvas; open it first and lay the
    // floor over the narrower pane, so both drag over the same area.
    openDrawerForDrag();
    await sleep(400);
    const narrow = document.querySelector('.fp-canvas .react-flow')!.getBoundingClientRect();
    Object.assign(host.style, { left: `${narrow.left}px`, top: `${narrow.top}px`, width: `${narrow.width}px`, height: `${narrow.height}px` });
    await sleep(200);
    const fitStep = nearestStep(fitted, narrow);
    const productDrag = async (v: View, stepId: string) => {
      void pz.setViewport(v);
      await sleep(150);
      const el = document.querySelector<HTMLElement>(`.fp-canvas .react-flow__node[data-id="${CSS.escape(stepId)}"]`);
      if (!el) throw new Error(`no step ${stepId} to drag`);
      const r = await withCPU(() => drag(el, panMs));
      // The move is in the history: take it back, and the selection with it.
      useEditor.getState().undo();
      useEditor.getState().select([]);
      await sleep(150);
      return r;
    };
    const floorDrag = async (v: View, stepId: string) => {
      host.style.visibility = 'visible';
      void floor.instance.setViewport(v);
      await sleep(150);
      const el = host.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(stepId)}"]`);
      if (!el) throw new Error(`no floor node ${stepId} to drag`);
      const r = await withCPU(() => drag(el, panMs));
      host.style.visibility = 'hidden';
      await frame();
      return r;
    };
    for (let round = 0; round < 2; round++) {
      runs.drag_fit!.push(await productDrag(fitted, fitStep));
      runs.floor_drag_fit!.push(await floorDrag(fitted, fitStep));
      runs.drag_zoomed!.push(await productDrag(zoomed, first.id));
      runs.floor_drag_zoomed!.push(await floorDrag(zoomed, first.id));
    }
    // The variants, panned as the product was, over the same pane as the
    // floor (the drawer closed again): in rounds of the full product, each
    // variant and the floor, so that a busy moment of the machine falls on
    // one pan of each; the least CPU per frame of each is kept.
    if (variants.length > 0) {
      useRoom.getState().setDrawerOpen(false);
      void pz.setViewport(fitted);
      await sleep(500);
      const style = document.createElement('style');
      document.head.appendChild(style);
      try {
        for (let round = 0; round < VARIANT_ROUNDS; round++) {
          for (const [k, v] of [['fit', fitted], ['zoomed', zoomed]] as const) {
            for (const name of ['all', ...variants]) {
              style.textContent = name === 'all' ? '' : VARIANTS[name]!;
              pictureSwitch.off = name === 'nopicture';
              cullSwitch.set(name === 'cull' ? 'all' : name === 'nocull' ? 'none' : 'auto');
              await frame();
              // Steps mounted or let go by the switch settle first.
              await sleep(300);
              (runs[`variant_${name}_${k}`] ??= []).push(await product(v));
            }
            (runs[`variant_floor_${k}`] ??= []).push(await floorPan(v));
          }
        }
      } finally {
        pictureSwitch.off = false;
        cullSwitch.set('auto');
        style.remove();
      }
    }
  } finally {
    floor.remove();
  }
  const best = (k: string) => Math.max(...runs[k]!.map((r) => r.fps));
  // CPU per frame: the least of each pair (the busy moments of others add to it, never take from it).
  const cpu = (k: string) => Math.min(...runs[k]!.map((r) => (r.cpuMs < 0 ? Infinity : r.cpuMs / Math.max(1, r.frames))));
  for (const k of Object.keys(runs)) {
    const c = cpu(k);
    if (Number.isFinite(c)) await ReportTiming(`flow.${id}.${k}_cpu_ms`, c);
  }
  await ReportTiming(`flow.${id}.floor_open_ms`, floorOpenMs);
  await ReportTiming(`flow.${id}.pan_step_renders`, rendered.steps);
  await ReportTiming(`flow.${id}.pan_link_renders`, rendered.links);
  await ReportTiming(`flow.${id}.drag_fps`, best('drag_fit'));
  await ReportTiming(`flow.${id}.floor_drag_fps`, best('floor_drag_fit'));
  await ReportTiming(`flow.${id}.drag_zoomed_fps`, best('drag_zoomed'));
  await ReportTiming(`flow.${id}.floor_drag_zoomed_fps`, best('floor_drag_zoomed'));
  await ReportTiming(`flow.${id}.steps`, steps);
  await ReportTiming(`flow.${id}.mounted`, mounted);
  await ReportTiming(`flow.${id}.fetch_ms`, fetchMs);
  await ReportTiming(`flow.${id}.backend_ms`, backendMs);
  if (Number.isFinite(renderMs)) await ReportTiming(`flow.${id}.render_ms`, renderMs);
  await ReportTiming(`flow.${id}.open_ms`, openMs);
  await ReportTiming(`flow.${id}.pan_fps`, best('fit'));
  await ReportTiming(`flow.${id}.pan_worst_frame_ms`, Math.min(...runs.fit!.map((r) => r.worst)));
  await ReportTiming(`flow.${id}.floor_pan_worst_frame_ms`, Math.min(...runs.floor_fit!.map((r) => r.worst)));
  await ReportTiming(`flow.${id}.drag_worst_frame_ms`, Math.min(...runs.drag_fit!.map((r) => r.worst)));
  await ReportTiming(`flow.${id}.floor_drag_worst_frame_ms`, Math.min(...runs.floor_drag_fit!.map((r) => r.worst)));
  await ReportTiming(`flow.${id}.settle_worst_ms`, Math.min(...settled));
  await ReportTiming(`flow.${id}.floor_pan_fps`, best('floor_fit'));
  await ReportTiming(`flow.${id}.pan_zoomed_fps`, best('zoomed'));
  await ReportTiming(`flow.${id}.floor_pan_zoomed_fps`, best('floor_zoomed'));
  // Back where the product's canvas was.
  void pz.setViewport(fitted);
}

/** openDrawerForDrag opens the side drawer as pressing a step would. */
function openDrawerForDrag(): void {
  useRoom.getState().setDrawerOpen(true);
}

/** nearestStep is the step whose middle is nearest the middle of the pane, in a view. */
function nearestStep(v: View, pane: DOMRect): string {
  const cx = (pane.width / 2 - v.x) / v.zoom;
  const cy = (pane.height / 2 - v.y) / v.zoom;
  let best = '';
  let dist = Infinity;
  for (const n of useEditor.getState().nodes) {
    if (n.type !== 'step') continue;
    const d = Math.hypot(n.position.x + 124 - cx, n.position.y + 48 - cy);
    if (d < dist) [best, dist] = [n.id, d];
  }
  return best;
}

/**
 * drag presses the mouse on an element's middle, moves it in a circle of
 * 120 px (one move per frame) for ms, and lets go; it returns the frames
 * per second and the longest frame. Mouse events go to the element and
 * the window as a real mouse's would (React Flow drags with d3-drag, which
 * follows the window's mousemove once the node got its mousedown).
 */
function drag(el: HTMLElement, ms: number): Promise<{ fps: number; worst: number; frames: number }> {
  const box = el.getBoundingClientRect();
  const x0 = box.left + box.width / 2;
  const y0 = box.top + Math.min(box.height / 2, 20);
  const at = (x: number, y: number, buttons: number) => ({ bubbles: true, cancelable: true, view: window, clientX: x, clientY: y, screenX: x, screenY: y, button: 0, buttons });
  el.dispatchEvent(new MouseEvent('mousedown', at(x0, y0, 1)));
  return new Promise((resolve) => {
    let t0 = 0;
    let last = 0;
    let worst = 0;
    let frames = 0;
    let x = x0;
    let y = y0;
    const tick = (now: number) => {
      if (t0 === 0) t0 = last = now;
      const t = (now - t0) / 1000;
      worst = Math.max(worst, now - last);
      last = now;
      frames++;
      x = x0 + Math.sin(t * 3) * 120;
      y = y0 + (1 - Math.cos(t * 3)) * 60;
      window.dispatchEvent(new MouseEvent('mousemove', at(x, y, 1)));
      if (now - t0 < ms) requestAnimationFrame(tick);
      else {
        window.dispatchEvent(new MouseEvent('mouseup', at(x, y, 0)));
        resolve({ fps: ((frames - 1) * 1000) / (now - t0), worst, frames: frames - 1 });
      }
    };
    requestAnimationFrame(tick);
  });
}

/** Motion is what a measured pan or drag did: frames per second, its longest frame, its frames and the CPU they took (ms; -1 if unknown). */
interface Motion {
  fps: number;
  worst: number;
  frames: number;
  cpuMs: number;
}

/** withCPU runs a measured motion and adds the CPU time the app's processes used meanwhile. */
async function withCPU(run: () => Promise<{ fps: number; worst: number; frames: number }>): Promise<Motion> {
  const before = await CPUTime();
  const r = await run();
  const after = await CPUTime();
  return { ...r, cpuMs: before < 0 || after < 0 ? -1 : after - before };
}

interface View {
  x: number;
  y: number;
  zoom: number;
}

/** longestFrame watches the frames for ms and returns the longest. */
async function longestFrame(ms: number): Promise<number> {
  let last = await frame();
  const until = last + ms;
  let worst = 0;
  while (last < until) {
    const now = await frame();
    worst = Math.max(worst, now - last);
    last = now;
  }
  return worst;
}

/** zoomAcross zooms from a view to zoom `to` about the pane's middle in 30 frames, and returns the longest frame of the move and of the 700 ms after it. */
async function zoomAcross(set: (v: View) => void, from: View, to: number): Promise<number> {
  set(from);
  await sleep(400);
  const pane = document.querySelector('.fp-canvas .react-flow')?.getBoundingClientRect();
  const cx = (pane?.width ?? 800) / 2;
  const cy = (pane?.height ?? 600) / 2;
  let last = await frame();
  let worst = 0;
  for (let i = 1; i <= 30; i++) {
    const z = from.zoom * Math.pow(to / from.zoom, i / 30);
    // The flow point at the pane's middle stays there.
    set({ x: cx - ((cx - from.x) / from.zoom) * z, y: cy - ((cy - from.y) / from.zoom) * z, zoom: z });
    const now = await frame();
    worst = Math.max(worst, now - last);
    last = now;
  }
  worst = Math.max(worst, await longestFrame(700));
  set(from);
  await sleep(400);
  return worst;
}

/** waitFor checks cond once per frame until it holds. */
async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  const until = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > until) throw new Error(`timed out waiting for ${what}`);
    await frame();
  }
}

/**
 * pan moves and zooms the view in a requestAnimationFrame loop for ms, with
 * the same motion as the canvas benchmark's pan (src/features/funnel/canvas/bench.tsx), and
 * returns the frames per second and the longest frame.
 */
function pan(set: (v: View) => void, from: View, ms: number): Promise<{ fps: number; worst: number; frames: number }> {
  const { x, y, zoom } = from;
  set(from);
  return new Promise((resolve) => {
    let t0 = 0;
    let last = 0;
    let worst = 0;
    let frames = 0;
    const tick = (now: number) => {
      if (t0 === 0) t0 = last = now;
      const t = (now - t0) / 1000;
      worst = Math.max(worst, now - last);
      last = now;
      frames++;
      set({ x: x + Math.sin(t * 2) * 300, y: y + Math.cos(t * 1.5) * 200, zoom: zoom * (1 + 0.25 * Math.sin(t)) });
      if (now - t0 < ms) requestAnimationFrame(tick);
      else {
        set({ x, y, zoom });
        resolve({ fps: ((frames - 1) * 1000) / (now - t0), worst, frames: frames - 1 });
      }
    };
    requestAnimationFrame(tick);
  });
}

/**
 * viewportStore finds React Flow's store above the canvas (the app's
 * ReactFlowProvider) through React's fiber of the canvas element: the canvas
 * has no hook for the benchmark, and this keeps it that way. Null if the
 * canvas is not on screen or React's internals moved.
 */
function viewportStore(): ViewportStore | null {
  const el = document.querySelector('.react-flow');
  if (!el) return null;
  const key = Object.keys(el).find((k) => k.startsWith('__reactFiber$'));
  type Fiber = { return: Fiber | null; memoizedProps?: { value?: unknown } };
  let f = key ? ((el as unknown as Record<string, Fiber>)[key] ?? null) : null;
  while (f) {
    const v = f.memoizedProps?.value as Partial<ViewportStore> | undefined;
    if (v && typeof v.getState === 'function') {
      const s = v.getState() as Partial<ReturnType<ViewportStore['getState']>> | undefined;
      if (s && 'panZoom' in s && Array.isArray(s.transform)) return v as ViewportStore;
    }
    f = f.return;
  }
  return null;
}
