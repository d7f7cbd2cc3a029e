// A picture of a funnel (or of the map of funnels) as plain SVG shapes and
// text — rect, path, text, nested icon <svg> — so it opens the same in a
// browser, Inkscape, LibreOffice or any image viewer: no HTML inside a
// <foreignObject>. The same SVG, drawn at twice its size onto a canvas,
// is the PNG export.
//
// The picture has a title block (the funnel's name, what it is, the date)
// above the steps and a legend below them. Everything is laid out here,
// from a VPicture: boxes and routes in canvas coordinates, read from the
// canvas as drawn (scrape.ts), so the export matches what the user sees.

/** VStep is a step's box and what is written on it. */
export interface VStep {
  x: number;
  y: number;
  w: number;
  h: number;
  /** accent is the category colour of the stripe and icon. */
  accent: string;
  /** icon is the step's glyph as SVG markup (an <svg> element), or "" for none. */
  icon: string;
  title: string;
  /** type is the kind of step, written under a title the user chose. */
  type?: string;
  summary?: string;
  /** counters are the numbers written over the step ("1,204 entered"), only when it carries numbers. */
  counters?: string[];
  /** countersInside writes the counters in the box, under the summary (a simulated step), rather than over it. */
  countersInside?: boolean;
  /** state is a funnel box's state on the map of funnels: live, draft or missing (drawn dashed). */
  state?: 'live' | 'draft' | 'missing';
  /** ports are the labelled ways out (Yes / No), at their place on the box. */
  ports?: { label: string; x: number; y: number }[];
}

/** VFrame is a frame (a named group of steps) drawn behind its steps. */
export interface VFrame {
  x: number;
  y: number;
  w: number;
  h: number;
  title: string;
  color: string;
}

/** VNote is a sticky note. */
export interface VNote {
  x: number;
  y: number;
  w: number;
  h: number;
  text: string;
}

/** VLink is a link as the canvas routed it: an SVG path, with its label (numbers) if any. */
export interface VLink {
  d: string;
  color: string;
  /** width is the line's thickness (1.6 when not given). */
  width?: number;
  dashed?: boolean;
  label?: { text: string; x: number; y: number };
}

/** VLegend is one line of the legend: a swatch of colour (or none) and what it means. */
export interface VLegend {
  color?: string;
  text: string;
}

/** VPicture is everything a picture shows, in canvas coordinates. */
export interface VPicture {
  title: string;
  subtitle: string;
  steps: VStep[];
  frames: VFrame[];
  notes: VNote[];
  links: VLink[];
  legend: VLegend[];
}

/** Measure tells the width of a text in a font ("600 13px sans-serif"), in pixels. */
export type Measure = (text: string, font: string) => number;

/** FONT is the family every text is drawn with: present on every desktop and in librsvg. */
export const FONT = 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif';

/** roughMeasure guesses a text's width without a canvas (tests, or a window without one). */
export const roughMeasure: Measure = (text, font) => {
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 13);
  const bold = /^(6|7|8|9)00|bold/.test(font) ? 1.08 : 1;
  return text.length * size * 0.58 * bold;
};

/** canvasMeasure measures text with a 2D canvas, as the browser will draw it. */
export function canvasMeasure(): Measure {
  const ctx = typeof document !== 'undefined' ? document.createElement('canvas').getContext('2d') : null;
  if (!ctx) return roughMeasure;
  return (text, font) => {
    ctx.font = font.replace(/px .*/, `px ${FONT}`);
    return ctx.measureText(text).width;
  };
}

/** esc escapes text for SVG. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * wrap breaks text into lines no wider than width, at spaces; a word
 * longer than a line is cut where it must. At most maxLines lines: the
 * last one then ends with an ellipsis.
 */
export function wrap(text: string, width: number, font: string, measure: Measure, maxLines = 3): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (measure(next, font) <= width || !line) {
      line = next;
      // A single word wider than the line is cut into pieces that fit.
      while (measure(line, font) > width && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && measure(line.slice(0, cut), font) > width) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    } else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  while (last.length > 1 && measure(`${last}…`, font) > width) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last.trimEnd()}…`;
  return kept;
}

function text(x: number, y: number, s: string, size: number, fill: string, opts: { weight?: number; anchor?: 'start' | 'middle' | 'end' } = {}): string {
  const weight = opts.weight ? ` font-weight="${opts.weight}"` : '';
  const anchor = opts.anchor && opts.anchor !== 'start' ? ` text-anchor="${opts.anchor}"` : '';
  return `<text x="${n(x)}" y="${n(y)}" font-size="${size}"${weight}${anchor} fill="${fill}">${esc(s)}</text>`;
}

/** n writes a coordinate with at most one decimal. */
function n(v: number): string {
  return String(Math.round(v * 10) / 10);
}

/** PAD is the margin around the steps; HEAD and the legend's rows sit above and below. */
const PAD = 32;
const TITLE_SIZE = 22;
const SUB_SIZE = 13;
const LEGEND_ROW = 20;

/** bounds is the box holding every step, frame, note and link label. */
export function bounds(p: VPicture): { x: number; y: number; w: number; h: number } {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const add = (x: number, y: number, w = 0, h = 0) => {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x + w);
    y1 = Math.max(y1, y + h);
  };
  for (const s of p.steps) {
    const over = s.counters?.length && !s.countersInside ? 22 : 0;
    add(s.x, s.y - over, s.w, s.h + over);
  }
  for (const f of p.frames) add(f.x, f.y, f.w, f.h);
  for (const o of p.notes) add(o.x, o.y, o.w, o.h);
  for (const l of p.links) {
    for (const m of l.d.matchAll(/(-?\d+(?:\.\d+)?)[ ,](-?\d+(?:\.\d+)?)/g)) add(Number(m[1]), Number(m[2]));
    if (l.label) add(l.label.x - 30, l.label.y - 10, 60, 20);
  }
  if (x0 === Infinity) return { x: 0, y: 0, w: 0, h: 0 };
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/**
 * pictureSvg draws a picture as a standalone SVG document. Its width is at
 * least minWidth, so a small funnel still has room for its title.
 */
export function pictureSvg(pic: VPicture, measure: Measure = roughMeasure, minWidth = 640): string {
  // A step grows to hold its whole text (a name the screen cuts with an ellipsis is written in full).
  const p = { ...pic, steps: pic.steps.map((s) => ({ ...s, h: Math.max(s.h, stepLayout(s, measure).height) })) };
  const b = bounds(p);
  const titleFont = `700 ${TITLE_SIZE}px ${FONT}`;
  const contentW = Math.max(b.w + 2 * PAD, minWidth);
  const titleLines = wrap(p.title, contentW - 2 * PAD, titleFont, measure, 3);
  const subLines = p.subtitle ? wrap(p.subtitle, contentW - 2 * PAD, `${SUB_SIZE}px ${FONT}`, measure, 4) : [];
  const head = PAD + titleLines.length * (TITLE_SIZE + 6) + subLines.length * (SUB_SIZE + 5) + (subLines.length ? 5 : 0) + 28;
  // The legend flows in rows across the width; an item longer than a row
  // has rows of its own, wrapped.
  const legendFont = `12px ${FONT}`;
  const room = contentW - 2 * PAD;
  const legendRows: { x: number; item: VLegend; lines: string[] }[][] = [[]];
  let lx = PAD;
  for (const item of p.legend) {
    const swatch = item.color ? 18 : 0;
    const lines = wrap(item.text, room - swatch, legendFont, measure, 6);
    const w = swatch + Math.max(...lines.map((l) => measure(l, legendFont))) + 24;
    if ((lx + w > contentW - PAD || lines.length > 1) && legendRows.at(-1)!.length > 0) {
      legendRows.push([]);
      lx = PAD;
    }
    legendRows.at(-1)!.push({ x: lx, item, lines });
    lx += w;
    if (lines.length > 1) {
      legendRows.push([]);
      lx = PAD;
    }
  }
  const rowLines = (row: { lines: string[] }[]) => Math.max(0, ...row.map((r) => r.lines.length));
  const legendH = p.legend.length ? legendRows.reduce((h, row) => h + rowLines(row) * LEGEND_ROW, 0) + 16 : 0;
  const width = Math.ceil(contentW);
  const height = Math.ceil(head + b.h + PAD + legendH);
  // Canvas coordinates move so the steps start under the title, centred.
  const dx = (contentW - b.w) / 2 - b.x;
  const dy = head - b.y;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    `<title>${esc(p.title)}</title>`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#64748b"/></marker></defs>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
  );
  let y = PAD + TITLE_SIZE;
  for (const line of titleLines) {
    out.push(text(PAD, y, line, TITLE_SIZE, '#0f172a', { weight: 700 }));
    y += TITLE_SIZE + 6;
  }
  y += 4;
  for (const line of subLines) {
    out.push(text(PAD, y, line, SUB_SIZE, '#475569'));
    y += SUB_SIZE + 5;
  }
  out.push(`<g transform="translate(${n(dx)} ${n(dy)})">`);
  for (const f of p.frames) out.push(frameSvg(f, measure));
  for (const l of p.links) out.push(`<path d="${esc(l.d)}" fill="none" stroke="${l.color}" stroke-width="${n(l.width ?? 1.6)}"${l.dashed ? ' stroke-dasharray="6 4"' : ''} marker-end="url(#arrow)"/>`);
  for (const o of p.notes) out.push(noteSvg(o, measure));
  for (const s of p.steps) out.push(stepSvg(s, measure));
  for (const l of p.links) if (l.label) out.push(chip(l.label.x, l.label.y, l.label.text, measure, 'middle'));
  out.push('</g>');
  if (p.legend.length) {
    let ly = head + b.h + PAD + 8;
    for (const row of legendRows) {
      for (const { x, item, lines } of row) {
        let tx = x;
        if (item.color) {
          out.push(`<rect x="${n(x)}" y="${n(ly - 10)}" width="12" height="12" rx="3" fill="${item.color}"/>`);
          tx += 18;
        }
        lines.forEach((line, i) => out.push(text(tx, ly + i * LEGEND_ROW, line, 12, '#334155')));
      }
      ly += rowLines(row) * LEGEND_ROW;
    }
  }
  out.push('</svg>');
  return out.join('\n');
}

function chip(x: number, y: number, s: string, measure: Measure, anchor: 'middle' | 'start'): string {
  const font = `600 11px ${FONT}`;
  const w = measure(s, font) + 12;
  const left = anchor === 'middle' ? x - w / 2 : x;
  return (
    `<rect x="${n(left)}" y="${n(y - 9)}" width="${n(w)}" height="18" rx="9" fill="#ffffff" stroke="#cbd5e1"/>` +
    text(left + w / 2, y + 4, s, 11, '#334155', { weight: 600, anchor: 'middle' })
  );
}

/** StepLine is one line of text on a step. */
interface StepLine {
  x: number;
  y: number;
  text: string;
  size: number;
  color: string;
  weight?: number;
}

const ICON = 18;

/** stepLayout places a step's title, kind and summary, and says how tall the box must be to hold them. */
function stepLayout(s: VStep, measure: Measure): { lines: StepLine[]; height: number } {
  const left = s.x + 12;
  const tx = left + (s.icon ? ICON + 8 : 0);
  const width = s.x + s.w - 10 - tx;
  const lines: StepLine[] = [];
  let y = s.y + 26;
  for (const line of wrap(s.title, width, `600 13px ${FONT}`, measure, 4)) {
    lines.push({ x: tx, y, text: line, size: 13, color: '#0f172a', weight: 600 });
    y += 17;
  }
  if (s.type) {
    lines.push({ x: tx, y, text: wrap(s.type, width, `11px ${FONT}`, measure, 1)[0] ?? '', size: 11, color: '#64748b' });
    y += 15;
  }
  if (s.summary) {
    for (const line of wrap(s.summary, s.x + s.w - 10 - left, `12px ${FONT}`, measure, 3)) {
      lines.push({ x: left, y: y + 2, text: line, size: 12, color: '#334155' });
      y += 16;
    }
  }
  if (s.countersInside) {
    y += 6;
    (s.counters ?? []).forEach((c, i) => {
      for (const line of wrap(c, s.x + s.w - 10 - left, `${i === 0 ? 700 : 400} ${i === 0 ? 14 : 12}px ${FONT}`, measure, 2)) {
        lines.push({ x: left, y: y + 2, text: line, size: i === 0 ? 14 : 12, color: i === 0 ? '#0f172a' : '#334155', weight: i === 0 ? 700 : undefined });
        y += i === 0 ? 19 : 16;
      }
    });
  }
  const ports = (s.ports ?? []).length ? 18 : 0;
  return { lines, height: y - s.y + ports };
}

function stepSvg(s: VStep, measure: Measure): string {
  const out: string[] = [`<g class="step">`];
  out.push(`<rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}" rx="10" fill="#ffffff" stroke="#94a3b8"${s.state === 'missing' ? ' stroke-dasharray="5 4"' : ''}/>`);
  // The category stripe: the part of the rounded box above y + 4 (the
  // corner arcs, radius 10 around (x + 10, y + 10), cross y + 4 at x + 2).
  out.push(`<path d="M${n(s.x + 2)},${n(s.y + 4)} A10,10 0 0 1 ${n(s.x + 10)},${n(s.y)} H${n(s.x + s.w - 10)} A10,10 0 0 1 ${n(s.x + s.w - 2)},${n(s.y + 4)} Z" fill="${s.accent}"/>`);
  if (s.icon) out.push(`<g transform="translate(${n(s.x + 12)} ${n(s.y + 12)})">${sizedIcon(s.icon, ICON, s.accent)}</g>`);
  for (const l of stepLayout(s, measure).lines) out.push(text(l.x, l.y, l.text, l.size, l.color, { weight: l.weight }));
  for (const p of s.ports ?? []) out.push(text(p.x, p.y, p.label, 11, '#475569', { weight: 600, anchor: 'middle' }));
  if (s.counters?.length && !s.countersInside) {
    let cx = s.x;
    for (const c of s.counters) {
      out.push(chip(cx, s.y - 12, c, measure, 'start'));
      cx += measure(c, `600 11px ${FONT}`) + 18;
    }
  }
  out.push('</g>');
  return out.join('');
}

/**
 * sizedIcon makes an icon's <svg> a given size and colour: lucide draws
 * with stroke="currentColor", which not every viewer resolves, so the
 * colour is written in.
 */
export function sizedIcon(svg: string, size: number, color: string): string {
  return svg
    .replace(/<svg\b([^>]*)>/, (_m, attrs: string) => {
      const kept = attrs.replace(/\s(width|height|class|style|aria-hidden)="[^"]*"/g, '');
      return `<svg${kept} width="${size}" height="${size}">`;
    })
    .replace(/currentColor/g, color);
}

function frameSvg(f: VFrame, measure: Measure): string {
  const font = `600 12px ${FONT}`;
  const title = wrap(f.title, Math.max(60, f.w - 24), font, measure, 1)[0] ?? '';
  const tab = measure(title, font) + 20;
  return (
    `<g class="frame"><rect x="${n(f.x)}" y="${n(f.y)}" width="${n(f.w)}" height="${n(f.h)}" rx="12" fill="${f.color}" fill-opacity="0.07" stroke="${f.color}" stroke-opacity="0.6" stroke-dasharray="5 4"/>` +
    `<rect x="${n(f.x)}" y="${n(f.y)}" width="${n(tab)}" height="24" rx="8" fill="${f.color}" fill-opacity="0.18"/>` +
    text(f.x + 10, f.y + 16, title, 12, '#0f172a', { weight: 600 }) +
    '</g>'
  );
}

function noteSvg(o: VNote, measure: Measure): string {
  const out = [`<g class="note"><rect x="${n(o.x)}" y="${n(o.y)}" width="${n(o.w)}" height="${n(o.h)}" rx="6" fill="#fef9c3" stroke="#eab308" stroke-opacity="0.5"/>`];
  let y = o.y + 20;
  const lines = o.text.split('\n').flatMap((l) => wrap(l, o.w - 20, `12px ${FONT}`, measure, 20));
  for (const line of lines) {
    if (y > o.y + o.h - 6) break;
    out.push(text(o.x + 10, y, line, 12, '#422006'));
    y += 16;
  }
  out.push('</g>');
  return out.join('');
}

/** svgToPng draws an SVG document onto a canvas at `scale` times its size and returns the PNG as base64. */
export async function svgToPng(svg: string, scale = 2): Promise<{ base64: string; width: number; height: number }> {
  const w = Number(/width="(\d+)"/.exec(svg)?.[1] ?? 0);
  const h = Number(/height="(\d+)"/.exec(svg)?.[1] ?? 0);
  const img = new Image();
  // A data: URL, as html-to-image uses: the desktop window (WebKitGTK)
  // draws those onto a canvas without marking it unreadable.
  const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error('the picture could not be drawn'));
    img.src = url;
  });
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(w * scale);
  canvas.height = Math.round(h * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no canvas');
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const data = canvas.toDataURL('image/png');
  return { base64: data.slice(data.indexOf(',') + 1), width: canvas.width, height: canvas.height };
}
