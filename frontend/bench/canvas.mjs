#!/usr/bin/env node
// Canvas benchmark: opens the built canvas page (dist/bench/canvas.html, the
// real canvas on a stub backend) in headless Chromium for funnels of 200 and
// 1000 steps and prints one line per size:
//
//   canvas 200 nodes: first render 180 ms, pan 59 fps, drag re-renders 1
//
// first render: from mounting to the first frame with every drawn step
// measured (a large funnel opens on its start: the steps in view); pan: frames per second while the view moves and zooms in a
// requestAnimationFrame loop for 3 s; drag re-renders: how many step
// components rendered while one step was dragged (1 means only the dragged
// one). Each figure is the median of RUNS runs (default 3). It needs
// `npm run build` first, and Debian's Chromium (or $CHROMIUM_PATH); it never
// downloads a browser. Headless Chromium hides what shadows cost in the
// desktop window (see TOOLCHAIN.md): these are figures to compare runs, not
// the window's frame rate.
//
// ZOOM=1 pans around the top-left of the funnel at that zoom instead of the
// fitted view (zoomed out, where the steps' words are hidden while the view
// moves: see src/features/funnel/canvas/detail.ts), to see the cost of readable steps.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBench } from './serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
// BENCH_DIST points at another build (a copy, while others rebuild dist/).
const dist = resolve(process.env.BENCH_DIST || join(here, '..', 'dist'));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SIZES = (process.env.SIZES || '200,1000').split(',').map(Number);
const RUNS = Math.max(1, Number(process.env.RUNS) || 3);
const PAN_MS = 3000;
const ZOOM = process.env.ZOOM ? Number(process.env.ZOOM) : null;



const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function once(page, base, n) {
  const errors = [];
  page.removeAllListeners('pageerror');
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/bench/canvas.html?n=${n}`);
  await page.waitForFunction(() => window.__bench?.firstRenderMs != null, null, { timeout: 60_000 });
  if (errors.length) throw new Error(`page error: ${errors.join('; ')}`);
  const first = await page.evaluate(() => window.__bench.firstRenderMs);
  // A large funnel opens on its start and draws the steps off screen just
  // after (src/features/funnel/canvas/opening.ts): wait until the number of drawn steps
  // holds still, then pan over the whole funnel fitted to the window — the
  // most steps on screen at once — or at ZOOM over its top-left.
  let drawn = -1;
  for (let still = 0; still < 3; ) {
    await page.waitForTimeout(150);
    const now = await page.evaluate(() => window.__bench.nodeCount());
    still = now === drawn ? still + 1 : 0;
    drawn = now;
  }
  if (ZOOM) await page.evaluate((z) => window.__bench.view(-40, -40, z), ZOOM);
  else await page.evaluate(() => window.__bench.fit());
  await page.waitForTimeout(400);
  const fps = await page.evaluate((ms) => window.__bench.pan(ms), PAN_MS);
  await page.waitForTimeout(200);

  // Drag the step nearest the middle of the view by 200 px in 20 moves.
  const box = await page.evaluate(() => {
    const cx = innerWidth / 2;
    const cy = innerHeight / 2;
    let best = null;
    for (const el of document.querySelectorAll('.react-flow__node-step')) {
      const r = el.getBoundingClientRect();
      const d = Math.hypot(r.x + r.width / 2 - cx, r.y + r.height / 2 - cy);
      if (r.width > 0 && (!best || d < best.d)) best = { d, x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }
    return best;
  });
  if (!box) throw new Error('no step on screen to drag');
  await page.evaluate(() => {
    window.__bench.renders.ids.clear();
    window.__bench.renders.track = true;
  });
  await page.mouse.move(box.x, box.y);
  await page.mouse.down();
  for (let i = 1; i <= 20; i++) await page.mouse.move(box.x + i * 10, box.y + i * 5);
  await page.mouse.up();
  await page.waitForTimeout(100);
  const rerendered = await page.evaluate(() => {
    window.__bench.renders.track = false;
    return window.__bench.renders.ids.size;
  });
  return { first, fps, rerendered };
}

async function main() {
  const { base, page, close } = await openBench(dist, CHROMIUM);
  try {
    for (const n of SIZES) {
      const runs = [];
      for (let r = 0; r < RUNS; r++) runs.push(await once(page, base, n));
      const first = median(runs.map((x) => x.first));
      const fps = median(runs.map((x) => x.fps));
      const re = median(runs.map((x) => x.rerendered));
      const at = ZOOM ? ` at zoom ${ZOOM}` : '';
      console.log(`canvas ${n} nodes: first render ${Math.round(first)} ms, pan${at} ${Math.round(fps)} fps, drag re-renders ${re}`);
    }
  } finally {
    await close();
  }
}

main().catch((err) => {
  console.error(`canvas bench: ${err?.message || err}`);
  process.exit(1);
});
