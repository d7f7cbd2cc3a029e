// Auto-layout with ELK (layered, top-down or left-to-right), aware of ports:
// each step's outputs keep their order on its bottom edge (top-down) or its
// right edge (left-to-right), so the Yes branch lands left of (above) the No
// branch and A left of (above) B. An open frame is a box of its own in the
// layout, its steps kept together inside it; a collapsed frame is laid out
// as its card, and its hidden steps move with it. Notes stay where they
// are. ELK is loaded on first use, in its own chunk.
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { CARD_H, CARD_W, collapsedOwner, displayEdges, FRAME_OUT, FRAME_PAD, FRAME_PAD_TOP, frameRect, stepsById, TAB_H } from './frames';
import { NODE_HEIGHT, NODE_WIDTH, sidePortY } from './size';
import type { CanvasEdge, CanvasNode, Direction } from './types';
import { DEFAULT_PORT } from './ports';

export { NODE_HEIGHT, NODE_WIDTH } from './size';

type Elk = { layout: (g: ElkNode) => Promise<ElkNode> };
let elk: Promise<Elk> | undefined;

function loadElk(): Promise<Elk> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default() as unknown as Elk);
  return elk;
}

/** outputsOf lists the output port ids of a step, in order, as drawn. */
export type OutputsOf = (n: CanvasNode) => string[];

/** ElkOptions are extra ELK options, for measuring variants (tests). */
export type ElkOptions = Record<string, string>;

/**
 * LAYOUT_OPTIONS are the layered algorithm's settings. The crossing
 * minimisation sweeps more (thoroughness) and then swaps neighbours that
 * still cross on both sides (greedy switch, which ELK leaves off past 40
 * steps): see the table of crossings.test.ts for what each gives.
 */
const SPACING: ElkOptions = {
  'elk.spacing.nodeNode': '48',
  'elk.layered.spacing.nodeNodeBetweenLayers': '72',
  'elk.spacing.componentComponent': '96',
};

export const LAYOUT_OPTIONS: ElkOptions = {
  'elk.algorithm': 'layered',
  ...SPACING,
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
  'elk.layered.crossingMinimization.greedySwitch.type': 'TWO_SIDED',
  // ELK turns the greedy switch off past 40 steps; 0 keeps it on for large funnels too.
  'elk.layered.crossingMinimization.greedySwitch.activationThreshold': '0',
  'elk.layered.thoroughness': '20',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
};

const SEP = '\u0000';

/**
 * elkGraph builds ELK's input: steps (and collapsed frames' cards) with
 * fixed ports, open frames as boxes holding their steps, links between them.
 */
export function elkGraph(nodes: CanvasNode[], edges: CanvasEdge[], outputsOf: OutputsOf, dir: Direction = 'down', extra: ElkOptions = {}): ElkNode {
  const right = dir === 'right';
  const hidden = collapsedOwner(nodes);
  const steps = stepsById(nodes);
  const ports = new Map<string, string[]>();
  const unit = (id: string, width: number, height: number, outs: string[]): ElkNode => {
    ports.set(id, outs);
    return {
      id,
      width,
      height,
      layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
      ports: [
        right
          ? { id: `${id}${SEP}in`, x: 0, y: height / 2, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'WEST' } }
          : { id: `${id}${SEP}in`, x: width / 2, y: 0, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'NORTH' } },
        ...outs.map((p, i) =>
          right
            ? { id: `${id}${SEP}out${SEP}${p}`, x: width, y: sidePortY(height, i, outs.length, outs.length > 1 || p !== DEFAULT_PORT), width: 1, height: 1, layoutOptions: { 'elk.port.side': 'EAST' } }
            : { id: `${id}${SEP}out${SEP}${p}`, x: (width * (i + 0.5)) / outs.length, y: height, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'SOUTH' } },
        ),
      ],
    };
  };
  // Which open frame holds each step.
  const inFrame = new Map<string, string>();
  const frames: ElkNode[] = [];
  const frameBox = new Map<string, ElkNode>();
  for (const n of nodes) {
    if (n.type !== 'frame') continue;
    if (n.data.collapsed) {
      if (frameRect(n, steps, dir)) frames.push(unit(n.id, CARD_W, CARD_H, [FRAME_OUT]));
      continue;
    }
    const members = n.data.members.filter((id) => steps.has(id) && !hidden.has(id) && !inFrame.has(id));
    if (members.length === 0) continue;
    for (const id of members) inFrame.set(id, n.id);
    const box: ElkNode = {
      id: n.id,
      // A frame's steps are spaced as the others are (ELK reads the spacing per box).
      layoutOptions: { ...SPACING, 'elk.padding': `[top=${FRAME_PAD_TOP + TAB_H},left=${FRAME_PAD},bottom=${FRAME_PAD},right=${FRAME_PAD}]` },
      children: [],
    };
    frameBox.set(n.id, box);
    frames.push(box);
  }
  const children: ElkNode[] = [...frames];
  for (const n of steps.values()) {
    if (hidden.has(n.id)) continue;
    const u = unit(n.id, n.measured?.width ?? n.width ?? NODE_WIDTH, n.measured?.height ?? n.height ?? NODE_HEIGHT, outputsOf(n));
    const f = inFrame.get(n.id);
    if (f) frameBox.get(f)!.children!.push(u);
    else children.push(u);
  }
  // Frames first, then steps, as the canvas lists them: ELK keeps the model's order where it can.
  const links: ElkExtendedEdge[] = displayEdges(edges, nodes)
    .filter((e) => !e.hidden && ports.has(e.source) && ports.has(e.target))
    .filter((e) => ports.get(e.source)!.includes(e.sourceHandle || DEFAULT_PORT))
    .map((e, i) => ({
      id: `e${i}`,
      sources: [`${e.source}${SEP}out${SEP}${e.sourceHandle || DEFAULT_PORT}`],
      targets: [`${e.target}${SEP}in`],
    }));
  return {
    id: 'root',
    layoutOptions: {
      ...LAYOUT_OPTIONS,
      'elk.direction': right ? 'RIGHT' : 'DOWN',
      // Measured on the branchy fixture (crossings.test.ts): top-down, keeping
      // the file's order of steps and links ties the sweep's hands (25
      // crossings with it, 19 without); left-to-right, where named outputs
      // leave from rows at the step's foot, keeping it does better (22, 27 without).
      'elk.layered.considerModelOrder.strategy': right ? 'NODES_AND_EDGES' : 'NONE',
      ...extra,
    },
    children,
    edges: links,
  };
}

/**
 * layout returns the nodes with new positions for the steps (notes keep
 * theirs). The top-left of the laid-out steps stays where the old one was, so
 * the view does not jump. The steps of a collapsed frame move as its card
 * moved.
 */
export async function layout(nodes: CanvasNode[], edges: CanvasEdge[], outputsOf: OutputsOf, dir: Direction = 'down', extra: ElkOptions = {}): Promise<CanvasNode[]> {
  const steps = nodes.filter((n) => n.type === 'step');
  if (steps.length === 0) return nodes;
  const result = await (await loadElk()).layout(elkGraph(nodes, edges, outputsOf, dir, extra));
  const placed = new Map<string, { x: number; y: number }>();
  const walk = (list: ElkNode[] | undefined, ox: number, oy: number) => {
    for (const c of list ?? []) {
      const x = ox + (c.x ?? 0);
      const y = oy + (c.y ?? 0);
      if (c.children?.length) walk(c.children, x, y);
      else placed.set(c.id, { x, y });
    }
  };
  walk(result.children, 0, 0);
  // A collapsed frame's steps move by as much as its card did.
  const byId = stepsById(nodes);
  for (const n of nodes) {
    if (n.type !== 'frame' || !n.data.collapsed) continue;
    const to = placed.get(n.id);
    const was = frameRect(n, byId, dir);
    placed.delete(n.id);
    if (!to || !was) continue;
    for (const id of n.data.members) {
      const s = byId.get(id);
      if (s) placed.set(id, { x: s.position.x + to.x - was.x, y: s.position.y + to.y - was.y });
    }
  }
  let laidMinX = Infinity;
  let laidMinY = Infinity;
  for (const p of placed.values()) {
    laidMinX = Math.min(laidMinX, p.x);
    laidMinY = Math.min(laidMinY, p.y);
  }
  const dx = Math.min(...steps.map((n) => n.position.x)) - laidMinX;
  const dy = Math.min(...steps.map((n) => n.position.y)) - laidMinY;
  return nodes.map((n) => {
    const p = n.type === 'step' ? placed.get(n.id) : undefined;
    return p ? { ...n, position: { x: Math.round(p.x + dx), y: Math.round(p.y + dy) } } : n;
  });
}

/**
 * layoutMeasured lays out the steps of getNodes() once the canvas has
 * measured them (ELK needs each step's real height, or a tall step lands on
 * the next one), waiting at most a few frames: unmeasured steps (no canvas
 * drawn yet) are laid out at the default size.
 */
export async function layoutMeasured(getNodes: () => CanvasNode[], edges: CanvasEdge[], outputsOf: OutputsOf, dir: Direction = 'down'): Promise<CanvasNode[]> {
  await loadElk();
  for (let i = 0; i < 12 && !measured(getNodes()); i++) await new Promise((r) => setTimeout(r, 16));
  return layout(getNodes(), edges, outputsOf, dir);
}

function measured(nodes: CanvasNode[]): boolean {
  const inside = collapsedOwner(nodes);
  return nodes.every((n) => n.type !== 'step' || inside.has(n.id) || (n.measured?.width && n.measured.height));
}

/** gridPositions places steps in a column at once, while the real layout loads. */
export function gridPositions(nodes: CanvasNode[]): CanvasNode[] {
  let i = 0;
  return nodes.map((n) => (n.type === 'step' ? { ...n, position: { x: 0, y: i++ * (NODE_HEIGHT + 72) } } : n));
}
