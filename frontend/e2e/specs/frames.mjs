// Frames and direction, as a marketer meets them: a long nurture (the
// gallery's lead nurturing five times over, a frame per round) opens with
// its frames drawn behind their steps; a frame collapses into one card that
// takes its steps' links and says how many steps it holds; the funnel turns
// left-to-right and back from the toolbar; steps are grouped into a new
// frame with Ctrl+G and named in place; undo takes it away. In every state,
// no link passes through a step, a collapsed card or a frame's title
// (checked from the rendered paths). Screenshots at fit and at 100 %, top-down
// and left-to-right, collapsed and open, in English and in French.

/** geometry runs in the page: link points inside a step, a card or a frame's title tab. */
function geometry() {
  const at = (el) => {
    const m = /translate\(([-\d.]+)px,\s*([-\d.]+)px\)/.exec(el.style.transform);
    return { x: +m[1], y: +m[2] };
  };
  const boxes = [];
  for (const el of document.querySelectorAll('.react-flow__node-step')) {
    if (el.style.visibility === 'hidden' || el.offsetParent === null) continue;
    boxes.push({ id: el.dataset.id, ...at(el), w: el.offsetWidth, h: el.offsetHeight });
  }
  for (const el of document.querySelectorAll('.react-flow__node-frame')) {
    const p = at(el);
    const card = el.querySelector('.fp-frame-card');
    const tab = el.querySelector('.fp-frame-tab');
    if (card) boxes.push({ id: `${el.dataset.id} card`, ...p, w: el.offsetWidth, h: el.offsetHeight });
    else if (tab) boxes.push({ id: `${el.dataset.id} title`, ...p, w: tab.offsetWidth, h: tab.offsetHeight });
  }
  const overlaps = [];
  let links = 0;
  for (const g of document.querySelectorAll('.react-flow__edge')) {
    const p = g.querySelector('path.react-flow__edge-path');
    if (!p) continue;
    links++;
    const len = p.getTotalLength();
    for (let l = 0; l <= len; l += 2) {
      const q = p.getPointAtLength(l);
      for (const b of boxes) {
        if (q.x > b.x + 1 && q.x < b.x + b.w - 1 && q.y > b.y + 1 && q.y < b.y + b.h - 1) {
          overlaps.push(`${g.getAttribute('data-id')} through ${b.id}`);
          break;
        }
      }
    }
  }
  return { boxes: boxes.length, links, overlaps: [...new Set(overlaps)] };
}

/** longNurture is the gallery's lead nurturing five times over, a frame per round, without positions (laid out on opening). */
function longNurture(one) {
  const nodes = [];
  const edges = [];
  const frames = [];
  for (let k = 1; k <= 5; k++) {
    const id = (s) => (s === 'signup' ? s : `${s}-${k}`);
    const members = [];
    for (const n of one.nodes) {
      if (n.id === 'signup' && k > 1) continue;
      const { position, ...rest } = n;
      nodes.push({ ...rest, id: id(n.id) });
      if (n.id !== 'signup') members.push(id(n.id));
    }
    for (const e of one.edges) if (!(e.from === 'signup' && k > 1)) edges.push({ ...e, from: id(e.from), to: id(e.to) });
    if (k > 1) for (const end of ['sql', 'mql']) edges.push({ from: `${end}-${k - 1}`, to: `lead-${k}` });
    frames.push({ id: `lesson-${k}`, title: `Lesson ${k}`, nodes: members });
  }
  return { format: 'flightplan.flow/v1', id: 'frames-nurture', name: 'Long nurture', settings: { reentry: 'once' }, nodes, edges, frames };
}

export default function (t) {
  const { test, shot, expectCount, expectText, TIMEOUT } = t;
  const ID = 'frames-nurture';

  const check = async (name) => {
    await t.page.waitForTimeout(400);
    const g = await t.page.evaluate(geometry);
    console.log(`  frames: ${name}: ${g.boxes} boxes, ${g.links} links, ${g.overlaps.length} through a step or a title`);
    if (g.links === 0) throw new Error(`${name}: no links drawn`);
    if (g.overlaps.length) throw new Error(`${name}: links pass through: ${g.overlaps.slice(0, 8).join(', ')}`);
  };
  const fit = async () => {
    await t.page.click('[data-testid=fit-view]');
    await t.page.waitForTimeout(500);
  };
  const zoom = () => t.page.evaluate(() => +/scale\(([\d.]+)\)/.exec(document.querySelector('.react-flow__viewport').style.transform)[1]);
  const at100 = async (title) => {
    // About 100 %, centred on a step found by its name (Ctrl+F).
    for (let i = 0; i < 12 && (await zoom()) < 0.95; i++) {
      await t.page.click('.react-flow__controls-zoomin');
      await t.page.waitForTimeout(120);
    }
    await t.clickEmptyCanvas();
    await t.page.keyboard.press('Control+f');
    await t.page.waitForSelector('[data-testid=find-step-input]', { timeout: TIMEOUT });
    await t.page.keyboard.type(title);
    await t.page.keyboard.press('Enter');
    await t.page.waitForTimeout(600);
    await t.page.keyboard.press('Escape');
    // Nothing selected: the drawer closes, the view stays on the step.
    await t.page.keyboard.press('Escape');
    await t.page.waitForTimeout(400);
    await settle();
  };
  // settle waits until the view has held still for 200 ms (a centring
  // animation can outlast a fixed sleep on a busy machine).
  const settle = async () => {
    let last = '';
    let still = 0;
    for (let i = 0; i < 100 && still < 4; i++) {
      const now = await t.page.evaluate(() => document.querySelector('.react-flow__viewport').style.transform);
      still = now === last ? still + 1 : 0;
      last = now;
      await t.page.waitForTimeout(50);
    }
  };
  // bringIntoView pans the canvas (a drag, as a user would) until selector
  // is near the middle: measured from where it is, so a view that moved a
  // little differently on a busy machine still brings it in.
  const bringIntoView = async (selector) => {
    const tab = t.page.locator(selector);
    for (let i = 0; i < 4; i++) {
      const [box, pane] = await Promise.all([tab.boundingBox(), t.page.locator('.react-flow__pane').boundingBox()]);
      if (!box || !pane) throw new Error(`${selector} or the canvas is not on the page`);
      const dx = pane.x + pane.width / 2 - (box.x + box.width / 2);
      const dy = pane.y + pane.height / 2 - (box.y + box.height / 2);
      if (Math.abs(dx) < pane.width / 3 && Math.abs(dy) < pane.height / 3) break;
      // Start on bare canvas (a drag that starts on a step moves the step).
      const start = await t.page.evaluate(() => {
        const el = document.querySelector('.fp-canvas .react-flow__pane') || document.querySelector('.react-flow__pane');
        const r = el.getBoundingClientRect();
        let best = null;
        for (let y = r.top + 60; y < r.bottom - 40; y += 20) {
          for (let x = r.left + 40; x < r.right - 40; x += 20) {
            if (document.elementFromPoint(x, y) !== el) continue;
            const d = Math.hypot(x - 700, y - 200);
            if (!best || d < best.d) best = { x, y, d };
          }
        }
        return best;
      });
      if (!start) throw new Error('no bare canvas to start a pan from');
      const [cx, cy] = [start.x, start.y];
      await t.page.mouse.move(cx, cy);
      await t.page.mouse.down();
      await t.page.mouse.move(cx + Math.max(-500, Math.min(500, dx)), cy + Math.max(-400, Math.min(400, dy)), { steps: 10 });
      await t.page.mouse.up();
      await settle();
    }
  };
  const steps = (selector = '.react-flow__node-step') => t.page.locator(selector).evaluateAll((els) => els.filter((e) => e.style.visibility !== 'hidden' && e.offsetParent !== null).length);

  test('frames: a long nurture opens with its five frames behind their steps', async () => {
    const page = t.page;
    await page.goto(t.baseURL);
    await page.waitForSelector('[data-testid=sidebar]', { timeout: TIMEOUT });
    const one = await page.evaluate(async () => (await window.go.app.Funnels.Gallery()).find((g) => g.id === 'lead-nurturing').flow);
    await page.evaluate(async (id) => {
      const app = window.go.app.Funnels;
      if ((await app.ListFlows()).some((f) => f.id === id)) await app.DeleteFlow(id);
    }, ID);
    const flow = longNurture(one);
    await page.setInputFiles('[data-testid=import-file]', { name: 'nurture.flow.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(flow)) });
    await page.waitForSelector(`[data-testid=flow-${ID}][aria-current=page]`, { timeout: TIMEOUT });
    await expectCount('.react-flow__node-step', flow.nodes.length, 'every step drawn');
    await expectCount('.react-flow__node-frame', 5, 'five frames');
    await expectText(page.locator('[data-testid="frame-title-frame:lesson-3"]'), /^Lesson 3$/, 'frame title');
    await page.waitForTimeout(800);
    await fit();
    await shot('frames-nurture-down-fit');
    await check('down, open, fit');
    // Each frame's box holds its steps.
    const held = await page.evaluate(() => {
      const box = (el) => el.getBoundingClientRect();
      const f = box(document.querySelector('.react-flow__node[data-id="frame:lesson-2"]'));
      const s = box(document.querySelector('.react-flow__node[data-id="pricing-2"]'));
      return s.left > f.left && s.right < f.right && s.top > f.top && s.bottom < f.bottom;
    });
    if (!held) throw new Error('the frame "Lesson 2" does not hold its step pricing-2');
    await at100('Saw the pricing page');
    await shot('frames-nurture-down-100');
    await check('down, open, 100 %');
  });

  test('frames: a frame collapses into one card with its step count, and links attach to it', async () => {
    const page = t.page;
    await bringIntoView('[data-testid="frame-toggle-frame:lesson-2"]');
    await page.click('[data-testid="frame-toggle-frame:lesson-2"]');
    await expectCount('[data-testid="frame-count-frame:lesson-2"]', 1, 'collapsed card');
    await expectText(page.locator('[data-testid="frame-count-frame:lesson-2"]'), /^11 steps$/, 'step count');
    const visible = await steps();
    if (visible !== 56 - 11) throw new Error(`${visible} steps drawn with a frame of 11 collapsed, want 45`);
    // The links into and out of the collapsed round end on the card's edges.
    const ends = await page.evaluate(() => {
      const card = document.querySelector('.react-flow__node[data-id="frame:lesson-2"]');
      const m = /translate\(([-\d.]+)px,\s*([-\d.]+)px\)/.exec(card.style.transform);
      const box = { x: +m[1], y: +m[2], w: card.offsetWidth, h: card.offsetHeight };
      const end = (id, last) => {
        const p = document.querySelector(`.react-flow__edge[data-id="${id}"] path.react-flow__edge-path`);
        if (!p) return null;
        const q = p.getPointAtLength(last ? p.getTotalLength() : 0);
        return { x: q.x, y: q.y };
      };
      return { box, into: end('sql-1:next->lead-2', true), out: end('sql-2:next->lead-3', false) };
    });
    const { box, into, out } = ends;
    const onTop = into && Math.abs(into.y - box.y) < 12 && into.x > box.x && into.x < box.x + box.w;
    const onBottom = out && Math.abs(out.y - (box.y + box.h)) < 12 && out.x > box.x && out.x < box.x + box.w;
    if (!onTop || !onBottom) throw new Error(`links do not attach to the collapsed card: ${JSON.stringify(ends)}`);
    await page.waitForTimeout(900);
    await fit();
    await shot('frames-nurture-collapsed-fit');
    await check('down, one collapsed, tidied');
    // The file keeps it collapsed.
    await page.waitForTimeout(1500);
    const saved = await page.evaluate(async (id) => (await window.go.app.Funnels.GetFlow(id)).flow.frames.find((f) => f.id === 'lesson-2'), ID);
    if (!saved?.collapsed) throw new Error(`the saved frame is not collapsed: ${JSON.stringify(saved)}`);
    await page.click('[data-testid="frame-toggle-frame:lesson-2"]');
    await expectCount('[data-testid="frame-count-frame:lesson-2"]', 0, 'expanded again');
  });

  test('frames: the funnel turns left-to-right and back, handles on the sides, nothing through a step', async () => {
    const page = t.page;
    await page.click('[data-testid=direction]');
    await page.waitForSelector('[data-testid=direction][data-direction=right]', { timeout: TIMEOUT });
    await page.waitForTimeout(900);
    await fit();
    await shot('frames-nurture-right-fit');
    await check('right, open, fit');
    // The input is on the left edge, the outputs on the right, Yes above No.
    const sides = await page.evaluate(() => {
      const node = document.querySelector('.react-flow__node[data-id="pricing-3"]').getBoundingClientRect();
      const c = (sel) => {
        const r = document.querySelector(`.react-flow__node[data-id="pricing-3"] ${sel}`).getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      };
      return { node: { left: node.left, right: node.right }, input: c('.fp-handle-in'), yes: c('[data-port=yes] .fp-handle-out'), no: c('[data-port=no] .fp-handle-out') };
    });
    const near = (a, b) => Math.abs(a - b) < 3;
    if (!near(sides.input.x, sides.node.left) || !near(sides.yes.x, sides.node.right) || !near(sides.no.x, sides.node.right) || !(sides.yes.y < sides.no.y)) {
      throw new Error(`left-to-right handles misplaced: ${JSON.stringify(sides)}`);
    }
    // At 100 % on the first round's first email, its frame's tab is in view.
    await at100('Getting-started guide');
    await shot('frames-nurture-right-100');
    await check('right, 100 %');
    await bringIntoView('[data-testid="frame-toggle-frame:lesson-1"]');
    await shot('frames-nurture-right-100-tab');
    await page.click('[data-testid="frame-toggle-frame:lesson-1"]');
    await expectCount('[data-testid="frame-count-frame:lesson-1"]', 1, 'lesson 1 collapsed');
    await page.click('[data-testid=auto-layout]');
    await page.waitForTimeout(900);
    await fit();
    await shot('frames-nurture-right-collapsed-fit');
    await check('right, one collapsed, tidied');
    await at100('Saw the pricing page');
    await shot('frames-nurture-right-collapsed-100');
    await check('right, one collapsed, 100 %');
    const saved = await page.evaluate(async (id) => (await window.go.app.Funnels.GetFlow(id)).flow.direction, ID);
    if (saved !== 'right') throw new Error(`the saved direction is ${saved}`);
    // Undo the tidy, the collapse, then the turn: top-down again.
    for (let i = 0; i < 3; i++) await page.click('[aria-label^="Undo"]');
    await page.waitForSelector('[data-testid=direction][data-direction=down]', { timeout: TIMEOUT });
    await expectCount('[data-testid="frame-count-frame:lesson-1"]', 0, 'collapse undone');
    await fit();
  });

  test('frames: steps are grouped with Ctrl+G, named in place, and the grouping is undone', async () => {
    const page = t.page;
    await at100('Getting-started guide');
    await page.click('[data-testid="frame-ungroup-frame:lesson-1"]');
    await expectCount('.react-flow__node-frame', 4, 'frame ungrouped');
    await page.locator('[data-testid=node-guide-1]').click();
    await page.locator('[data-testid=node-wait3d-1]').click({ modifiers: ['Control'] });
    await page.keyboard.press('Control+g');
    const input = page.locator('[data-testid="frame-title-input-frame:f1"]');
    await input.waitFor({ timeout: TIMEOUT });
    await input.fill('Lesson 1–5');
    await input.press('Enter');
    await expectText(page.locator('[data-testid="frame-title-frame:f1"]'), /^Lesson 1–5$/, 'new frame named');
    await check('down, a new frame');
    await shot('frames-grouped');
    await t.clickEmptyCanvas();
    await page.keyboard.press('Control+z'); // the name
    await page.keyboard.press('Control+z'); // the grouping
    await expectCount('[data-testid="frame-frame:f1"]', 0, 'grouping undone');
    await page.keyboard.press('Control+z'); // the ungrouping
    await expectCount('[data-testid="frame-frame:lesson-1"]', 1, 'ungrouping undone');
  });

  test('frames: in French, the frame says its steps and the toolbar its direction', async () => {
    const page = t.page;
    await page.click('[data-testid=lang-fr]');
    // The room as a reader has it: no drawer floating over the frames' tabs, no palette.
    if (await page.locator('[data-testid=drawer]').count()) await page.click('[data-testid=drawer-close]');
    if (await page.locator('[data-testid=palette]').count()) await page.click('[data-testid=palette-close]');
    try {
      await page.click('[data-testid="frame-toggle-frame:lesson-3"]');
      await expectText(page.locator('[data-testid="frame-count-frame:lesson-3"]'), /^11 étapes$/, 'step count in French');
      await expectText(page.locator('[data-testid=direction]'), /De haut en bas/, 'direction in French');
      await page.waitForTimeout(900);
      await check('down, French, one collapsed');
      await fit();
      await shot('frames-nurture-fr');
      await page.click('[data-testid="frame-toggle-frame:lesson-3"]');
      await at100("Un contact s'inscrit");
      await page.click('[data-testid="frame-toggle-frame:lesson-1"]');
      await expectText(page.locator('[data-testid="frame-count-frame:lesson-1"]'), /^11 étapes$/, 'first round collapsed');
      await page.waitForTimeout(900);
      await at100("Un contact s'inscrit");
      await shot('frames-nurture-fr-collapsed-100');
      await check('down, French, first round collapsed, 100 %');
      await page.click('[data-testid="frame-toggle-frame:lesson-1"]');
    } finally {
      await page.click('[data-testid=lang-en]', { timeout: 5000 }).catch(() => undefined);
    }
    await page.evaluate(async (id) => window.go.app.Funnels.DeleteFlow(id), ID);
  });
}
