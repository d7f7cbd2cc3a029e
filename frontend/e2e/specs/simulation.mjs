// The simulation screen against the real backend: a funnel from the gallery,
// 10,000 contacts over 30 days with the numbers drawn on the funnel's
// picture, one contact's "why", the CSV and PNG exports, a comparison with a
// variant, a long run stopped with Cancel, 100,000 contacts, the printed
// report, the French screen, and a funnel with a goal (conversions). The times the screen shows are printed.
import { readFileSync, writeFileSync } from 'node:fs';

export default function (t) {
  const { test, shot, expectCount, expectText, waitFor, TIMEOUT } = t;
  let flowId = '';
  let variantId = '';
  let cartId = '';
  const timings = [];

  // A picture of the whole report is drawn in the page before it downloads:
  // seconds on a busy machine, so it gets longer than a click.
  const download = async (trigger, timeout = TIMEOUT) => {
    const [d] = await Promise.all([t.page.waitForEvent('download', { timeout }), trigger()]);
    return { name: d.suggestedFilename(), body: readFileSync(await d.path()) };
  };

  /** run sets the number of contacts, runs, waits for the result and returns the time the screen shows. */
  const run = async (n, timeout = 60_000) => {
    const page = t.page;
    await page.fill('[data-testid=sim-n]', String(n));
    const before = await page.locator('[data-testid=sim-elapsed]').textContent().catch(() => null);
    await page.click('[data-testid=sim-run]');
    await waitFor(async () => {
      const now = await page.locator('[data-testid=sim-elapsed]').textContent({ timeout: 100 }).catch(() => null);
      return now !== null && now !== before && (await page.locator('[data-testid=sim-run]').count()) === 1;
    }, `the simulation of ${n} contacts`, timeout);
    const text = await page.locator('[data-testid=sim-elapsed]').textContent();
    timings.push(text);
    console.log(`e2e: simulation timing (as shown): ${text}`);
    return text;
  };

  /** entered reads the large number drawn on a step of the picture. */
  const entered = async (node, scope = '[data-testid=sim-picture]') =>
    Number(((await t.page.locator(`${scope} [data-testid=sim-entered-${node}] strong`).textContent()) ?? '').replace(/[^\d]/g, ''));

  test('simulation: a gallery funnel opens in the Simulate screen, drawn before any run', async () => {
    const page = t.page;
    await page.goto(t.baseURL);
    await page.waitForSelector('[data-testid=nav-simulate]', { timeout: TIMEOUT });
    const made = await page.evaluate(async () => {
      const app = window.go.app;
      const a = await app.Funnels.CreateFromTemplate('welcome');
      // The variant tags the contacts who did not open instead of reminding them.
      const b = await app.Funnels.CreateFromTemplate('welcome');
      const flow = { ...b.flow, name: 'Welcome without reminder' };
      flow.nodes = flow.nodes.map((n) => (n.id === 'reminder' ? { id: 'reminder', type: 'action.tag_add', config: { tag: 'quiet' } } : n));
      await app.Funnels.SaveFlow(flow);
      const c = await app.Funnels.CreateFromTemplate('cart');
      return { a: a.flow.id, b: b.flow.id, c: c.flow.id };
    });
    flowId = made.a;
    variantId = made.b;
    cartId = made.c;
    await page.reload();
    await page.click('[data-testid=nav-simulate]');
    await page.waitForSelector('[data-testid=screen-simulate]', { timeout: TIMEOUT });
    await page.selectOption('[data-testid=sim-flow]', flowId);
    await page.waitForSelector('[data-testid=sim-picture] [data-testid=sim-node-signup]', { timeout: TIMEOUT });
    await expectCount('[data-testid=sim-picture] .react-flow__node', 7, 'steps on the picture');
    await expectCount('[data-testid=sim-picture] [data-testid^=sim-entered-]', 0, 'no numbers before a run');
    await shot('sim-00-before');
  });

  test('simulation: 10,000 contacts over 30 days put numbers on the funnel', async () => {
    const page = t.page;
    await page.click('[data-testid=sim-audience-ecommerce-newsletter]');
    await page.click('[data-testid=sim-days-30]');
    await page.fill('[data-testid=sim-seed]', '7');
    await run(10_000);
    await expectText(page.locator('[data-testid=sim-elapsed]'), /^10,000 contacts simulated in (<\s)?[\d.]+ s$/, 'time shown');
    await expectText(page.locator('[data-testid=sim-stat-contacts] .fp-sim-stat-value'), /^10,000$/, 'contacts headline');
    const signup = await entered('signup');
    const hello = await entered('hello');
    const reminder = await entered('reminder');
    if (!(signup > 0 && hello > 0 && reminder > 0)) throw new Error(`counts on the picture: signup ${signup}, hello ${hello}, reminder ${reminder}`);
    if (signup !== 10_000) throw new Error(`everyone joins the list: ${signup} entered the start`);
    // The yes/no shares of the engagement check add up to 100%.
    const labels = await page.locator('[data-testid=sim-picture] .react-flow__edge-text').allTextContents();
    if (labels.length !== 6 || !labels.every((l) => /^\d+(\.\d)?% · [\d,]+$/.test(l))) throw new Error(`link labels ${JSON.stringify(labels)}`);
    await page.waitForSelector('[data-testid=sim-chart-funnel] .recharts-bar-rectangle', { timeout: TIMEOUT });
    await page.waitForSelector('[data-testid=sim-chart-timeline] .recharts-line', { timeout: TIMEOUT });
    await expectCount('[data-testid=sim-email-table] tbody tr', 3, 'one row per email');
    await page.waitForTimeout(300);
    await shot('sim-01-results');
    await page.locator('[data-testid=sim-chart-funnel]').scrollIntoViewIfNeeded();
    await shot('sim-02-charts');
    await page.locator('[data-testid=sim-email-table]').scrollIntoViewIfNeeded();
    await shot('sim-03-emails');
  });

  test('simulation: why — one contact’s path, step by step, lit up on the funnel', async () => {
    const page = t.page;
    await page.locator('[data-testid=sim-results]').evaluate((el) => el.scrollTo(0, 0));
    const contacts = await page.locator('[data-testid=sim-why-contacts] button').count();
    if (contacts !== 50) throw new Error(`${contacts} kept paths, want 50`);
    await page.click('[data-testid=sim-why-contact-0]');
    await page.waitForSelector('[data-testid=sim-why-path]', { timeout: TIMEOUT });
    const steps = await page.locator('[data-testid=sim-why-step]').allTextContents();
    if (steps.length < 4) throw new Error(`steps ${JSON.stringify(steps)}`);
    if (!steps.some((s) => /Waited 2 days/.test(s))) throw new Error(`no wait in ${JSON.stringify(steps)}`);
    if (!steps.some((s) => /took (Yes|No): /.test(s))) throw new Error(`no branch taken in ${JSON.stringify(steps)}`);
    await expectCount('[data-testid=sim-picture] .fp-sim-node.is-path', 5, 'steps of the path lit up');
    await page.waitForTimeout(300);
    await shot('sim-04-why');
    await page.click('[data-testid=sim-why-back]');
    await expectCount('[data-testid=sim-picture] .fp-sim-node.is-path', 0, 'path cleared');
  });

  test('simulation: export the numbers as CSV and the results as a PNG', async () => {
    const csv = await download(() => t.page.click('[data-testid=sim-export-csv]'));
    const text = csv.body.toString('utf8');
    if (!csv.name.endsWith('-simulation.csv')) throw new Error(`csv name ${csv.name}`);
    // A header block of run parameters, then named tables (see exports.mjs for the whole file).
    if (!text.startsWith('\ufeffFlightplan simulation\r\n')) throw new Error(`csv header: ${text.slice(0, 80)}`);
    if (!text.includes(`\r\nFunnel id,${flowId}\r\n`) || !text.includes('\r\nContacts,10000\r\n')) throw new Error(`csv run block: ${text.slice(0, 400)}`);
    if (!/\r\n[^\r\n]*,signup,[^\r\n]*,10000,/.test(text)) throw new Error(`csv step rows: ${text.slice(0, 1200)}`);
    const png = await download(() => t.page.click('[data-testid=sim-export-png]'), 90_000);
    if (!png.name.endsWith('.png') || png.body.subarray(1, 4).toString() !== 'PNG' || png.body.length < 20_000) {
      throw new Error(`png ${png.name}, ${png.body.length} bytes`);
    }
    writeFileSync(`${t.root}/build/e2e/sim-export.png`, png.body);
  });

  test('simulation: compare with a variant on the same contacts and seed', async () => {
    const page = t.page;
    await page.locator('[data-testid=sim-compare]').scrollIntoViewIfNeeded();
    await page.selectOption('[data-testid=sim-compare-flow]', variantId);
    await page.click('[data-testid=sim-compare-run]');
    await page.waitForSelector('[data-testid=sim-compare-table]', { timeout: 60_000 });
    await expectText(page.locator('[data-testid=sim-delta-emails] .fp-sim-delta'), /^−[\d,]+ \(−[\d.]+%\)$/, 'fewer emails without the reminder');
    const cls = await page.locator('[data-testid=sim-delta-emails] .fp-sim-delta').getAttribute('class');
    if (!cls.includes('is-better')) throw new Error(`emails delta class ${cls}`);
    if ((await entered('signup', '[data-testid=sim-compare-picture-b]')) !== 10_000) throw new Error('variant B did not get the same contacts');
    await page.waitForTimeout(300);
    await page.locator('[data-testid=sim-compare]').scrollIntoViewIfNeeded();
    await shot('sim-05-compare');
  });

  test('simulation: a long run shows its progress and stops on Cancel', async () => {
    const page = t.page;
    await page.fill('[data-testid=sim-n]', '1000000');
    await page.click('[data-testid=sim-run]');
    await page.waitForSelector('[data-testid=sim-progress]', { timeout: TIMEOUT });
    await waitFor(async () => Number(await page.getAttribute('[data-testid=sim-progress]', 'aria-valuenow')) > 0, 'progress moving', 30_000);
    await shot('sim-06-progress');
    await page.click('[data-testid=sim-cancel]');
    await page.waitForSelector('[data-testid=sim-cancelled]', { timeout: 30_000 });
    await expectCount('[data-testid=sim-progress]', 0, 'progress bar gone');
    // The previous numbers stay on screen.
    if ((await entered('signup')) !== 10_000) throw new Error('the stopped run replaced the results');
  });

  test('simulation: 100,000 contacts', async () => {
    await run(100_000, 120_000);
    if ((await entered('signup')) !== 100_000) throw new Error('100,000 contacts did not all enter');
    await expectText(t.page.locator('[data-testid=sim-elapsed]'), /^100,000 contacts simulated in/, 'time shown');
    console.log(`e2e: simulation timings: ${timings.join(' | ')}`);
  });

  test('simulation: the printed report keeps the picture, numbers, charts and table', async () => {
    const page = t.page;
    await page.emulateMedia({ media: 'print' });
    try {
      for (const sel of ['sim-picture', 'sim-headline', 'sim-chart-funnel', 'sim-email-table']) {
        if (!(await page.locator(`[data-testid=${sel}]`).isVisible())) throw new Error(`${sel} is not printed`);
      }
      for (const sel of ['sim-settings', 'sim-export-csv', 'sim-why']) {
        if (await page.locator(`[data-testid=${sel}]`).isVisible()) throw new Error(`${sel} is printed`);
      }
      await page.screenshot({ path: `${t.root}/build/e2e/sim-07-print.png`, fullPage: true });
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  test('simulation: the screen in French', async () => {
    const page = t.page;
    await page.click('[data-testid=lang-fr]');
    await expectText(page.locator('[data-testid=sim-report-title]'), /^Simulation de « /, 'title in French');
    await expectText(page.locator('[data-testid=sim-stat-contacts] .fp-sim-stat-value'), /^100\s000$/, 'French thousands');
    await page.click('[data-testid=sim-why-contact-1]');
    await waitFor(async () => (await page.locator('[data-testid=sim-why-step]').allTextContents()).some((s) => /A attendu 2 jours/.test(s)), 'reasons in French', TIMEOUT);
    await page.locator('[data-testid=sim-results]').evaluate((el) => el.scrollTo(0, 0));
    await page.waitForTimeout(300);
    await shot('sim-08-french');
    await page.click('[data-testid=lang-en]');
  });

  test('simulation: how the personas visit the website, edited, refused in words when reversed, in English and French', async () => {
    const page = t.page;
    await page.click('[data-testid=sim-audience-cold-b2b]');
    const box = page.locator('[data-testid=sim-visits]');
    await box.locator('summary').click();
    await expectCount('[data-testid=sim-visits-row]', 2, 'one row a persona');
    const names = await page.locator('[data-testid=sim-visits-row] legend').allTextContents();
    if (names.some((n) => /-/.test(n) || n.trim() === '')) throw new Error(`persona names: ${names}`);
    if ((await page.inputValue('[data-testid=sim-visits-from-0]')) !== '20' || (await page.inputValue('[data-testid=sim-visits-to-0]')) !== '150') throw new Error('the audience’s own reading time is not shown');
    await page.fill('[data-testid=sim-visits-from-0]', '90');
    await page.fill('[data-testid=sim-visits-to-0]', '10');
    await expectText(page.locator('[data-testid=sim-visits-error]'), new RegExp(`^${names[0]}: seconds on a page go from a smaller number to a larger one`), 'reversed seconds said in words');
    await page.fill('[data-testid=sim-visits-from-0]', '40');
    await page.fill('[data-testid=sim-visits-to-0]', '90');
    await page.fill('[data-testid=sim-visits-week-1]', '7');
    await expectCount('[data-testid=sim-visits-error]', 0, 'no error once fixed');
    await page.locator('[data-testid=sim-visits-row]').nth(1).scrollIntoViewIfNeeded();
    await shot('sim-12-website-visits');
    await page.click('[data-testid=lang-fr]');
    await expectText(box.locator('summary'), /^Comment ils visitent le site Web$/, 'editor in French');
    await page.locator('[data-testid=sim-visits-row]').nth(1).scrollIntoViewIfNeeded();
    await shot('sim-12-website-visits-fr');
    await page.click('[data-testid=lang-en]');
    await run(1_000);
    await expectText(page.locator('[data-testid=sim-stat-contacts] .fp-sim-stat-value'), /^1,000$/, 'the run with edited visits');
    await page.click('[data-testid=sim-visits-reset]');
    if ((await page.inputValue('[data-testid=sim-visits-from-0]')) !== '20') throw new Error('reset kept the edit');
    await page.click('[data-testid=sim-audience-ecommerce-newsletter]');
  });

  test('simulation: a funnel with a goal shows its conversions and when they happen', async () => {
    const page = t.page;
    await page.selectOption('[data-testid=sim-flow]', cartId);
    await page.waitForSelector('[data-testid=sim-stale]', { timeout: TIMEOUT });
    await page.click('[data-testid=sim-days-60]');
    await page.fill('[data-testid=sim-arrival]', '30');
    await run(10_000);
    await expectText(page.locator('[data-testid=sim-report-title]'), /Abandoned cart/, 'the cart funnel shown');
    const goal = Number(((await page.locator('[data-testid=sim-goal-bought]').textContent()) ?? '').replace(/\(.*$/, '').replace(/[^\d]/g, ''));
    if (!(goal > 0)) throw new Error(`conversions on the goal step: ${goal}`);
    await expectText(page.locator('[data-testid=sim-stat-conversion] .fp-sim-stat-value'), /^\d+(\.\d)?%$/, 'conversion headline');
    await page.waitForSelector('[data-testid=sim-chart-goal-time] .recharts-bar-rectangle', { timeout: TIMEOUT });
    await expectText(page.locator('[data-testid=sim-chart-goal-time] .fp-sim-hint'), /Median time to/, 'median time to goal');
    await page.locator('[data-testid=sim-results]').evaluate((el) => el.scrollTo(0, 0));
    await page.waitForTimeout(300);
    await shot('sim-09-goal');
    await page.locator('[data-testid=sim-chart-timeline]').scrollIntoViewIfNeeded();
    await shot('sim-10-goal-charts');
  });

  test('simulation: my real contacts, as many as the workspace has', async () => {
    const page = t.page;
    await page.evaluate(async () => {
      for (const email of ['sim-a@example.com', 'sim-b@example.com', 'sim-c@example.com']) {
        await window.go.app.Contacts.AddContact({ email, first_name: 'Sim' }, ['newsletter']).catch(() => {});
      }
    });
    await page.selectOption('[data-testid=sim-flow]', flowId);
    await page.click('[data-testid=sim-audience-real]');
    await page.selectOption('[data-testid=sim-behaviour]', 'engaged-subscribers');
    await page.fill('[data-testid=sim-n]', '2000000');
    await expectText(page.locator('.fp-sim-field:has([data-testid=sim-n]) .fp-field-error'), /^Between 1 and 1,000,000$/, 'too many contacts refused');
    await page.fill('[data-testid=sim-n]', '3');
    await waitFor(async () => /Your workspace has [\d,]+ contacts/.test((await page.locator('.fp-sim-field:has([data-testid=sim-n])').textContent()) ?? ''), 'the number of contacts', TIMEOUT);
    await run(3);
    await expectText(page.locator('[data-testid=sim-report-title]'), /Welcome sequence/, 'the welcome funnel shown');
    await expectText(page.locator('[data-testid=sim-stat-contacts] .fp-sim-stat-value'), /^3$/, 'three real contacts simulated');
    await expectText(page.locator('[data-testid=sim-report-title] + .fp-sim-hint'), /^My real contacts/, 'audience named');
    await page.locator('[data-testid=sim-results]').evaluate((el) => el.scrollTo(0, 0));
    await page.waitForTimeout(300);
    await shot('sim-11-real-contacts');
  });

  test('simulation: a published version compared with the current draft, the changed step marked on both pictures', async () => {
    const page = t.page;
    // A copy of the welcome funnel, published, then its first wait changed
    // in the draft; deleted at the end so no later group meets it live.
    const id = await page.evaluate(async () => {
      const app = window.go.app;
      const doc = await app.Funnels.CreateFromTemplate('welcome');
      await app.Funnels.PublishFlow(doc.flow.id);
      const f = doc.flow;
      f.name = 'Welcome, versions compared';
      f.nodes = f.nodes.map((n) => (n.id === 'wait2d' ? { ...n, config: { duration: '5d' } } : n));
      await app.Funnels.SaveFlow(f);
      return f.id;
    });
    try {
      await page.reload();
      await page.waitForSelector('[data-testid=nav-funnels]', { timeout: TIMEOUT });
      await page.click('[data-testid=nav-funnels]');
      if ((await page.locator(`[data-testid=flow-${id}]`).count()) === 0) await page.click('.fp-topbar .fp-icon-btn');
      await page.click(`[data-testid=flow-${id}]`);
      await page.click('[data-testid=tab-history]');
      await page.click('[data-testid=compare-version-1]');
      await page.waitForSelector('[data-testid=sim-compare-version]', { timeout: 60_000 });
      await expectText(page.locator('[data-testid=sim-compare-version]'), /Version 1 compared with the current draft.*0 added, 0 removed, 1 changed/, 'one step changed');
      for (const side of ['a', 'b']) {
        await expectText(page.locator(`[data-testid=sim-compare-picture-${side}] [data-testid=sim-change-wait2d]`), /^Changed$/, `the changed wait marked on picture ${side}`);
      }
      await expectText(page.locator('[data-testid=sim-compare-b] h4'), /Current draft/, 'the draft named');
      await page.locator('[data-testid=sim-compare-version]').scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      await shot('sim-12-compare-versions');
    } finally {
      await page.evaluate((fid) => window.go.app.Funnels.DeleteFlow(fid), id).catch(() => {});
    }
  });
}
