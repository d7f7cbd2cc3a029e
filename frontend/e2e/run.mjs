#!/usr/bin/env node
// End-to-end test of the canvas against the real Go backend.
//
// It builds nothing: FLIGHTPLAN_DEV_BIN names a binary built with
// `go build -tags dev,webkit2_41 -o build/bin/flightplan-dev .` after
// `npm --prefix frontend run build`. The script starts Xvfb on a free display,
// runs the binary as a dev server (real Go bindings over loopback) on a free
// port with a throwaway workspace, drives Debian's Chromium through it with
// playwright-core, saves a screenshot of each state under build/e2e/, and
// always stops the binary and Xvfb. Its last line is `e2e: N passed, M failed`;
// it exits non-zero on any failure.
//
// The groups run E2E_JOBS at a time (2 unless told): the suite mostly waits
// (for the screen, the backend, the view's easing), using a fraction of one
// core, so each worker is this same script in a process of its own with its
// own Xvfb, backend, workspace, data folder and Chromium, running a share of
// the groups in their usual order. A group's lines are printed together once
// it ends.
// E2E_JOBS=1 runs every group in this process, one after the other.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const frontend = resolve(here, '..');
const root = resolve(frontend, '..');
const shots = join(root, 'build', 'e2e');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// How long a step waits for the screen: generous, since CI runs on two
// busy cores; a passing step does not wait for it.
const TIMEOUT = 20_000;

const children = [];
let tmp = '';
let browser;
let passed = 0;
let failed = 0;
/** the failures, repeated just above the last line: a CI log is often read by its tail */
const failures = [];

function log(...a) {
  console.log('e2e:', ...a);
}

function freePort() {
  return new Promise((res, rej) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

function start(cmd, args, opts, name) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  const lines = [];
  const keep = (d) => {
    for (const l of String(d).split("\n")) if (l.trim() && !l.startsWith("DEB |")) lines.push(l);
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.on('error', (e) => lines.push(`${name}: ${e.message}`));
  children.push({ child, name, lines });
  return child;
}

async function waitFor(check, what, ms = 30_000) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function canConnect(port) {
  return new Promise((res) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      res(true);
    });
    s.once('error', () => res(false));
  });
}

async function stopAll() {
  try {
    await browser?.close();
  } catch {
    /* already gone */
  }
  for (const { child } of children.reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.kill('SIGTERM');
    const exited = await Promise.race([
      new Promise((r) => child.once('exit', () => r(true))),
      new Promise((r) => setTimeout(() => r(false), 3000)),
    ]);
    if (!exited) child.kill('SIGKILL');
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    await stopAll();
    console.log(`e2e: ${passed} passed, ${failed + 1} failed`);
    process.exit(1);
  });
}

// ---------- the tests ----------

const tests = [];
let currentGroup = 'canvas';
// E2E_ONLY=emails.mjs,funnels.mjs runs only those groups ("canvas" is the
// built-in one) — for working on one scenario; CI runs them all.
const only = (process.env.E2E_ONLY || '').split(',').filter(Boolean);
function test(name, fn) {
  if (only.length && !only.includes(currentGroup)) return;
  tests.push({ name, fn, group: currentGroup });
}

let page;
const pageErrors = [];

async function shot(name) {
  await page.screenshot({ path: join(shots, `${name}.png`) });
}

/** center of an element's box */
async function centre(locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error(`no box for ${locator}`);
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/**
 * clickEmptyCanvas clicks a spot of the canvas that nothing covers (no step,
 * link, floating palette, drawer or overlay): the way a user clears the
 * selection. A fixed spot is not enough: the palette and the drawer float
 * over the canvas's edges when the window is narrow.
 */
async function clickEmptyCanvas() {
  const spot = await page.evaluate(() => {
    const pane = document.querySelector('.fp-canvas .react-flow__pane') || document.querySelector('.react-flow__pane');
    if (!pane) return null;
    const r = pane.getBoundingClientRect();
    for (let y = r.top + 80; y < r.bottom - 40; y += 24) {
      for (let x = r.left + 16; x < r.right - 16; x += 24) {
        if (document.elementFromPoint(x, y) === pane) return { x, y };
      }
    }
    return null;
  });
  if (!spot) throw new Error('no empty spot on the canvas to click');
  await page.mouse.click(spot.x, spot.y);
}

async function drag(from, to) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 8, from.y + 8, { steps: 2 });
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

/** roomStill waits till the panels shown and the canvas's view stop changing (three calm looks 150 ms apart). */
async function roomStill() {
  const look = () =>
    page.evaluate(() =>
      [
        ...['sidebar', 'palette', 'drawer'].map((id) => {
          const r = document.querySelector(`[data-testid=${id}]`)?.getBoundingClientRect();
          return r ? `${id}:${Math.round(r.left)},${Math.round(r.width)}` : `${id}:-`;
        }),
        getComputedStyle(document.querySelector('.react-flow__viewport')).transform,
      ].join('|'),
    );
  let last = '';
  for (let calm = 0, i = 0; calm < 3; i++) {
    if (i > 100) throw new Error(`the room never settled: ${last}`);
    await page.waitForTimeout(150);
    const now = await look();
    calm = now === last ? calm + 1 : 0;
    last = now;
  }
}

async function expectCount(selector, n, what) {
  await waitFor(async () => (await page.locator(selector).count()) === n, `${what}: ${n} × ${selector}`, TIMEOUT).catch(async () => {
    throw new Error(`${what}: expected ${n} × ${selector}, found ${await page.locator(selector).count()}`);
  });
}

async function expectText(locator, re, what) {
  await waitFor(async () => re.test((await locator.textContent()) ?? ''), what, TIMEOUT).catch(async () => {
    throw new Error(`${what}: expected ${re}, found ${JSON.stringify(await locator.textContent().catch(() => null))}`);
  });
}

const fixture = JSON.parse(readFileSync(join(frontend, 'src/api/catalogue.fixture.json'), 'utf8'));
let flowId = '';

test('the engine answers with the catalogue the frontend was built for', async () => {
  await page.waitForSelector('[data-testid=sidebar]', { timeout: TIMEOUT });
  const live = await page.evaluate(async () => {
    const app = window.go.app;
    return { fieldTypes: await app.Funnels.FieldTypes(), types: (await app.Funnels.Catalogue()).map((s) => s.type) };
  });
  const want = { fieldTypes: fixture.field_types, types: fixture.catalogue.map((s) => s.type) };
  if (JSON.stringify(live) !== JSON.stringify(want)) {
    throw new Error(`catalogue fixture is stale (run \`npm --prefix frontend run fixture\`): live ${JSON.stringify(live)}`);
  }
  await page.waitForSelector('[data-testid=no-flow]', { timeout: TIMEOUT });
  await shot('00-start');
});

test('create a funnel', async () => {
  await page.click('[data-testid=new-flow]');
  await page.fill('[data-testid=new-flow-name]', 'Welcome series');
  await page.click('[data-testid=new-flow-create]');
  await page.waitForSelector('[data-testid=canvas-empty]', { timeout: TIMEOUT });
  const name = await page.inputValue('[data-testid=flow-name]');
  if (name !== 'Welcome series') throw new Error(`flow name is ${name}`);
  flowId = 'welcome-series';
  await page.waitForSelector(`[data-testid=flow-${flowId}]`, { timeout: TIMEOUT });
  await shot('01-new-flow');
});

test('drag “Joins a list” and “Send an email” from the palette onto the canvas', async () => {
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no canvas');
  const trigger = page.locator('[data-testid="palette-trigger.list_joined"]');
  await trigger.scrollIntoViewIfNeeded();
  await drag(await centre(trigger), { x: pane.x + pane.width / 2, y: pane.y + 170 });
  await expectCount('.react-flow__node-step', 1, 'after the first drop');
  // The dropped step is selected and its drawer opens; where the palette and the drawer would
  // leave the canvas no room, the palette folds while the drawer is open: the user opens it again
  // for the next step. The room decides a frame or more after the drawer opens: wait till the
  // panels and the view are still.
  await page.waitForSelector('[data-testid=drawer]', { timeout: TIMEOUT });
  await roomStill();
  if ((await page.locator('[data-testid=palette]').count()) === 0) {
    await page.click('[data-testid=open-palette]');
    await roomStill();
  }
  const email = page.locator('[data-testid="palette-action.send_email"]');
  await email.scrollIntoViewIfNeeded();
  await drag(await centre(email), { x: pane.x + pane.width / 2, y: pane.y + 420 });
  await expectCount('.react-flow__node-step', 2, 'after the second drop');
  await page.waitForSelector('[data-testid=node-list-joined-1]');
  await page.waitForSelector('[data-testid=node-email-1]');
  await expectCount('[data-testid=canvas-empty]', 0, 'empty state gone');
  // The dropped step is selected and the drawer opens; where it floats over
  // the step, the view slides the step out from under it: wait till it is still.
  let last = '';
  for (let calm = 0, i = 0; calm < 3 && i < 40; i++) {
    await page.waitForTimeout(150);
    const now = await page.evaluate(() => getComputedStyle(document.querySelector('.react-flow__viewport')).transform);
    calm = now === last ? calm + 1 : 0;
    last = now;
  }
  await shot('02-dropped');
});

test('connect the trigger to the email', async () => {
  const from = await centre(page.locator('[data-testid=handle-list-joined-1-next]'));
  const to = await centre(page.locator('.react-flow__node[data-id="email-1"] .react-flow__handle.target'));
  await drag(from, to);
  await expectCount('.react-flow__edge', 1, 'edges');
  await shot('03-connected');
});

test('fill the list in the inspector', async () => {
  await page.click('[data-testid=node-list-joined-1] .fp-node-title');
  const input = page.locator('#field-list-joined-1-list');
  await input.waitFor({ timeout: TIMEOUT });
  await input.fill('newsletter');
  // An empty workspace has no list yet: the chooser offers to create it.
  await page.locator('[role=option]').filter({ hasText: 'Create the list “newsletter”' }).click();
  await expectText(page.locator('[data-testid=node-list-joined-1] .fp-node-summary'), /newsletter/, 'trigger summary');
  await shot('04-list-filled');
});

test('a missing email template shows in the problems list, then is fixed', async () => {
  const problem = page.locator('[data-testid=problems] .fp-problem[data-node="email-1"][data-code="required"]');
  await problem.waitFor({ timeout: TIMEOUT });
  await expectCount('[data-testid=problems] .fp-problem[data-node="list-joined-1"][data-code="required"]', 0, 'list problem gone');
  await shot('05-problem');
  await problem.click();
  await waitFor(async () => (await page.evaluate(() => document.activeElement?.id)) === 'field-email-1-template', 'template field focused', TIMEOUT);
  // The email is picked by its name among the workspace's emails.
  await page.evaluate(async () => window.go.app.Emails.SaveEmailTemplate({ id: 'welcome-1', name: 'Welcome 1', subject: 'Hello' }));
  await page.keyboard.type('Welcome 1');
  await page.locator('[role=option]').filter({ hasText: 'Welcome 1' }).first().click();
  await expectCount('[data-testid=problems] .fp-problem[data-node="email-1"][data-code="required"]', 0, 'template problem gone');
  await expectText(page.locator('[data-testid=node-email-1] .fp-node-summary'), /Welcome 1/, 'email summary (its name, not its id)');
  await expectCount('[data-testid=node-problems-email-1]', 0, 'email badge gone');
  await shot('06-problem-fixed');
});

test('save with Ctrl+S', async () => {
  await clickEmptyCanvas();
  await page.keyboard.press('Control+s');
  await expectText(page.locator('[data-testid=save-status]'), /Draft saved/, 'save status');
  await shot('07-saved');
});

test('reload the page: the funnel comes back with both steps and the link', async () => {
  await page.reload();
  await page.click(`[data-testid=flow-${flowId}]`, { timeout: TIMEOUT });
  await expectCount('.react-flow__node-step', 2, 'steps after reload');
  await expectCount('.react-flow__edge', 1, 'links after reload');
  await expectText(page.locator('[data-testid=node-list-joined-1] .fp-node-summary'), /newsletter/, 'trigger summary after reload');
  await expectText(page.locator('[data-testid=node-email-1] .fp-node-summary'), /Welcome 1/, 'email summary after reload');
  const stored = await page.evaluate(async (id) => (await window.go.app.Funnels.GetFlow(id)).flow, flowId);
  const edge = stored.edges.find((e) => e.from === 'list-joined-1' && e.to === 'email-1');
  if (!edge || (edge.port ?? '') !== '') throw new Error(`stored edges: ${JSON.stringify(stored.edges)}`);
  if (stored.nodes.find((n) => n.id === 'list-joined-1')?.config?.list !== 'newsletter') throw new Error(`stored nodes: ${JSON.stringify(stored.nodes)}`);
  await shot('08-reloaded');
});

test('a yes/no condition shows two labelled outputs; a split one per branch', async () => {
  await clickEmptyCanvas();
  await page.click('[data-testid="palette-condition.field"]');
  await page.waitForSelector('[data-testid=node-if-field-1]', { timeout: TIMEOUT });
  await expectCount('[data-testid=node-if-field-1] .react-flow__handle.source', 2, 'condition outputs');
  await expectText(page.locator('[data-testid=node-if-field-1] .fp-port-yes .fp-port-label'), /^Yes$/, 'yes label');
  await expectText(page.locator('[data-testid=node-if-field-1] .fp-port-no .fp-port-label'), /^No$/, 'no label');
  await clickEmptyCanvas();
  await page.click('[data-testid="palette-split.random"]');
  await page.waitForSelector('[data-testid=node-split-random-1]', { timeout: TIMEOUT });
  await expectCount('[data-testid=node-split-random-1] .react-flow__handle.source', 2, 'split outputs');
  await page.click('[data-testid=inspector] .fp-branches button:has-text("Add a branch")');
  await expectCount('[data-testid=node-split-random-1] .react-flow__handle.source', 3, 'split outputs after adding a branch');
  await page.click('[data-testid=inspector] .fp-branches button:has-text("Share evenly")');
  await expectText(page.locator('[data-testid=node-split-random-1] .fp-port-c .fp-port-label'), /C \(33\.4%\)|C \(33\.3%\)/, 'third branch label');
  await page.click('[data-testid=auto-layout]');
  await page.waitForSelector('[data-testid=node-problems-if-field-1]', { timeout: TIMEOUT });
  await page.waitForSelector('[data-testid=node-problems-split-random-1]', { timeout: TIMEOUT });
  await page.waitForTimeout(300); // the view eases to fit
  await shot('09-condition-and-split');
});

test('a link into a start step is refused with an explanation', async () => {
  const edges = await page.locator('.react-flow__edge').count();
  const from = await centre(page.locator('[data-testid=handle-if-field-1-no]'));
  const to = await centre(page.locator('[data-testid=node-list-joined-1]'));
  await drag(from, to);
  await page.locator('[data-testid=toast-warning]').filter({ hasText: 'nothing can lead into it' }).waitFor({ timeout: TIMEOUT });
  await expectCount('.react-flow__edge', edges, 'links unchanged');
  await shot('10-refused');
});

test('publishing is refused while problems remain, then works', async () => {
  await page.click('[data-testid=publish]');
  await page.locator('[data-testid=toast-error]').filter({ hasText: 'Not published' }).waitFor({ timeout: TIMEOUT });
  await shot('11-publish-refused');
  // Remove the unfinished steps, undo and redo once on the way.
  await page.click('[data-testid=node-if-field-1] .fp-node-title');
  await page.keyboard.press('Delete');
  await expectCount('[data-testid=node-if-field-1]', 0, 'condition deleted');
  await page.keyboard.press('Control+z');
  await expectCount('[data-testid=node-if-field-1]', 1, 'condition back after undo');
  await page.keyboard.press('Control+Shift+z');
  await expectCount('[data-testid=node-if-field-1]', 0, 'condition gone after redo');
  await page.click('[data-testid=node-split-random-1] .fp-node-title');
  await page.keyboard.press('Delete');
  await expectCount('.react-flow__node-step', 2, 'two steps left');
  await page.locator('[data-testid=problems] .fp-problems-none').waitFor({ timeout: TIMEOUT });
  await page.click('[data-testid=publish]');
  await expectText(page.locator('[data-testid=live-status]'), /version 1/, 'live status');
  await shot('12-published');
});

test('the language switch turns the UI to French and is remembered', async () => {
  await page.click('[data-testid=lang-fr]');
  await expectText(page.locator('[data-testid=palette] h2').first(), /Ajouter une étape/, 'palette title in French');
  await expectText(page.locator('[data-testid=node-list-joined-1] .fp-node-title'), /Rejoint une liste/, 'node title in French');
  await shot('13-french');
  await page.reload();
  await page.click(`[data-testid=flow-${flowId}]`, { timeout: TIMEOUT });
  await expectText(page.locator('[data-testid=palette] h2').first(), /Ajouter une étape/, 'French after reload');
  await page.click('[data-testid=lang-en]');
  await expectText(page.locator('[data-testid=palette] h2').first(), /Add a step/, 'back to English');
});

test('a sticky note is kept with the funnel', async () => {
  await page.click('.fp-toolbar button:has-text("Note")');
  const text = page.locator('#field-note_note-1-text');
  await text.waitFor({ timeout: TIMEOUT });
  await text.fill('Ask legal about the wording');
  await expectText(page.locator('[data-testid="note-note:note-1"]'), /Ask legal/, 'note on the canvas');
  await page.click('[data-testid=save]');
  await expectText(page.locator('[data-testid=save-status]'), /Draft saved/, 'save status');
  const stored = await page.evaluate(async (id) => (await window.go.app.Funnels.GetFlow(id)).flow, flowId);
  if (stored.notes?.[0]?.text !== 'Ask legal about the wording') throw new Error(`stored notes: ${JSON.stringify(stored.notes)}`);
  await shot('14-note');
});

test('delete a funnel after confirming', async () => {
  await page.click('[data-testid=new-flow]');
  await page.fill('[data-testid=new-flow-name]', 'Scratch');
  await page.click('[data-testid=new-flow-create]');
  await page.waitForSelector('[data-testid=flow-scratch]', { timeout: TIMEOUT });
  await page.hover('[data-testid=flow-scratch]');
  await page.click('[data-testid=delete-flow-scratch]');
  await page.waitForSelector('[data-testid=confirm]', { timeout: TIMEOUT });
  await shot('15-confirm-delete');
  await page.click('[data-testid=confirm]');
  await expectCount('[data-testid=flow-scratch]', 0, 'deleted flow gone');
  await expectCount(`[data-testid=flow-${flowId}]`, 1, 'other flow kept');
});

// ---------- a throwaway PostgreSQL, for the groups that ask for one ----------
// t.postgres() starts engine/store/pgtest/pgserve once (Debian's PostgreSQL
// in a temporary folder, on a loopback port) and gives what it printed:
// {port, user, password_user, password, databases}. It is started only when
// a group asks; when it cannot start, the group fails with the reason.
let pgStarted = null;
function postgres() {
  pgStarted ??= startPostgres();
  return pgStarted;
}

async function startPostgres() {
  const bin = join(tmp, 'pgserve');
  await new Promise((res, rej) => {
    const b = spawn('go', ['build', '-o', bin, './engine/store/pgtest/pgserve'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let said = '';
    b.stdout.on('data', (d) => (said += d));
    b.stderr.on('data', (d) => (said += d));
    b.on('error', rej);
    b.on('exit', (code) => (code === 0 ? res() : rej(new Error(`building pgserve failed: ${said}`))));
  });
  // Its standard input stays open: pgserve stops the server when it closes.
  const child = spawn(bin, [], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines = [];
  children.push({ child, name: 'pgserve', lines });
  child.stderr.on('data', (d) => lines.push(String(d)));
  const first = await new Promise((res, rej) => {
    let buf = '';
    const timer = setTimeout(() => rej(new Error(`PostgreSQL did not start within 60 s: ${lines.join('')}`)), 60_000);
    child.stdout.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        res(buf.slice(0, nl));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!buf.includes('\n')) rej(new Error(`pgserve stopped (${code}): ${lines.join('')}`));
    });
  });
  const info = JSON.parse(first);
  if (info.error) throw new Error(`PostgreSQL for the team workspace tests could not start: ${info.error}`);
  log(`PostgreSQL on 127.0.0.1:${info.port}`);
  return info;
}

// anotherBackend starts a second dev backend on the suite's display, with
// the suite's environment changed by env (a key set to null is removed):
// a group walking what the window does at start-up (the workspace it
// chooses) gets its own. It returns its address and the way to stop it
// (stopped at the end in any case).
let display = '';
let binPath = '';
async function anotherBackend(env) {
  const port = await freePort();
  const merged = { ...process.env, DISPLAY: `:${display}`, XDG_DATA_HOME: join(tmp, 'data'), FLIGHTPLAN_KEYRING: 'off', LANG: 'en_US.UTF-8', LC_ALL: '' };
  for (const [k, v] of Object.entries(env)) {
    if (v === null) delete merged[k];
    else merged[k] = v;
  }
  const name = `flightplan-dev-${port}`;
  const child = start(binPath, ['-assetdir', join(frontend, 'dist'), '-devserver', `127.0.0.1:${port}`], { cwd: root, env: merged }, name);
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error('exited');
    return canConnect(port);
  }, `a second dev server on port ${port}`, 60_000).catch((e) => {
    throw new Error(`${e.message}; the binary said:\n${children.find((c) => c.name === name).lines.join('\n')}`);
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await Promise.race([new Promise((r) => child.once('exit', r)), new Promise((r) => setTimeout(r, 5000))]);
  };
  return { baseURL: `http://127.0.0.1:${port}/`, stop };
}

// ---------- more scenarios ----------
// Each file in e2e/specs/ registers its own group of tests:
//   export default function (t) { t.test('…', async () => { await t.page.click(…) }) }
// A failure skips the rest of its own group only. t.page, t.baseURL and the
// helpers below are shared; a group should start from t.page.goto(t.baseURL).
let baseURL = '';
const specDir = join(here, 'specs');
if (existsSync(specDir)) {
  for (const f of readdirSync(specDir).filter((f) => f.endsWith('.mjs')).sort()) {
    const mod = await import(join(specDir, f));
    currentGroup = f;
    mod.default({
      test,
      get page() {
        return page;
      },
      get baseURL() {
        return baseURL;
      },
      root,
      tmpdir: () => tmp,
      shot,
      centre,
      drag,
      clickEmptyCanvas,
      expectCount,
      expectText,
      waitFor,
      fixture,
      postgres,
      anotherBackend,
      TIMEOUT,
    });
  }
}

// ---------- run ----------

async function setUp() {
  const bin = process.env.FLIGHTPLAN_DEV_BIN;
  if (!bin) throw new Error('set FLIGHTPLAN_DEV_BIN to a binary built with -tags dev,webkit2_41');
  binPath = resolve(root, bin);
  if (!existsSync(binPath)) throw new Error(`no binary at ${binPath}`);
  if (!existsSync(join(frontend, 'dist', 'index.html'))) throw new Error('frontend/dist is empty: run `npm --prefix frontend run build`');
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (build/setup.sh test installs it)`);
  mkdirSync(shots, { recursive: true });
  tmp = mkdtempSync(join(tmpdir(), 'flightplan-e2e-'));

  // Xvfb picks a free display itself and writes its number once it accepts
  // connections: no race with another run (or another worker) on the machine.
  const xvfb = start('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'pipe', 'pipe', 'pipe'] }, 'Xvfb');
  let said = '';
  xvfb.stdio[3].on('data', (d) => (said += d));
  await waitFor(() => said.includes('\n') || xvfb.exitCode !== null, 'Xvfb', 15_000);
  if (xvfb.exitCode !== null) throw new Error('Xvfb did not start');
  display = said.trim();

  const port = await freePort();
  const app = start(
    binPath,
    ['-assetdir', join(frontend, 'dist'), '-devserver', `127.0.0.1:${port}`],
    {
      cwd: root,
      // No system keyring, whatever the desktop running the suite has: the
      // tests never write into their user's keyring, and the team
      // workspace group walks the keyring-missing path on purpose (the
      // keyring itself is tested in Go, app/workspaces_team_test.go).
      // Its own data folder too (the recent workspaces, the team workspace's
      // person): never the user's, and never another worker's.
      env: { ...process.env, DISPLAY: `:${display}`, FLIGHTPLAN_WORKSPACE: join(tmp, 'e2e.flightplan'), XDG_DATA_HOME: join(tmp, 'data'), FLIGHTPLAN_KEYRING: 'off', LANG: 'en_US.UTF-8', LC_ALL: '' },
    },
    'flightplan-dev',
  );
  await waitFor(async () => {
    if (app.exitCode !== null) throw new Error('exited');
    return canConnect(port);
  }, `the dev server on port ${port}`, 60_000).catch((e) => {
    throw new Error(`${e.message}; the binary said:\n${children.find((c) => c.name === 'flightplan-dev').lines.join('\n')}`);
  });
  log(`backend on 127.0.0.1:${port}, display :${display}`);

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--headless'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (e) => {
    // The Wails dev overlay script (/wails/ipc.js) throws in a plain browser; not ours.
    if (!String(e.stack).includes('/wails/')) pageErrors.push(e.stack || e.message);
  });
  baseURL = `http://127.0.0.1:${port}/`;
  await page.goto(baseURL);
}

// Each step and each group says how long it took: the suite's duration is
// watched (make test must stay well under 20 minutes on 2 cores).
const groupMs = new Map();
const broken = new Set();

async function runTests(list) {
  for (const t of list) {
    if (broken.has(t.group)) {
      failed++;
      log(`SKIP ${t.name} (an earlier step failed)`);
      continue;
    }
    const before = pageErrors.length;
    const t0 = Date.now();
    try {
      await t.fn();
      if (pageErrors.length > before) throw new Error(`page error: ${pageErrors.slice(before).join('\n')}`);
      passed++;
      log(`ok   ${t.name} (${Date.now() - t0} ms)`);
    } catch (err) {
      failed++;
      broken.add(t.group);
      log(`FAIL ${t.name}\n     ${String(err?.stack || err).split('\n').join('\n     ')}`);
      // One picture per failing group, so a second failure does not overwrite the first.
      const picture = `failure-${t.group.replace(/\.mjs$/, '')}.png`;
      failures.push(`${t.name}: ${String(err?.message || err).split('\n')[0]} (build/e2e/${picture})`);
      await page.screenshot({ path: join(shots, 'failure.png') }).catch(() => {});
      await page.screenshot({ path: join(shots, picture) }).catch(() => {});
    }
    groupMs.set(t.group, (groupMs.get(t.group) ?? 0) + Date.now() - t0);
  }
}

const timeByGroup = () => `time by group: ${[...groupMs].map(([g, ms]) => `${g.replace(/\.mjs$/, '')} ${(ms / 1000).toFixed(1)} s`).join(', ')}`;

// A worker's line after each group: what the parent counts.
const DONE = '@@e2e-group-done ';
const worker = process.env.E2E_WORKER || '';

async function main() {
  await setUp();
  if (!worker) {
    await runTests(tests);
    log(timeByGroup());
    return;
  }
  // A worker runs the groups named on its standard input, one a line, till it closes.
  for await (const line of createInterface({ input: process.stdin })) {
    const group = line.trim();
    if (!group) continue;
    const [p, f, n] = [passed, failed, failures.length];
    await runTests(tests.filter((t) => t.group === group));
    console.log(DONE + JSON.stringify({ group, passed: passed - p, failed: failed - f, failures: failures.slice(n), ms: groupMs.get(group) ?? 0 }));
  }
}

// Seconds each group took in a full run (2 workers, a busy machine): what
// the groups are split by. A group not listed counts as 20 s.
const SECONDS = { canvas: 14, 'a11y.mjs': 70, 'contacts.mjs': 11, 'diagram.mjs': 85, 'emails.mjs': 17, 'exports.mjs': 21, 'failures.mjs': 18, 'forms.mjs': 19, 'frames.mjs': 77, 'french.mjs': 20, 'funnels.mjs': 24, 'keyboard.mjs': 20, 'pseudo.mjs': 50, 'report.mjs': 48, 'room.mjs': 62, 'scoring.mjs': 37, 'scripts.mjs': 13, 'settings.mjs': 6, 'simulation.mjs': 88, 'teamworkspace.mjs': 29, 'website.mjs': 16, 'welcome.mjs': 16, 'workspaces.mjs': 35 };

/**
 * parallel runs the groups on `jobs` workers (this script again, with
 * E2E_WORKER set) and prints each group's lines together when it ends.
 * Each worker takes a run of consecutive groups in the usual order, of about
 * the same length: a group sees what the groups before it left, as when one
 * process runs them all (only the first of a run starts on a fresh workspace).
 */
async function parallel(jobs) {
  const order = [...new Set(tests.map((t) => t.group))];
  const cost = (g) => SECONDS[g] ?? 20;
  const total = order.reduce((a, g) => a + cost(g), 0);
  const runs = Array.from({ length: jobs }, () => []);
  let sum = 0;
  for (const g of order) {
    // The run whose share of the total the group's middle falls in.
    const k = Math.min(jobs - 1, Math.floor(((sum + cost(g) / 2) / total) * jobs));
    runs[k].push(g);
    sum += cost(g);
  }
  const parts = runs.filter((r) => r.length);
  jobs = parts.length;
  const started = Date.now();
  log(`${order.length} groups on ${jobs} workers: ${parts.map((r) => r.map((g) => g.replace(/\.mjs$/, '')).join(' ')).join(' | ')}`);
  const run = (n) =>
    new Promise((res) => {
      const child = spawn(process.execPath, [fileURLToPath(import.meta.url)], { env: { ...process.env, E2E_WORKER: String(n) }, stdio: ['pipe', 'pipe', 'inherit'] });
      children.push({ child, name: `worker ${n}`, lines: [] });
      child.stdin.on('error', () => {}); // a worker that stopped early: its exit says so
      const queue = parts[n - 1];
      let block = [];
      let current = '';
      const next = () => {
        current = queue.shift() ?? '';
        if (current) child.stdin.write(`${current}\n`);
        else child.stdin.end();
      };
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (!line.startsWith(DONE)) return block.push(line);
        const r = JSON.parse(line.slice(DONE.length));
        console.log(block.join('\n'));
        block = [];
        passed += r.passed;
        failed += r.failed;
        failures.push(...r.failures);
        groupMs.set(r.group, r.ms);
        next();
      });
      child.on('exit', (code, signal) => {
        if (block.length) console.log(block.join('\n'));
        if (current) {
          failed++;
          failures.push(`${current}: worker ${n} stopped (${signal ?? code}) before the group ended`);
        }
        res();
      });
      next();
    });
  await Promise.all(Array.from({ length: jobs }, (_, i) => run(i + 1)));
  for (const g of parts.flat()) {
    failed++;
    failures.push(`${g}: not run (its worker stopped)`);
  }
  log(timeByGroup());
  log(`${jobs} workers, ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
}

let code = 0;
const jobs = Math.max(1, Number(process.env.E2E_JOBS || 2));
const groups = new Set(tests.map((t) => t.group)).size;
try {
  if (!worker && jobs > 1 && groups > 1) await parallel(Math.min(jobs, groups));
  else await main();
} catch (err) {
  failed++;
  log(`FAIL setup: ${err?.message || err}`);
  failures.push(`setup: ${err?.message || err}`);
} finally {
  await stopAll();
}
// A worker's failures are listed by the parent, with every other worker's.
if (!worker) for (const f of failures) log(`failed: ${f}`);
if (failures.length) {
  // The backend's own last words: a failure in the engine (a step, a send)
  // shows here, not in the page.
  const backend = children.find((c) => c.name === 'flightplan-dev');
  for (const l of (backend?.lines ?? []).filter((l) => !l.startsWith("DEB |")).slice(-40)) log(`backend: ${l}`);
}
if (failed > 0) code = 1;
console.log(`e2e: ${worker ? `worker ${worker}: ` : ''}${passed} passed, ${failed} failed`);
process.exit(code);
