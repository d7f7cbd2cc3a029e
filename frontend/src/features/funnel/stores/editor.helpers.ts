// Small pure helpers shared by the editor's slices.
import type { NodeSpec } from '../../../api/types';
import { clone } from '../canvas/convert';
import type { OutputsOf } from '../canvas/layout';
import { DEFAULT_PORT, portsOf } from '../canvas/ports';
import type { CanvasNode } from '../canvas/types';
import { specOf } from '../../../stores/catalogue';

/** stripSelection unselects every item, keeping the objects that were not selected. */
export function stripSelection<T extends { selected?: boolean }>(xs: T[]): T[] {
  return xs.map((x) => (x.selected ? { ...x, selected: false } : x));
}

/** takenIds lists the ids in use on the canvas. */
export function takenIds(nodes: CanvasNode[]): Set<string> {
  return new Set(nodes.map((n) => n.id));
}

/** defaultsOf is a new step's config: a copy of each field's default. */
export function defaultsOf(spec: NodeSpec): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const f of spec.fields) {
    if (f.default !== undefined && f.default !== null) config[f.name] = clone(f.default);
  }
  return config;
}

/** outputsOf lists a step's output ports in drawing order, for the layout. */
export const outputsOf: OutputsOf = (n) => {
  const spec = n.type === 'step' ? specOf(n.data.nodeType) : undefined;
  return spec && n.type === 'step' ? portsOf(spec, n.data.config).map((p) => p.id) : [DEFAULT_PORT];
};
