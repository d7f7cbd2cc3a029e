// A failure shows where it happens, against the real backend: a published
// funnel whose email was deleted after publishing fails its send step; the
// canvas draws a red badge with the count and the reason on the step, the
// problems panel lists it with "Retry", a notification appears, and the
// contact's path says "could not send". The user brings the email back and
// clicks retry: the email arrives in the capture mailbox, once. Then "Send
// a test to me" from the email editor and from the send step lands in the
// mailbox, rendered for the chosen contact. Last, a relay set in Settings
// refuses the sender: the step shows the relay's reason; back to the test
// mailbox in Settings, retry delivers.
import net from 'node:net';

/**
 * refusingRelay starts an SMTP server on loopback that refuses every
 * sender, as a relay does for a sender it does not accept.
 */
function refusingRelay() {
  const srv = net.createServer((sock) => {
    sock.write('220 refuser.test ESMTP\r\n');
    let buf = '';
    sock.on('data', (d) => {
      buf += d;
      let i;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') sock.write('250 refuser.test\r\n');
        else if (verb === 'MAIL') sock.write('554 5.7.1 relay access denied\r\n');
        else if (verb === 'QUIT') sock.end('221 bye\r\n');
        else sock.write('250 OK\r\n');
      }
    });
    sock.on('error', () => {});
  });
  return new Promise((res) => srv.listen(0, '127.0.0.1', () => res(srv)));
}

export default function (t) {
  const { test, shot, expectCount, expectText, waitFor, TIMEOUT } = t;
  const flowId = 'failing-welcome';
  const template = 'fail-hello';
  const contact = 'fail-ana@example.com';
  const me = 'me-tester@example.com';
  let contactId = 0;

  const go = async (screen) => {
    await t.page.click(`[data-testid=nav-${screen}]`);
    await t.page.waitForSelector(screen === 'funnels' ? '[data-testid=sidebar]' : `[data-testid=screen-${screen}]`, { timeout: TIMEOUT });
  };
  const mailbox = () => t.page.evaluate(async () => (await window.go.app.Mailbox.Mailbox()) ?? []);
  // The count on Funnels in the navigation is the workspace's failures.
  const navCountIsTotal = async () => {
    let last = '';
    await waitFor(
      async () => {
        const total = (await t.page.evaluate(async () => window.go.app.Failures.FailureTotals())).count;
        const shown = (await t.page.locator('[data-testid=nav-failures]').count()) ? await t.page.textContent('[data-testid=nav-failures]') : '0';
        last = `${shown} shown, ${total} failing`;
        return String(total) === shown.trim();
      },
      'the navigation count',
      TIMEOUT,
    ).catch(() => {
      throw new Error(`navigation count: ${last}`);
    });
  };
  const openFunnel = async () => {
    await go('funnels');
    await t.page.click(`[data-testid=flow-${flowId}]`, { timeout: TIMEOUT });
    await t.page.waitForSelector('[data-testid=node-mail]', { timeout: TIMEOUT });
  };

  test('failures: a funnel published with an email deleted since fails its send step', async () => {
    const page = t.page;
    await page.goto(t.baseURL);
    await page.waitForSelector('[data-testid=sidebar]', { timeout: TIMEOUT });
    contactId = await page.evaluate(
      async ({ flowId, template, contact }) => {
        const app = window.go.app;
        await app.Emails.SaveEmailTemplate({ id: template, name: 'Fail hello', subject: 'Hello {{ contact.first_name }}', html: '<p>Hi {{ contact.first_name }}</p>' });
        await app.References.CreateList('fail-list');
        const doc = await app.Funnels.CreateFlow('Failing welcome');
        if (doc.flow.id !== flowId) throw new Error(`flow id ${doc.flow.id}`);
        const f = doc.flow;
        f.nodes = [
          { id: 'start', type: 'trigger.list_joined', config: { list: 'fail-list' }, position: { x: 0, y: 0 } },
          { id: 'mail', type: 'action.send_email', label: 'Welcome email', config: { template }, position: { x: 0, y: 180 } },
          // Room for the send step as placed, not once its failure box has grown it (tidy on open, below).
          { id: 'end', type: 'exit', position: { x: 0, y: 330 } },
        ];
        f.edges = [
          { from: 'start', to: 'mail' },
          { from: 'mail', to: 'end' },
        ];
        await app.Funnels.SaveFlow(f);
        await app.Funnels.PublishFlow(flowId);
        // Deleted after publishing: the validator had nothing to refuse.
        await app.Emails.DeleteEmailTemplate(template);
        return app.Contacts.AddContact({ email: contact, first_name: 'Ana' }, ['fail-list']);
      },
      { flowId, template, contact },
    );
    await waitFor(
      async () => {
        const r = await page.evaluate(async (id) => window.go.app.Failures.FlowFailures(id), flowId);
        return (r.steps ?? []).some((s) => s.node === 'mail' && s.failed === 1);
      },
      'the send to fail',
      20_000,
    );
  });

  test('failures: the step shows a red badge with the count and the reason; the problems panel and a notification say it', async () => {
    const page = t.page;
    // A fresh window: its watch finds the funnel failing and notifies once.
    await page.reload();
    await page.waitForSelector('[data-testid=sidebar]', { timeout: TIMEOUT });
    // (Other groups' funnels may be failing too: they share the notification.)
    const toast = page.locator('[data-testid=toast-warning]').filter({ hasText: /Something failed in .*“Failing welcome”/ });
    await toast.waitFor({ timeout: TIMEOUT });
    await expectText(toast, /[1-9]\d* to look at/, 'the notification counts the failures');
    await navCountIsTotal();
    await openFunnel();
    await expectText(page.locator('[data-testid=node-failed-mail]'), /1 failed/, 'red badge on the step');
    await expectText(page.locator('[data-testid=node-failure-reason-mail]'), /The email no longer exists \(deleted after the funnel was published\)/, 'reason on the step');
    await expectCount('[data-testid=node-failed-start]', 0, 'no badge on the trigger');
    // The failure box makes the send step taller than it was placed, so it
    // now meets the step under it: opening still leaves the funnel as it
    // was placed and saved (canvas/tidy.ts), with nothing to save.
    const placed = () =>
      page.evaluate(() => {
        const box = (id) => document.querySelector(`.react-flow__node[data-id="${id}"]`);
        const y = (el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).m42;
        const mail = box('mail');
        const end = box('end');
        return { gap: y(end) - y(mail), mailHeight: mail.offsetHeight, status: document.querySelector('[data-testid=save-status]')?.className ?? '' };
      });
    const first = await placed();
    if (first.mailHeight + 32 <= first.gap) throw new Error(`the failure box did not grow the send step into the next one: ${JSON.stringify(first)}`);
    await page.waitForTimeout(1500);
    const later = await placed();
    if (later.gap !== 150 || later.status.includes('is-dirty')) throw new Error(`opening a funnel with a failure moved its steps or changed it: ${JSON.stringify({ first, later })}`);
    // The problems list is in the side drawer (closed if a marketer left it so).
    await page.click('[data-testid=tab-settings]');
    const row = page.locator('[data-testid=failure-mail]');
    await expectText(row, /Welcome email/, 'the problems panel names the step');
    await expectText(row, /Not sent: 1/, 'the problems panel counts it');
    await expectText(page.locator('[data-testid=failure-reason-mail]'), /no longer exists/, 'the problems panel gives the reason');
    await expectText(page.locator('[data-testid=retry-mail]'), /Retry 1 failed/, 'retry button');
    await shot('60-failure-badge');
    const color = await page.locator('[data-testid=node-failed-mail]').evaluate((el) => getComputedStyle(el).backgroundColor);
    if (!/rgb\((1[5-9][0-9]|2[0-9]{2}), ([0-9]{1,2}), ([0-9]{1,2})\)/.test(color)) throw new Error(`the badge is not red: ${color}`);
  });

  test('failures: the contact’s path says the email could not be sent, never that it was', async () => {
    const page = t.page;
    await page.click('[data-testid=tab-path]');
    await page.fill('[data-testid=path-who]', contact);
    await page.click('[data-testid=path-go]');
    const steps = page.locator('[data-testid=path-steps]');
    await expectText(steps, /Could not be sent.*the email no longer exists \(deleted after the funnel was published\): choose an email in the step/, 'the failure in the path');
    const text = (await steps.textContent()) ?? '';
    if (/sent email/.test(text)) throw new Error(`the path says sent: ${text}`);
    await expectText(steps, /Email \(deleted\) on its way/, 'the step itself says queued, and names no id');
    await shot('61-failure-path');
    await page.click('[data-testid=tab-settings]');
  });

  test('failures: the contact’s history shows the step that could not send, in red, with the reason', async () => {
    const page = t.page;
    await go('contacts');
    await page.fill('[data-testid="contacts-search"]', 'fail-ana');
    await page.click(`[data-testid="contact-row"][data-email="${contact}"]`, { timeout: TIMEOUT });
    await page.waitForSelector('[data-testid=timeline-item]', { timeout: TIMEOUT });
    const failed = page.locator('[data-testid=timeline-item].is-failed');
    await expectText(failed.first(), /the email no longer exists/, 'the failed step in the history');
    await failed.first().scrollIntoViewIfNeeded();
    await shot('61b-failure-history');
    // In French the same history is French, the engine's sentences too,
    // with names and no ids or raw keys.
    await page.click('[data-testid=lang-fr]');
    try {
      await expectText(failed.first(), /Courriel \(supprimé\) non envoyé : le courriel n’existe plus/, 'the failed step in French');
      const all = (await page.locator('[data-testid=timeline]').textContent()) ?? '';
      for (const word of ['enrollment_id', 'message_id', template, flowId, 'queued', 'Entered the funnel']) {
        if (all.includes(word)) throw new Error(`the French history shows ${word}: ${all}`);
      }
      if (!/Entré dans le tunnel en rejoignant la liste « fail-list »/.test(all)) throw new Error(`no French start in: ${all}`);
      await shot('61c-failure-history-fr');
    } finally {
      await page.click('[data-testid=lang-en]');
    }
  });

  test('failures: the email is back, retry delivers it to the mailbox once and the badge goes', async () => {
    const page = t.page;
    const before = (await mailbox()).filter((m) => m.to.includes(contact)).length;
    // The fix: the email exists again under the name the step uses.
    await page.evaluate(async (template) => {
      await window.go.app.Emails.SaveEmailTemplate({ id: template, name: 'Fail hello', subject: 'Hello again {{ contact.first_name }}', html: '<p>Hi {{ contact.first_name }}</p>' });
    }, template);
    await openFunnel();
    await page.click('[data-testid=retry-mail]');
    await page.locator('[data-testid=toast-info]').filter({ hasText: 'Trying again: 1 email goes out again.' }).waitFor({ timeout: TIMEOUT });
    await waitFor(async () => (await mailbox()).filter((m) => m.to.includes(contact)).length > before, 'the email in the mailbox', 20_000);
    await expectCount('[data-testid=node-failed-mail]', 0, 'badge gone after the retry');
    await expectCount('[data-testid=run-failures]', 0, 'failure gone from the problems panel');
    await navCountIsTotal();
    await shot('62-failure-retried');
    const got = (await mailbox()).filter((m) => m.to.includes(contact));
    if (got.length !== before + 1 || got[0].subject !== 'Hello again Ana') throw new Error(`mailbox for ${contact}: ${JSON.stringify(got.map((m) => m.subject))}`);
    await go('mailbox');
    const item = page.locator('[data-testid=mailbox-list] li').filter({ hasText: 'Hello again Ana' }).first();
    await item.waitFor({ timeout: TIMEOUT });
    await item.locator('button').click();
    await expectText(page.locator('[data-testid=mail-subject]'), /Hello again Ana/, 'the delivered email');
    await shot('63-failure-delivered');
  });

  test('send a test to me: from the email editor, rendered for a picked contact, lands in the mailbox', async () => {
    const page = t.page;
    await go('emails');
    await page.click(`[data-testid=email-${template}]`);
    await page.waitForSelector(`[data-testid=email-${template}][aria-current=true]`, { timeout: TIMEOUT });
    await page.click('[data-testid=send-test]');
    await page.waitForSelector('[data-testid=send-test-dialog]', { timeout: TIMEOUT });
    await expectText(page.locator('[data-testid=send-test-chosen]'), /Sample contact/, 'sample contact by default');
    await page.fill('[data-testid=send-test-to]', me);
    await page.fill('[data-testid=send-test-search]', 'fail-ana');
    await page.click(`[data-testid=send-test-contact-${contactId}]`, { timeout: TIMEOUT });
    await expectText(page.locator('[data-testid=send-test-chosen]'), /Ana · fail-ana@example\.com/, 'picked contact');
    await shot('64-send-test-dialog');
    await page.click('[data-testid=send-test-send]');
    const result = page.locator('[data-testid=send-test-result][data-sent=yes]');
    await result.waitFor({ timeout: 20_000 });
    await expectText(result, new RegExp(`Sent to ${me.replace('.', '\\.')} through the test mailbox.*Hello again Ana`), 'plain-words result');
    await shot('65-send-test-sent');
    await waitFor(async () => (await mailbox()).some((m) => m.to.includes(me) && m.subject === 'Hello again Ana'), 'the test in the mailbox', 20_000);
    await page.keyboard.press('Escape');
  });

  test('send a test to me: from the send step, my address remembered', async () => {
    const page = t.page;
    await openFunnel();
    await page.click('[data-testid=node-mail] .fp-node-title');
    await page.click('[data-testid=send-test-mail]');
    await page.waitForSelector('[data-testid=send-test-dialog]', { timeout: TIMEOUT });
    await waitFor(async () => (await page.inputValue('[data-testid=send-test-to]')) === me, 'my address remembered', TIMEOUT);
    await page.click('[data-testid=send-test-send]');
    const result = page.locator('[data-testid=send-test-result][data-sent=yes]');
    await result.waitFor({ timeout: 20_000 });
    await expectText(result, /Hello again Camille/, 'rendered for the sample contact');
    await shot('66-send-test-from-step');
    await waitFor(async () => (await mailbox()).some((m) => m.to.includes(me) && m.subject === 'Hello again Camille'), 'the step’s test in the mailbox', 20_000);
    await page.keyboard.press('Escape');
  });

  test('failures: a relay that refuses shows its reason on the step; back to the test mailbox, retry delivers', async () => {
    const page = t.page;
    const relay = await refusingRelay();
    try {
      await go('settings');
      await page.click('[data-testid=settings-mode-relay]');
      await page.waitForSelector('[data-testid=settings-relay]', { timeout: TIMEOUT });
      await page.fill('[data-testid=settings-host]', '127.0.0.1');
      await page.fill('[data-testid=settings-port]', String(relay.address().port));
      await page.selectOption('[data-testid=settings-security]', 'none');
      await page.click('[data-testid=settings-save]');
      await page.locator('[data-testid=toast-success]').first().waitFor({ timeout: TIMEOUT });
      const bo = 'fail-bo@example.com';
      await page.evaluate(async (bo) => window.go.app.Contacts.AddContact({ email: bo, first_name: 'Bo' }, ['fail-list']), bo);
      await openFunnel();
      await page.locator('[data-testid=toast-warning]').filter({ hasText: /Something failed in .*“Failing welcome”/ }).waitFor({ timeout: 20_000 });
      await expectText(page.locator('[data-testid=node-failed-mail]'), /1 failed/, 'red badge for the refused send');
      await expectText(page.locator('[data-testid=node-failure-reason-mail]'), /relay access denied/, 'the relay’s reason on the step');
      await page.click('[data-testid=tab-settings]');
      await expectText(page.locator('[data-testid=failure-mail]'), /Waiting to be tried again: 1/, 'the problems panel says it will be tried again');
      await expectText(page.locator('[data-testid=failure-reason-mail]'), /^The relay \(127\.0\.0\.1:\d+\) refused the sender — SMTP error 554: relay access denied$/, 'the relay’s answer, in plain words');
      // The contact's path names the email by its name.
      await page.click('[data-testid=tab-path]');
      await page.fill('[data-testid=path-who]', bo);
      await page.click('[data-testid=path-go]');
      await expectText(page.locator('[data-testid=path-steps]'), /Email “Fail hello” not sent yet: the relay .* refused the sender — SMTP error 554: relay access denied/, 'the path names the email');
      await page.click('[data-testid=tab-settings]');
      await shot('67-failure-relay-refused');
      // The fix: back to the test mailbox; it applies at once.
      await go('settings');
      await page.click('[data-testid=settings-mode-offline]');
      await page.click('[data-testid=settings-save]');
      await waitFor(async () => (await page.evaluate(async () => window.go.app.Sending.GetEngineStatus())).capture_addr !== '', 'the test mailbox back', TIMEOUT);
      const before = (await mailbox()).filter((m) => m.to.includes(bo)).length;
      await openFunnel();
      await page.click('[data-testid=retry-mail]');
      await waitFor(async () => (await mailbox()).filter((m) => m.to.includes(bo)).length === before + 1, 'the refused email in the mailbox', 20_000);
      await expectCount('[data-testid=node-failed-mail]', 0, 'badge gone');
      await shot('68-failure-relay-fixed');
    } finally {
      relay.close();
    }
  });
}
