#!/usr/bin/env node
// Pan work: what a frame of a pan does, counted, for the product's canvas
// and for the window benchmark's floor (raw React Flow, src/perfFloor.tsx)
// on the canvas benchmark page (dist/bench/canvas.html), in headless
// Chromium through the DevTools protocol. Timings on a shared machine are
// noise; counts are not: per frame, React renders (steps, links), style
// recalculations and the elements they restyled, writes to the window's
// storage, drawing calls on 2D canvases, layouts and the objects
// they laid out, paints, and the main thread's time by kind (beside the
// floor's, in the same run). One line per size, view and page:
//
//   panwork 200 zoomed product: 60.0 frames/s; per frame: 0.0 step renders, 0.0 link renders, 1.0 restyles (12 elements), …
//
// Needs `npm run build` first and Debian's Chromium (or $CHROMIUM_PATH).
// SIZES (default 200,1000), VIEWS (default zoomed,fit), PAN_MS (default 2000).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBench } from './serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(process.env.BENCH_DIST || join(here, '..', 'dist'));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SIZES = (process.env.SIZES || '200,1000').split(',').map(Number);
const VIEWS = (process.env.VIEWS || 'zoomed,fit').split(',');
const PAN_MS = Number(process.env.PAN_MS) || 2000;


// The main thread's work by kind, from the trace's complete events.
const KINDS = {
  script: ['FunctionCall', 'EvaluateScript', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'RunMicrotasks', 'V8.Execute'],
  style: ['UpdateLayoutTree', 'RecalculateStyles', 'ScheduleStyleRecalculation'],
  layout: ['Layout'],
  prepaint: ['PrePaint'],
  paint: ['Paint'],
  layerize: ['Layerize', 'UpdateLayer', 'CompositeLayers', 'Commit'],
};

/** count reads a trace: per-kind durations and counts on the renderer's main thread. */
function count(trace) {
  const events = JSON.parse(trace.toString()).traceEvents ?? [];
  // The renderer's main thread is the one with FireAnimationFrame events.
  const main = new Map();
  for (const e of events) if (e.name === 'FireAnimationFrame') main.set(`${e.pid}:${e.tid}`, (main.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const [thread] = [...main.entries()].sort((a, b) => b[1] - a[1])[0] ?? [''];
  const out = { frames: 0, restyled: 0, laidOut: 0, paints: 0, paintArea: 0, raster: 0 };
  const ms = Object.fromEntries(Object.keys(KINDS).map((k) => [k, 0]));
  const open = new Map();
  for (const e of events) {
    if (e.name === 'RasterTask' && e.ph === 'X') out.raster += e.dur / 1000;
    if (`${e.pid}:${e.tid}` !== thread) continue;
    if (e.name === 'FireAnimationFrame') out.frames++;
    if (e.name === 'UpdateLayoutTree') out.restyled += e.args?.elementCount ?? e.args?.data?.elementCount ?? 0;
    if (e.name === 'Layout' && e.ph === 'E') out.laidOut += e.args?.endData?.layoutObjects ?? 0;
    if (e.name === 'Layout' && e.ph === 'X') out.laidOut += e.args?.endData?.layoutObjects ?? 0;
    if (e.name === 'Paint') {
      out.paints++;
      const c = e.args?.data?.clip;
      if (c && c.length >= 8) out.paintArea += Math.abs((c[2] - c[0]) * (c[5] - c[3]));
    }
    for (const [k, names] of Object.entries(KINDS)) {
      if (!names.includes(e.name)) continue;
      if (e.ph === 'X') ms[k] += (e.dur ?? 0) / 1000;
      else if (e.ph === 'B') open.set(`${k}:${e.name}`, e.ts);
      else if (e.ph === 'E' && open.has(`${k}:${e.name}`)) ms[k] += (e.ts - open.get(`${k}:${e.name}`)) / 1000;
    }
  }
  return { ...out, ms };
}

async function measure(page, browser, cdp, view) {
  // The same view for the product and the floor: zoomed in (100 %, the first
  // step at the top middle, as build/window-bench.sh) or the whole funnel.
  if (view === 'zoomed') await page.evaluate(() => window.__bench.view(124 - innerWidth / 2, -80, 1));
  else await page.evaluate(() => window.__bench.fit());
  await page.waitForTimeout(500);
  const before = await page.evaluate(() => [window.__bench.renders.count, window.__bench.linkRenders.count, window.__storageWrites, window.__canvasCalls]);
  const m0 = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc'] });
  const fps = await page.evaluate((ms) => window.__bench.pan(ms), PAN_MS);
  const trace = await browser.stopTracing();
  const m1 = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const after = await page.evaluate(() => [window.__bench.renders.count, window.__bench.linkRenders.count, window.__storageWrites, window.__canvasCalls]);
  const c = count(trace);
  const frames = Math.max(1, c.frames);
  const per = (x) => (x / frames).toFixed(x / frames < 10 ? 2 : 0);
  const d = (k) => m1[k] - m0[k];
  return {
    fps,
    line:
      `${fps.toFixed(1)} frames/s; per frame: ${per(after[0] - before[0])} step renders, ${per(after[1] - before[1])} link renders, ${per(after[2] - before[2])} storage writes, ${per(after[3] - before[3])} canvas draws, ` +
      `${per(d('RecalcStyleCount'))} restyles (${per(c.restyled)} elements), ${per(d('LayoutCount'))} layouts (${per(c.laidOut)} objects), ` +
      `${per(c.paints)} paints (${per(c.paintArea)} px²); ms: ` +
      Object.entries(c.ms)
        .map(([k, v]) => `${k} ${(v / frames).toFixed(2)}`)
        .join(', ') +
      `, raster ${(c.raster / frames).toFixed(2)}, task ${((d('TaskDuration') * 1000) / frames).toFixed(2)}`,
  };
}

async function main() {
  const { base, browser, page, close } = await openBench(dist, CHROMIUM);
  try {
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Writes to the window's storage (WebKit hands each to another process).
    await page.addInitScript(() => {
      window.__storageWrites = 0;
      // Drawing calls on 2D canvases (the overview, the far-out picture).
      window.__canvasCalls = 0;
      const proto = CanvasRenderingContext2D.prototype;
      for (const name of ['fillRect', 'strokeRect', 'fill', 'stroke', 'drawImage', 'fillText', 'clearRect']) {
        const f = proto[name];
        proto[name] = function (...a) {
          window.__canvasCalls++;
          return f.apply(this, a);
        };
      }
      const set = Storage.prototype.setItem;
      Storage.prototype.setItem = function (k, v) {
        window.__storageWrites++;
        return set.call(this, k, v);
      };
    });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    for (const n of SIZES) {
      await page.goto(`${base}/bench/canvas.html?n=${n}`);
      await page.waitForFunction(() => window.__bench?.firstRenderMs != null, null, { timeout: 60_000 });
      await page.waitForTimeout(1500);
      if (errors.length) throw new Error(`page error: ${errors.join('; ')}`);
      for (const view of VIEWS) {
        const product = await measure(page, browser, cdp, view);
        await page.evaluate(() => window.__bench.floor());
        const floor = await measure(page, browser, cdp, view);
        await page.evaluate(() => window.__bench.unfloor());
        console.log(`panwork ${n} ${view} product: ${product.line}`);
        console.log(`panwork ${n} ${view} floor:   ${floor.line}`);
      }
    }
  } finally {
    await close();
  }
}

main().catch((err) => {
  console.error(`panwork: ${err?.stack || err}`);
  process.exit(1);
});
