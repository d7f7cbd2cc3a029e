// What a consultant prints for a client: the printable summary of a funnel
// and the simulation report, of the 12-step nurture from the gallery and of
// a generated 60-step funnel, printed to PDF by Chromium (Page.printToPDF,
// the engine of the window's print), turned into PNG pages with pdftoppm
// (build/e2e/report/), and checked in the printed layout: every step whole
// on a page, no text under 8 pt once scaled, steps numbered 1…N on the
// picture and in the list, every email's subject printed, the charts'
// lines told apart without colour. In English and French. Everything it
// creates (funnels, emails) is deleted at the end.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LESSONS = 5;

/** bigFunnel is a 60-step funnel: a start, then lessons — an email, a wait, a check, a tag on "yes" — and a goal. */
function bigFunnel(id, name) {
  const nodes = [{ id: 'start', type: 'trigger.contact_created', config: {}, position: { x: 0, y: 0 } }];
  const edges = [];
  let from = [['start', '']];
  let y = 170;
  const link = (to) => {
    for (const [f, port] of from) edges.push(port ? { from: f, port, to } : { from: f, to });
  };
  for (let k = 1; nodes.length < 57; k++) {
    const mail = `mail-${k}`;
    const wait = `wait-${k}`;
    const check = `check-${k}`;
    const tag = `tag-${k}`;
    nodes.push({ id: mail, type: 'action.send_email', label: `Lesson ${k}`, config: { template: `report-lesson-${((k - 1) % LESSONS) + 1}` }, position: { x: 0, y } });
    link(mail);
    nodes.push({ id: wait, type: 'wait.delay', config: { duration: '2d' }, position: { x: 0, y: y + 170 } });
    edges.push({ from: mail, to: wait });
    nodes.push({ id: check, type: 'condition.tag', label: `Clicked lesson ${k}?`, config: { tag: `clicked-${k}` }, position: { x: 0, y: y + 340 } });
    edges.push({ from: wait, to: check });
    nodes.push({ id: tag, type: 'action.tag_add', config: { tag: `keen-${k}` }, position: { x: 320, y: y + 510 } });
    edges.push({ from: check, port: 'yes', to: tag });
    from = [
      [tag, ''],
      [check, 'no'],
    ];
    y += 680;
  }
  nodes.push({ id: 'last', type: 'action.send_email', label: 'Course complete', config: { template: 'report-lesson-1' }, position: { x: 0, y } });
  link('last');
  nodes.push({ id: 'rest', type: 'wait.delay', config: { duration: '1d' }, position: { x: 0, y: y + 170 } });
  edges.push({ from: 'last', to: 'rest' });
  nodes.push({ id: 'done', type: 'goal.reached', label: 'Finished the course', config: {}, position: { x: 0, y: y + 340 } });
  edges.push({ from: 'rest', to: 'done' });
  return { format: 'flightplan.flow/v1', id, name, settings: { reentry: 'once' }, nodes, edges };
}

export default function (t) {
  const { test, expectCount, waitFor, TIMEOUT } = t;
  const dir = () => join(t.root, 'build', 'e2e', 'report');
  const made = { flows: [], emails: [] };
  let nurture = '';
  let variant = '';
  let big = '';

  /** print renders the page to PDF, writes its pages as PNG and returns their number and the PDF's text. */
  async function print(name, format) {
    mkdirSync(dir(), { recursive: true });
    for (const f of readdirSync(dir())) if (f.startsWith(`${name}-`) || f === `${name}.pdf`) rmSync(join(dir(), f));
    const file = join(dir(), `${name}.pdf`);
    // An emulated media (another group's, or printedLayout's) would apply to the PDF too.
    await t.page.emulateMedia({ media: 'print' });
    try {
      writeFileSync(file, await t.page.pdf({ format, printBackground: true }));
    } finally {
      await t.page.emulateMedia({ media: null });
    }
    execFileSync('pdftoppm', ['-r', '45', '-png', file, join(dir(), name)]);
    const pages = readdirSync(dir()).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png')).length;
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    console.log(`e2e: ${name}: ${pages} pages (build/e2e/report/${name}-*.png)`);
    return { pages, text };
  }

  /**
   * printedLayout reads the page as printed: the steps cut on every page,
   * text under 8 pt once scaled (a tile's data-scale), the numbers on the
   * picture's steps and in the list.
   */
  async function printedLayout(root) {
    await t.page.emulateMedia({ media: 'print' });
    try {
      return await t.page.evaluate((root) => {
        const scope = document.querySelector(root);
        if (!scope) return { error: `${root} is not on the page` };
        const cut = [];
        const titles = [...scope.querySelectorAll('[data-testid=print-step-title]')];
        const ids = [...new Set(titles.map((e) => e.dataset.step))];
        for (const id of ids) {
          const whole = titles
            .filter((e) => e.dataset.step === id)
            .some((e) => {
              const r = e.getBoundingClientRect();
              const b = e.closest('[data-testid=print-picture-tile]').getBoundingClientRect();
              return r.left >= b.left - 0.5 && r.right <= b.right + 0.5 && r.top >= b.top - 0.5 && r.bottom <= b.bottom + 0.5;
            });
          if (!whole) cut.push(id);
        }
        const small = [];
        const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
          const node = walker.currentNode;
          const el = node.parentElement;
          if (!el || !node.textContent.trim() || el.getClientRects().length === 0) continue;
          const scale = Number(el.closest('[data-scale]')?.getAttribute('data-scale') ?? 1);
          const pt = parseFloat(getComputedStyle(el).fontSize) * scale * 0.75;
          if (pt < 7.99) small.push(`“${node.textContent.trim().slice(0, 40)}” at ${pt.toFixed(1)} pt`);
        }
        const badges = [...scope.querySelectorAll('[data-testid=print-step-n]')].map((e) => Number(e.textContent));
        const list = [...scope.querySelectorAll('.fp-print-n')].map((e) => e.textContent.trim());
        const dashes = [...scope.querySelectorAll('[data-testid=sim-chart-timeline] .recharts-line-curve')].map((e) => e.getAttribute('stroke-dasharray') || 'solid');
        return {
          steps: ids.length,
          cut,
          small,
          badges: [...new Set(badges)].sort((a, b) => a - b),
          list,
          pages: Number(scope.querySelector('[data-testid=print-picture]')?.getAttribute('data-pages') ?? 0),
          dashes,
        };
      }, root);
    } finally {
      await t.page.emulateMedia({ media: null });
    }
  }

  /** checkLayout fails on a step cut on every page, text under 8 pt, or steps not numbered 1…N. */
  function checkLayout(got, n, what) {
    if (got.error) throw new Error(`${what}: ${got.error}`);
    if (got.steps !== n) throw new Error(`${what}: ${got.steps} steps on the picture, not ${n}`);
    if (got.cut.length > 0) throw new Error(`${what}: cut on every page: ${got.cut.join(', ')}`);
    if (got.small.length > 0) throw new Error(`${what}: text under 8 pt: ${got.small.slice(0, 8).join('; ')}`);
    const want = Array.from({ length: n }, (_, i) => i + 1);
    if (JSON.stringify(got.badges) !== JSON.stringify(want)) throw new Error(`${what}: the picture's steps are numbered ${got.badges.join(',')}`);
  }

  test('report: a 12-step gallery funnel and a 60-step one with their emails', async () => {
    const page = t.page;
    await page.goto(t.baseURL);
    await page.waitForSelector('[data-testid=sidebar]', { timeout: TIMEOUT });
    const ids = await page.evaluate(async (lessons) => {
      const app = window.go.app;
      const emails = [];
      for (let i = 1; i <= lessons; i++) {
        const id = `report-lesson-${i}`;
        await app.Emails.SaveEmailTemplate({
          id,
          name: `Course lesson ${i}`,
          subject: i === 1 ? 'Welcome to the course, {{ contact.first_name | default: "friend" }}' : `Lesson ${i}: the next step`,
          preheader: `What lesson ${i} brings you in five minutes`,
          blocks: [
            { type: 'heading', text: `Lesson ${i}`, level: 1 },
            { type: 'text', text: `Hello {{ contact.first_name | default: "there" }},\n\nHere is lesson ${i}.` },
            { type: 'button', text: 'Read the lesson', url: `https://example.com/lesson-${i}` },
            { type: 'text', text: '<p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p>' },
          ],
        });
        emails.push(id);
      }
      const a = await app.Funnels.CreateFromTemplate('lead-nurturing');
      // The variant waits one day instead of three before the pricing check.
      const b = await app.Funnels.CreateFromTemplate('lead-nurturing');
      const flow = { ...b.flow, name: 'Lead nurturing, quicker' };
      flow.nodes = flow.nodes.map((n) => (n.id === 'wait3d' ? { ...n, config: { duration: '1d' } } : n));
      await app.Funnels.SaveFlow(flow);
      return { nurture: a.flow.id, variant: b.flow.id, emails };
    }, LESSONS);
    nurture = ids.nurture;
    variant = ids.variant;
    made.flows.push(nurture, variant);
    made.emails.push(...ids.emails);
    big = `report-course-${Date.now()}`;
    const flow = bigFunnel(big, 'Sixty-step course');
    const saved = await page.evaluate(async (f) => (await window.go.app.Funnels.SaveFlow(f)).flow, flow);
    made.flows.push(big);
    if (saved.nodes.length !== 60) throw new Error(`the big funnel has ${saved.nodes.length} steps`);
    const problems = await page.evaluate(async (f) => (await window.go.app.Funnels.ValidateFlow(f)).filter((i) => i.severity === 'error'), saved);
    if (problems.length > 0) throw new Error(`the big funnel has problems: ${JSON.stringify(problems)}`);
  });

  /** openSummary opens a funnel in the editor and its printable summary. */
  async function openSummary(id) {
    const page = t.page;
    await page.goto(t.baseURL);
    await page.click(`[data-testid=flow-${id}]`, { timeout: TIMEOUT });
    await page.waitForSelector('.react-flow__node-step', { timeout: TIMEOUT });
    await page.click('[data-testid=export-menu]');
    await page.click('[data-testid=export-print]');
    await page.waitForSelector('[data-testid=print-view] [data-testid=print-step-title]', { timeout: TIMEOUT });
    // The emails load after the picture: wait for the last one's subject.
    await waitFor(async () => (await page.locator('[data-testid=print-view] [data-testid=print-email-subject]').count()) > 0, 'the emails in the summary', TIMEOUT);
  }

  /** summaryChecks checks a printed summary: layout, numbering, emails' subjects, no counters. */
  async function summaryChecks(n, what) {
    const page = t.page;
    const got = await printedLayout('[data-testid=print-view] .fp-print-page');
    checkLayout(got, n, what);
    const want = Array.from({ length: n }, (_, i) => `${i + 1}.`);
    if (JSON.stringify(got.list) !== JSON.stringify(want)) throw new Error(`${what}: the list is numbered ${got.list.join(' ')}`);
    await expectCount('[data-testid=print-view] .fp-pp-numbers', 0, `${what}: no counters without a run`);
    return got;
  }

  test('report: the printable summary of the 12-step nurture, in English', async () => {
    const page = t.page;
    await openSummary(nurture);
    const got = await summaryChecks(12, 'nurture summary');
    const subjects = await page.locator('[data-testid=print-view] [data-testid=print-email-subject]').allTextContents();
    if (subjects.length < 2 || subjects.some((s) => !s.trim() || s.includes('{{'))) throw new Error(`nurture summary: subjects ${JSON.stringify(subjects)}`);
    const printed = await print('summary-nurture-en', 'Letter');
    for (const s of subjects) if (!printed.text.replace(/\s+/g, ' ').includes(s.replace(/\s+/g, ' ').slice(0, 30))) throw new Error(`the PDF lacks the subject “${s}”`);
    if (!/12\.\s+\S/.test(printed.text)) throw new Error('the PDF has no step 12');
    console.log(`e2e: nurture summary: picture on ${got.pages} page(s), PDF of ${printed.pages} pages`);
    await t.shot('report-summary-nurture');
    await page.keyboard.press('Escape');
  });

  test('report: the printable summary of a 60-step funnel, in French', async () => {
    const page = t.page;
    await page.goto(t.baseURL);
    await page.click('[data-testid=lang-fr]');
    try {
      await openSummary(big);
      const got = await summaryChecks(60, '60-step summary');
      const subjects = await page.locator('[data-testid=print-view] [data-testid=print-email-subject]').allTextContents();
      if (subjects.length !== LESSONS) throw new Error(`60-step summary: ${subjects.length} email subjects, not ${LESSONS}`);
      if (!subjects.includes('Welcome to the course, [Prénom]')) throw new Error(`60-step summary: the merge field is not readable: ${JSON.stringify(subjects)}`);
      await t.expectText(page.locator('[data-testid=print-view] [data-testid=print-email-body]').first(), /Bonjour|Hello \[Prénom\],/, 'the body with a readable merge field');
      if (got.pages < 2) throw new Error(`the 60-step picture fits ${got.pages} page: its text would be tiny`);
      const printed = await print('summary-course-fr', 'A4');
      if (!/60\.\s+\S/.test(printed.text)) throw new Error('the PDF has no step 60');
      if (!printed.text.includes('Image, page 1 sur')) throw new Error('the PDF has no page labels for the picture');
      console.log(`e2e: 60-step summary: picture on ${got.pages} pages, PDF of ${printed.pages} pages`);
      await page.keyboard.press('Escape');
    } finally {
      await page.click('[data-testid=lang-en]');
    }
  });

  /** simulate runs a funnel on the Simulate screen with n contacts over 30 days, seed 11. */
  async function simulate(id, n) {
    const page = t.page;
    await page.goto(t.baseURL);
    await page.click('[data-testid=nav-simulate]');
    await page.waitForSelector('[data-testid=screen-simulate]', { timeout: TIMEOUT });
    await page.selectOption('[data-testid=sim-flow]', id);
    await page.click('[data-testid=sim-days-30]');
    await page.fill('[data-testid=sim-seed]', '11');
    await page.fill('[data-testid=sim-n]', String(n));
    await page.click('[data-testid=sim-run]');
    await page.waitForSelector('[data-testid=sim-report-title]', { timeout: 60_000 });
    await waitFor(async () => (await page.locator('[data-testid=sim-run]').count()) === 1, 'the run to end', 60_000);
  }

  /** openReport opens the report's print preview and waits for its picture, charts and emails. */
  async function openReport() {
    const page = t.page;
    await page.click('[data-testid=sim-print]');
    await page.waitForSelector('[data-testid=sim-report-page] [data-testid=print-step-title]', { timeout: TIMEOUT });
    await page.waitForSelector('[data-testid=sim-report-page] [data-testid=sim-chart-timeline] .recharts-line-curve', { timeout: TIMEOUT });
    await waitFor(async () => (await page.locator('[data-testid=sim-report-page] [data-testid=print-email-subject]').count()) > 0, 'the emails in the report', TIMEOUT);
  }

  /** reportChecks checks a printed report: layout, numbers on the steps, dashes, assumptions. */
  async function reportChecks(n, what) {
    const page = t.page;
    const got = await printedLayout('[data-testid=sim-report-page]');
    checkLayout(got, n, what);
    if (new Set(got.dashes).size !== 4 || got.dashes.length !== 4) throw new Error(`${what}: the timeline's lines are not told apart without colour: ${JSON.stringify(got.dashes)}`);
    const numbers = await page.locator('[data-testid=sim-report-page] [data-testid=print-picture] .fp-pp-numbers').count();
    if (numbers < n) throw new Error(`${what}: ${numbers} steps carry numbers, not ${n}`);
    return got;
  }

  test('report: the simulation report of the 12-step nurture with a comparison, in English', async () => {
    const page = t.page;
    await simulate(nurture, 2000);
    await page.locator('[data-testid=sim-compare]').scrollIntoViewIfNeeded();
    await page.selectOption('[data-testid=sim-compare-flow]', variant);
    await page.click('[data-testid=sim-compare-run]');
    await page.waitForSelector('[data-testid=sim-compare-table]', { timeout: 60_000 });
    await openReport();
    const got = await reportChecks(12, 'nurture report');
    const report = page.locator('[data-testid=sim-report-page]');
    await t.expectText(report.locator('[data-testid=sim-report-funnel]'), /^Lead nurturing with sales alert$/, 'the title names the funnel');
    await t.expectText(report.locator('[data-testid=sim-report-workspace]'), /^Workspace: \S/, 'the workspace');
    await t.expectText(report.locator('[data-testid=sim-report-date]'), /^Simulated .*20\d\d/, 'the run date');
    await t.expectText(report.locator('[data-testid=sim-report-assumptions]'), /E-commerce newsletter: 2,000 contacts.*30 days, from .* to .*Draw no\. 11.*19 times out of 20/, 'the assumptions');
    await t.expectText(report.locator('[data-testid=sim-report-compare]'), /Comparison: Lead nurturing with sales alert and Lead nurturing, quicker.*Draws no\. \d+ to \d+ \(5 draws\)/, 'the comparison and its draws');
    await expectCount('[data-testid=sim-report-compare] [data-testid=sim-compare-table]', 1, 'the comparison figures');
    const pictured = await page.$$eval('[data-testid=sim-report-compare] [data-testid=sim-report-picture-b] [data-testid=print-step-title]', (els) => new Set(els.map((e) => e.dataset.step)).size);
    if (pictured !== 12) throw new Error(`the variant's picture has ${pictured} steps, not 12`);
    const subjects = await report.locator('[data-testid=print-email-subject]').allTextContents();
    if (subjects.length !== 2 || subjects.some((s) => !s.trim())) throw new Error(`nurture report: subjects ${JSON.stringify(subjects)}`);
    const printed = await print('report-nurture-en', 'Letter');
    const flat = printed.text.replace(/\s+/g, ' ');
    for (const want of ['Assumptions', 'Draw no. 11', 'Comparison: Lead nurturing', ...subjects]) if (!flat.includes(want)) throw new Error(`the PDF lacks “${want}”`);
    console.log(`e2e: nurture report: picture on ${got.pages} page(s), PDF of ${printed.pages} pages`);
    await page.keyboard.press('Escape');
    await expectCount('[data-testid=sim-report]', 0, 'the preview closed');
  });

  test('report: the simulation report of a 60-step funnel, in French', async () => {
    const page = t.page;
    await page.goto(t.baseURL);
    await page.click('[data-testid=lang-fr]');
    try {
      await simulate(big, 1000);
      await openReport();
      const got = await reportChecks(60, '60-step report');
      const report = page.locator('[data-testid=sim-report-page]');
      await t.expectText(report.locator('[data-testid=sim-report-assumptions]'), /Newsletter e-commerce : 1\s000 contacts.*30 jours, du .* au .*Tirage n° 11/, 'the assumptions in French');
      const subjects = await report.locator('[data-testid=print-email-subject]').allTextContents();
      if (subjects.length !== LESSONS) throw new Error(`60-step report: ${subjects.length} email subjects, not ${LESSONS}`);
      const printed = await print('report-course-fr', 'A4');
      if (!printed.text.includes('Hypothèses') || !printed.text.includes('Image, page 1 sur')) throw new Error('the French PDF lacks its assumptions or page labels');
      console.log(`e2e: 60-step report: picture on ${got.pages} pages, PDF of ${printed.pages} pages`);
      await page.keyboard.press('Escape');
    } finally {
      await page.click('[data-testid=lang-en]');
    }
  });

  test('report: clean up the funnels and emails it made', async () => {
    const page = t.page;
    await page.evaluate(async (m) => {
      for (const id of m.flows) await window.go.app.Funnels.DeleteFlow(id);
      for (const id of m.emails) await window.go.app.Emails.DeleteEmailTemplate(id);
    }, made);
    made.flows.length = 0;
    made.emails.length = 0;
  });
}
