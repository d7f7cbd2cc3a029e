// serveDist serves a built frontend folder on loopback for the bench pages
// (canvas.mjs, panwork.mjs): files only, nothing outside the folder.
import { existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import { chromium } from 'playwright-core';
import { extname, join, normalize } from 'node:path';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };

/** serveDist starts a server for the files under dist on 127.0.0.1 and an unused port; it resolves to the listening server. */
export function serveDist(dist) {
  const server = http.createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dist, path);
    if (!file.startsWith(dist) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((res) => server.listen(0, '127.0.0.1', () => res(server)));
}

/**
 * openBench serves dist and opens headless Chromium (at chromiumPath) on a
 * 1280×800 page for the bench pages; close() ends both.
 */
export async function openBench(dist, chromiumPath) {
  if (!existsSync(join(dist, 'bench', 'canvas.html'))) throw new Error('dist/bench/canvas.html is missing: run `npm --prefix frontend run build` first');
  if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath} (set CHROMIUM_PATH)`);
  const server = await serveDist(dist);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--headless'],
  });
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  const close = async () => {
    await browser.close();
    server.close();
  };
  return { base, browser, page, close };
}
