import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Flow } from '../../../api/types';
import { resetAll } from '../../../test/helpers';
import { outputsOf } from '../stores/editor.helpers';
import { flowToCanvas } from './convert';
import { layout, NODE_HEIGHT, NODE_WIDTH } from './layout';
import { DEFAULT_PORT } from './ports';
import { crossings, MARGIN, Obstacles, route, roundedPath, segmentCrossesBox, type Box, type Pt } from './route';
import type { CanvasEdge, CanvasNode } from './types';

beforeEach(() => {
  resetAll();
});

const W = NODE_WIDTH;
const H = NODE_HEIGHT;

/** routeAll routes every link of a canvas with steps of the default size, outputs spread on the bottom edge as drawn. */
function routeAll(nodes: CanvasNode[], edges: CanvasEdge[]): { boxes: Map<string, Box>; routes: { e: CanvasEdge; pts: Pt[] }[] } {
  const boxes = new Map<string, Box>();
  for (const n of nodes) if (n.type === 'step') boxes.set(n.id, { x: n.position.x, y: n.position.y, w: W, h: H });
  const obs = new Obstacles(boxes);
  const routes = edges.map((e) => {
    const src = boxes.get(e.source)!;
    const dst = boxes.get(e.target)!;
    const outs = outputsOf(nodes.find((n) => n.id === e.source)!);
    const i = Math.max(0, outs.indexOf(e.sourceHandle || DEFAULT_PORT));
    const s = { x: src.x + (W * (i + 0.5)) / outs.length, y: src.y + H + 4 };
    const t = { x: dst.x + W / 2, y: dst.y - 4 };
    return { e, pts: route(s, t, obs) };
  });
  return { boxes, routes };
}

/** through lists "link → step" for every segment of a route inside a step's box (other than its own ends' stubs). */
function through(boxes: Map<string, Box>, routes: { e: CanvasEdge; pts: Pt[] }[]): string[] {
  const out: string[] = [];
  for (const { e, pts } of routes) {
    for (let i = 1; i < pts.length; i++) {
      for (const [id, b] of boxes) {
        if (segmentCrossesBox(pts[i - 1]!, pts[i]!, b)) out.push(`${e.id} → ${id}`);
      }
    }
  }
  return out;
}

const gallery = join(__dirname, '../../../../../engine/templates/flows');

describe('link routing', () => {
  it('goes around a step that stands between two linked steps', () => {
    const boxes = new Map<string, Box>([
      ['a', { x: 0, y: 0, w: W, h: H }],
      ['mid', { x: 0, y: 200, w: W, h: H }],
      ['b', { x: 0, y: 400, w: W, h: H }],
    ]);
    const pts = route({ x: W / 2, y: H }, { x: W / 2, y: 400 }, new Obstacles(boxes));
    for (let i = 1; i < pts.length; i++) {
      expect(pts[i - 1]!.x === pts[i]!.x || pts[i - 1]!.y === pts[i]!.y).toBe(true);
      expect(segmentCrossesBox(pts[i - 1]!, pts[i]!, boxes.get('mid')!)).toBe(false);
    }
    // it passes beside the middle step, keeping the margin
    expect(pts.some((p) => p.x <= -MARGIN || p.x >= W + MARGIN)).toBe(true);
  });

  it('loops back up around the steps to an earlier one', () => {
    const boxes = new Map<string, Box>([
      ['a', { x: 0, y: 0, w: W, h: H }],
      ['b', { x: 0, y: 200, w: W, h: H }],
    ]);
    const pts = route({ x: W / 2, y: 200 + H }, { x: W / 2, y: 0 }, new Obstacles(boxes));
    expect(through(boxes, [{ e: { id: 'back', source: 'b', target: 'a' }, pts }])).toEqual([]);
  });

  it('draws rounded corners', () => {
    expect(roundedPath([{ x: 0, y: 0 }, { x: 0, y: 50 }, { x: 100, y: 50 }], 10)).toBe('M0,0L0,40Q0,50 10,50L100,50');
  });

  it('counts crossings', () => {
    const h = [{ x: 0, y: 50 }, { x: 100, y: 50 }];
    const v = [{ x: 50, y: 0 }, { x: 50, y: 100 }];
    expect(crossings([h, v])).toBe(1);
    expect(crossings([h, [{ x: 0, y: 50 }, { x: 0, y: 100 }]])).toBe(0);
  });

  const files = readdirSync(gallery).filter((f) => f.endsWith('.flow.json'));
  it('finds the gallery', () => expect(files.length).toBeGreaterThanOrEqual(10));
  for (const f of files) {
    it(`passes through no step in the laid-out gallery funnel ${f}`, async () => {
      const flow = JSON.parse(readFileSync(join(gallery, f), 'utf8')) as Flow;
      const c = flowToCanvas(flow);
      const nodes = await layout(c.nodes, c.edges, outputsOf);
      const { boxes, routes } = routeAll(nodes, c.edges);
      expect(routes.length).toBe(c.edges.length);
      expect(through(boxes, routes)).toEqual([]);
    });
    it(`passes through no step in ${f} placed by hand (a grid in reverse order)`, () => {
      const flow = JSON.parse(readFileSync(join(gallery, f), 'utf8')) as Flow;
      const c = flowToCanvas(flow);
      const k = c.nodes.length;
      const nodes = c.nodes.map((n, i) => ({ ...n, position: { x: ((k - i) % 3) * (W + 80), y: Math.floor((k - i) / 3) * (H + 80) } }));
      const { boxes, routes } = routeAll(nodes, c.edges);
      expect(through(boxes, routes)).toEqual([]);
    });
  }
});
