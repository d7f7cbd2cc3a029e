// The canvas benchmark page (bench/canvas.html): the real canvas — editor
// store, step nodes, edges, minimap, level of detail — on a stub backend,
// with a generated funnel of ?n= steps. bench/canvas.mjs drives it in
// headless Chromium through window.__bench.
import { ReactFlowProvider, useReactFlow, type ReactFlowInstance } from '@xyflow/react';
import '@xyflow/react/dist/base.css';
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { setBackend, type Backend } from '../../../api/backend';
import fixture from '../../../api/catalogue.fixture.json';
import type { FieldType } from '../../../api/fieldTypes';
import type { Flow, FlowDoc, NodeSpec } from '../../../api/types';
import { useCatalogue } from '../../../stores/catalogue';
import { useEditor } from '../stores/editor';
import '../../../styles.css';
import '../screen/funnels.css';
import { Canvas } from './Canvas';
import { NODE_HEIGHT, NODE_WIDTH } from './layout';
import { renderStats } from './StepNodeView';
import { edgeRenderStats } from './RoutedEdge';
import { floorGraph, mountFloor, type Floor } from '../../../perfFloor';
import type { CanvasEdge, CanvasNode } from './types';

/** benchFlow is a funnel of n steps in a grid of 20 columns, chained: a start, then emails, waits and checks. */
export function benchFlow(n: number): Flow {
  const types = ['action.send_email', 'wait.delay', 'action.tag_add', 'condition.tag'];
  const nodes: Flow['nodes'] = [];
  const edges: Flow['edges'] = [];
  for (let i = 0; i < n; i++) {
    const type = i === 0 ? 'trigger.list_joined' : types[i % types.length]!;
    const config: Record<string, unknown> =
      type === 'trigger.list_joined' ? { list: 'newsletter' } : type === 'action.send_email' ? { template: `email-${i}` } : type === 'wait.delay' ? { duration: '1d' } : { tag: `tag-${i}` };
    nodes.push({ id: `s${i}`, type, config, position: { x: (i % 20) * (NODE_WIDTH + 64), y: Math.floor(i / 20) * (NODE_HEIGHT + 96) } });
    if (i > 0) {
      const prev = nodes[i - 1]!;
      edges.push({ from: prev.id, port: prev.type === 'condition.tag' ? 'yes' : undefined, to: `s${i}` });
    }
  }
  return { format: 'flightplan.flow/v1', id: 'bench', name: `Bench ${n}`, settings: { reentry: 'once' }, nodes, edges };
}

const specs = fixture.catalogue as unknown as NodeSpec[];
const never = <T,>(): Promise<T> => new Promise<T>(() => {});

const stub: Backend = {
  catalogue: async () => specs,
  fieldTypes: async () => fixture.field_types as FieldType[],
  listFlows: async () => [],
  getFlow: never,
  saveFlow: async (flow) => ({ flow, info: info(flow), issues: [] }),
  createFlow: never,
  deleteFlow: async () => {},
  publishFlow: never,
  validateFlow: async () => [],
  getSettings: async () => ({ language: 'en', workspace: '' }),
  setLanguage: async () => {},
  getLookups: never,
};

function info(f: Flow) {
  return { id: f.id, name: f.name, published_version: 0, enabled: false, updated_at: '' };
}

interface Bench {
  n: number;
  /** firstRenderMs is from mounting to the first frame with every drawn step measured. */
  firstRenderMs: number | null;
  renders: typeof renderStats;
  /** linkRenders counts renders of links. */
  linkRenders: typeof edgeRenderStats;
  /**
   * floor mounts the window benchmark's floor (raw React Flow, default
   * nodes: src/perfFloor.tsx) over the canvas with the steps' measured
   * sizes; pan and view then move it instead of the canvas, until unfloor.
   */
  floor(): Promise<void>;
  /** unfloor removes the floor: pan and view move the canvas again. */
  unfloor(): void;
  /** pan moves and zooms the view in a requestAnimationFrame loop for ms and returns the frames per second. */
  pan(ms: number): Promise<number>;
  /** nodeCount is how many step components are mounted. */
  nodeCount(): number;
  /** view moves the view to flow point (x, y) at the top-left, at a zoom. */
  view(x: number, y: number, zoom: number): void;
  /** fit shows the whole funnel. */
  fit(): void;
  /** internals is each step's size and handles as React Flow measured them. */
  internals(): unknown[];
}

declare global {
  interface Window {
    __bench: Bench;
  }
}

let rf: ReactFlowInstance<CanvasNode, CanvasEdge> | null = null;
let floor: Floor | null = null;
// What pan and view move: the floor while it is mounted, else the canvas.
const moved = (): Pick<ReactFlowInstance, 'getViewport' | 'setViewport'> | null => floor?.instance ?? rf;

function Grab() {
  const inst = useReactFlow<CanvasNode, CanvasEdge>();
  useEffect(() => {
    rf = inst;
  }, [inst]);
  return null;
}

const n = Math.max(1, Number(new URLSearchParams(location.search).get('n')) || 200);
setBackend(stub);
useCatalogue.getState().setSpecs(specs);
const flow = benchFlow(n);
const doc: FlowDoc = { flow, info: info(flow), issues: [] };
useEditor.getState().load(doc);

window.__bench = {
  n,
  firstRenderMs: null,
  renders: renderStats,
  linkRenders: edgeRenderStats,
  async floor() {
    if (!rf || floor) return;
    const sizes = new Map<string, { width: number; height: number }>();
    for (const n of rf.getNodes()) {
      const m = rf.getInternalNode(n.id)?.measured;
      if (m?.width && m.height) sizes.set(n.id, { width: m.width, height: m.height });
    }
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    floor = await mountFloor(floorGraph(useEditor.getState().nodes, useEditor.getState().edges, sizes), pane);
  },
  unfloor() {
    floor?.remove();
    floor = null;
  },
  nodeCount: () => document.querySelectorAll('.react-flow__node-step').length,
  view: (x, y, zoom) => void moved()?.setViewport({ x: -x * zoom, y: -y * zoom, zoom }),
  fit: () => void rf?.fitView(),
  internals: () =>
    (rf?.getNodes() ?? []).map((n) => {
      const i = rf!.getInternalNode(n.id)!;
      const hb = i.internals.handleBounds;
      const hs = [...(hb?.source ?? []), ...(hb?.target ?? [])].map((h) => ({ id: h.id, type: h.type, x: h.x, y: h.y, w: h.width, h: h.height }));
      return { id: n.id, type: n.type === 'step' ? n.data.nodeType : n.type, measured: i.measured, handles: hs };
    }),
  pan(ms) {
    return new Promise((resolve) => {
      const target = moved();
      if (!target) return resolve(0);
      const start = target.getViewport();
      const t0 = performance.now();
      let frames = 0;
      const tick = (now: number) => {
        const t = (now - t0) / 1000;
        frames++;
        void target.setViewport({ x: start.x + Math.sin(t * 2) * 300, y: start.y + Math.cos(t * 1.5) * 200, zoom: start.zoom * (1 + 0.25 * Math.sin(t)) });
        if (now - t0 < ms) requestAnimationFrame(tick);
        else {
          void target.setViewport(start);
          resolve((frames * 1000) / (now - t0));
        }
      };
      requestAnimationFrame(tick);
    });
  },
};

const t0 = performance.now();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ReactFlowProvider>
      <div className="fp-canvas" style={{ width: '100vw', height: '100vh' }}>
        <Canvas />
        <Grab />
      </div>
    </ReactFlowProvider>
  </StrictMode>,
);

// Done when steps are drawn and React Flow has measured every one of them
// (until then it hides a step, or — one opened with a size of its own, see
// opening.ts — draws no links to it). Steps are measured after layout, just
// before the browser paints, so the frame that first finds them all
// measured starts once they have been painted.
const waitDrawn = () => {
  const drawn = document.querySelectorAll<HTMLElement>('.react-flow__node-step');
  const measured = (el: HTMLElement) => rf?.getInternalNode(el.dataset.id ?? '')?.measured?.width !== undefined;
  if (drawn.length > 0 && [...drawn].every(measured)) {
    window.__bench.firstRenderMs = performance.now() - t0;
  } else requestAnimationFrame(waitDrawn);
};
requestAnimationFrame(waitDrawn);
