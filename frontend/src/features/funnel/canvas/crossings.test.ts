// Crossings between links, counted over the routed paths of every gallery
// funnel and of the large-funnel fixtures, laid out top-down and
// left-to-right; and no link through a step, a collapsed frame's card or an
// open frame's title. CEILING holds the counts measured when the layout's
// crossing options were chosen: a change that adds a crossing fails here.
// CROSSINGS_TABLE=1 prints the table (with the layout's former options
// beside it) instead of only checking it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Flow } from '../../../api/types';
import { resetAll } from '../../../test/helpers';
import { outputsOf } from '../stores/editor.helpers';
import { flowToCanvas } from './convert';
import { CARD_H, CARD_W, displayEdges, displayNodes, FRAME_OUT, TAB_H } from './frames';
import { layout, type ElkOptions } from './layout';
import { DEFAULT_PORT } from './ports';
import { crossings, Obstacles, routeDir, segmentCrossesBox, transposeBox, type Box, type Pt } from './route';
import { NODE_HEIGHT as H, NODE_WIDTH as W, sidePortY } from './size';
import type { CanvasEdge, CanvasNode, Direction } from './types';

beforeEach(() => {
  resetAll();
});

/** routed routes every drawn link of a canvas as the canvas draws it: steps at the default size, outputs spread along the bottom (right) edge. */
export function routed(nodes: CanvasNode[], edges: CanvasEdge[], dir: Direction): { boxes: Map<string, Box>; routes: { id: string; pts: Pt[] }[] } {
  const shown = displayNodes(nodes, dir);
  const shownEdges = displayEdges(edges, nodes).filter((e) => !e.hidden);
  const boxes = new Map<string, Box>();
  const ends = new Map<string, Box>();
  for (const n of shown) {
    if (n.hidden) continue;
    if (n.type === 'step') {
      const b = { x: n.position.x, y: n.position.y, w: W, h: H };
      boxes.set(n.id, b);
      ends.set(n.id, b);
    } else if (n.type === 'frame') {
      if (n.data.collapsed) {
        const b = { x: n.position.x, y: n.position.y, w: CARD_W, h: CARD_H };
        boxes.set(n.id, b);
        ends.set(n.id, b);
      } else {
        boxes.set(`${n.id} title`, { x: n.position.x, y: n.position.y, w: n.data.tabWidth!, h: TAB_H });
      }
    }
  }
  const obs = new Obstacles([...boxes].map(([id, b]) => [id, dir === 'right' ? transposeBox(b) : b] as [string, Box]));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const routes = shownEdges.map((e) => {
    const src = ends.get(e.source)!;
    const dst = ends.get(e.target)!;
    const outs = e.sourceHandle === FRAME_OUT && e.source.startsWith('frame:') ? [FRAME_OUT] : outputsOf(byId.get(e.source)!);
    const i = Math.max(0, outs.indexOf(e.sourceHandle || DEFAULT_PORT));
    const f = (i + 0.5) / outs.length;
    const named = outs.length > 1 || (outs[0] !== DEFAULT_PORT && outs[0] !== FRAME_OUT);
    const s = dir === 'right' ? { x: src.x + src.w + 4, y: src.y + sidePortY(src.h, i, outs.length, named) } : { x: src.x + src.w * f, y: src.y + src.h + 4 };
    const t = dir === 'right' ? { x: dst.x - 4, y: dst.y + dst.h / 2 } : { x: dst.x + dst.w / 2, y: dst.y - 4 };
    return { id: e.id, pts: routeDir(s, t, obs, dir) };
  });
  return { boxes, routes };
}

/** through lists "link → box" for every segment of a route inside a step's box or a frame's title. */
function through(boxes: Map<string, Box>, routes: { id: string; pts: Pt[] }[]): string[] {
  const out: string[] = [];
  for (const { id, pts } of routes) {
    for (let i = 1; i < pts.length; i++) {
      for (const [bid, b] of boxes) if (segmentCrossesBox(pts[i - 1]!, pts[i]!, b)) out.push(`${id} → ${bid}`);
    }
  }
  return out;
}

const gallery = join(__dirname, '../../../../../engine/templates/flows');
const read = (f: string) => JSON.parse(readFileSync(join(gallery, f), 'utf8')) as Flow;

/** chain is the app test's 129-step import (a start, then sends and waits in turn) or the e2e's 120 waits. */
function chain(n: number, sends: boolean): Flow {
  const nodes: Flow['nodes'] = [{ id: 'start', type: 'trigger.list_joined', config: { list: 'newsletter' } }];
  const edges: Flow['edges'] = [];
  for (let i = 0; nodes.length < n; i++) {
    const send = sends && i % 2 === 0 && i / 2 < 32;
    nodes.push(send ? { id: `s${i}`, type: 'action.send_email', config: { template: `mail-${i / 2}` } } : { id: `s${i}`, type: 'wait.delay', config: { duration: '1d' } });
    edges.push({ from: nodes[nodes.length - 2]!.id, to: `s${i}` });
  }
  return { format: 'flightplan.flow/v1', id: `chain-${n}`, name: 'Chain', settings: { reentry: 'once' }, nodes, edges };
}

/**
 * longNurture is the gallery's lead nurturing five times over, each round
 * ("Lesson k") leading into the next, each in a frame: 56 steps with two
 * checks a round.
 */
export function longNurture(collapsed: number[] = []): Flow {
  const one = read('lead-nurturing.flow.json');
  const nodes: Flow['nodes'] = [];
  const edges: Flow['edges'] = [];
  const frames: NonNullable<Flow['frames']> = [];
  for (let k = 1; k <= 5; k++) {
    const id = (s: string) => (s === 'signup' ? s : `${s}-${k}`);
    const members: string[] = [];
    for (const n of one.nodes) {
      if (n.id === 'signup' && k > 1) continue;
      nodes.push({ ...n, id: id(n.id), position: undefined });
      if (n.id !== 'signup') members.push(id(n.id));
    }
    for (const e of one.edges) if (!(e.from === 'signup' && k > 1)) edges.push({ ...e, from: id(e.from), to: id(e.to) });
    if (k > 1) for (const end of ['sql', 'mql']) edges.push({ from: `${end}-${k - 1}`, to: `lead-${k}` });
    frames.push({ id: `lesson-${k}`, title: `Lesson ${k}`, nodes: members, ...(collapsed.includes(k) ? { collapsed: true } : {}) });
  }
  return { format: 'flightplan.flow/v1', id: 'long-nurture', name: 'Long nurture', settings: { reentry: 'once' }, nodes, edges, frames };
}

/**
 * branchy is a funnel of n yes/no checks where each branch jumps ahead to a
 * step picked by a fixed pseudo-random sequence: no funnel of the gallery
 * needs a crossing, this one cannot avoid them all, so it shows what the
 * layout's options do.
 */
export function branchy(n: number): Flow {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const nodes: Flow['nodes'] = [{ id: 'start', type: 'trigger.list_joined', config: { list: 'newsletter' } }];
  const edges: Flow['edges'] = [{ from: 'start', to: 'c0' }];
  for (let i = 0; i < n; i++) nodes.push({ id: `c${i}`, type: 'condition.tag', config: { tag: `t${i}` } });
  nodes.push({ id: 'end', type: 'exit' });
  for (let i = 0; i < n; i++) {
    for (const port of ['yes', 'no']) {
      const j = i + 1 + Math.floor(next() * 4);
      edges.push({ from: `c${i}`, port, to: j >= n ? 'end' : `c${j}` });
    }
  }
  return { format: 'flightplan.flow/v1', id: `branchy-${n}`, name: 'Branchy', settings: { reentry: 'once' }, nodes, edges };
}

/** The layout's options before this measure (session 5): ELK's default sweep (and no frames). */
const FORMER: ElkOptions = {
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.thoroughness': '7',
  'elk.layered.crossingMinimization.greedySwitch.activationThreshold': '40',
};

const cases: [string, () => Flow][] = [
  ...readdirSync(gallery)
    .filter((f) => f.endsWith('.flow.json'))
    .sort()
    .map((f) => [f.replace('.flow.json', ''), () => read(f)] as [string, () => Flow]),
  ['large-129', () => chain(129, true)],
  ['large-120', () => chain(120, false)],
  ['long-nurture', () => longNurture()],
  ['long-nurture-collapsed', () => longNurture([2, 3, 4])],
  ['branchy-40', () => branchy(40)],
];

/** CEILING is the crossing count of each case, top-down and left-to-right, as measured with LAYOUT_OPTIONS. */
const CEILING: Record<string, [number, number]> = {
  'ascension': [0, 0],
  'birthday': [0, 0],
  'branchy-40': [19, 22],
  'cart': [0, 0],
  'delivery': [0, 0],
  'double-optin': [0, 0],
  'engagement': [0, 0],
  'large-120': [0, 0],
  'large-129': [0, 0],
  'lead-nurturing': [0, 0],
  'long-nurture': [0, 0],
  'long-nurture-collapsed': [0, 0],
  'reengagement': [0, 0],
  'segmentation': [0, 0],
  'welcome': [0, 0],
};

async function measure(flow: Flow, dir: Direction, extra: ElkOptions = {}) {
  const c = flowToCanvas(flow);
  const nodes = await layout(c.nodes, c.edges, outputsOf, dir, extra);
  const { boxes, routes } = routed(nodes, c.edges, dir);
  return { crossings: crossings(routes.map((r) => r.pts)), through: through(boxes, routes), links: routes.length };
}

describe('crossings', () => {
  it('finds the gallery and the fixtures', () => expect(cases.length).toBeGreaterThanOrEqual(14));

  for (const [name, flow] of cases) {
    for (const dir of ['down', 'right'] as Direction[]) {
      it(`${name} (${dir}): no link through a step or a frame's title, crossings at most as measured`, async () => {
        const m = await measure(flow(), dir);
        expect(m.links).toBeGreaterThan(0);
        expect(m.through).toEqual([]);
        const ceiling = CEILING[name]?.[dir === 'down' ? 0 : 1];
        if (process.env.CROSSINGS_TABLE) {
          const was = await measure({ ...flow(), frames: undefined }, dir, FORMER);
          console.log(`| ${name} | ${dir} | ${m.links} | ${was.crossings} | ${m.crossings} |`);
        }
        expect(ceiling, `no ceiling measured for ${name} ${dir}: ${m.crossings}`).toBeDefined();
        expect(m.crossings).toBeLessThanOrEqual(ceiling!);
      });
    }
  }
});
