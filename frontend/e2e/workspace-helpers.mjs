// What the workspace groups (specs/workspaces.mjs, specs/teamworkspace.mjs)
// share: the open workspace, the workspace actions of the funnel list, and
// tests that go back to the suite's workspace when they end, whatever
// happened, so the groups after them find theirs.

/** workspaceHelpers returns the helpers of one group, which keeps its own note of the suite's workspace (home). */
export function workspaceHelpers(t) {
  let home = '';

  /** current describes the open workspace (Workspace.Current); asked while the page reloads on another workspace, it asks again once the page is back. */
  const current = async () => {
    for (let tries = 1; ; tries++) {
      try {
        await t.page.waitForFunction(() => !!window.go?.app?.Workspace, null, { timeout: t.TIMEOUT });
        return await t.page.evaluate(() => window.go.app.Workspace.Current());
      } catch (err) {
        if (tries >= 5 || !/context was destroyed|navigation|reading 'app'/i.test(String(err))) throw err;
        await t.page.waitForLoadState('load').catch(() => undefined);
      }
    }
  };

  /** noteHome remembers the open workspace as the suite's, for goHome. */
  const noteHome = async () => {
    home = (await current()).path;
    return home;
  };

  /** goHome reopens the suite's workspace whatever state the page is in (a dialog open, another workspace). */
  const goHome = async () => {
    const page = t.page;
    await page.keyboard.press('Escape').catch(() => undefined);
    if (home) {
      const cur = await current().catch(() => null);
      if (cur && cur.path !== home) await page.evaluate((p) => window.go.app.Workspace.Open(p), home);
    }
    await page.goto(t.baseURL);
    await page.waitForSelector('[data-testid=nav-funnels]', { timeout: t.TIMEOUT });
  };

  /** withHome registers a test that goes back to the suite's workspace when it ends. */
  const withHome = (name, fn) =>
    t.test(name, async () => {
      try {
        await fn();
      } finally {
        await goHome();
      }
    });

  /** hub opens the workspace actions from the funnel list (unfolding it when folded). */
  const hub = async () => {
    const page = t.page;
    if ((await page.locator('[data-testid=workspace-hub]').count()) === 0) await page.click('.fp-topbar .fp-icon-btn');
    await page.click('[data-testid=workspace-hub]');
    await page.waitForSelector('[data-testid=workspace-hub-dialog]');
  };

  return { current, noteHome, home: () => home, goHome, withHome, hub };
}
