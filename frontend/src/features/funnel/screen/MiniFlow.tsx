// A thumbnail of a funnel: its steps as coloured boxes and its links as
// lines, scaled into a small picture (gallery cards, the map of funnels).
import type { Flow } from '../../../api/types';
import { NODE_HEIGHT, NODE_WIDTH } from '../canvas/layout';
import { specOf } from '../../../stores/catalogue';

const COLOURS: Record<string, string> = {
  start: '#16a34a',
  check: '#2563eb',
  wait: '#d97706',
  do: '#7c3aed',
  finish: '#475569',
};

export function MiniFlow({ flow, width = 220, height = 110 }: { flow: Flow; width?: number; height?: number }) {
  const nodes = flow.nodes ?? [];
  if (nodes.length === 0) return <svg className="fp-mini-flow" width={width} height={height} aria-hidden="true" />;
  const pos = new Map(nodes.map((n, i) => [n.id, n.position ?? { x: 0, y: i * (NODE_HEIGHT + 72) }]));
  const xs = [...pos.values()].map((p) => p.x);
  const ys = [...pos.values()].map((p) => p.y);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const w = Math.max(...xs) - minX + NODE_WIDTH;
  const h = Math.max(...ys) - minY + NODE_HEIGHT;
  const pad = 40;
  return (
    <svg
      className="fp-mini-flow"
      width={width}
      height={height}
      viewBox={`${minX - pad} ${minY - pad} ${w + 2 * pad} ${h + 2 * pad}`}
      preserveAspectRatio="xMidYMid meet"
      aria-hidden="true"
    >
      {(flow.edges ?? []).map((e, i) => {
        const a = pos.get(e.from);
        const b = pos.get(e.to);
        if (!a || !b) return null;
        return (
          <line key={i} x1={a.x + NODE_WIDTH / 2} y1={a.y + NODE_HEIGHT} x2={b.x + NODE_WIDTH / 2} y2={b.y} stroke="#94a3b8" strokeWidth={10} />
        );
      })}
      {nodes.map((n) => {
        const p = pos.get(n.id)!;
        const c = COLOURS[specOf(n.type)?.category ?? 'finish'] ?? '#64748b';
        return <rect key={n.id} x={p.x} y={p.y} width={NODE_WIDTH} height={NODE_HEIGHT} rx={18} fill="#fff" stroke={c} strokeWidth={14} />;
      })}
    </svg>
  );
}
