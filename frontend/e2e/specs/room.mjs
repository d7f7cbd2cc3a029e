// The canvas takes the room (issue #14), in a 1280×800 window: with nothing
// selected it is at least two thirds of the width; the palette opens on
// demand and the side drawer on a selection (Esc closes it, the keyboard goes
// back to the canvas), and both stay as left after a reload; zoom to fit
// leaves every step clear of the overlays; each funnel keeps its own
// viewport; the step search puts what was typed first (English and French);
// deleting many steps asks first and Undo brings them back.
export default function (t) {
  const { test, shot, expectCount, expectText, waitFor, TIMEOUT } = t;
  const sel = (id) => `[data-testid="${id}"]`;
  let a = '';
  let b = '';
  let stepsA = 0;

  /** fromGallery opens a ready funnel and returns its id. */
  const fromGallery = async (template) => {
    const page = t.page;
    await page.click(sel('new-flow'));
    await page.click(`${sel('new-funnel-dialog')} ${sel(`template-${template}`)}`);
    await expectCount(sel('new-funnel-dialog'), 0, 'dialog closed');
    const open = page.locator('[data-testid^="flow-"][aria-current=page]');
    await open.waitFor({ timeout: TIMEOUT });
    return ((await open.getAttribute('data-testid')) ?? '').replace(/^flow-/, '');
  };
  const openFlow = async (id) => {
    await t.page.click(sel(`flow-${id}`));
    await t.page.waitForSelector(`${sel(`flow-${id}`)}[aria-current=page]`, { timeout: TIMEOUT });
    await t.page.locator('.react-flow__node-step').first().waitFor({ timeout: TIMEOUT });
  };
  const viewport = () => t.page.evaluate(() => getComputedStyle(document.querySelector('.react-flow__viewport')).transform);
  // Every step's box inside the pane and clear of every overlay drawn over it.
  const stepsClear = () =>
    t.page.evaluate(() => {
      const flow = document.querySelector('.fp-canvas .react-flow').getBoundingClientRect();
      const overlays = [...document.querySelectorAll('.fp-canvas .react-flow__panel')].map((e) => e.getBoundingClientRect());
      const bad = [];
      const meets = (r, o) => r.left < o.right && o.left < r.right && r.top < o.bottom && o.top < r.bottom;
      for (const n of document.querySelectorAll('.react-flow__node-step')) {
        const r = n.getBoundingClientRect();
        const id = n.getAttribute('data-id');
        if (r.left < flow.left || r.top < flow.top || r.right > flow.right || r.bottom > flow.bottom) bad.push(`${id} outside the canvas`);
        overlays.forEach((o, i) => meets(r, o) && bad.push(`${id} under overlay ${i}`));
      }
      return { bad, count: document.querySelectorAll('.react-flow__node-step').length };
    });
  // One step's box inside the pane and clear of every overlay.
  const stepClear = (id) =>
    t.page.evaluate((id) => {
      const flow = document.querySelector('.fp-canvas .react-flow').getBoundingClientRect();
      const r = document.querySelector(`.react-flow__node[data-id="${id}"]`).getBoundingClientRect();
      const meets = (o) => r.left < o.right && o.left < r.right && r.top < o.bottom && o.top < r.bottom;
      if (r.left < flow.left || r.top < flow.top || r.right > flow.right || r.bottom > flow.bottom) return `${id} outside the canvas`;
      return [...document.querySelectorAll('.fp-canvas .react-flow__panel')].some(meets) ? `${id} under an overlay` : '';
    }, id);
  // The viewport once it has stopped moving (a layout's fit eases in).
  const still = async () => {
    let last = await viewport();
    for (let i = 0; i < 20; i++) {
      await t.page.waitForTimeout(300);
      const now = await viewport();
      if (now === last) return now;
      last = now;
    }
    throw new Error('the view keeps moving');
  };
  const settle = () => t.page.waitForTimeout(450); // the view eases (200–250 ms)

  test('room: with nothing selected the canvas takes at least two thirds of a 1280×800 window', async () => {
    const page = t.page;
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(t.baseURL);
    await page.waitForSelector(sel('sidebar'), { timeout: TIMEOUT });
    a = await fromGallery('lead-nurturing');
    stepsA = await page.locator('.react-flow__node-step').count();
    if (stepsA < 10) throw new Error(`the nurture funnel shows ${stepsA} steps`);
    // The palette and the drawer as a marketer may have left them: closed.
    if (await page.locator(sel('palette')).count()) await page.click(sel('palette-close'));
    if (await page.locator(sel('drawer')).count()) await page.click(sel('drawer-close'));
    await expectCount(sel('palette'), 0, 'palette closed');
    await expectCount(sel('drawer'), 0, 'drawer closed');
    const share = await page.evaluate(() => document.querySelector('[data-testid=canvas]').getBoundingClientRect().width / window.innerWidth);
    if (share < 2 / 3) throw new Error(`the canvas is ${(share * 100).toFixed(0)}% of the window's width, want at least 67%`);
    await settle();
    await shot('room-01-canvas-1280');
  });

  test('room: a funnel opened the first time is fitted, and zoom to fit leaves every step clear of the overlays', async () => {
    const page = t.page;
    await still();
    let got = await stepsClear();
    if (got.bad.length) throw new Error(`opened: ${got.bad.join('; ')}`);
    // Moved away, then fitted with the button.
    await page.mouse.move(700, 400);
    await page.mouse.wheel(0, -600);
    await settle();
    await page.click(sel('fit-view'));
    await settle();
    got = await stepsClear();
    if (got.count !== stepsA || got.bad.length) throw new Error(`fitted: ${got.count} steps; ${got.bad.join('; ')}`);
    await shot('room-02-fitted');
  });

  test('room: the palette opens on demand, finds what was typed, and stays as left after a reload', async () => {
    const page = t.page;
    await page.click(sel('open-palette'));
    await page.waitForSelector(sel('palette'), { timeout: TIMEOUT });
    // The search box has the cursor: type, the best match is first, Enter adds it.
    await page.keyboard.type('courriel');
    await expectText(page.locator('.fp-palette-item').first(), /Send an email/, 'first for “courriel”');
    await page.fill(sel('palette-search'), 'end');
    await expectText(page.locator('.fp-palette-item').first(), /^End/, 'first for “end”');
    await page.fill(sel('palette-search'), 'send an email');
    await expectText(page.locator('.fp-palette-item').first(), /Send an email/, 'first for “send an email”');
    const before = await page.locator('[data-testid^="node-email"]').count();
    await page.keyboard.press('Enter');
    await expectCount('[data-testid^="node-email"]', before + 1, 'Enter added “Send an email”');
    await settle();
    const added = await page.locator('.react-flow__node-step.selected').getAttribute('data-id');
    const where = await stepClear(added);
    if (where) throw new Error(`the step added from the palette: ${where}`);
    await page.keyboard.press('Control+z');
    await page.click('.react-flow__pane', { position: { x: 10, y: 10 } });
    await page.keyboard.press('Control+z');
    await expectCount('.react-flow__node-step', stepsA, 'the added step undone');
    await shot('room-03-palette-open');
    await page.reload();
    await page.waitForSelector(sel('palette'), { timeout: TIMEOUT });
    await page.click(sel('palette-close'));
    await expectCount(sel('palette'), 0, 'palette closed');
    await page.reload();
    await page.waitForSelector(sel('sidebar'), { timeout: TIMEOUT });
    await page.locator('.react-flow__node-step').first().waitFor({ timeout: TIMEOUT });
    await expectCount(sel('palette'), 0, 'palette still closed after a reload');
  });

  test('room: the drawer opens on a selection and stays as left after a reload; Esc closes it and the keyboard goes back to the canvas', async () => {
    const page = t.page;
    await page.locator('.react-flow__node-step .fp-node-title').first().click();
    await page.waitForSelector(`${sel('drawer')} ${sel('inspector')}`, { timeout: TIMEOUT });
    await shot('room-04-drawer');
    await page.reload();
    await page.waitForSelector(sel('drawer'), { timeout: TIMEOUT });
    await page.locator('.react-flow__node-step').first().waitFor({ timeout: TIMEOUT });
    await page.locator('.react-flow__node-step .fp-node-title').first().click();
    await page.keyboard.press('Escape');
    await expectCount(sel('drawer'), 0, 'Esc closed the drawer');
    const focus = await page.evaluate(() => !!document.activeElement?.closest('.react-flow'));
    if (!focus) throw new Error('after Esc the keyboard is not on the canvas');
    await expectCount('.react-flow__node-step.selected', 0, 'nothing selected after Esc');
    // Its tabs open it too.
    await page.click(sel('tab-history'));
    await page.waitForSelector(sel('drawer'), { timeout: TIMEOUT });
    await page.click(sel('drawer-close'));
    await page.reload();
    await page.waitForSelector(sel('sidebar'), { timeout: TIMEOUT });
    await page.locator('.react-flow__node-step').first().waitFor({ timeout: TIMEOUT });
    await expectCount(sel('drawer'), 0, 'drawer still closed after a reload');
  });

  test('room: the funnel list folds away and stays folded after a reload', async () => {
    const page = t.page;
    await page.click('.fp-topbar button[aria-label="Show or hide the funnel list"]');
    await expectCount(sel('sidebar'), 0, 'list folded');
    await page.reload();
    await page.locator('.react-flow__node-step').first().waitFor({ timeout: TIMEOUT });
    await expectCount(sel('sidebar'), 0, 'list still folded after a reload');
    const share = await page.evaluate(() => document.querySelector('[data-testid=canvas]').getBoundingClientRect().width / window.innerWidth);
    if (share < 0.85) throw new Error(`with the list folded the canvas is ${(share * 100).toFixed(0)}% wide`);
    await page.click('.fp-topbar button[aria-label="Show or hide the funnel list"]');
    await page.waitForSelector(sel('sidebar'), { timeout: TIMEOUT });
  });

  test('room: opening funnel A, then B, then A keeps each one’s viewport', async () => {
    const page = t.page;
    // A, moved somewhere of its own.
    await page.mouse.move(640, 420);
    await page.mouse.wheel(0, 300);
    await settle();
    const pane = await page.locator('.fp-canvas .react-flow__pane').boundingBox();
    await page.mouse.move(pane.x + 40, pane.y + pane.height - 40);
    await page.mouse.down();
    await page.mouse.move(pane.x + 140, pane.y + pane.height - 90, { steps: 8 });
    await page.mouse.up();
    const va = await still();
    // B, opened the first time: fitted, clear of the overlays, its own view.
    b = await fromGallery('segmentation');
    const vb = await still();
    const got = await stepsClear();
    if (got.bad.length) throw new Error(`B opened: ${got.bad.join('; ')}`);
    if (vb === va) throw new Error(`B opened with A's viewport ${va}`);
    await shot('room-05-second-funnel');
    await openFlow(a);
    await settle();

    await waitFor(async () => (await viewport()) === va, `A's viewport back (${va})`, TIMEOUT).catch(async () => {
      throw new Error(`A came back at ${await viewport()}, left at ${va}`);
    });
    await openFlow(b);
    await settle();
    await waitFor(async () => (await viewport()) === vb, `B's viewport back (${vb})`, TIMEOUT).catch(async () => {
      throw new Error(`B came back at ${await viewport()}, left at ${vb}`);
    });
  });

  test('room: Ctrl+A then Backspace asks first; Cancel keeps every step, Delete removes them, Undo brings them back', async () => {
    const page = t.page;
    const steps = await page.locator('.react-flow__node-step').count();
    await page.click('.react-flow__pane', { position: { x: 10, y: 10 } });
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Backspace');
    await page.waitForSelector(sel('confirm-delete'), { timeout: TIMEOUT });
    await expectText(page.locator(sel('confirm-delete')), new RegExp(`Delete ${steps} steps\\?`), 'the question');
    await shot('room-06-delete-asks');
    await page.click(`${sel('confirm-delete')} button:has-text("Cancel")`);
    await expectCount('.react-flow__node-step', steps, 'nothing deleted on Cancel');
    await page.keyboard.press('Delete');
    await page.click(`${sel('confirm-delete')} ${sel('confirm')}`);
    await expectCount('.react-flow__node-step', 0, 'all deleted');
    await page.keyboard.press('Control+z');
    await expectCount('.react-flow__node-step', steps, 'Undo brought them back');
  });

  test('room: in French, the canvas, the palette and the question speak French', async () => {
    const page = t.page;
    await page.click(sel('lang-fr'));
    await expectText(page.locator(sel('open-palette')), /Ajouter une étape/, 'the button in French');
    await page.click(sel('open-palette'));
    await page.fill(sel('palette-search'), 'terminer');
    await expectText(page.locator('.fp-palette-item').first(), /^Fin/, 'first for “terminer”');
    await page.fill(sel('palette-search'), 'courriel');
    await expectText(page.locator('.fp-palette-item').first(), /Envoyer un email/, 'first for “courriel”');
    await shot('room-07-fr-palette');
    await page.click(sel('palette-close'));
    await page.click('.react-flow__pane', { position: { x: 10, y: 10 } });
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await expectText(page.locator(sel('confirm-delete')), /Supprimer \d+ étapes\u00a0?\s?\?/, 'the question in French');
    await page.click(`${sel('confirm-delete')} button:has-text("Annuler")`);
    await page.click('.react-flow__pane', { position: { x: 10, y: 10 } });
    await settle();
    await shot('room-08-fr-canvas-1280');
    // The same at 1440×900, in both languages: the canvas takes what the panels leave.
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.click(sel('fit-view'));
    await settle();
    const share = await page.evaluate(() => document.querySelector('[data-testid=canvas]').getBoundingClientRect().width / window.innerWidth);
    if (page.locator(sel('drawer')) && (await page.locator(sel('drawer')).count()) === 0 && share < 2 / 3) throw new Error(`at 1440×900 the canvas is ${(share * 100).toFixed(0)}% wide`);
    await shot('room-09-fr-canvas-1440');
    await page.click(sel('lang-en'));
    await settle();
    await shot('room-10-canvas-1440');
    await page.setViewportSize({ width: 1280, height: 800 });
  });
}
