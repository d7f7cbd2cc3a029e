// The window benchmark's floor (build/window-bench.sh): raw React Flow with
// its default nodes and links, the same steps (count, positions, sizes) and
// links as the funnel just measured, drawn in the same window over the same
// area as the canvas, and panned with the same motion. What the product's
// canvas gets beside it is the cost of its own steps, links and overlays.
import { ReactFlow, ReactFlowProvider, type Edge, type Node, type ReactFlowInstance } from '@xyflow/react';
import { createRoot } from 'react-dom/client';
import type { CanvasEdge, CanvasNode } from './features/funnel/canvas/types';

/** Floor is a mounted floor canvas: pan it, then remove it. */
export interface Floor {
  instance: ReactFlowInstance;
  host: HTMLDivElement;
  remove(): void;
}

// The default node's look from React Flow's style.css (the app loads only
// base.css): a white box with a thin dark border and a centred label.
const NODE_STYLE = { background: '#fff', border: '1px solid #1a192b', borderRadius: 3, fontSize: 12, padding: 10, color: '#222', textAlign: 'center' as const };

/** floorGraph turns the canvas's steps and links into default nodes and links of the same sizes and places. */
export function floorGraph(nodes: CanvasNode[], edges: CanvasEdge[], sizes: Map<string, { width: number; height: number }>): { nodes: Node[]; edges: Edge[] } {
  const steps = nodes.filter((n) => n.type === 'step');
  return {
    nodes: steps.map((n) => {
      const s = sizes.get(n.id) ?? { width: 248, height: 96 };
      return { id: n.id, position: n.position, data: { label: n.type === 'step' ? (n.data.label ?? n.data.nodeType) : '' }, style: { ...NODE_STYLE, width: s.width, height: s.height } };
    }),
    edges: edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
  };
}

/** mountFloor draws the floor over the box given (the canvas's pane) and resolves once its nodes are measured. */
export function mountFloor(graph: { nodes: Node[]; edges: Edge[] }, box: DOMRect): Promise<Floor> {
  const host = document.createElement('div');
  Object.assign(host.style, { position: 'fixed', left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px`, height: `${box.height}px`, zIndex: '10000', background: '#f8fafc' });
  document.body.appendChild(host);
  const root = createRoot(host);
  const remove = () => {
    root.unmount();
    host.remove();
  };
  return new Promise((resolve) => {
    const onInit = (instance: ReactFlowInstance) => {
      const ready = () => {
        if (instance.getNodes().every((n) => n.measured?.width)) resolve({ instance, host, remove });
        else requestAnimationFrame(ready);
      };
      requestAnimationFrame(ready);
    };
    root.render(
      <ReactFlowProvider>
        <ReactFlow defaultNodes={graph.nodes} defaultEdges={graph.edges} onInit={onInit} fitView minZoom={0.05} proOptions={{ hideAttribution: true }} />
      </ReactFlowProvider>,
    );
  });
}
