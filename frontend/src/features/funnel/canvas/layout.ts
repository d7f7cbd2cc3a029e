// Auto-layout with ELK (layered, top to bottom), aware of ports: each step's
// outputs keep their order on its bottom edge, so the Yes branch lands left
// of the No branch and A left of B. Notes stay where they are. ELK is loaded
// on first use, in its own chunk.
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { CanvasEdge, CanvasNode } from './types';
import { DEFAULT_PORT } from './ports';

/** Default node size when React Flow has not measured a node yet. */
export const NODE_WIDTH = 248;
export const NODE_HEIGHT = 96;

type Elk = { layout: (g: ElkNode) => Promise<ElkNode> };
let elk: Promise<Elk> | undefined;

function loadElk(): Promise<Elk> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default() as unknown as Elk);
  return elk;
}

/** outputsOf lists the output port ids of a step, in order, as drawn. */
export type OutputsOf = (n: CanvasNode) => string[];

/** elkGraph builds ELK's input: steps with fixed ports, links between them. */
export function elkGraph(nodes: CanvasNode[], edges: CanvasEdge[], outputsOf: OutputsOf): ElkNode {
  const steps = nodes.filter((n) => n.type === 'step');
  const ids = new Set(steps.map((n) => n.id));
  const ports = new Map<string, string[]>();
  const children: ElkNode[] = steps.map((n) => {
    const width = n.measured?.width ?? n.width ?? NODE_WIDTH;
    const height = n.measured?.height ?? n.height ?? NODE_HEIGHT;
    const outs = outputsOf(n);
    ports.set(n.id, outs);
    return {
      id: n.id,
      width,
      height,
      layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
      ports: [
        { id: `${n.id}\u0000in`, x: width / 2, y: 0, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'NORTH' } },
        ...outs.map((p, i) => ({
          id: `${n.id}\u0000out\u0000${p}`,
          x: (width * (i + 0.5)) / outs.length,
          y: height,
          width: 1,
          height: 1,
          layoutOptions: { 'elk.port.side': 'SOUTH' },
        })),
      ],
    };
  });
  const links = edges
    .filter((e) => ids.has(e.source) && ids.has(e.target))
    .filter((e) => ports.get(e.source)!.includes(e.sourceHandle || DEFAULT_PORT))
    .map((e, i) => ({
      id: `e${i}`,
      sources: [`${e.source}\u0000out\u0000${e.sourceHandle || DEFAULT_PORT}`],
      targets: [`${e.target}\u0000in`],
    }));
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.spacing.nodeNode': '48',
      'elk.layered.spacing.nodeNodeBetweenLayers': '72',
      'elk.spacing.componentComponent': '96',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.edgeRouting': 'ORTHOGONAL',
    },
    children,
    edges: links,
  };
}

/**
 * layout returns the nodes with new positions for the steps (notes keep
 * theirs). The top-left of the laid-out steps stays where the old one was, so
 * the view does not jump.
 */
export async function layout(nodes: CanvasNode[], edges: CanvasEdge[], outputsOf: OutputsOf): Promise<CanvasNode[]> {
  const steps = nodes.filter((n) => n.type === 'step');
  if (steps.length === 0) return nodes;
  const result = await (await loadElk()).layout(elkGraph(nodes, edges, outputsOf));
  const placed = new Map<string, { x: number; y: number }>();
  let laidMinX = Infinity;
  let laidMinY = Infinity;
  for (const c of result.children ?? []) {
    placed.set(c.id, { x: c.x ?? 0, y: c.y ?? 0 });
    laidMinX = Math.min(laidMinX, c.x ?? 0);
    laidMinY = Math.min(laidMinY, c.y ?? 0);
  }
  const dx = Math.min(...steps.map((n) => n.position.x)) - laidMinX;
  const dy = Math.min(...steps.map((n) => n.position.y)) - laidMinY;
  return nodes.map((n) => {
    const p = placed.get(n.id);
    return p ? { ...n, position: { x: Math.round(p.x + dx), y: Math.round(p.y + dy) } } : n;
  });
}

/**
 * layoutMeasured lays out the steps of getNodes() once the canvas has
 * measured them (ELK needs each step's real height, or a tall step lands on
 * the next one), waiting at most a few frames: unmeasured steps (no canvas
 * drawn yet) are laid out at the default size.
 */
export async function layoutMeasured(getNodes: () => CanvasNode[], edges: CanvasEdge[], outputsOf: OutputsOf): Promise<CanvasNode[]> {
  await loadElk();
  for (let i = 0; i < 12 && !measured(getNodes()); i++) await new Promise((r) => setTimeout(r, 16));
  return layout(getNodes(), edges, outputsOf);
}

function measured(nodes: CanvasNode[]): boolean {
  return nodes.every((n) => n.type !== 'step' || (n.measured?.width && n.measured.height));
}

/** gridPositions places steps in a column at once, while the real layout loads. */
export function gridPositions(nodes: CanvasNode[]): CanvasNode[] {
  let i = 0;
  return nodes.map((n) => (n.type === 'step' ? { ...n, position: { x: 0, y: i++ * (NODE_HEIGHT + 72) } } : n));
}
