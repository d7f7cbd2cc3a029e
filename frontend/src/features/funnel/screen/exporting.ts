// Exports of the open funnel: its .flow.json file, a picture of the canvas
// (SVG as real shapes and text, or that SVG drawn as a PNG at 2×, with a
// title block and legend; see vector.ts) and a printable page. The desktop window
// ignores download links, so there files are saved from Go with a save
// dialog; in a browser (the dev server, tests) they are downloads.
import { getNodesBounds, type Node } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';
import type { Lang } from '../../../api/types';
import { funnelsApi } from '../../../api/funnels';
import { errorMessage } from '../../../api/backend';
import { translate, type MessageKey } from '../../../i18n/dict';
import { formatDate } from '../../../i18n/format';
import { useFlows } from '../stores/flows';
import { useEditor } from '../stores/editor';
import { workspaceApi } from '../../../api/workspace';
import { useSettings } from '../../../stores/settings';
import { toast } from '../../../stores/toasts';
import { download } from './download';
import { tn } from './plural';
import { scrapeCanvas } from './scrape';
import { canvasMeasure, pictureSvg, svgToPng, type VLegend } from './vector';
import { msg } from '../../../i18n/message';

/** isDesktopWindow tells the Wails window (WebKitGTK, WebView2) from a browser. */
export function isDesktopWindow(): boolean {
  const w = window as unknown as { webkit?: { messageHandlers?: { external?: { postMessage?: unknown } } }; chrome?: { webview?: { postMessage?: unknown } } };
  return typeof w.webkit?.messageHandlers?.external?.postMessage === 'function' || typeof w.chrome?.webview?.postMessage === 'function';
}

/** fileBase turns a funnel's name into a file name without extension. */
export function fileBase(name: string): string {
  const base = name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return base || 'funnel';
}

/** SavedFile describes a file handed to the user. */
export interface SavedFile {
  name: string;
  /** path is where the desktop window wrote it; "" for a browser download. */
  path: string;
}

/**
 * saveFile hands a file to the user: a save dialog in the desktop window,
 * a download in a browser. `content` is text, or base64 when `base64` is
 * set. It returns null when the user cancelled or saving failed (then a
 * toast says why).
 */
export async function saveFile(name: string, content: string, mime: string, base64 = false): Promise<SavedFile | null> {
  try {
    if (isDesktopWindow()) {
      const path = await funnelsApi().saveFile(name, content, base64);
      if (!path) return null;
      toast('success', msg('export.savedTo', { path }), 'export');
      return { name, path };
    }
    const blob = base64 ? new Blob([fromBase64(content)], { type: mime }) : new Blob([content], { type: mime });
    download(name, blob);
    toast('success', msg('export.downloaded', { name }), 'export');
    return { name, path: '' };
  } catch (err) {
    toast('error', msg('export.failed', { message: errorMessage(err) }), 'export');
    return null;
  }
}

function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** exportFlowFile saves a funnel as its .flow.json file. */
export async function exportFlowFile(id: string, name: string): Promise<SavedFile | null> {
  const text = await useFlows.getState().exportText(id);
  if (text === null) return null;
  return saveFile(`${fileBase(name || id)}.flow.json`, text, 'application/json');
}

/** exportPackage saves a funnel packaged with the emails, scripts, segments and lists it names (.flightplan-funnel). */
export async function exportPackage(id: string, name: string): Promise<SavedFile | null> {
  try {
    await useEditor.getState().flush();
    const text = await workspaceApi().packageFunnel(id);
    return saveFile(`${fileBase(name || id)}.flightplan-funnel`, text, 'application/json');
  } catch (err) {
    toast('error', msg('export.failed', { message: errorMessage(err) }), 'export');
    return null;
  }
}

// ---------- the printable summary's picture (html-to-image) ----------

/** PICTURE_PADDING is the margin around the steps in a picture, in pixels. */
export const PICTURE_PADDING = 40;
/** PICTURE_MAX is the largest side of a picture, in pixels; bigger funnels are scaled down. */
export const PICTURE_MAX = 4096;

/** PictureFrame is the size of a picture and the viewport that fits the steps in it. */
export interface PictureFrame {
  width: number;
  height: number;
  transform: string;
}

/** pictureFrame fits a picture to the nodes at zoom 1 (less for very large funnels). */
export function pictureFrame(nodes: Node[]): PictureFrame {
  const b = getNodesBounds(nodes);
  const scale = Math.min(1, PICTURE_MAX / Math.max(b.width + 2 * PICTURE_PADDING, b.height + 2 * PICTURE_PADDING, 1));
  const width = Math.max(1, Math.ceil((b.width + 2 * PICTURE_PADDING) * scale));
  const height = Math.max(1, Math.ceil((b.height + 2 * PICTURE_PADDING) * scale));
  const x = (PICTURE_PADDING - b.x) * scale;
  const y = (PICTURE_PADDING - b.y) * scale;
  return { width, height, transform: `translate(${x}px, ${y}px) scale(${scale})` };
}

/**
 * picture draws the canvas's steps and links (not the controls) as a data
 * URL, through html-to-image: the printable summary's picture (an <img> in
 * a browser page, where HTML inside the SVG is drawn). Files use canvasSvg.
 */
export async function picture(kind: PictureKind, nodes: Node[]): Promise<string> {
  const el = document.querySelector<HTMLElement>('.react-flow__viewport');
  if (!el) throw new Error('no canvas');
  const f = pictureFrame(nodes);
  const options = {
    backgroundColor: '#ffffff',
    width: f.width,
    height: f.height,
    skipFonts: true,
    // The "+" under each output is for editing, not for the picture.
    filter: (n: HTMLElement) => !n.classList?.contains('fp-port-plus'),
    style: { width: `${f.width}px`, height: `${f.height}px`, transform: f.transform },
  };
  const restore = inlineSvgStyles(el);
  try {
    return await (kind === 'png' ? toPng(el, { ...options, pixelRatio: 1 }) : toSvg(el, options));
  } finally {
    restore();
  }
}

/** SVG_PROPS are the style properties that draw links (their lines, arrows and labels). */
const SVG_PROPS = ['stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'fill', 'fill-opacity', 'opacity', 'font-size', 'font-weight', 'font-family'];

/**
 * inlineSvgStyles writes the computed style of every element inside the
 * canvas's SVGs (the links) into its style attribute, and returns how to
 * undo it. html-to-image copies an <svg> as it is, without the style sheet
 * that draws React Flow's links, which would leave them out of the picture.
 */
export function inlineSvgStyles(root: HTMLElement): () => void {
  const saved: [Element, string | null][] = [];
  for (const el of root.querySelectorAll('svg *')) {
    const cs = getComputedStyle(el);
    const inline = SVG_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`)
      .filter((d) => !d.endsWith(':'))
      .join(';');
    if (!inline) continue;
    saved.push([el, el.getAttribute('style')]);
    el.setAttribute('style', `${inline};${el.getAttribute('style') ?? ''}`);
  }
  return () => {
    for (const [el, style] of saved) {
      if (style === null) el.removeAttribute('style');
      else el.setAttribute('style', style);
    }
  };
}

// ---------- picture files: vector SVG, PNG at 2× ----------

/** Kinds of picture. */
export type PictureKind = 'png' | 'svg';

/**
 * PNG_SCALE is how many PNG pixels a canvas pixel gets: twice, so the
 * picture stays sharp on a slide or printed. A very large funnel gets less
 * (see pngScale), as browsers refuse canvases past about 16,000 px a side.
 */
export const PNG_SCALE = 2;
/** PNG_MAX_SIDE and PNG_MAX_AREA are the largest canvas the export draws. */
export const PNG_MAX_SIDE = 16_000;
export const PNG_MAX_AREA = 120_000_000;

/** pngScale is the scale a PNG of a w × h picture is drawn at: 2, or less when that would be too large. */
export function pngScale(w: number, h: number): number {
  return Math.min(PNG_SCALE, PNG_MAX_SIDE / Math.max(w, h, 1), Math.sqrt(PNG_MAX_AREA / Math.max(w * h, 1)));
}

/** CATEGORY_ORDER is the legend's order of step categories, as the palette lists them. */
const CATEGORY_ORDER = ['start', 'check', 'wait', 'do', 'finish'];

/** legendOf explains the colours drawn, and the numbers when there are some. */
export function legendOf(categories: Map<string, string>, hasNumbers: boolean, lang: Lang, numbers: MessageKey = 'picture.legend.numbers'): VLegend[] {
  const out: VLegend[] = CATEGORY_ORDER.filter((c) => categories.has(c)).map((c) => ({ color: categories.get(c)!, text: translate(lang, `palette.cat.${c}` as MessageKey) }));
  out.push({ text: translate(lang, 'picture.legend.links') });
  if (hasNumbers) out.push({ text: translate(lang, numbers) });
  return out;
}

/** funnelSubtitle says what the picture is: draft or live version, and the day it was drawn. */
export function funnelSubtitle(publishedVersion: number, when: Date, lang: Lang): string {
  const state = publishedVersion > 0 ? translate(lang, 'flows.live', { version: publishedVersion }) : translate(lang, 'flows.draft');
  return translate(lang, 'picture.subtitle', { state, date: formatDate(when, lang) });
}

/** canvasSvg draws the canvas under root (a .react-flow element) as a standalone SVG with a title block and legend. */
export function canvasSvg(root: HTMLElement, title: string, subtitle: string, lang: Lang, numbers?: MessageKey): string {
  const drawn = scrapeCanvas(root, lang);
  // Without numbers, a link's "0" says nothing either.
  const links = drawn.hasNumbers ? drawn.links : drawn.links.map((l) => (l.label && /^[\d\s.,%\u00a0\u202f]*$/.test(l.label.text) ? { ...l, label: undefined } : l));
  return pictureSvg({ title, subtitle, steps: drawn.steps, frames: drawn.frames, notes: drawn.notes, links, legend: legendOf(drawn.categories, drawn.hasNumbers, lang, numbers) }, canvasMeasure());
}

/** savePicture saves an SVG document as itself, or drawn as a PNG at twice its size. */
export async function savePicture(kind: PictureKind, base: string, svg: string): Promise<SavedFile | null> {
  const file = `${base}.${kind}`;
  if (kind === 'svg') return saveFile(file, svg, 'image/svg+xml');
  const w = Number(/width="(\d+)"/.exec(svg)?.[1] ?? 1);
  const h = Number(/height="(\d+)"/.exec(svg)?.[1] ?? 1);
  const png = await pictureDraw.png(svg, pngScale(w, h));
  return saveFile(file, png.base64, 'image/png', true);
}

/** pictureDraw turns an SVG into a PNG (replaced in tests: jsdom draws no images). */
export const pictureDraw = { png: svgToPng };

/**
 * exportPicture saves a picture of the canvas under root (the editor's
 * .react-flow element): every step, frame, note and link as drawn, under a
 * title block (the funnel's name, draft or live, the date) and over a
 * legend. nodes only tells whether there is anything to draw.
 */
export async function exportPicture(kind: PictureKind, name: string, nodes: Node[], root?: HTMLElement | null): Promise<SavedFile | null> {
  const lang = useSettings.getState().lang;
  if (nodes.length === 0) {
    toast('warning', msg('export.nothing'), 'export');
    return null;
  }
  try {
    const el = root ?? document.querySelector<HTMLElement>('.react-flow__viewport')?.closest<HTMLElement>('.react-flow') ?? null;
    if (!el) throw new Error(translate(lang, 'picture.noCanvas'));
    const meta = useEditor.getState().meta;
    const info = useFlows.getState().items.find((f) => f.id === meta?.id);
    const svg = canvasSvg(el, name, funnelSubtitle(info?.published_version ?? 0, new Date(), lang), lang);
    return await savePicture(kind, fileBase(name), svg);
  } catch (err) {
    toast('error', msg('export.failed', { message: errorMessage(err) }), 'export');
    return null;
  }
}

/**
 * exportMap saves the map of funnels under root (its .react-flow element)
 * as a picture: every funnel's box with its full name and state, and the
 * arrows between them, under a title block and over a legend.
 */
export async function exportMap(kind: PictureKind, root: HTMLElement | null): Promise<SavedFile | null> {
  const lang = useSettings.getState().lang;
  try {
    if (!root) throw new Error(translate(lang, 'picture.noCanvas'));
    const drawn = scrapeCanvas(root, lang);
    if (drawn.steps.length === 0) {
      toast('warning', msg('export.nothing'), 'export');
      return null;
    }
    const title = translate(lang, 'map.title');
    const subtitle = tn(lang, 'map.subtitle', drawn.steps.length, { date: formatDate(new Date(), lang) });
    // The legend names each state of box drawn, with its colour.
    const words = { live: translate(lang, 'map.legend.live'), draft: translate(lang, 'flows.draft'), missing: translate(lang, 'map.missing') };
    const legend: VLegend[] = (['live', 'draft', 'missing'] as const)
      .map((state) => ({ state, step: drawn.steps.find((s) => s.state === state) }))
      .filter((x) => x.step)
      .map(({ state, step }) => ({ color: step!.accent, text: words[state] }));
    legend.push({ text: translate(lang, 'map.legend.arrow') });
    const svg = pictureSvg({ title, subtitle, steps: drawn.steps, frames: [], notes: [], links: drawn.links, legend }, canvasMeasure());
    return await savePicture(kind, fileBase(title), svg);
  } catch (err) {
    toast('error', msg('export.failed', { message: errorMessage(err) }), 'export');
    return null;
  }
}
