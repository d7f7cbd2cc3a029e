// The website snippet against the real engine: a site declared in Settings →
// Website (a refused address first, then a local copy on loopback), its
// code pasted in a small static site served by this test. With consent
// required, Chromium browses and nothing is recorded until the visitor
// agrees in the site's banner; then three pages, a reload, leaving. The
// visitor arrives again through a tracked link of an email the engine sent
// (its fp_c names the contact): the earlier visits join the contact, with
// time on page, shown as one line in their history; a scoring rule on
// */pricing* makes them hot and the sales alert reaches the capture mailbox
// once; forgetting the contact erases them and their visitor id. A button
// marked "Count as a download" in an email records the reader's download.
// Everything made here is removed at the end.
import http from 'node:http';
import { join } from 'node:path';

export default function website(t) {
  const { test, shot, expectText, waitFor, TIMEOUT } = t;
  const sel = (id) => `[data-testid="${id}"]`;
  const list = 'web-e2e-list';
  const template = 'web-e2e-offer';
  const welcomeFlow = 'website-offer-e2e';
  const hotFlow = 'website-hot-e2e';
  const email = 'web-visitor-e2e@example.com';
  const paperTpl = 'web-e2e-paper';
  const paperList = 'web-e2e-paper-list';
  const paperFlow = 'website-paper-e2e';
  const reader = 'web-reader-e2e@example.com';
  const teammate = 'web-sales-e2e@example.com';
  let server;
  let origin = '';
  let snippet = '';
  let page;
  let site;
  let contactId = 0;
  let scoringBefore;

  // The test website: three pages and a consent banner, with the snippet
  // as the marketer pasted it.
  const html = (title, body) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${snippet}</head>` +
    `<body><nav><a href="/">Home</a> <a href="/about">About</a> <a href="/pricing">Pricing</a></nav><h1>${title}</h1>${body}` +
    `<p><button id="agree" onclick="flightplan('consent', true)">I agree</button></p></body></html>`;
  const pages = { '/': 'Client home', '/about': 'About us', '/pricing': 'Pricing' };

  // Whatever a test made goes, even when it failed half-way (the group's
  // later tests are then skipped, so their clean-up would never run).
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    server?.close();
    if (!page) return;
    await page.evaluate(
      async ({ welcomeFlow, hotFlow, paperFlow, template, paperTpl, reader, origin, before }) => {
        const app = window.go.app;
        for (const f of [welcomeFlow, hotFlow, paperFlow]) await app.Funnels.DeleteFlow(f).catch(() => {});
        for (const id of [template, paperTpl]) await app.Emails.DeleteEmailTemplate(id).catch(() => {});
        const r = await app.Contacts.ContactByEmail(reader).catch(() => 0);
        if (r) await app.Contacts.ForgetContact(r).catch(() => {});
        for (const s of (await app.Website.Sites()) ?? []) if (s.origin === origin) await app.Website.RemoveSite(s.id);
        if (before) await app.Scoring.SaveScoring(before);
      },
      { welcomeFlow, hotFlow, paperFlow, template, paperTpl, reader, origin, before: scoringBefore },
    );
  };
  const guarded = (fn) => async () => {
    try {
      await fn();
    } catch (e) {
      await cleanup().catch(() => {});
      throw e;
    }
  };

  const go = async (screen) => {
    await page.click(sel(`nav-${screen}`));
    await page.waitForSelector(sel(`screen-${screen}`), { timeout: TIMEOUT });
  };
  const sites = () => page.evaluate(async () => (await window.go.app.Website.Sites()) ?? []);
  const mailbox = () => page.evaluate(async () => (await window.go.app.Mailbox.Mailbox()) ?? []);

  test('website: a site is declared in Settings → Website; a wrong address is refused in words', guarded(async () => {
    page = t.page;
    server = http.createServer((req, res) => {
      const path = new URL(req.url, 'http://x').pathname;
      if (path === '/paper.pdf') {
        res.writeHead(200, { 'Content-Type': 'application/pdf' }).end('%PDF-1.4 the white paper');
        return;
      }
      if (!pages[path]) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html(pages[path], `<p>${pages[path]} of the client’s site.</p>`));
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${server.address().port}`;

    await page.goto(t.baseURL);
    await go('settings');
    const card = page.locator(sel('settings-website'));
    await card.scrollIntoViewIfNeeded();
    await page.fill(sel('website-origin'), 'ftp://client.example');
    await page.click(sel('website-add'));
    await expectText(page.locator(sel('website-error')), /must start with https:\/\//, 'refusal in words');
    await shot('website-01-refused');

    await page.fill(sel('website-origin'), origin + '/');
    await page.fill(sel('website-name'), 'Client (local copy)');
    await page.click(sel('website-add'));
    const block = page.locator(`${sel('website-site')}[data-origin="${origin}"]`);
    await block.waitFor({ timeout: TIMEOUT });
    if ((await page.locator(sel('website-error')).count()) !== 0) throw new Error('the refusal stayed after a good address');
    await expectText(block.locator(sel('website-seen')), /No visit recorded yet/, 'no visit yet');
    // Consent first: the code changes, and the site is pasted with it.
    await block.locator(sel('website-consent')).click();
    await waitFor(async () => (await sites()).find((s) => s.origin === origin)?.require_consent === true, 'consent required stored', TIMEOUT);
    await expectText(block.locator(sel('website-snippet')), /data-consent="required"/, 'the code asks for consent');
    snippet = await block.locator(sel('website-snippet')).innerText();
    if (!snippet.includes('/t/fp.js') || !/data-site="fps_[0-9a-f]+"/.test(snippet)) throw new Error(`snippet: ${snippet}`);
    site = (await sites()).find((s) => s.origin === origin);
    await block.scrollIntoViewIfNeeded();
    await shot('website-02-site-en');

    await page.click(sel('settings-lang-fr'));
    await expectText(page.locator(`${sel('settings-website')} h2`), /^Site Web$/, 'title in French');
    await expectText(block.locator(sel('website-copy')), /Copier le code/, 'copy in French');
    await expectText(block, /Demander le consentement d’abord/, 'consent in French');
    await block.scrollIntoViewIfNeeded();
    await shot('website-03-site-fr');
    await page.click(sel('settings-lang-en'));
  }));

  test('website: with consent required and not given nothing is recorded; once given, three pages, a reload and leaving are', guarded(async () => {
    const visit = await page.context().newPage();
    try {
      await visit.goto(origin + '/');
      await visit.evaluate(() => localStorage.clear());
      await visit.reload();
      await visit.waitForFunction(() => window.__fp === 1, null, { timeout: TIMEOUT });
      await visit.click('a[href="/pricing"]');
      await visit.waitForLoadState('load');
      await visit.waitForTimeout(500);
      if ((await sites()).find((s) => s.id === site.id).seen.visitors !== 0) throw new Error('a visitor was recorded without consent');
      if (await visit.evaluate(() => localStorage.getItem('fp_v'))) throw new Error('a visitor id was kept without consent');

      await visit.click('#agree'); // the site's banner: flightplan('consent', true)
      await waitFor(async () => (await sites()).find((s) => s.id === site.id).seen.visitors === 1, 'the visitor counted after consent', TIMEOUT);
      await visit.waitForTimeout(1200); // time on the pricing page
      await visit.click('a[href="/about"]');
      await visit.waitForLoadState('load');
      await visit.waitForTimeout(1200);
      await visit.click('a[href="/pricing"]');
      await visit.waitForLoadState('load');
      await visit.waitForTimeout(300);
      await visit.reload();
      await visit.waitForLoadState('load');
      await visit.waitForTimeout(1200);
      await visit.screenshot({ path: join(t.root, 'build', 'e2e', 'website-04-test-site.png') });
    } finally {
      await visit.close({ runBeforeUnload: true });
    }
    await go('contacts'); // and back: the card reads the sites again
    await go('settings');
    const block = page.locator(`${sel('website-site')}[data-origin="${origin}"]`);
    await expectText(block.locator(sel('website-seen')), /The code works: 1 visitor so far/, 'the card says the code works');
  }));

  test('website: through an email link the visits join the contact; /pricing* makes them hot, one alert', guarded(async () => {
    const engine = await page.evaluate(async () => window.go.app.Sending.GetEngineStatus());
    scoringBefore = await page.evaluate(async () => window.go.app.Scoring.Scoring());
    contactId = await page.evaluate(
      async ({ list, template, welcomeFlow, hotFlow, email, teammate, origin, before }) => {
        const app = window.go.app;
        await app.Scoring.SaveScoring({
          ...before,
          rules: [...(before.rules ?? []), { name: 'Pricing page (website e2e)', event: 'page_visited', filters: [{ key: 'url', op: 'matches', value: '*/pricing*' }], points: 25, enabled: true }],
        });
        await app.Emails.SaveEmailTemplate({ id: template, name: 'Web offer', subject: 'Our prices', html: `<p>Hello, <a href="${origin}/pricing">see our prices</a>.</p>` });
        await app.References.CreateList(list);
        const a = (await app.Funnels.CreateFlow('Website offer e2e')).flow;
        a.nodes = [
          { id: 'start', type: 'trigger.list_joined', config: { list }, position: { x: 0, y: 0 } },
          { id: 'mail', type: 'action.send_email', label: 'Offer', config: { template }, position: { x: 0, y: 180 } },
        ];
        a.edges = [{ from: 'start', to: 'mail' }];
        await app.Funnels.SaveFlow(a);
        await app.Funnels.PublishFlow(a.id);
        const h = (await app.Funnels.CreateFlow('Website hot e2e')).flow;
        h.nodes = [
          { id: 'hot', type: 'trigger.score_reached', config: { metric: 'temperature', temperature: 'hot' }, position: { x: 0, y: 0 } },
          { id: 'alert', type: 'action.notify', config: { to: teammate, subject: 'Hot lead: {{ contact.email }}' }, position: { x: 0, y: 180 } },
        ];
        h.edges = [{ from: 'hot', to: 'alert' }];
        await app.Funnels.SaveFlow(h);
        await app.Funnels.PublishFlow(h.id);
        if (a.id !== welcomeFlow || h.id !== hotFlow) throw new Error(`flow ids ${a.id} ${h.id}`);
        return app.Contacts.AddContact({ email, first_name: 'Vera' }, [list]);
      },
      { list, template, welcomeFlow, hotFlow, email, teammate, origin, before: scoringBefore },
    );
    let sent;
    await waitFor(async () => (sent = (await mailbox()).find((m) => m.to === email && /Our prices/.test(m.subject))), 'the offer email', TIMEOUT);
    const mail = await page.evaluate(async (id) => window.go.app.Mailbox.MailboxMessage(id), sent.id);
    const link = /href="([^"]*\/c\/[^"]+)"/.exec(mail.html)?.[1]?.replaceAll('&amp;', '&');
    if (!link || !link.startsWith(`http://${engine.http_addr}/c/`)) throw new Error(`no tracked link in ${mail.html}`);

    const visit = await page.context().newPage();
    try {
      await visit.goto(link);
      await visit.waitForFunction(() => window.__fp === 1, null, { timeout: TIMEOUT });
      if (new URL(visit.url()).pathname !== '/pricing' || visit.url().includes('fp_c')) throw new Error(`landed on ${visit.url()}: want /pricing without fp_c`);
      await waitFor(
        async () => (await page.evaluate(async (id) => (await window.go.app.Contacts.ContactTimeline(id)) ?? [], contactId)).some((i) => i.title === 'visits_joined'),
        'the earlier visits to join the contact',
        TIMEOUT,
      );
    } finally {
      await visit.close({ runBeforeUnload: true });
    }
    const timeline = await page.evaluate(async (id) => (await window.go.app.Contacts.ContactTimeline(id)) ?? [], contactId);
    const views = timeline.filter((i) => i.title === 'page_visited');
    const paths = views.map((i) => i.props?.path);
    // Anonymous: pricing (after consent), about, pricing, its reload; then the email link's pricing.
    if (views.length < 5 || paths.filter((p) => p === '/pricing').length < 4 || !paths.includes('/about')) throw new Error(`page views on the contact: ${paths.join(', ')}`);
    // One visit: its first page says so, the pages after it within 30 minutes do not.
    if (views.filter((i) => i.props?.visit === true).length !== 1) throw new Error(`visits: ${JSON.stringify(views.map((i) => i.props?.visit ?? null))}`);
    const left = timeline.filter((i) => i.title === 'page_left' && Number(i.props?.seconds) >= 1);
    if (left.length < 2) throw new Error(`time on page: ${JSON.stringify(timeline.filter((i) => i.title === 'page_left').map((i) => i.props))}`);
    const joined = timeline.find((i) => i.title === 'visits_joined');
    if (Number(joined.props?.visits) !== 4) throw new Error(`visits joined: ${JSON.stringify(joined.props)}`);

    let alerts = [];
    await waitFor(async () => (alerts = (await mailbox()).filter((m) => m.to === teammate && m.subject.includes(email))).length >= 1, 'the sales alert', TIMEOUT);
    const c = await page.evaluate(async (id) => window.go.app.Contacts.GetContact(id), contactId);
    if (c.temperature !== 'hot') throw new Error(`temperature ${c.temperature}, score ${c.score}`);

    // The profile says it in one line.
    await go('contacts');
    await page.fill(sel('contacts-search'), email);
    await page.click(`${sel('contact-row')}[data-email="${email}"]`, { timeout: TIMEOUT });
    await page.waitForSelector(sel('contact-profile'), { timeout: TIMEOUT });
    await expectText(page.locator(sel('contact-profile')), /4 earlier website visits joined this contact/, 'the history line');
    await page.getByText('4 earlier website visits joined this contact').scrollIntoViewIfNeeded();
    await shot('website-05-contact-history');
    await page.waitForTimeout(1500); // a second alert would have come by now
    alerts = (await mailbox()).filter((m) => m.to === teammate && m.subject.includes(email));
    if (alerts.length !== 1) throw new Error(`${alerts.length} sales alerts, want exactly 1`);

    // Forgotten: the contact, their history and their visitor id go.
    await page.click(sel('profile-forget'));
    await expectText(page.locator(sel('forget-confirm')), /Everything about web-visitor-e2e@example\.com is erased/, 'what forgetting erases');
    await shot('website-06-forget');
    await page.click(`${sel('forget-confirm')} ${sel('confirm')}`);
    await page.locator(sel('contact-profile')).waitFor({ state: 'detached', timeout: TIMEOUT });
    await waitFor(async () => (await page.locator(`${sel('contact-row')}[data-email="${email}"]`).count()) === 0, 'the row gone', TIMEOUT);
    const still = await page.evaluate(async (e) => window.go.app.Contacts.ContactByEmail(e).then((id) => id, () => 0), email);
    if (still) throw new Error(`contact ${still} still there`);
    if ((await sites()).find((s) => s.origin === origin).seen.visitors !== 0) throw new Error('the visitor id was not forgotten');
  }));

  test('website: a button marked “Count as a download” records the file downloaded by the reader', guarded(async () => {
    await page.evaluate(
      async ({ paperTpl, paperList, origin }) => {
        const app = window.go.app;
        await app.Emails.SaveEmailTemplate({
          id: paperTpl,
          name: 'Web paper',
          subject: 'Your white paper',
          blocks: [
            { type: 'button', text: 'Get the paper', url: `${origin}/paper.pdf` },
            { type: 'text', text: '<p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p>' },
          ],
        });
        await app.References.CreateList(paperList);
      },
      { paperTpl, paperList, origin },
    );
    // The marketer ticks the box on the button, in the email editor (read
    // afresh: the list may have been loaded before the email existed).
    await page.reload();
    await go('emails');
    await page.click(sel(`email-${paperTpl}`));
    await page.waitForSelector(sel('block-editor'), { timeout: TIMEOUT });
    await page.click(sel('block-0-download'));
    await expectText(page.locator(sel('block-0')), /Count as a download/, 'the box says what it does');
    await shot('website-07-download-button');
    await page.click(sel('email-save'));
    await expectText(page.locator(sel('email-save-status')), /^Saved$/, 'saved');
    const saved = (await page.evaluate(() => window.go.app.Emails.EmailTemplates())).find((e) => e.id === paperTpl);
    if (saved?.blocks?.[0]?.download !== true) throw new Error(`stored button: ${JSON.stringify(saved?.blocks?.[0])}`);

    const readerId = await page.evaluate(
      async ({ paperTpl, paperList, paperFlow, reader }) => {
        const app = window.go.app;
        const f = (await app.Funnels.CreateFlow('Website paper e2e')).flow;
        f.nodes = [
          { id: 'start', type: 'trigger.list_joined', config: { list: paperList }, position: { x: 0, y: 0 } },
          { id: 'mail', type: 'action.send_email', config: { template: paperTpl }, position: { x: 0, y: 180 } },
        ];
        f.edges = [{ from: 'start', to: 'mail' }];
        await app.Funnels.SaveFlow(f);
        await app.Funnels.PublishFlow(f.id);
        if (f.id !== paperFlow) throw new Error(`flow id ${f.id}`);
        return app.Contacts.AddContact({ email: reader }, [paperList]);
      },
      { paperTpl, paperList, paperFlow, reader },
    );
    let sent;
    await waitFor(async () => (sent = (await mailbox()).find((m) => m.to === reader)), 'the paper email', TIMEOUT);
    const mail = await page.evaluate(async (id) => window.go.app.Mailbox.MailboxMessage(id), sent.id);
    const link = /href="([^"]+)" data-fp-download/.exec(mail.html)?.[1]?.replaceAll('&amp;', '&');
    if (!link || link.includes('paper.pdf')) throw new Error(`no signed download button in ${mail.html}`);
    const reading = await page.context().newPage();
    try {
      await reading.goto(link);
      if (new URL(reading.url()).pathname !== '/paper.pdf') throw new Error(`landed on ${reading.url()}`);
    } finally {
      await reading.close();
    }
    await waitFor(
      async () => {
        const tl = await page.evaluate(async (id) => (await window.go.app.Contacts.ContactTimeline(id)) ?? [], readerId);
        return tl.some((i) => i.title === 'file_downloaded' && i.props?.url === `${origin}/paper.pdf`) && tl.some((i) => i.title === 'email_clicked' && i.props?.url === `${origin}/paper.pdf`);
      },
      'the download and the click on the reader',
      TIMEOUT,
    );
  }));

  test('website: clean-up', async () => {
    await cleanup();
    if ((await sites()).some((s) => s.origin === origin)) throw new Error('the site was not removed');
  });
}
