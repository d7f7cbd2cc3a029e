// Emails, the offline mailbox and the settings against the real backend:
// build an email from blocks (heading + button) with a merge field, see a
// Liquid problem on its block, the live preview (computer, phone, plain
// text), save it; a published funnel sends it to the mailbox, where clicking
// its tracked link records the click and moves the contact on; the SMTP
// relay test says which stage failed; the settings form refuses bad values
// inline.
export default function (t) {
  const { test, shot, expectCount, expectText, waitFor, TIMEOUT } = t;
  const id = 'e2e-promo';
  const email = 'e2e-mailbox@example.com';
  let contactId = 0;

  const go = async (screen) => {
    await t.page.click(`[data-testid=nav-${screen}]`);
    await t.page.waitForSelector(`[data-testid=screen-${screen}]`, { timeout: TIMEOUT });
  };

  test('emails: create an email and build it from a heading and a button', async () => {
    const page = t.page;
    await page.goto(t.baseURL);
    await go('emails');
    await page.click('[data-testid=new-email]');
    await page.fill('[data-testid=new-email-name]', 'E2E Promo');
    await page.click('[data-testid=new-email-create]');
    await page.waitForSelector(`[data-testid=email-${id}][aria-current=true]`, { timeout: TIMEOUT });
    await page.waitForSelector('[data-testid=block-editor]', { timeout: TIMEOUT });
    // Start from an empty page: remove the starter blocks.
    while ((await page.locator('[data-testid=block-editor] > ol > .fp-block').count()) > 0) {
      await page.click('[data-testid=block-remove-0]');
    }
    await page.locator('.fp-blocks-empty').waitFor({ timeout: TIMEOUT });
    await page.click('[data-testid=add-block-heading]');
    await page.click('[data-testid=add-block-button]');
    await expectCount('[data-testid=block-editor] > ol > .fp-block', 2, 'two blocks');
    if ((await page.getAttribute('[data-testid=block-0]', 'data-type')) !== 'heading') throw new Error('first block is not the heading');
    if ((await page.getAttribute('[data-testid=block-1]', 'data-type')) !== 'button') throw new Error('second block is not the button');

    // The heading greets the contact by first name, with a fallback, through the picker.
    await page.fill('[data-testid=block-0-text]', 'Hello ');
    await page.click('[data-testid=block-0-text]');
    await page.keyboard.press('End');
    await page.click('[data-testid=merge-field-button]');
    await page.fill('[data-testid=merge-field-fallback]', 'friend');
    await page.click('[data-testid=merge-field-first_name]');
    await waitFor(async () => (await page.inputValue('[data-testid=block-0-text]')) === 'Hello {{ contact.first_name | default: "friend" }}', 'merge field inserted', TIMEOUT).catch(async () => {
      throw new Error(`heading is ${JSON.stringify(await page.inputValue('[data-testid=block-0-text]'))}`);
    });
    await page.fill('[data-testid=block-1-text]', 'See the offer');
    await page.fill('[data-testid=block-1-url]', 'https://example.com/offer');
    await page.fill('[data-testid=email-subject]', 'A gift for you, {{ contact.first_name }}');
    await page.fill('[data-testid=email-preheader]', 'Inside: our best offer');
    await expectText(page.locator('[data-testid=email-save-status]'), /Unsaved changes/, 'unsaved mark');

    // The live preview renders the blocks for the sample contact.
    const frame = page.frameLocator('[data-testid=preview-frame]');
    await expectText(frame.locator('h1'), /Hello Camille/, 'heading in the preview');
    await expectText(frame.locator('a'), /See the offer/, 'button in the preview');
    await expectText(page.locator('[data-testid=preview-subject]'), /A gift for you, Camille/, 'subject in the preview');
    await shot('30-email-blocks');
  });

  test('emails: a Liquid mistake shows on its block, then goes away', async () => {
    const page = t.page;
    await page.fill('[data-testid=block-0-text]', 'Hello {{ contact.first_name | upcse }}');
    const problem = page.locator('[data-testid=block-0] [data-testid=block-problem]');
    await expectText(problem, /upcse/, 'problem on the heading block');
    await page.locator('[data-testid=email-problems] li[data-severity=error][data-block="0"]').waitFor({ timeout: TIMEOUT });
    await shot('31-email-problem');
    await page.fill('[data-testid=block-0-text]', 'Hello {{ contact.first_name | default: "friend" }}');
    await expectCount('[data-testid=block-0] [data-testid=block-problem]', 0, 'problem gone');
    // Only the missing unsubscribe link is left to check (a warning, not an error).
    await expectCount('[data-testid=email-problems] li[data-severity=error]', 0, 'no error left');
    await page.locator('[data-testid=email-problems] li[data-severity=warning]').filter({ hasText: 'unsubscribe' }).waitFor({ timeout: TIMEOUT });
  });

  test('emails: phone and plain-text previews, then save', async () => {
    const page = t.page;
    await page.click('[data-testid=preview-mobile]');
    await waitFor(async () => (await page.locator('[data-testid=preview-frame]').evaluate((f) => f.getBoundingClientRect().width)) <= 380, 'phone width', TIMEOUT);
    await page.waitForTimeout(200);
    await shot('32-email-mobile');
    await page.click('[data-testid=preview-text]');
    await expectText(page.locator('[data-testid=preview-text-body]'), /See the offer/, 'plain text has the button');
    await page.click('[data-testid=preview-desktop]');
    await page.click('[data-testid=email-save]');
    await expectText(page.locator('[data-testid=email-save-status]'), /^Saved$/, 'saved');
    const stored = await page.evaluate(async (id) => (await window.go.app.Emails.EmailTemplates()).find((x) => x.id === id), id);
    const types = (stored?.blocks ?? []).map((b) => b.type).join(',');
    if (types !== 'heading,button') throw new Error(`stored blocks: ${types}`);
    if (stored.blocks[1].url !== 'https://example.com/offer') throw new Error(`stored button: ${JSON.stringify(stored.blocks[1])}`);
    await shot('33-email-saved');
  });

  test('mailbox: empty at first, then the email a live funnel sends', async () => {
    const page = t.page;
    const before = await page.evaluate(async () => (await window.go.app.Mailbox.Mailbox()) ?? []);
    await go('mailbox');
    if (before.length === 0) {
      await page.waitForSelector('[data-testid=mailbox-empty]', { timeout: TIMEOUT });
      await shot('34-mailbox-empty');
    }
    // A live funnel: joins the list → this email → waits for a click → tag.
    contactId = await page.evaluate(
      async ({ id, email }) => {
        const app = window.go.app;
        const doc = await app.Funnels.CreateFlow('E2E mailbox');
        const f = doc.flow;
        f.nodes = [
          { id: 'start', type: 'trigger.list_joined', config: { list: 'e2e-list' }, position: { x: 0, y: 0 } },
          { id: 'send', type: 'action.send_email', config: { template: id }, position: { x: 0, y: 150 } },
          { id: 'click', type: 'wait.event', config: { event_type: 'email_clicked', timeout: '7d' }, position: { x: 0, y: 300 } },
          { id: 'tag', type: 'action.tag_add', config: { tag: 'e2e-clicked' }, position: { x: 0, y: 450 } },
          { id: 'done', type: 'exit', position: { x: 0, y: 600 } },
        ];
        f.edges = [
          { from: 'start', to: 'send' },
          { from: 'send', to: 'click' },
          { from: 'click', port: 'met', to: 'tag' },
          { from: 'click', port: 'timeout', to: 'done' },
          { from: 'tag', to: 'done' },
        ];
        await app.References.CreateList('e2e-list'); // publishing checks that the list exists
        await app.Funnels.SaveFlow(f);
        await app.References.CreateList('e2e-list'); // publish checks that the list exists
        await app.Funnels.PublishFlow(f.id);
        return app.Contacts.AddContact({ email, first_name: 'Dominique' }, ['e2e-list']);
      },
      { id, email },
    );
    const item = page.locator('[data-testid=mailbox-list] li').filter({ hasText: email }).first();
    await item.waitFor({ timeout: 20_000 });
    await expectCount('[data-testid=mailbox-empty]', 0, 'empty state gone');
    await item.locator('button').click();
    await expectText(page.locator('[data-testid=mail-subject]'), /A gift for you, Dominique/, 'subject of the captured email');
    const frame = page.frameLocator('[data-testid=mail-frame]');
    await expectText(frame.locator('h1'), /Hello Dominique/, 'rendered email');
    await page.waitForTimeout(200);
    await shot('35-mailbox-message');
  });

  test('mailbox: clicking the tracked link records the click and the funnel moves on', async () => {
    const page = t.page;
    // The frame runs no script: its links are inert (href "#", the address
    // kept aside) and the layer over it takes the click where the link is.
    const link = page.frameLocator('[data-testid=mail-frame]').locator('a', { hasText: 'See the offer' });
    const href = await link.getAttribute('data-fp-href');
    if (!/^http:\/\/127\.0\.0\.1:\d+\/c\//.test(href ?? '')) throw new Error(`the button is not a tracked link: ${href}`);
    if ((await link.getAttribute('href')) !== '#') throw new Error('the link in the frame still navigates');
    if ((await page.locator('[data-testid=mail-frame]').getAttribute('sandbox'))?.includes('allow-scripts')) throw new Error('the mail frame may run scripts');
    const at = await link.boundingBox();
    await page.mouse.click(at.x + at.width / 2, at.y + at.height / 2);
    const outcome = page.locator('[data-testid=link-outcome][data-kind=click]');
    await outcome.waitFor({ timeout: TIMEOUT });
    await expectText(outcome, /example\.com\/offer/, 'destination shown');
    await waitFor(async () => {
      const c = await page.evaluate(async (id) => window.go.app.Contacts.GetContact(id), contactId);
      return (c.tags ?? []).includes('e2e-clicked');
    }, 'the contact tagged after the click', 20_000);
    await shot('36-mailbox-click');
    await page.click('[data-testid=mail-tab-text]');
    await expectText(page.locator('[data-testid=mail-text]'), /See the offer/, 'text version');
    await page.click('[data-testid=mail-tab-headers]');
    await expectText(page.locator('[data-testid=mail-headers]'), /Subject/, 'headers');
    await shot('37-mailbox-headers');
    await page.click('[data-testid=mail-tab-html]');
  });

  test('settings: an SMTP relay with a bad host fails the test at the DNS or connect stage', async () => {
    const page = t.page;
    await go('settings');
    await page.waitForSelector('[data-testid=settings-mode-offline] input:checked', { timeout: TIMEOUT });
    await page.click('[data-testid=settings-mode-relay]');
    await page.waitForSelector('[data-testid=settings-relay]', { timeout: TIMEOUT });
    await page.fill('[data-testid=settings-host]', 'no-such-relay.invalid');
    await page.fill('[data-testid=settings-port]', '587');
    await page.click('[data-testid=settings-test-relay]');
    const failed = page.locator('[data-testid=relay-test-failed]');
    await failed.waitFor({ timeout: 30_000 });
    const stage = await failed.getAttribute('data-stage');
    if (stage !== 'dns' && stage !== 'connect') throw new Error(`stage ${stage}: ${await failed.textContent()}`);
    await expectText(failed, /no-such-relay\.invalid/, 'the message names the host');
    await failed.scrollIntoViewIfNeeded();
    await shot('38-settings-relay-failed');
  });

  test('settings: bad values are refused inline, good ones are saved', async () => {
    const page = t.page;
    await page.fill('[data-testid=settings-host]', 'http://smtp.example.com');
    await page.locator('[data-testid=settings-host-error]').waitFor({ timeout: TIMEOUT });
    await page.fill('[data-testid=settings-warm]', '80');
    await page.fill('[data-testid=settings-hot]', '50');
    await page.locator('[data-testid=settings-hot-error]').waitFor({ timeout: TIMEOUT });
    await page.fill('[data-testid=settings-quiet_from]', '21:00');
    await page.click('[data-testid=settings-save]');
    await page.locator('[data-testid=settings-quiet_to-error]').waitFor({ timeout: TIMEOUT });
    await page.locator('[data-testid=settings-hot-error]').scrollIntoViewIfNeeded();
    await shot('39-settings-errors');
    // Nothing was stored.
    const stored = await page.evaluate(async () => window.go.app.Sending.GetSendingSettings());
    if (stored.relay !== null || stored.temperature_hot === 50) throw new Error(`saved anyway: ${JSON.stringify(stored)}`);
    // Back to the offline mailbox with valid rules: saved.
    await page.click('[data-testid=settings-mode-offline]');
    await page.fill('[data-testid=settings-hot]', '90');
    await page.fill('[data-testid=settings-quiet_to]', '08:00');
    await page.fill('[data-testid=settings-cap_per_day]', '2');
    await page.click('[data-testid=settings-save]');
    await expectText(page.locator('[data-testid=settings-status]'), /Settings saved/, 'saved');
    const after = await page.evaluate(async () => window.go.app.Sending.GetSendingSettings());
    if (after.relay !== null || after.temperature_hot !== 90 || after.quiet_from !== '21:00' || after.quiet_to !== '08:00' || after.cap_per_day !== 2) {
      throw new Error(`stored: ${JSON.stringify(after)}`);
    }
    // Put the defaults back for the other groups.
    await page.evaluate(async () => window.go.app.Sending.SetSendingSettings({ ...(await window.go.app.Sending.GetSendingSettings()), quiet_from: '', quiet_to: '', cap_per_day: 0, temperature_warm: 30, temperature_hot: 60 }));
  });

  test('settings: engine status with the intake token and a curl example; the language switch', async () => {
    const page = t.page;
    await page.reload();
    await go('settings');
    await expectText(page.locator('[data-testid=engine-http]'), /^http:\/\/127\.0\.0\.1:\d+$/, 'tracking address');
    await expectText(page.locator('[data-testid=engine-curl]'), /curl -X POST http:\/\/127\.0\.0\.1:\d+\/events/, 'curl example');
    await page.locator('[data-testid=outbox]').waitFor({ timeout: TIMEOUT });
    await page.locator('[data-testid=settings-engine]').scrollIntoViewIfNeeded();
    await shot('40-settings-engine');
    await page.click('[data-testid=settings-lang-fr]');
    await expectText(page.locator('.fp-settings-title'), /Réglages/, 'French title');
    await page.locator('.fp-settings-title').scrollIntoViewIfNeeded();
    await shot('41-settings-french');
    await page.click('[data-testid=settings-lang-en]');
    await expectText(page.locator('.fp-settings-title'), /Settings/, 'back to English');
  });
}
