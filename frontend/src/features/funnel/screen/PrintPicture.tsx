// The funnel's picture for paper (the printable summary, the simulation
// report): plain HTML cards and SVG links, no live canvas, so it prints
// the same in Chromium and the desktop window. It is cut into page-sized
// tiles (see printPicture.ts); each tile is labelled with its place when
// there are several, and each step is whole on at least one of them.
import { useId, useMemo, type CSSProperties } from 'react';
import { NodeIcon } from '../../../components/Icon';
import type { MessageKey } from '../../../i18n/dict';
import { useT } from '../../../i18n/useT';
import { edgePath, inPoint, layoutPicture, planPages, portPoint, type PicDirection, type PicEdge, type PicStep, type Placed, type PictureLayout, type Tile } from './printPicture';

/** PAGE_W and PAGE_H are the room a tile takes on paper, in CSS px: 186 × 238 mm, inside both A4 and Letter with 12 mm margins and a label line. */
export const PAGE_W = 700;
export const PAGE_H = 900;

export interface PrintPictureProps {
  steps: PicStep[];
  edges: PicEdge[];
  direction: PicDirection;
  /** label names the picture for screen readers ("Picture of the funnel …"). */
  label: string;
  testId?: string;
}

/** PrintPicture draws a funnel over as many pages as it needs, its text never under 8 pt. */
export function PrintPicture({ steps, edges, direction, label, testId }: PrintPictureProps) {
  const { t } = useT();
  const layout = useMemo(() => layoutPicture(steps, edges, direction), [steps, edges, direction]);
  const plan = useMemo(() => planPages(layout, PAGE_W, PAGE_H), [layout]);
  const many = plan.tiles.length > 1;
  return (
    <div className="fp-pp" data-testid={testId ?? 'print-picture'} data-pages={plan.tiles.length} role="img" aria-label={label}>
      {many && <p className="fp-pp-howto">{t(plan.cols > 1 ? 'printPic.howtoGrid' : 'printPic.howtoColumn', { n: plan.tiles.length, rows: plan.rows, cols: plan.cols })}</p>}
      {plan.tiles.map((tile, i) => (
        <figure key={`${tile.row}-${tile.col}`} className="fp-pp-page" data-testid="print-picture-page">
          {many && (
            <figcaption className="fp-pp-caption">
              {t('printPic.part', { n: i + 1, of: plan.tiles.length, row: tile.row + 1, col: tile.col + 1 })}
            </figcaption>
          )}
          <TileView layout={layout} tile={tile} scale={plan.scale} />
        </figure>
      ))}
    </div>
  );
}

function TileView({ layout, tile, scale }: { layout: PictureLayout; tile: Tile; scale: number }) {
  const byId = useMemo(() => new Map(layout.steps.map((s) => [s.id, s])), [layout]);
  const arrow = `fp-pp-arrow${useId().replace(/:/g, '')}`;
  const x0 = tile.x / scale;
  const y0 = tile.y / scale;
  const x1 = (tile.x + tile.w) / scale;
  const y1 = (tile.y + tile.h) / scale;
  // A tile draws only the steps whole on it: the cuts between pages leave
  // every step whole on one page (a step wider than a page, on each page it
  // touches). Chromium's print does not always clip a transformed box, so
  // nothing is drawn that would need clipping; the links are clipped by
  // their own SVG viewport.
  const inside = (s: Placed) => s.x >= x0 - 0.5 && s.x + s.w <= x1 + 0.5 && s.y >= y0 - 0.5 && s.y + s.h <= y1 + 0.5;
  const shown = layout.steps.filter((s) => inside(s) || (s.w * scale > tile.w && s.x < x1 && s.x + s.w > x0 && s.y < y1 && s.y + s.h > y0));
  return (
    <div className="fp-pp-tile" style={{ width: tile.w, height: tile.h }} data-testid="print-picture-tile">
      <svg className="fp-pp-links" width={tile.w} height={tile.h} viewBox={`${x0} ${y0} ${x1 - x0} ${y1 - y0}`} aria-hidden="true">
        <defs>
          <marker id={arrow} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="#475569" />
          </marker>
        </defs>
        {layout.edges.map((e) => {
          const a = byId.get(e.from);
          const b = byId.get(e.to);
          if (!a || !b) return null;
          return <path key={`${e.from}:${e.port}->${e.to}`} d={edgePath(portPoint(a, e.port, layout.direction), inPoint(b, layout.direction), layout)} className="fp-pp-link" markerEnd={`url(#${arrow})`} />;
        })}
      </svg>
      <div className="fp-pp-canvas" style={{ '--s': scale } as CSSProperties}>
        {shown.map((s) => (
          <Card key={s.id} s={s} at={{ left: s.x * scale - tile.x, top: s.y * scale - tile.y, width: s.w * scale, height: s.h * scale }} />
        ))}
        {layout.edges.map((e) => {
          const a = byId.get(e.from);
          if (!a || !e.label || !shown.includes(a)) return null;
          const p = portPoint(a, e.port, layout.direction);
          const at = layout.direction === 'right' ? { x: p.x + 6, y: p.y - 24 } : { x: p.x + 6, y: p.y + 4 };
          // A label that would run off the page is left to the page where its step is whole.
          if (at.x + 120 > x1 || at.y + 22 > y1) return null;
          const style = { left: at.x * scale - tile.x, top: at.y * scale - tile.y };
          return (
            <span key={`l-${e.from}:${e.port}->${e.to}`} className="fp-pp-link-label" style={style}>
              {e.label}
            </span>
          );
        })}
      </div>
    </div>
  );
}

function Card({ s, at }: { s: Placed; at: CSSProperties }) {
  const { t } = useT();
  const labelled = s.ports.some((p) => p.label !== '');
  return (
    <div
      className={`fp-pp-card fp-cat-${s.category} ${s.change ? `is-${s.change}` : ''}`}
      style={at}
      data-testid={`print-step-${s.id}`}
    >
      {s.change && <span className={`fp-pp-change is-${s.change}`}>{t(`sim.compare.change.${s.change}` as MessageKey)}</span>}
      <div className="fp-pp-head">
        <span className="fp-pp-n" data-testid="print-step-n">
          {s.n}
        </span>
        <span className="fp-pp-icon" aria-hidden="true">
          <NodeIcon name={s.icon} size={15} />
        </span>
        <span className="fp-pp-title" data-testid="print-step-title" data-step={s.id}>
          {s.title}
        </span>
      </div>
      {s.summary && <div className="fp-pp-summary">{s.summary}</div>}
      {s.numbers && (
        <div className="fp-pp-numbers">
          <strong>{s.numbers.big}</strong>
          {s.numbers.lines.map((l, i) => (
            <span key={i}>{l}</span>
          ))}
        </div>
      )}
      {labelled && (
        <div className="fp-pp-ports">
          {s.ports.map((p) => (
            <span key={p.id}>{p.label}</span>
          ))}
        </div>
      )}
    </div>
  );
}
