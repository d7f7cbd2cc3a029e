// A team workspace opened from the window by its server's address, against
// a throwaway PostgreSQL (run.mjs's t.postgres(), Debian's server on a
// loopback port; when it cannot start, this group fails saying why). The
// dialog's Test button says in words what failed (no server, password,
// database, another program's data), an empty database is set up when
// asked, the funnels screen works on it, and the recent list reopens it.
// The suite runs with no system keyring (FLIGHTPLAN_KEYRING=off), so this
// walks the keyring-missing path: "Remember" cannot keep the password, the
// window says so, and reopening asks for it again with the reason. Every
// test goes back to the suite's workspace file when it ends, and the
// recent list loses the team entries this group added.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function (t) {
  const { test, shot, expectText, waitFor, TIMEOUT } = t;
  let home = '';
  let pg = null;

  const current = () => t.page.evaluate(() => window.go.app.Workspace.Current());

  const goHome = async () => {
    const page = t.page;
    await page.keyboard.press('Escape').catch(() => undefined);
    if (home) {
      const cur = await current().catch(() => null);
      if (cur && cur.path !== home) await page.evaluate((p) => window.go.app.Workspace.Open(p), home);
    }
    await page.goto(t.baseURL);
    await page.waitForSelector('[data-testid=nav-funnels]', { timeout: TIMEOUT });
  };

  /** forgetTeamRecents takes this group's team workspaces out of the recent list (a file beside the suite's workspace). */
  const forgetTeamRecents = () => {
    const file = join(t.tmpdir(), 'recent.json');
    try {
      const list = JSON.parse(readFileSync(file, 'utf8'));
      writeFileSync(file, JSON.stringify(list.filter((r) => !/^postgres/.test(r.path)), null, 2));
    } catch {
      /* no list yet */
    }
  };

  const withHome = (name, fn) =>
    test(name, async () => {
      try {
        await fn();
      } finally {
        await goHome();
      }
    });

  const hub = async () => {
    const page = t.page;
    if ((await page.locator('[data-testid=workspace-hub]').count()) === 0) await page.click('.fp-topbar .fp-icon-btn');
    await page.click('[data-testid=workspace-hub]');
    await page.waitForSelector('[data-testid=workspace-hub-dialog]');
  };

  const fill = async (parts) => {
    const page = t.page;
    for (const [k, v] of Object.entries(parts)) await page.fill(`[data-testid=team-${k}]`, String(v));
  };

  const tested = async (state, re, what) => {
    const page = t.page;
    await page.click('[data-testid=team-test]');
    const result = page.locator('[data-testid=team-result]');
    await waitFor(async () => (await result.getAttribute('data-state')) === state, `${what}: state ${state}`, TIMEOUT).catch(async () => {
      throw new Error(`${what}: expected ${state}, the dialog says ${JSON.stringify(await result.textContent().catch(() => null))}`);
    });
    await expectText(result, re, what);
  };

  withHome('team workspace: the Test button says what failed, an empty database is set up and opened, the password cannot be remembered without a keyring', async () => {
    const page = t.page;
    pg = await t.postgres();
    await page.goto(t.baseURL);
    await page.waitForSelector('[data-testid=nav-funnels]', { timeout: TIMEOUT });
    home = (await current()).path;

    await hub();
    await page.click('[data-testid=workspace-hub-dialog] [data-testid=workspace-team]');
    await page.waitForSelector('[data-testid=team-dialog]');
    await shot('team-01-dialog');

    // Nothing listens on port 1.
    await fill({ host: '127.0.0.1', port: 1, database: pg.databases.empty, user: pg.password_user, password: 'not-the-password' });
    await tested('unreachable', /No server answered at 127\.0\.0\.1:1\b/, 'a closed port');
    await fill({ port: pg.port });
    await tested('password', /refused this user name or password/, 'a wrong password');
    await shot('team-02-wrong-password');
    await fill({ password: pg.password, database: 'nobody_here' });
    await tested('no-database', /no database named nobody_here/, 'a missing database');
    await fill({ database: pg.databases.other });
    await tested('other', /another program’s data/, 'another program’s database');
    await fill({ database: '' });
    await tested('address', /Enter the database’s name/, 'no database named');
    await fill({ database: pg.databases.empty });
    await tested('empty', /is empty\. Flightplan can set it up/, 'an empty database');
    await shot('team-03-empty');
    if ((await page.locator('[data-testid=team-remember]').isChecked()) !== true) throw new Error('"Remember" is not ticked by default');

    await page.click('[data-testid=team-setup]');
    await waitFor(async () => (await current().catch(() => ({}))).team === true, 'the team workspace open', TIMEOUT);
    await page.waitForSelector('[data-testid=nav-funnels]', { timeout: TIMEOUT });
    const cur = await current();
    if (cur.database !== pg.databases.empty || cur.host !== `127.0.0.1:${pg.port}` || cur.path.includes(pg.password)) throw new Error(`open now: ${JSON.stringify(cur)}`);
    // No keyring here: the window says the password was not kept.
    await expectText(page.locator('[data-testid=toast-warning]').filter({ hasText: 'could not be remembered' }).first(), /keyring is locked or not available/, 'the keyring notice');
    await shot('team-04-opened');
    const recent = readFileSync(join(t.tmpdir(), 'recent.json'), 'utf8');
    if (!recent.includes(pg.databases.empty) || recent.includes(pg.password)) throw new Error(`recent list: ${recent}`);

    // The funnels screen works on it.
    await page.click('[data-testid=new-flow]');
    await page.fill('[data-testid=new-flow-name]', 'Team welcome');
    await page.click('[data-testid=new-flow-create]');
    await page.waitForSelector('[data-testid=canvas-empty]', { timeout: TIMEOUT });
    await page.waitForSelector('[data-testid=flow-team-welcome]', { timeout: TIMEOUT });
  });

  withHome('team workspace: the recent list shows it by database and server; with no keyring, opening it asks for the password and says why', async () => {
    const page = t.page;
    if (!pg) throw new Error('the first team workspace test did not run');
    await hub();
    const item = page.locator('[data-testid=workspace-hub-dialog] li[data-team=yes]').first();
    await expectText(item, new RegExp(`${pg.databases.empty}.*on 127\\.0\\.0\\.1:${pg.port}`), 'the recent team workspace');
    await shot('team-05-recent');
    await item.locator('button').click();
    await page.waitForSelector('[data-testid=team-dialog]');
    const reason = page.locator('[data-testid=team-reason]');
    if ((await reason.getAttribute('data-reason')) !== 'missing') throw new Error(`reason ${await reason.getAttribute('data-reason')}`);
    await expectText(reason, /keyring .* is locked or not available\. Enter the password again/, 'why the password is asked');
    if ((await page.inputValue('[data-testid=team-database]')) !== pg.databases.empty || (await page.inputValue('[data-testid=team-user]')) !== pg.password_user) {
      throw new Error('the dialog is not filled in with the recent workspace');
    }
    await shot('team-06-asked-again');
    await fill({ password: pg.password });
    await page.click('[data-testid=team-submit]');
    await waitFor(async () => (await current().catch(() => ({}))).team === true, 'the team workspace open again', TIMEOUT);
    await page.waitForSelector('[data-testid=flow-team-welcome]', { timeout: TIMEOUT });
  });

  withHome('team workspace: the dialog in French says what failed', async () => {
    const page = t.page;
    if (!pg) throw new Error('the first team workspace test did not run');
    await page.click('[data-testid=lang-fr]');
    try {
      await hub();
      await page.click('[data-testid=workspace-hub-dialog] [data-testid=workspace-team]');
      await page.waitForSelector('[data-testid=team-dialog]');
      await expectText(page.locator('[data-testid=team-dialog]'), /Ouvrir un espace d’équipe/, 'the French title');
      await fill({ host: '127.0.0.1', port: pg.port, database: pg.databases.empty, user: pg.password_user, password: 'pas-le-bon' });
      await tested('password', /Le serveur a refusé ce nom d’utilisateur ou ce mot de passe/, 'a wrong password, in French');
      await shot('team-07-fr-wrong-password');
      await fill({ password: pg.password, database: 'personne' });
      await tested('no-database', /aucune base de données nommée personne/, 'a missing database, in French');
    } finally {
      await page.keyboard.press('Escape').catch(() => undefined);
      await page.click('[data-testid=lang-en]', { timeout: 5000 }).catch(() => undefined);
      forgetTeamRecents();
    }
  });
}
