import { ReactFlowProvider } from '@xyflow/react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Sidebar } from '../../../components/Sidebar';
import { useFlows } from '../stores/flows';
import { toastText, useToasts } from '../../../stores/toasts';
import { resetFunnels, type FakeFunnels } from '../../../test/fakeFunnels';
import type { CanvasNode } from '../canvas/types';

// The picture itself is html-to-image's job (it needs a real browser: the
// end-to-end test checks a real PNG); here it returns a known image, and
// the download is recorded instead of happening.
vi.mock('html-to-image', () => ({
  toPng: vi.fn(async () => 'data:image/png;base64,iVBORw0KGgo='),
  toSvg: vi.fn(async () => 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg"></svg>')),
}));
vi.mock('./download', () => ({ download: vi.fn() }));

const { toPng } = await import('html-to-image');
const { download } = await import('./download');
const { exportFlowFile, exportPicture, fileBase, inlineSvgStyles, isDesktopWindow, pictureDraw, pictureFrame, pngScale } = await import('./exporting');

// A loaded machine runs these slower than the 1 s default wait.

let api: FakeFunnels;
const node = (id: string, x: number, y: number): CanvasNode =>
  ({ id, type: 'step', position: { x, y }, measured: { width: 248, height: 96 }, data: { nodeType: 'exit', config: {} } }) as CanvasNode;
const lastToast = () => useToasts.getState().toasts.map((t) => ({ ...t, text: toastText(t, 'en') })).at(-1);

// jsdom's Blob has no text() / arrayBuffer(): read it as a page would.
function readBlob(b: Blob): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(r.result as ArrayBuffer);
    r.onerror = () => reject(r.error);
    r.readAsArrayBuffer(b);
  });
}
async function blobBytes(b: Blob): Promise<number[]> {
  return [...new Uint8Array(await readBlob(b))];
}
async function blobText(b: Blob): Promise<string> {
  return new TextDecoder().decode(await readBlob(b));
}

beforeEach(() => {
  ({ funnels: api } = resetFunnels());
  vi.mocked(download).mockClear();
  vi.mocked(toPng).mockClear();
  document.body.innerHTML = '<div class="react-flow__viewport"></div>';
});
afterEach(() => {
  delete (window as unknown as { webkit?: unknown }).webkit;
});

describe('pictures of the canvas', () => {
  // jsdom lays nothing out and draws no image: the canvas here is a step
  // whose box is given, and the PNG is a known image. The end-to-end test
  // checks real pictures.
  const canvas = () => {
    document.body.innerHTML = `<div class="react-flow"><div class="react-flow__viewport" style="transform: translate(0px, 0px) scale(1)">
      <div class="react-flow__node"><div class="fp-node fp-cat-do"><span class="fp-node-icon"><svg viewBox="0 0 24 24" stroke="currentColor"><path d="M1 1h22"/></svg></span>
      <div class="fp-node-title">Send “Welcome”</div><div class="fp-node-numbers"><span class="fp-num" title="Entered">0</span></div></div></div></div></div>`;
    const step = document.querySelector<HTMLElement>('.fp-node')!;
    step.getBoundingClientRect = () => ({ left: 0, top: 40, right: 248, bottom: 130, width: 248, height: 90, x: 0, y: 40, toJSON: () => ({}) });
    return document.querySelector<HTMLElement>('.react-flow')!;
  };

  it('saves an SVG of real shapes and text, titled and dated, with no HTML inside', async () => {
    const saved = await exportPicture('svg', 'Été : relance panier', [node('a', 0, 0)], canvas());
    expect(saved).toEqual({ name: 'ete-relance-panier.svg', path: '' });
    const [name, blob] = vi.mocked(download).mock.calls[0]!;
    expect(name).toBe('ete-relance-panier.svg');
    const svg = await blobText(blob as Blob);
    expect(svg).not.toContain('foreignObject');
    expect(svg).toContain('>Été : relance panier</text>');
    expect(svg).toContain('>Send “Welcome”</text>');
    expect(svg).toMatch(/>Draft · exported on \w+ \d+, \d{4}<\/text>/);
    // A "0" counter carries nothing: it is left out.
    expect(svg).not.toMatch(/>0 entered</);
    expect(new DOMParser().parseFromString(svg, 'image/svg+xml').querySelector('parsererror')).toBeNull();
  });

  it('saves a PNG drawn from that SVG at twice its size', async () => {
    const png = vi.spyOn(pictureDraw, 'png').mockResolvedValue({ base64: 'iVBORw0KGgo=', width: 2, height: 2 });
    await exportPicture('png', 'Welcome', [node('a', 0, 0)], canvas());
    expect(png.mock.calls[0]![0]).toMatch(/^<svg /);
    expect(png.mock.calls[0]![1]).toBe(2);
    const [name, blob] = vi.mocked(download).mock.calls[0]!;
    expect(name).toBe('welcome.png');
    expect((await blobBytes(blob as Blob)).slice(0, 4)).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(lastToast()).toMatchObject({ kind: 'success', text: '“welcome.png” was downloaded.' });
    png.mockRestore();
  });

  it('draws a huge funnel at less than 2× rather than not at all', () => {
    expect(pngScale(1200, 900)).toBe(2);
    expect(pngScale(1200, 20_000)).toBeLessThan(1);
    expect(20_000 * pngScale(1200, 20_000)).toBeLessThanOrEqual(16_000);
  });

  it('says so when there is nothing to draw, or the drawing fails', async () => {
    expect(await exportPicture('png', 'x', [], canvas())).toBeNull();
    expect(lastToast()?.kind).toBe('warning');
    const png = vi.spyOn(pictureDraw, 'png').mockRejectedValueOnce(new Error('tainted canvas'));
    expect(await exportPicture('png', 'x', [node('a', 0, 0)], canvas())).toBeNull();
    expect(lastToast()).toMatchObject({ kind: 'error', text: 'The export did not work: tainted canvas' });
    png.mockRestore();
  });

  it('in the desktop window, saves through a save dialog in Go (base64 for a PNG)', async () => {
    const png = vi.spyOn(pictureDraw, 'png').mockResolvedValue({ base64: 'iVBORw0KGgo=', width: 2, height: 2 });
    (window as unknown as { webkit: unknown }).webkit = { messageHandlers: { external: { postMessage: () => {} } } };
    expect(isDesktopWindow()).toBe(true);
    const saved = await exportPicture('png', 'Welcome', [node('a', 0, 0)], canvas());
    expect(saved).toEqual({ name: 'welcome.png', path: '/home/me/welcome.png' });
    expect(api.saved).toEqual([{ name: 'welcome.png', content: 'iVBORw0KGgo=', isBase64: true }]);
    expect(download).not.toHaveBeenCalled();
    expect(lastToast()).toMatchObject({ kind: 'success', text: 'Saved to /home/me/welcome.png' });
    png.mockRestore();
  });
});

describe('the printable summary’s picture', () => {
  it('fits the picture to the steps, with a margin, at full size', () => {
    const f = pictureFrame([node('a', 100, 50), node('b', 400, 300)]);
    expect(f).toEqual({ width: 548 + 80, height: 346 + 80, transform: 'translate(-60px, -10px) scale(1)' });
  });

  it('scales very large funnels down', () => {
    const f = pictureFrame([node('a', 0, 0), node('b', 0, 20000)]);
    expect(f.height).toBeLessThanOrEqual(4096);
    expect(f.transform).toMatch(/scale\(0\.2\d+\)/);
  });
});

describe('the funnel file', () => {
  it('exports the .flow.json of a funnel', async () => {
    await useFlows.getState().createFromTemplate('welcome');
    await exportFlowFile('welcome-sequence', 'Welcome sequence');
    const [name, blob] = vi.mocked(download).mock.calls[0]!;
    expect(name).toBe('welcome-sequence.flow.json');
    expect(JSON.parse(await blobText(blob as Blob)).id).toBe('welcome-sequence');
    expect(fileBase('  ')).toBe('funnel');
  });

  it('imports from the sidebar’s file picker; a syntax error says line and column', async () => {
    await useFlows.getState().load();
    render(
      <ReactFlowProvider>
        <Sidebar />
      </ReactFlowProvider>,
    );
    const input = screen.getByTestId('import-file') as HTMLInputElement;
    const file = new File(['{\n "id": "x",,\n}'], 'broken.flow.json', { type: 'application/json' });
    fireEvent.change(input, { target: { files: [file] } });
    await waitFor(() =>
      expect(lastToast()).toMatchObject({ kind: 'error', text: expect.stringMatching(/^“broken\.flow\.json” cannot be read: line 3, column 14: /) }),
    );
    const good = new File([JSON.stringify({ format: 'flightplan.flow/v1', id: 'imported', name: 'Imported', settings: { reentry: 'once' }, nodes: [], edges: [] })], 'imported.flow.json');
    fireEvent.change(input, { target: { files: [good] } });
    await screen.findByTestId('flow-imported');
  });
});

describe('links in pictures', () => {
  it('draws links with their own colours, then leaves the page as it was', () => {
    document.body.innerHTML =
      '<style>.edge{stroke:rgb(1, 2, 3);stroke-width:2px}</style><div class="react-flow__viewport"><svg><g><path class="edge" style="opacity:0.5"></path><path class="edge"></path></g></svg></div>';
    const root = document.querySelector<HTMLElement>('.react-flow__viewport')!;
    const restore = inlineSvgStyles(root);
    const [a, b] = [...root.querySelectorAll('path')];
    expect(b!.getAttribute('style')).toContain('stroke:rgb(1, 2, 3)');
    expect(a!.getAttribute('style')).toMatch(/stroke-width:2px.*opacity:0\.5$/);
    restore();
    expect(a!.getAttribute('style')).toBe('opacity:0.5');
    expect(b!.hasAttribute('style')).toBe(false);
  });
});
