// Workspaces in the app against the real backend: new workspaces made from
// the funnel list's workspace actions and the start screen, switching
// between them through the recent list, a copy, a copy for a client read
// back with sqlite3 (no intake token, tracking key or relay password, no
// contacts), and a funnel packaged in one workspace, imported into an
// empty one, published there, and its email caught by the offline
// mailbox. Every test goes back to the suite's workspace when it ends,
// whatever happened, so the groups after it find theirs.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceHelpers } from '../workspace-helpers.mjs';

export default function (t) {
  const { shot, expectText, waitFor, TIMEOUT } = t;
  const { current, noteHome, withHome, hub } = workspaceHelpers(t);
  let home = ''; // the suite's workspace
  let folder = '';
  const made = [];
  const stamp = Date.now().toString(36);
  const A = `E2E Client A ${stamp}`;
  const B = `E2E Client B ${stamp}`;

  const sql = (file, query) => execFileSync('sqlite3', ['-readonly', file, query], { encoding: 'utf8' }).trim();

  /** switched waits for the page to come back on workspace name. */
  const switched = async (name) => {
    await waitFor(async () => (await current().catch(() => ({}))).name === name, `workspace ${name} open`, TIMEOUT);
    await t.page.waitForSelector('[data-testid=nav-funnels]', { timeout: TIMEOUT });
  };

  withHome('workspaces: a new workspace from the funnel list, a packaged funnel, a second workspace from the start screen', async () => {
    const page = t.page;
    await page.goto(t.baseURL);
    await page.waitForSelector('[data-testid=nav-funnels]', { timeout: TIMEOUT });
    const first = await current();
    home = await noteHome();
    folder = first.folder;

    // A new workspace, from the funnel list's workspace line.
    await hub();
    await shot('workspaces-01-hub');
    await page.click('[data-testid=workspace-hub-dialog] [data-testid=workspace-new]');
    await page.fill('[data-testid=workspace-name]', A);
    await shot('workspaces-02-new');
    await page.click('[data-testid=workspace-submit]');
    await switched(A);
    made.push(join(folder, `${A}.flightplan`));
    // An empty workspace opens on the start screen, which names it.
    await expectText(page.locator('[data-testid=no-flow] [data-testid=workspace-current]'), new RegExp(A), 'the start screen names the new workspace');
    await shot('workspaces-03-new-open');

    // A funnel from the gallery, packaged with its emails from the Export menu.
    await page.evaluate(() => window.go.app.Funnels.CreateFromTemplate('welcome'));
    await page.reload();
    await page.waitForSelector('[data-testid=export-menu]', { timeout: TIMEOUT });
    await page.click('[data-testid=export-menu]');
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: TIMEOUT }), page.click('[data-testid=export-package]')]);
    const pkgPath = join(t.tmpdir(), dl.suggestedFilename());
    await dl.saveAs(pkgPath);
    if (!pkgPath.endsWith('.flightplan-funnel')) throw new Error(`package file name ${pkgPath}`);
    const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
    if (pkg.format !== 'flightplan.package/v1' || pkg.emails.length !== 3) throw new Error(`package: ${pkg.format}, ${pkg.emails?.length} emails`);

    // A second new workspace, from the start screen this time: empty, so
    // the package imports into nothing.
    await hub();
    await page.click('[data-testid=workspace-hub-dialog] [data-testid=workspace-new]');
    await page.fill('[data-testid=workspace-name]', B);
    await page.click('[data-testid=workspace-submit]');
    await switched(B);
    made.push(join(folder, `${B}.flightplan`));
    await page.waitForSelector('[data-testid=no-flow] [data-testid=workspace-section]');
    const emails = await page.evaluate(async () => (await window.go.app.Emails.ListTemplates?.()) ?? null);
    if (emails && emails.length !== 0) throw new Error(`the new workspace already has ${emails.length} emails`);

    await page.setInputFiles('[data-testid=package-file]', pkgPath);
    await page.waitForSelector('[data-testid=package-report]', { timeout: TIMEOUT });
    const verdict = page.locator('[data-testid=package-verdict]');
    if ((await verdict.getAttribute('data-ok')) !== 'yes') throw new Error(`import not complete: ${await page.locator('[data-testid=package-report]').textContent()}`);
    const brought = await page.locator('[data-testid=package-brought] li').allTextContents();
    if (brought.filter((l) => l.startsWith('Email')).length !== 3 || !brought.some((l) => l.startsWith('List'))) throw new Error(`brought: ${brought.join(' | ')}`);
    await shot('workspaces-04-package-report');
    await page.click('[data-testid=package-close]');

    // Published in the new workspace, it sends its first email to a new
    // subscriber, caught by the offline mailbox.
    await page.click('[data-testid=publish]');
    await expectText(page.locator('[data-testid=live-status]'), /version 1/, 'the imported funnel is live');
    const to = `e2e-package-${stamp}@example.com`;
    await page.evaluate((email) => window.go.app.Contacts.AddContact({ email, first_name: 'Pat' }, ['newsletter']), to);
    await waitFor(async () => {
      const box = (await page.evaluate(() => window.go.app.Mailbox.Mailbox())) ?? [];
      return box.some((m) => (m.to ?? '').includes(to));
    }, 'the imported funnel email in the mailbox', 30_000);
    await page.click('[data-testid=nav-mailbox]');
    await page.locator('[data-testid=mailbox-list] li').filter({ hasText: to }).first().waitFor({ timeout: TIMEOUT });
    await shot('workspaces-05-mailbox');
  });

  withHome('workspaces: switch to another and back from the recent list, then save a copy', async () => {
    const page = t.page;
    if (!home) throw new Error('the first test did not run');
    await page.evaluate((p) => window.go.app.Workspace.Open(p), made[1]);
    await page.goto(t.baseURL);
    await switched(B);
    await hub();
    const recent = page.locator('[data-testid=workspace-hub-dialog] [data-testid=workspace-recent-item]');
    const names = await recent.allTextContents();
    if (!names.includes(A)) throw new Error(`recent list: ${names.join(', ')}`);
    await shot('workspaces-06-recent');
    await recent.filter({ hasText: A }).click();
    await switched(A);
    await hub();
    await page.locator('[data-testid=workspace-hub-dialog] [data-testid=workspace-recent-item]').filter({ hasText: B }).click();
    await switched(B);
    const flows = await page.evaluate(() => window.go.app.Funnels.ListFlows());
    if (flows.length !== 1) throw new Error(`back in ${B}: ${flows.length} funnels`);

    await hub();
    await page.click('[data-testid=workspace-hub-dialog] [data-testid=workspace-copy]');
    await page.fill('[data-testid=workspace-name]', `${B} copy`);
    await page.click('[data-testid=workspace-submit]');
    const copy = join(folder, `${B} copy.flightplan`);
    made.push(copy);
    await waitFor(async () => existsSync(copy), 'the copy on disk', TIMEOUT);
    if ((await current()).name !== B) throw new Error('saving a copy left the workspace');
    if (sql(copy, 'SELECT count(*) FROM flows') !== '1' || sql(copy, 'SELECT count(*) FROM contacts') !== '1') throw new Error('the copy is not whole');
  });

  withHome('workspaces: export for a client leaves the secrets and the contacts out', async () => {
    const page = t.page;
    if (made.length < 2) throw new Error('the first test did not run');
    await page.evaluate((p) => window.go.app.Workspace.Open(p), made[1]);
    await page.goto(t.baseURL);
    await switched(B);
    const password = `pw-${stamp}-Zq8rT4`;
    const token = await page.evaluate(async (pw) => {
      const app = window.go.app;
      const s = await app.Sending.GetSendingSettings();
      s.relay = { name: 'relay', host: '127.0.0.1', port: 2, security: 'none', username: 'consultant', password: pw, from: 'news@example.com' };
      await app.Sending.SetSendingSettings(s);
      return (await app.Sending.GetEngineStatus()).intake_token;
    }, password);
    const src = made[1];
    const secrets = { 'relay password': password, 'intake token': token };
    const key = sql(src, "SELECT value FROM settings WHERE key = 'tracking_key'");
    if (key && !key.includes('keyring')) secrets['tracking key'] = key;
    if (!token || token.length < 16) throw new Error(`intake token ${token}`);

    await hub();
    await page.click('[data-testid=workspace-hub-dialog] [data-testid=workspace-client]');
    await page.fill('[data-testid=workspace-name]', `${B} for the client`);
    await shot('workspaces-07-client');
    await page.click('[data-testid=workspace-submit]');
    const out = join(folder, `${B} for the client.flightplan`);
    made.push(out);
    await waitFor(async () => existsSync(out) && !existsSync(`${out}.part`), 'the client copy on disk', TIMEOUT);
    await page.waitForTimeout(300);
    const raw = readFileSync(out);
    for (const [what, v] of Object.entries(secrets)) {
      if (raw.includes(Buffer.from(v))) throw new Error(`the client copy holds the ${what}`);
    }
    if (raw.includes(Buffer.from(`e2e-package-${stamp}`))) throw new Error('the client copy holds a contact address');
    const keys = sql(out, "SELECT key FROM settings WHERE key IN ('intake_token', 'tracking_key')");
    if (keys) throw new Error(`secret settings in the client copy: ${keys}`);
    const relay = sql(out, "SELECT value FROM settings WHERE key = 'smtp_relay'");
    if (!relay.includes('127.0.0.1') || relay.includes('password')) throw new Error(`relay in the client copy: ${relay}`);
    if (sql(out, 'SELECT count(*) FROM contacts') !== '0' || sql(out, 'SELECT count(*) FROM mailbox') !== '0') throw new Error('contacts left in the client copy');
    if (sql(out, 'SELECT count(*) FROM flows') !== '1' || sql(out, 'SELECT count(*) FROM templates') !== '3') throw new Error('the client copy lost its funnel or emails');
  });

  withHome('workspaces (fr): the workspace actions and a name already taken, in French', async () => {
    const page = t.page;
    if (made.length < 2) throw new Error('the first test did not run');
    await page.goto(t.baseURL);
    await page.click('[data-testid=lang-fr]');
    try {
      await hub();
      await expectText(page.locator('[data-testid=workspace-hub-dialog] h2'), /Espace de travail/, 'French title');
      await shot('workspaces-08-hub-fr');
      await page.click('[data-testid=workspace-hub-dialog] [data-testid=workspace-new]');
      await page.fill('[data-testid=workspace-name]', A); // exists already
      await page.click('[data-testid=workspace-submit]');
      await expectText(page.locator('[data-testid=workspace-error]'), /existe déjà : ouvrez-le, ou choisissez un autre nom/, 'a taken name is refused in French, the dialog stays');
      await shot('workspaces-09-new-taken-fr');
      if ((await current()).path !== home) throw new Error('a refused new workspace switched anyway');
    } finally {
      await page.click('[data-testid=lang-en]').catch(() => {});
      for (const f of made) for (const x of [f, `${f}-wal`, `${f}-shm`, `${f}.lock`]) rmSync(x, { force: true });
    }
  });
}
