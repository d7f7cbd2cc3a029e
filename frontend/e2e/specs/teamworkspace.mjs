// A team workspace opened from the window by its server's address, against
// a throwaway PostgreSQL (run.mjs's t.postgres(), Debian's server on a
// loopback port; when it cannot start, this group fails saying why). The
// dialog's Test button says in words what failed (no server, password,
// database, another program's data), an empty database is set up when
// asked, the funnels screen works on it, and the recent list reopens it.
// The suite runs with no system keyring (FLIGHTPLAN_KEYRING=off), so this
// walks the keyring-missing path: "Remember" cannot keep the password, the
// window says so, and reopening asks for it again with the reason. Two
// pages on the one backend stand for two people's windows on one funnel
// (the name each save is signed with is set between their saves); a save
// reaches the other page through PostgreSQL's NOTIFY (the draft's stamp is
// asked for only while the listening connection is down, which it is not
// here). Every
// test goes back to the suite's workspace file when it ends, and the
// recent list loses the team entries this group added.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceHelpers } from '../workspace-helpers.mjs';

export default function (t) {
  const { shot, expectText, waitFor, TIMEOUT } = t;
  const { current, noteHome, withHome, hub } = workspaceHelpers(t);
  let pg = null;

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
    await noteHome();

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

  withHome('team workspace: two windows on one draft see each other’s saves, a save over someone else’s names them, and a deletion closes it', async () => {
    const a = t.page;
    if (!pg) throw new Error('the first team workspace test did not run');
    const name = `Shared draft ${Date.now().toString(36)}`;
    let b = null;
    let id = '';
    const person = (who) => a.evaluate((w) => window.go.app.Preferences.SetPersonName(w), who);
    const titleIs = async (page, want, what) =>
      waitFor(async () => (await page.inputValue('[data-testid=flow-name]')) === want, what, TIMEOUT).catch(async () => {
        throw new Error(`${what}: the funnel is named ${JSON.stringify(await page.inputValue('[data-testid=flow-name]'))}, want ${JSON.stringify(want)}`);
      });
    // The notices a page showed, kept as they appear: an info notice
    // lasts 4 s, which a busy machine can spend between two steps here.
    const keepNotices = (page) =>
      page.evaluate(() => {
        window.__notices = [];
        new MutationObserver(() => {
          for (const el of document.querySelectorAll('[data-testid=toast-info]')) {
            const text = el.textContent ?? '';
            if (!window.__notices.includes(text)) window.__notices.push(text);
          }
        }).observe(document.body, { childList: true, subtree: true, characterData: true });
      });
    const noticeShown = async (page, re, what) =>
      waitFor(async () => (await page.evaluate(() => window.__notices)).some((n) => re.test(n)), what, TIMEOUT).catch(async () => {
        throw new Error(`${what}: expected ${re}, the page showed ${JSON.stringify(await page.evaluate(() => window.__notices))}`);
      });
    const rename = async (page, to) => {
      await page.fill('[data-testid=flow-name]', to);
      await page.press('[data-testid=flow-name]', 'Enter');
    };
    try {
      const opened = await a.evaluate(
        ([port, db, user, password]) => window.go.app.Workspace.OpenTeam({ url: '', host: '127.0.0.1', port, database: db, user, password }, false, false),
        [pg.port, pg.databases.empty, pg.password_user, pg.password],
      );
      if (!opened.opened) throw new Error(`the team workspace did not open: ${JSON.stringify(opened.check)}`);
      // The window hears the workspace's changes from the server: with
      // its listening connection up it asks nobody every few seconds, so
      // the saves below reach the other window by NOTIFY alone.
      await waitFor(async () => (await a.evaluate(() => window.go.app.Workspace.TeamWatch())).up === true, 'the team workspace’s listening connection up', TIMEOUT);
      id = (await a.evaluate((n) => window.go.app.Funnels.CreateFlow(n), name)).flow.id;
      await a.goto(t.baseURL);
      await a.click(`[data-testid=flow-${id}]`);
      await titleIs(a, name, 'window A opens the funnel');
      b = await a.context().newPage();
      await b.goto(t.baseURL);
      // Marie gives her name in Settings (the system account's is used until then).
      await b.click('[data-testid=nav-settings]');
      await b.fill('[data-testid=settings-person-name]', 'Marie');
      await b.press('[data-testid=settings-person-name]', 'Enter');
      await b.waitForSelector('[data-testid=toast-success]', { timeout: TIMEOUT });
      await b.locator('[data-testid=settings-person]').screenshot({ path: join(t.root, 'build', 'e2e', 'team-10-your-name.png') });
      await b.click('[data-testid=nav-funnels]');
      await b.click(`[data-testid=flow-${id}]`);
      await titleIs(b, name, 'window B opens the funnel');
      await keepNotices(a);
      await keepNotices(b);

      // Marie saves in B; A, with nothing unsaved, shows her version.
      await rename(b, `${name} (Marie)`);
      await titleIs(a, `${name} (Marie)`, 'window A shows Marie’s save');
      await noticeShown(a, /^Marie saved this funnel: it now shows their version\.$/, 'the notice in window A');
      await a.screenshot({ path: join(t.root, 'build', 'e2e', 'team-08-their-save-shown.png') });

      // A has a change not saved yet (a step just added: its autosave
      // waits a moment) when Marie's window saves: A hears of it at once
      // and, rather than dropping its change, names her. (Marie's save
      // goes straight through the binding, so that it lands inside A's
      // moment; should A's save land first all the same, the step is
      // tried again.)
      const marieSaves = (to) =>
        b.evaluate(
          async ([i, n]) => {
            const doc = await window.go.app.Funnels.GetFlow(i);
            doc.flow.name = n;
            return window.go.app.Funnels.SaveDraft(doc.flow, doc.info.draft_version);
          },
          [id, to],
        );
      const emails = '[data-testid^="node-email"]';
      let tries = 0;
      for (;;) {
        tries++;
        if ((await a.locator('[data-testid="palette-action.send_email"]').count()) === 0) throw new Error('window A shows no palette to add a step with');
        await a.click('[data-testid="palette-action.send_email"]');
        await t.expectCount(emails, tries, `window A: step ${tries} added`);
        const saved = await marieSaves(`${name} (Marie ${tries})`);
        if (saved.conflict) throw new Error(`Marie's save was refused: ${JSON.stringify(saved.conflict)}`);
        const shown = await a.waitForSelector('[data-testid=draft-conflict]', { timeout: 5000 }).then(() => true, () => false);
        if (shown) break;
        if (tries === 3) throw new Error('window A never named a save made while it had a change not saved');
      }
      await expectText(a.locator('[data-testid=draft-conflict-who]'), /^Marie saved this funnel just now, after you opened it\.$/, 'who saved and when');
      await shot('team-09-conflict');
      // Ann keeps hers: B, with nothing unsaved, shows it (her steps), signed Ann.
      await person('Ann');
      await a.click('[data-testid=draft-keep-mine]');
      await waitFor(async () => (await b.locator(emails).count()) === tries, 'window B shows Ann’s steps', TIMEOUT);
      await noticeShown(b, /^Ann saved this funnel: it now shows their version\.$/, 'the notice in window B');
      const stamp = await a.evaluate((i) => window.go.app.Funnels.DraftStamp(i), id);
      if (stamp.by !== 'Ann') throw new Error(`the stored draft is signed ${stamp.by}`);

      // Ann deletes it: B, with nothing unsaved, closes it and says why
      // (rather than bringing it back with its next save).
      await a.evaluate((i) => window.go.app.Funnels.DeleteFlow(i), id);
      id = '';
      await waitFor(async () => (await b.locator('[data-testid=flow-name]').count()) === 0, 'window B closes the deleted funnel', TIMEOUT);
      await noticeShown(b, /^Someone deleted this funnel on the team workspace: it is closed here\.$/, 'the notice in window B');
    } finally {
      await b?.close().catch(() => undefined);
      await person('').catch(() => undefined);
      if (id) await a.evaluate((i) => window.go.app.Funnels.DeleteFlow(i), id).catch(() => undefined);
    }
  });

  t.test('team workspace: at start-up with no keyring, the window opens the last file and asks at once for the team workspace’s password, saying why, in English and in French', async () => {
    if (!pg) throw new Error('the first team workspace test did not run');
    // A window started on its own (no --workspace, no
    // FLIGHTPLAN_WORKSPACE) whose recent list has the team workspace
    // last, a file before it, and no keyring to give the password.
    const team = `postgres://${pg.password_user}@127.0.0.1:${pg.port}/${pg.databases.empty}`;
    const walks = [
      ['en_US.UTF-8', /could not be read: this computer’s keyring .* is locked or not available\. Enter the password again\. Meanwhile, Flightplan opened Local\.$/, 'team-11-asked-at-start'],
      ['fr_CA.UTF-8', /n’a pas pu être lu : le trousseau de cet ordinateur .* verrouillé ou indisponible\. Entrez le mot de passe de nouveau\. En attendant, Flightplan a ouvert Local\.$/, 'team-12-fr-asked-at-start'],
    ];
    for (const [lang, reason, picture] of walks) {
      // A window of its own each time (its language is the system's: a
      // new file has none).
      const dir = mkdtempSync(join(t.tmpdir(), 'start-'));
      const data = join(dir, 'data');
      mkdirSync(join(data, 'flightplan'), { recursive: true });
      const file = join(dir, 'Local.flightplan');
      writeFileSync(file, ''); // an empty file becomes a new workspace
      const now = Date.now();
      writeFileSync(
        join(data, 'flightplan', 'recent.json'),
        JSON.stringify([
          { path: team, opened_at: new Date(now).toISOString() },
          { path: file, opened_at: new Date(now - 60_000).toISOString() },
        ]),
      );
      const be = await t.anotherBackend({ XDG_DATA_HOME: data, FLIGHTPLAN_WORKSPACE: null, LANG: lang });
      const page = await t.page.context().newPage();
      try {
        await page.goto(be.baseURL);
        await page.waitForSelector('[data-testid=team-dialog]', { timeout: TIMEOUT });
        const why = page.locator('[data-testid=team-reason]');
        if ((await why.getAttribute('data-reason')) !== 'missing') throw new Error(`${lang}: reason ${await why.getAttribute('data-reason')}`);
        await expectText(why, reason, `${lang}: why the password is asked at start-up`);
        if ((await page.inputValue('[data-testid=team-database]')) !== pg.databases.empty || (await page.inputValue('[data-testid=team-user]')) !== pg.password_user) {
          throw new Error(`${lang}: the dialog is not filled in with the team workspace last used`);
        }
        const cur = await page.evaluate(() => window.go.app.Workspace.Current());
        if (cur.path !== file) throw new Error(`${lang}: the window started on ${cur.path}, want the last file`);
        await page.screenshot({ path: join(t.root, 'build', 'e2e', `${picture}.png`) });
        if (lang.startsWith('en')) {
          // The password typed opens it.
          await page.fill('[data-testid=team-password]', pg.password);
          await page.click('[data-testid=team-submit]');
          await waitFor(async () => (await page.evaluate(() => window.go.app.Workspace.Current()).catch(() => ({}))).team === true, 'the team workspace opened from the start-up dialog', TIMEOUT);
        }
      } finally {
        await page.close().catch(() => undefined);
        await be.stop();
      }
    }
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
