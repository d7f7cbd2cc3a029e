// Handing the results to the user: a file (CSV, PNG of the results, the
// simulated funnel as SVG or PNG) and a printed report.
// The desktop window ignores download links, so there files are saved from
// Go with a save dialog; in a browser (the dev server, tests) they are
// downloads.
import { toPng } from 'html-to-image';
import { errorMessage } from '../../api/backend';
import { simulationApi } from '../../api/simulation';
import { translate } from '../../i18n/dict';
import { canvasSvg, savePicture, type PictureKind } from '../../features/funnel/screen/exporting';
import { useFlows } from '../../features/funnel/stores/flows';
import { formatDate } from '../../i18n/format';
import { useSettings } from '../../stores/settings';
import { useSimulation } from '../../stores/simulation';
import { toast } from '../../stores/toasts';
import { comparisonCsv, simulationCsv } from './csv';
import { csvNames } from './csvNames';
import { msg } from '../../i18n/message';

/** isDesktopWindow tells the Wails window (WebKitGTK, WebView2) from a browser. */
export function isDesktopWindow(): boolean {
  const w = window as unknown as { webkit?: { messageHandlers?: { external?: { postMessage?: unknown } } }; chrome?: { webview?: { postMessage?: unknown } } };
  return typeof w.webkit?.messageHandlers?.external?.postMessage === 'function' || typeof w.chrome?.webview?.postMessage === 'function';
}

/** fileBase turns a name into a file name without extension. */
export function fileBase(name: string): string {
  const base = name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return base || 'simulation';
}

/** browserDownload offers a file to the browser's downloads (replaced in tests: jsdom cannot download). */
export const files = {
  download(name: string, blob: Blob): void {
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};

function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** saveFile hands a file to the user; false when cancelled or failed (a toast says why). */
export async function saveFile(name: string, content: string, mime: string, base64 = false): Promise<boolean> {
  try {
    if (isDesktopWindow()) {
      const path = await simulationApi().saveFile(name, content, base64);
      if (!path) return false;
      toast('success', msg('sim.export.savedTo', { path }), 'sim-export');
      return true;
    }
    files.download(name, new Blob([base64 ? fromBase64(content) : content], { type: mime }));
    toast('success', msg('sim.export.downloaded', { name }), 'sim-export');
    return true;
  } catch (err) {
    toast('error', msg('sim.export.failed', { message: errorMessage(err) }), 'sim-export');
    return false;
  }
}

/** exportPng saves a picture of an element (buttons and controls, marked fp-sim-noexport, left out). */
export async function exportPng(el: HTMLElement, name: string): Promise<boolean> {
  try {
    const url = await toPng(el, {
      backgroundColor: '#f6f7f9',
      pixelRatio: 2,
      filter: (node) => !(node instanceof HTMLElement && node.classList.contains('fp-sim-noexport')),
    });
    return await saveFile(name, url.slice(url.indexOf(',') + 1), 'image/png', true);
  } catch (err) {
    toast('error', msg('sim.export.failed', { message: errorMessage(err) }), 'sim-export');
    return false;
  }
}

/** PRINT_CLASS on <body> (while the simulation screen is shown) turns on the report's print stylesheet. */
export const PRINT_CLASS = 'fp-sim-print';

/** printReport prints the results as a report: picture, headline numbers, charts and the email table. */
export function printReport(): void {
  window.print();
}

/** exportSimulationCsv saves the result shown as a CSV in the UI language (see csv.ts for the format). */
export async function exportSimulationCsv(): Promise<boolean> {
  const lang = useSettings.getState().lang;
  const s = useSimulation.getState();
  if (!s.result || !s.flow) return false;
  const items = useFlows.getState().items;
  const info = items.find((f) => f.id === s.flow!.id);
  try {
    const text = simulationCsv({
      result: s.result,
      request: s.request,
      flow: s.flow,
      publishedVersion: info?.published_version ?? 0,
      ranAt: s.ranAt ?? new Date(),
      names: csvNames(lang, (id) => items.find((f) => f.id === id)?.name),
      lang,
    });
    return await saveFile(`${fileBase(s.flow.name || s.flow.id)}-simulation.csv`, text, 'text/csv;charset=utf-8');
  } catch (err) {
    toast('error', msg('sim.export.failed', { message: errorMessage(err) }), 'sim-export');
    return false;
  }
}

/** exportComparisonCsv saves the comparison shown as a CSV in the UI language. */
export async function exportComparisonCsv(): Promise<boolean> {
  const lang = useSettings.getState().lang;
  const c = useSimulation.getState().compare;
  if (!c.result || !c.flowA || !c.flowB) return false;
  const items = useFlows.getState().items;
  try {
    const text = comparisonCsv({
      comparison: c.result,
      request: c.request,
      flowA: c.flowA,
      flowB: c.flowB,
      version: c.version,
      ranAt: c.ranAt ?? new Date(),
      names: csvNames(lang, (id) => items.find((f) => f.id === id)?.name),
      lang,
    });
    const base = c.version !== null ? `${fileBase(c.flowB.name || c.flowB.id)}-v${c.version}` : `${fileBase(c.flowA.name || c.flowA.id)}-${fileBase(c.flowB.name || c.flowB.id)}`;
    return await saveFile(`${base}-comparison.csv`, text, 'text/csv;charset=utf-8');
  } catch (err) {
    toast('error', msg('sim.export.failed', { message: errorMessage(err) }), 'sim-export');
    return false;
  }
}

/**
 * exportSimPicture saves the simulated funnel (the picture under root, a
 * .react-flow element) with its numbers, as SVG shapes and text or as a
 * PNG at 2×, titled with the funnel's name and the run's assumptions.
 */
export async function exportSimPicture(kind: PictureKind, root: HTMLElement | null, name: string, meta: string, ranAt: Date | null): Promise<boolean> {
  const lang = useSettings.getState().lang;
  try {
    if (!root) throw new Error(translate(lang, 'picture.noCanvas'));
    const title = translate(lang, 'sim.report.titleOf', { name });
    const subtitle = translate(lang, 'picture.simSubtitle', { meta, date: formatDate(ranAt ?? new Date(), lang) });
    const svg = canvasSvg(root, title, subtitle, lang, 'picture.legend.simNumbers');
    return (await savePicture(kind, `${fileBase(name)}-simulation`, svg)) !== null;
  } catch (err) {
    toast('error', msg('sim.export.failed', { message: errorMessage(err) }), 'sim-export');
    return false;
  }
}
