// Sign-up forms against the real backend: build a "White paper" form in the
// app with the mouse (a field picked and one made in place, a list made in
// place, a tag), copy its embed code, paste it into a static page served on
// loopback, send it from Chromium: the contact exists in the list with the
// tag, and a funnel that starts on the form sends its email to the capture
// mailbox; with double opt-in, a confirmation email made in place from the
// form's picker arrives and its link confirms. A bot that fills the honeypot is told "thank you" and nothing is
// written. EN and FR screenshots of the builder and the embed dialog. The
// group removes the form, the funnel and the email it made; its contacts
// have addresses of their own (e2e-form-…).
import http from 'node:http';

export default function (t) {
  const { test, shot, expectCount, expectText, waitFor, TIMEOUT } = t;
  const run = Date.now().toString(36);
  const formName = `White paper ${run}`;
  const listName = `Paper readers ${run}`;
  const tagName = `white-paper-${run}`;
  const person = `e2e-form-${run}@example.com`;
  const bot = `e2e-form-bot-${run}@example.com`;
  const flowId = `e2e-form-${run}`;
  const templateId = `e2e-form-paper-${run}`;
  const confirmName = `Paper confirmation ${run}`;
  const confirmPerson = `e2e-form-confirm-${run}@example.com`;
  let confirmId = '';
  let snippet = '';
  let site;
  let siteURL = '';

  const go = async (screen) => {
    await t.page.click(`[data-testid=nav-${screen}]`);
    await t.page.waitForSelector(`[data-testid=screen-${screen}]`, { timeout: TIMEOUT });
  };
  const pick = async (input, typed, option) => {
    await t.page.click(input);
    await t.page.fill(input, typed);
    await t.page.locator('[role=option]').filter({ hasText: option }).first().click();
  };

  test('forms: build the white-paper form with the mouse', async () => {
    const page = t.page;
    await page.goto(t.baseURL);
    await go('forms');
    await page.click('[data-testid=forms-new]');
    await page.fill('[data-testid=form-name]', formName);
    // The first name (there by default) becomes required; the company is
    // picked among the contact fields; a "Job level" field is made in place.
    await page.click('[data-testid=form-field-required-1]');
    await page.click('[data-testid=form-field-add]');
    await pick('[data-testid=form-field-pick-2]', 'Compan', 'Company');
    await page.click('[data-testid=form-field-add]');
    await pick('[data-testid=form-field-pick-3]', `Job level ${run}`, `Create the field “Job level ${run}”`);
    await page.click('[data-testid=form-add-list]');
    await pick('[data-testid=form-add-list-input]', listName, `Create the list “${listName}”`);
    await page.click('[data-testid=form-add-tag]');
    await pick('[data-testid=form-add-tag-input]', tagName, tagName);
    await expectCount('[data-testid=form-list-chip]', 1, 'list chip');
    await expectCount('[data-testid=form-tag-chip]', 1, 'tag chip');
    await page.click('[data-testid=form-save]');
    await page.locator('[data-testid=forms-item]').filter({ hasText: formName }).waitFor({ timeout: TIMEOUT });
    const saved = (await page.evaluate(() => window.go.app.Forms.ListForms())).find((f) => f.name === formName);
    const names = saved?.fields.map((f) => `${f.name}${f.required ? '*' : ''}`).join(',');
    if (names !== `email*,first_name*,company,job_level_${run}`) throw new Error(`stored fields: ${names}`);
    if (saved.lists.join() !== listName || saved.tags.join() !== tagName) throw new Error(`stored lists/tags: ${saved.lists} / ${saved.tags}`);
    await shot('forms-builder-en');
  });

  test('forms: a form without a name says so in place', async () => {
    const page = t.page;
    await page.fill('[data-testid=form-name]', '');
    await page.click('[data-testid=form-save]');
    await expectText(page.locator('[data-testid=form-problems]'), /Give the form a name/, 'problem shown');
    await page.fill('[data-testid=form-name]', formName);
    await page.click('[data-testid=form-save]');
    await expectCount('[data-testid=form-problems]', 0, 'problem gone');
  });

  test('forms: copy the embed code and paste it into a page on loopback', async () => {
    const page = t.page;
    await page.click('[data-testid=form-embed]');
    await page.waitForSelector('[data-testid=embed-dialog]', { timeout: TIMEOUT });
    await page.click('[data-testid=embed-copy-html]');
    await expectText(page.locator('[data-testid=embed-copy-html]'), /Copied/, 'copy button says so');
    snippet = await page.inputValue('[data-testid=embed-code-html]');
    if (!/<form method="post" action="http:\/\/127\.0\.0\.1:\d+\/f\/\w+"/.test(snippet)) throw new Error(`snippet: ${snippet.slice(0, 300)}`);
    if (/\/f\/\w+/.exec(await page.inputValue('[data-testid=embed-code-iframe]')) === null) throw new Error('iframe snippet lacks the page');
    await shot('forms-embed-en');
    await page.keyboard.press('Escape');
    await expectCount('[data-testid=embed-dialog]', 0, 'dialog closed');

    // The client's site, a static page on loopback, with the code pasted in.
    site = http.createServer((_, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Acme — white paper</title></head>
<body style="font-family:sans-serif;margin:2rem"><h1>Get the Acme white paper</h1>${snippet}</body></html>`);
    });
    await new Promise((res) => site.listen(0, '127.0.0.1', res));
    siteURL = `http://127.0.0.1:${site.address().port}/paper.html`;

    // A funnel that starts on "submits the white-paper form".
    await page.evaluate(
      async ({ templateId, flowId, formName }) => {
        const app = window.go.app;
        await app.Emails.SaveEmailTemplate({ id: templateId, name: `Your white paper ${flowId}`, subject: 'Your white paper, {{ contact.first_name }}', text: 'Here it is.' });
        await app.Funnels.SaveFlow({
          format: 'flightplan.flow/v1',
          id: flowId,
          name: `Paper ${flowId}`,
          nodes: [
            { id: 'start', type: 'trigger.form_submitted', config: { form: formName }, position: { x: 0, y: 0 } },
            { id: 'mail', type: 'action.send_email', config: { template: templateId }, position: { x: 0, y: 200 } },
          ],
          edges: [{ from: 'start', to: 'mail' }],
        });
        await app.Funnels.PublishFlow(flowId);
      },
      { templateId, flowId, formName },
    );
  });

  test('forms: a visitor sends the form from the site; the contact, list, tag and funnel email follow', async () => {
    const visitor = await t.page.context().newPage();
    try {
      await visitor.goto(siteURL);
      // The snippet's script stamps the time the page opened.
      await waitFor(async () => (await visitor.inputValue('input[name=fp_t]')) !== '', 'time stamp', TIMEOUT);
      await visitor.fill('#fp-email', person);
      await visitor.fill('#fp-first_name', 'Ana');
      await visitor.fill('#fp-company', 'Acme');
      await visitor.screenshot({ path: `${t.root}/build/e2e/forms-site.png` });
      // People take more than 2 s to fill a form; the check refuses less.
      await visitor.waitForTimeout(2100);
      await visitor.click('button[type=submit]');
      await visitor.waitForSelector('text=Thank you!', { timeout: TIMEOUT });
      await visitor.screenshot({ path: `${t.root}/build/e2e/forms-site-thanks.png` });
    } finally {
      await visitor.close();
    }
    const page = t.page;
    const contact = await page.evaluate(async (email) => {
      const app = window.go.app;
      return app.Contacts.GetContact(await app.Contacts.ContactByEmail(email));
    }, person);
    if (contact.identity?.first_name !== 'Ana' || contact.identity?.company !== 'Acme') throw new Error(`contact identity ${JSON.stringify(contact.identity)}`);
    if (!(contact.lists ?? []).includes(listName) || !(contact.tags ?? []).includes(tagName)) throw new Error(`contact lists ${contact.lists}, tags ${contact.tags}`);
    await waitFor(
      async () => (await page.evaluate(() => window.go.app.Mailbox.Mailbox())).some((m) => m.to === person && m.subject === 'Your white paper, Ana'),
      'the funnel email in the mailbox',
      TIMEOUT,
    );
  });

  test('forms: a bot that fills the honeypot is thanked and nothing is written', async () => {
    const botPage = await t.page.context().newPage();
    try {
      await botPage.goto(siteURL);
      await waitFor(async () => (await botPage.inputValue('input[name=fp_t]')) !== '', 'time stamp', TIMEOUT);
      await botPage.fill('#fp-email', bot);
      await botPage.fill('#fp-first_name', 'Bot');
      await botPage.evaluate(() => {
        document.querySelector('input[name=fp_website]').value = 'http://spam.example';
      });
      await botPage.waitForTimeout(2100);
      await botPage.click('button[type=submit]');
      await botPage.waitForSelector('text=Thank you!', { timeout: TIMEOUT });
    } finally {
      await botPage.close();
    }
    const page = t.page;
    const found = await page.evaluate((email) => window.go.app.Contacts.ContactByEmail(email).then(() => true, () => false), bot);
    if (found) throw new Error('the bot became a contact');
    await page.reload();
    await go('forms');
    await expectText(page.locator('[data-testid=forms-item]').filter({ hasText: formName }), /1 sent · 1 refused as spam/, 'counts in the list');
  });

  test('forms: the funnel’s “Sends a form” start names the form and offers it in its picker', async () => {
    const page = t.page;
    await page.click('[data-testid=nav-funnels]');
    await page.click(`[data-testid=flow-${flowId}]`, { timeout: TIMEOUT });
    await page.click('[data-testid=node-start] .fp-node-title');
    const input = page.locator('#field-start-form');
    await input.waitFor({ timeout: TIMEOUT });
    await waitFor(async () => (await input.inputValue()) === formName, 'the form named in the inspector', TIMEOUT).catch(async () => {
      throw new Error(`inspector shows ${JSON.stringify(await input.inputValue())}`);
    });
    await expectText(page.locator('[data-testid=node-start] .fp-node-summary'), new RegExp(`When someone sends ${formName}`), 'step summary');
    await input.fill('White');
    await page.locator('[role=option]').filter({ hasText: formName }).first().waitFor({ timeout: TIMEOUT });
    await shot('forms-trigger-picker');
    await page.keyboard.press('Escape');
    await go('forms');
  });

  test('forms: the builder and the embed dialog in French', async () => {
    const page = t.page;
    await page.click('[data-testid=lang-fr]');
    await page.locator('[data-testid=forms-item]').filter({ hasText: formName }).click();
    await expectText(page.locator('[data-testid=form-editor]'), /Champs/, 'builder in French');
    await expectText(page.locator('[data-testid=forms-item]').filter({ hasText: formName }), /1 envoi · 1 refusé comme pourriel/, 'counts in French');
    await shot('forms-builder-fr');
    await page.click('[data-testid=form-embed]');
    await expectText(page.locator('[data-testid=embed-dialog] h2'), /Mettre « .* » sur votre site/, 'embed dialog in French');
    await shot('forms-embed-fr');
    await page.keyboard.press('Escape');
  });

  test('forms: double opt-in sends a confirmation email made and picked in place', async () => {
    const page = t.page;
    await page.click('[data-testid=lang-en]');
    await page.locator('[data-testid=forms-item]').filter({ hasText: formName }).click();
    await page.click('[data-testid=form-double-opt-in]');
    // The built-in email is the default; a new one is made with the keyboard.
    const input = page.locator('[data-testid=form-confirm-email-input]');
    await expectText(page.locator('[data-testid=form-confirm-email]'), /Pick one of your emails/, 'built-in by default');
    if ((await input.getAttribute('placeholder')) !== 'The built-in email (plain text, in the form’s language)') throw new Error(`placeholder ${await input.getAttribute('placeholder')}`);
    await input.click();
    await page.keyboard.type(confirmName);
    await page.locator('[role=option]').filter({ hasText: `New confirmation email “${confirmName}”` }).waitFor({ timeout: TIMEOUT });
    await page.keyboard.press('Enter');
    await waitFor(async () => (await input.inputValue()) === confirmName, 'the new email picked by its name', TIMEOUT);
    await expectText(page.locator('[data-testid=form-confirm-email]'), /Confirmation link/, 'the hint names the link');
    await shot('forms-confirm-email-en');
    await page.click('[data-testid=lang-fr]');
    await expectText(page.locator('[data-testid=form-confirm-email]'), /Courriel de confirmation/, 'picker in French');
    await shot('forms-confirm-email-fr');
    await page.click('[data-testid=lang-en]');
    await page.click('[data-testid=form-save]');
    await waitFor(
      async () => (await page.evaluate((n) => window.go.app.Forms.ListForms().then((fs) => fs.find((f) => f.name === n)), formName))?.confirm_email,
      'the form saved with its confirmation email',
      TIMEOUT,
    );
    const saved = (await page.evaluate(() => window.go.app.Forms.ListForms())).find((f) => f.name === formName);
    confirmId = saved.confirm_email;
    const tpl = (await page.evaluate(() => window.go.app.Emails.EmailTemplates())).find((e) => e.id === confirmId);
    if (tpl?.name !== confirmName) throw new Error(`confirmation email ${JSON.stringify(tpl)}`);

    // A visitor sends the form: the picked email arrives, its link confirms.
    const visitor = await page.context().newPage();
    try {
      await visitor.goto(siteURL);
      await waitFor(async () => (await visitor.inputValue('input[name=fp_t]')) !== '', 'time stamp', TIMEOUT);
      await visitor.fill('#fp-email', confirmPerson);
      await visitor.fill('#fp-first_name', 'Cléo');
      await visitor.waitForTimeout(2100);
      await visitor.click('button[type=submit]');
      await visitor.waitForSelector('text=Check your inbox', { timeout: TIMEOUT });
      let msg;
      await waitFor(
        async () => (msg = (await page.evaluate(() => window.go.app.Mailbox.Mailbox())).find((m) => m.to === confirmPerson)) !== undefined,
        'the confirmation email',
        TIMEOUT,
      );
      const view = await page.evaluate((id) => window.go.app.Mailbox.MailboxMessage(id), msg.id);
      if (view.subject !== 'Please confirm your address' || !view.html.includes('Hello Cléo')) throw new Error(`confirmation ${view.subject}: ${view.html.slice(0, 400)}`);
      const link = /href="(http:\/\/127\.0\.0\.1:\d+\/f\/\w+\/confirm\/[\w-]+)"/.exec(view.html)?.[1];
      if (!link) throw new Error('no confirmation link in the picked email');
      await visitor.goto(link);
      await visitor.click('button[type=submit]');
      await visitor.waitForSelector('text=Address confirmed', { timeout: TIMEOUT });
    } finally {
      await visitor.close();
    }
    const found = await page.evaluate((email) => window.go.app.Contacts.ContactByEmail(email).then(() => true, () => false), confirmPerson);
    if (!found) throw new Error('the confirmed address is not a contact');
  });

  test('forms: clean up (the form after confirming, the funnel, the email)', async () => {
    const page = t.page;
    await page.click('[data-testid=lang-en]');
    await page.click('[data-testid=form-delete]');
    await page.click('[data-testid=form-delete-confirm] [data-testid=confirm]');
    await expectCount(`[data-testid=forms-item]:has-text("${formName}")`, 0, 'form gone');
    await page.evaluate(
      async ({ flowId, templateId, confirmId }) => {
        const app = window.go.app;
        await app.Funnels.DeleteFlow(flowId);
        await app.Emails.DeleteEmailTemplate(templateId);
        if (confirmId) await app.Emails.DeleteEmailTemplate(confirmId);
      },
      { flowId, templateId, confirmId },
    );
    site?.close();
  });
}
