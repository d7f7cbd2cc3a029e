// The lead-scoring journey, as a marketer builds it with the mouse: a
// funnel started by "Page visited" gives 10 points, checks "temperature is
// at least hot" and alerts a teammate. The default re-entry ("only once,
// ever") is flagged; "every time" clears it. Published, it is driven by page
// visits posted to the event intake (the token read in Settings → Tracking and website events):
// each contact who gets hot gets exactly one alert in the capture mailbox,
// a contact who stays cold none. Then the scoring screen: thresholds, the
// simulated preview and the one-click "when a lead gets hot" recipe.
export default function (t) {
  const { test, shot, expectCount, expectText, waitFor, TIMEOUT } = t;
  const flowId = 'lead-scoring';
  const teammate = 'sales-e2e@example.com';
  // Six visits make 60 points, the hot threshold: one alert each. Two
  // visits leave Carl at 20 points, cold: no alert.
  const visits = { 'ana-e2e@example.com': 6, 'ben-e2e@example.com': 6, 'carl-e2e@example.com': 2 };
  const hot = ['ana-e2e@example.com', 'ben-e2e@example.com'];

  const go = async (screen) => {
    await t.page.click(`[data-testid=nav-${screen}]`);
    await t.page.waitForSelector(`[data-testid=screen-${screen}]`, { timeout: TIMEOUT });
  };
  const select = async (nodeId) => {
    await t.page.click(`[data-testid=node-${nodeId}] .fp-node-title`);
    await t.page.locator('[data-testid=inspector]').waitFor({ timeout: TIMEOUT });
  };
  const add = async (type, nodeId) => {
    await t.clickEmptyCanvas();
    const item = t.page.locator(`[data-testid="palette-${type}"]`);
    await item.scrollIntoViewIfNeeded();
    await item.click();
    await t.page.waitForSelector(`[data-testid=node-${nodeId}]`, { timeout: TIMEOUT });
  };
  // after adds a step linked to an output, through the “+” under it.
  const after = async (from, port, type, nodeId) => {
    await select(from);
    await t.page.click(`[data-testid=plus-${from}-${port}]`);
    await t.page.locator('[data-testid=add-menu]').waitFor({ timeout: TIMEOUT });
    await t.page.click(`[data-testid=add-menu] [data-testid="add-${type}"]`);
    await t.page.waitForSelector(`[data-testid=node-${nodeId}]`, { timeout: TIMEOUT });
  };

  test('scoring: build “page visited → +10 points → hot? → alert” with the mouse', async () => {
    const page = t.page;
    await page.goto(t.baseURL);
    await page.click('[data-testid=new-flow]');
    await page.fill('[data-testid=new-flow-name]', 'Lead scoring');
    await page.click('[data-testid=new-flow-create]');
    await page.waitForSelector('[data-testid=canvas-empty]', { timeout: TIMEOUT });

    // The start from the palette, each next step from the “+” under an output.
    await add('trigger.event', 'event-1');
    await after('event-1', 'next', 'action.score', 'score-1');
    await after('score-1', 'next', 'condition.score', 'if-score-1');
    await after('if-score-1', 'yes', 'action.notify', 'notify-1');
    await after('if-score-1', 'no', 'exit', 'exit-1');
    await expectCount('.react-flow__edge', 4, 'links');
    await page.click('[data-testid=auto-layout]');
    await page.waitForTimeout(400); // the view eases to fit

    await select('event-1');
    // The event is picked by its name from the catalogue, with the mouse.
    await page.click('#field-event-1-event_type');
    await page.locator('.fp-combo-list [role=option]').filter({ hasText: /^Page visited/ }).first().click();
    await expectText(page.locator('[data-testid=node-event-1] .fp-node-summary'), /Page visited/, 'trigger summary names the event');
    if ((await page.inputValue('#field-event-1-event_type')) !== 'Page visited') throw new Error(`event field shows ${await page.inputValue('#field-event-1-event_type')}`);
    await select('score-1');
    await page.locator('#field-score-1-points').fill('10');
    await select('if-score-1');
    // Temperature and its ladder are dropdowns: "is at least" "Hot".
    await page.selectOption('#field-if-score-1-metric', 'temperature');
    await page.selectOption('#field-if-score-1-operator', 'gte');
    const temps = await page.locator('#field-if-score-1-temperature option').allTextContents();
    if (JSON.stringify(temps.filter((x) => x !== 'Choose…')) !== JSON.stringify(['Cold', 'Warm', 'Hot'])) throw new Error(`temperature choices: ${JSON.stringify(temps)}`);
    await page.selectOption('#field-if-score-1-temperature', 'hot');
    await expectText(page.locator('[data-testid=node-if-score-1] .fp-node-summary'), /Temperature is at least Hot/, 'check summary');
    await shot('scoring-01-check-inspector');
    await select('notify-1');
    await page.locator('#field-notify-1-to').fill(teammate);
    await page.click('[data-testid=auto-layout]');
    await page.waitForTimeout(400); // the view eases to fit
    await shot('scoring-02-built');
  });

  test('scoring: “only once, ever” is flagged in plain words; “every time” clears it; publish', async () => {
    const page = t.page;
    const warning = page.locator('[data-testid=problems] .fp-problem[data-node="score-1"][data-code="score_once"]');
    await warning.waitFor({ timeout: TIMEOUT });
    await expectText(warning, /only once, ever/, 'warning text');
    await shot('scoring-03-once-warning');
    await t.clickEmptyCanvas();
    await page.selectOption('#field-flow-reentry', 'always');
    await expectCount('[data-testid=problems] .fp-problem[data-code="score_once"]', 0, 'warning gone');
    await page.locator('[data-testid=problems] .fp-problems-none').waitFor({ timeout: TIMEOUT });
    await page.click('[data-testid=publish]');
    await expectText(page.locator('[data-testid=live-status]'), /version 1/, 'live status');
    const stored = await page.evaluate(async (id) => (await window.go.app.Funnels.GetFlow(id)).flow, flowId);
    if (stored.nodes.find((n) => n.id === 'event-1')?.config?.event_type !== 'page_visited') throw new Error(`stored trigger: ${JSON.stringify(stored.nodes[0])}`);
    const check = stored.nodes.find((n) => n.id === 'if-score-1');
    if (stored.settings.reentry !== 'always' || check?.config?.temperature !== 'hot' || check?.config?.operator !== 'gte') {
      throw new Error(`stored: ${JSON.stringify({ settings: stored.settings, check })}`);
    }
    await shot('scoring-04-published');
  });

  test('scoring: page visits posted to the intake give exactly one alert per hot contact', async () => {
    const page = t.page;
    await go('settings');
    await page.locator('[data-testid=settings-engine]').scrollIntoViewIfNeeded();
    await page.click('[data-testid=settings-engine] button[aria-label="Show the key"]');
    await waitFor(async () => !(await page.textContent('[data-testid=engine-token]')).includes('•'), 'token revealed', TIMEOUT);
    const token = (await page.textContent('[data-testid=engine-token]')).trim();
    const http = (await page.textContent('[data-testid=engine-http]')).trim();
    await shot('scoring-05-intake-token');
    // One visit per request, in order, as a website would send them.
    for (const [email, n] of Object.entries(visits)) {
      for (let i = 0; i < n; i++) {
        const res = await fetch(`${http}/events`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify([{ email, type: 'page_visited', data: { url: `https://example.com/page-${i}` } }]),
        });
        if (!res.ok) throw new Error(`POST /events for ${email}: ${res.status} ${await res.text()}`);
      }
    }
    const alerts = async () => ((await page.evaluate(async () => (await window.go.app.Mailbox.Mailbox()) ?? [])) || []).filter((m) => m.to === teammate);
    await waitFor(async () => (await alerts()).length >= hot.length, 'alerts in the mailbox', 20_000).catch(async () => {
      throw new Error(`alerts: ${JSON.stringify(await alerts())}`);
    });
    // Let the engine finish anything still due, then count again.
    await page.waitForTimeout(1500);
    const got = await alerts();
    for (const email of Object.keys(visits)) {
      const n = got.filter((m) => (m.subject ?? '').includes(email)).length;
      const want = hot.includes(email) ? 1 : 0;
      if (n !== want) throw new Error(`${email}: ${n} alert(s), want ${want}; mailbox: ${JSON.stringify(got.map((m) => m.subject))}`);
    }
    if (got.length !== hot.length) throw new Error(`alerts: ${JSON.stringify(got.map((m) => m.subject))}`);
    await go('mailbox');
    for (const email of hot) {
      await expectCount(`[data-testid=mailbox-list] li:has-text("Hot lead: ${email}")`, 1, `alert for ${email} in the mailbox`);
    }
    await expectCount('[data-testid=mailbox-list] li:has-text("carl-e2e@example.com")', 0, 'no alert for the cold contact');
    await page.locator('[data-testid=mailbox-list] li').filter({ hasText: `Hot lead: ${hot[0]}` }).first().locator('button').click();
    await expectText(page.locator('[data-testid=mail-subject]'), new RegExp(`Hot lead: ${hot[0]}`), 'alert opened');
    await page.waitForTimeout(200);
    await shot('scoring-06-alerts');
  });

  test('scoring: the scoring screen previews who would get hot and sets up the recipe in one click', async () => {
    const page = t.page;
    await go('contacts');
    await page.click('[data-testid=contacts-tab-scoring]');
    await page.locator('[data-testid=scoring-thresholds]').waitFor({ timeout: TIMEOUT });
    if ((await page.inputValue('[data-testid=threshold-hot]')) !== '60') throw new Error('hot threshold is not 60');
    // The funnel built above starts on a visit, not on the temperature:
    // the recipe is not set up yet.
    await page.locator('[data-testid=recipe-create]').waitFor({ timeout: TIMEOUT });
    await shot('scoring-07-screen');
    await page.click('[data-testid=add-score-rule]');
    await page.fill('[data-testid=score-rule-name] >> nth=-1', 'Visited a page');
    await page.selectOption('[data-testid=score-rule-event] >> nth=-1', 'page_visited');
    await page.fill('[data-testid=score-rule-points] >> nth=-1', '10');
    await page.selectOption('[data-testid=preview-audience]', 'saas-trial');
    await page.click('[data-testid=preview-run]');
    await expectText(page.locator('[data-testid=preview-result]'), /Out of 1,000 contacts, [\d,]+ would become warm and [\d,]+ would become hot/, 'preview');
    await expectCount('[data-testid=preview-result] polyline', 2, 'two lines on the chart');
    await page.locator('[data-testid=scoring-preview]').scrollIntoViewIfNeeded();
    await shot('scoring-08-preview');
    await page.click('[data-testid=recipe-teammate]');
    await page.fill('[data-testid=recipe-teammate-email]', teammate);
    await page.click('[data-testid=recipe-create]');
    await expectText(page.locator('[data-testid=recipe-funnel]').first(), /is live/, 'recipe set up');
    await page.locator('[data-testid=scoring-recipe]').scrollIntoViewIfNeeded();
    await shot('scoring-09-recipe');
    const recipe = await page.evaluate(async () => (await window.go.app.Scoring.HotLeadFunnels()) ?? []);
    if (recipe.length !== 1 || !recipe[0].published) throw new Error(`recipe funnels: ${JSON.stringify(recipe)}`);
    const f = (await page.evaluate(async (id) => (await window.go.app.Funnels.GetFlow(id)).flow, recipe[0].id)).nodes.map((n) => n.type);
    if (JSON.stringify(f) !== JSON.stringify(['trigger.score_reached', 'action.notify', 'action.tag_add', 'action.set_stage'])) throw new Error(`recipe steps: ${f}`);
    // The same screen in French.
    await page.click('[data-testid=lang-fr]');
    await expectText(page.locator('[data-testid=scoring-recipe] h3'), /Quand un prospect devient chaud/, 'recipe title in French');
    await expectText(page.locator('[data-testid=preview-result]'), /Sur 1[\s\u202f\u00a0]000 contacts/, 'preview in French');
    await page.locator('[data-testid=scoring-preview]').scrollIntoViewIfNeeded();
    await shot('scoring-09b-french');
    await page.click('[data-testid=lang-en]');
    await expectText(page.locator('[data-testid=scoring-recipe] h3'), /When a lead gets hot/, 'back to English');
    await page.click('[data-testid=recipe-open]');
    await page.waitForSelector('[data-testid=node-hot]', { timeout: TIMEOUT });
    await page.waitForTimeout(300);
    await shot('scoring-10-recipe-funnel');
  });
}
