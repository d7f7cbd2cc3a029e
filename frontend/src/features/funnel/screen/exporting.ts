// Exports of the open funnel: its .flow.json file, a picture of the canvas
// (PNG or SVG, fitted to the steps) and a printable page. The desktop window
// ignores download links, so there files are saved from Go with a save
// dialog; in a browser (the dev server, tests) they are downloads.
import { getNodesBounds, type Node } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';
import { funnelsApi } from '../../../api/funnels';
import { errorMessage } from '../../../api/backend';
import { translate } from '../../../i18n/dict';
import { useFlows } from '../stores/flows';
import { useEditor } from '../stores/editor';
import { workspaceApi } from '../../../api/workspace';
import { useSettings } from '../../../stores/settings';
import { toast } from '../../../stores/toasts';
import { download } from './download';

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
  const lang = useSettings.getState().lang;
  try {
    if (isDesktopWindow()) {
      const path = await funnelsApi().saveFile(name, content, base64);
      if (!path) return null;
      toast('success', translate(lang, 'export.savedTo', { path }), 'export');
      return { name, path };
    }
    const blob = base64 ? new Blob([fromBase64(content)], { type: mime }) : new Blob([content], { type: mime });
    download(name, blob);
    toast('success', translate(lang, 'export.downloaded', { name }), 'export');
    return { name, path: '' };
  } catch (err) {
    toast('error', translate(lang, 'export.failed', { message: errorMessage(err) }), 'export');
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
  const lang = useSettings.getState().lang;
  try {
    await useEditor.getState().flush();
    const text = await workspaceApi().packageFunnel(id);
    return saveFile(`${fileBase(name || id)}.flightplan-funnel`, text, 'application/json');
  } catch (err) {
    toast('error', translate(lang, 'export.failed', { message: errorMessage(err) }), 'export');
    return null;
  }
}

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

/** Kinds of picture. */
export type PictureKind = 'png' | 'svg';

/** picture draws the canvas's steps and links (not the controls) as a data URL. */
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

/** exportPicture saves a picture of the canvas fitted to its steps. */
export async function exportPicture(kind: PictureKind, name: string, nodes: Node[]): Promise<SavedFile | null> {
  const lang = useSettings.getState().lang;
  if (nodes.length === 0) {
    toast('warning', translate(lang, 'export.nothing'), 'export');
    return null;
  }
  let url: string;
  try {
    url = await picture(kind, nodes);
  } catch (err) {
    toast('error', translate(lang, 'export.failed', { message: errorMessage(err) }), 'export');
    return null;
  }
  const file = `${fileBase(name)}.${kind}`;
  if (kind === 'png') return saveFile(file, url.slice(url.indexOf(',') + 1), 'image/png', true);
  return saveFile(file, decodeURIComponent(url.slice(url.indexOf(',') + 1)), 'image/svg+xml');
}
