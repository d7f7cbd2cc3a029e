// Accessibility audit with axe-core (issue #22): every main screen and the
// main dialogs, in English and in French, against WCAG 2.1 A/AA and axe's
// best practices. Critical and serious violations fail the run; moderate and
// minor ones are printed as a list so they stay visible. Dialogs are also
// checked for focus: it goes inside on open, stays inside on Tab, and comes
// back to the button that opened them on close. Icon-only buttons without a
// label count as serious; the layout is checked at 200 % zoom and at
// 1024×768. The app has one theme (light): its contrast is what axe checks.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

export default function a11y(t) {
  const { test, shot, TIMEOUT } = t;
  const sel = (id) => `[data-testid="${id}"]`;
  let page;
  /** every violation found, by screen: { where, id, impact, help, nodes } */
  const found = [];

  const go = async (screen) => {
    await page.click(sel(`nav-${screen}`));
    await page.waitForSelector(sel(`screen-${screen}`), { timeout: TIMEOUT });
  };

  /** scan runs axe on the page as it is and records what it finds under where. */
  const scan = async (where) => {
    if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE });
    // Animations and transitions finish before the scan, so colours are the final ones.
    await page.waitForTimeout(250);
    const res = await page.evaluate(async () =>
      window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
        resultTypes: ['violations'],
      }),
    );
    // Every button says what it does: an icon alone needs a label (issue #22).
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('button, [role=button], a[href]')]
        .filter((b) => b.getClientRects().length > 0 && !b.closest('[aria-hidden=true]'))
        .filter((b) => !b.textContent.trim() && !b.getAttribute('aria-label')?.trim() && !b.getAttribute('aria-labelledby'))
        .map((b) => b.outerHTML.slice(0, 120)),
    );
    if (unnamed.length) found.push({ where, id: 'icon-button-unlabelled', impact: 'serious', help: 'An icon-only button has no aria-label', nodes: unnamed });
    for (const v of res.violations) {
      found.push({
        where,
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => `${n.target.join(' ')}${n.any?.[0]?.message ? ` (${n.any[0].message})` : ''}`),
      });
    }
    await shot(`a11y-${where.replace(/[^a-z0-9]+/gi, '-')}`);
  };

  /**
   * dialogFocus opens a dialog with the button `opener`, checks focus went
   * inside it, that Tab and Shift+Tab never leave it, and (after `scanAs`
   * scanned it) that Escape closes it and puts focus back on the opener.
   */
  const dialogFocus = async (opener, dialog, scanAs) => {
    await page.focus(opener);
    await page.keyboard.press('Enter');
    await page.waitForSelector(dialog, { timeout: TIMEOUT });
    await t.waitFor(() => page.evaluate((d) => document.querySelector(d)?.contains(document.activeElement) ?? false, dialog), `focus inside ${dialog} on open`, TIMEOUT);
    for (const key of ['Tab', 'Shift+Tab']) {
      for (let i = 0; i < 25; i++) {
        await page.keyboard.press(key);
        const inside = await page.evaluate((d) => document.querySelector(d)?.contains(document.activeElement) ?? false, dialog);
        if (!inside) throw new Error(`${key} × ${i + 1} left ${dialog} for ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120))}`);
      }
    }
    if (scanAs) await scan(scanAs);
    await page.keyboard.press('Escape');
    await t.waitFor(async () => (await page.locator(dialog).count()) === 0, `${dialog} closed by Escape`, TIMEOUT);
    const back = await page.evaluate((o) => document.activeElement === document.querySelector(o), opener);
    if (!back) throw new Error(`after closing ${dialog}, focus is on ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120))}, not on ${opener}`);
  };

  const email = 'a11y-e2e@example.com';

  for (const lang of ['en', 'fr']) {
    test(`a11y (${lang}): funnels, an open funnel and its dialogs`, async () => {
      page = t.page;
      await page.goto(t.baseURL);
      await page.waitForSelector(sel('sidebar'), { timeout: TIMEOUT });
      await page.click(sel(`lang-${lang}`));
      // The Funnels screen shows its empty state, or the funnel a group before left open
      // (it has no screen-funnels mark: waiting for one, or for the empty state alone, cost 20 s each).
      await page.click(sel('nav-funnels'));
      await page.waitForSelector(`${sel('no-flow')}, ${sel('canvas')}`, { timeout: TIMEOUT });
      await scan(`${lang} funnels`);
      await dialogFocus(sel('new-flow'), sel('new-funnel-dialog'), `${lang} new funnel dialog`);
      if (lang === 'en') {
        await page.evaluate(async () => window.go.app.Funnels.CreateFlow('A11y check'));
      }
      await page.goto(t.baseURL);
      await page.waitForSelector(sel('flow-a11y-check'), { timeout: TIMEOUT });
      await page.click(sel('flow-a11y-check'));
      await page.waitForSelector(sel('canvas'), { timeout: TIMEOUT });
      await scan(`${lang} funnel open`);
      // Every dialog of the funnel screen gives the keyboard back to what opened it.
      await dialogFocus(sel('open-shortcuts'), sel('shortcut-help'), `${lang} shortcut help`);
      await dialogFocus(sel('open-map'), sel('flows-map'), lang === 'en' ? 'en map of funnels' : undefined);
      await page.focus(sel('skip-canvas'));
      const skip = await page.evaluate(() => getComputedStyle(document.activeElement).transform);
      if (skip !== 'none') throw new Error(`the skip link is not shown when it has the keyboard (transform ${skip})`);
      // The confirmation before deleting a funnel (cancelled by Escape).
      await page.hover(sel('flow-a11y-check'));
      await dialogFocus(sel('delete-flow-a11y-check'), '[role=alertdialog]', `${lang} confirm delete dialog`);
    });

    test(`a11y (${lang}): contacts, import, a profile`, async () => {
      if (lang === 'en') await page.evaluate(async (e) => window.go.app.Contacts.AddContact({ email: e, first_name: 'Ada' }, []), email);
      await go('contacts');
      await page.waitForSelector(`${sel('contact-row')}[data-email="${email}"]`, { timeout: TIMEOUT });
      await scan(`${lang} contacts`);
      await page.click(sel('contacts-tab-import'));
      await page.waitForSelector(sel('import-file'), { state: 'attached', timeout: TIMEOUT });
      await scan(`${lang} contacts import`);
      await page.click(sel('contacts-tab-people')).catch(() => undefined);
      await page.click(`${sel('contact-row')}[data-email="${email}"]`, { timeout: TIMEOUT });
      await page.waitForSelector(sel('contact-profile'), { timeout: TIMEOUT });
      await scan(`${lang} contact profile`);
    });

    test(`a11y (${lang}): emails, the email editor, mailbox, scripts, simulation, settings`, async () => {
      await go('emails');
      await scan(`${lang} emails`);
      if (lang === 'en') {
        await page.click(sel('new-email'));
        await page.fill(sel('new-email-name'), 'A11y mail');
        await page.click(sel('new-email-create'));
        // Focus goes to the new email's subject, not to the page body.
        await t.waitFor(() => page.evaluate(() => document.activeElement?.id === 'fp-email-subject'), 'focus on the new email’s subject', TIMEOUT).catch(async () => {
          throw new Error(`after creating an email, focus is on ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120))}`);
        });
      } else {
        await page.click(`${sel('email-a11y-mail')}`);
      }
      await page.waitForSelector(sel('block-editor'), { timeout: TIMEOUT });
      await scan(`${lang} email editor`);
      await go('mailbox');
      await scan(`${lang} mailbox`);
      await go('scripts');
      await scan(`${lang} scripts`);
      await go('simulate');
      await scan(`${lang} simulation`);
      await go('settings');
      await scan(`${lang} settings`);
      await page.click(sel('lang-en'));
    });
  }

  // 200 % zoom: the window's 1280×800 is 640×400 CSS pixels. Every screen
  // stays usable (looked at in the screenshots), the canvas keeps a usable
  // size, and the print preview, taller than the window, scrolls by keyboard.
  test('a11y: at 200 % zoom the screens stay usable and the print preview scrolls by keyboard', async () => {
    await page.setViewportSize({ width: 640, height: 400 });
    try {
      await page.goto(t.baseURL);
      // The window reopens the funnel it showed last.
      await page.waitForSelector(sel('canvas'), { timeout: TIMEOUT });
      await page.waitForTimeout(300);
      const box = await page.locator(sel('canvas')).boundingBox();
      await shot('a11y-zoom200-funnel');
      if (!box || box.width < 200 || box.height < 150) throw new Error(`at 200 % the canvas is ${box ? `${Math.round(box.width)}×${Math.round(box.height)}` : 'gone'}, under 200×150`);
      await page.click(sel('export-menu'));
      await page.click(sel('export-print'));
      await page.waitForSelector(sel('print-view'), { timeout: TIMEOUT });
      const body = page.locator(`${sel('print-view')} .fp-modal-body`);
      await t.waitFor(async () => (await body.getAttribute('tabindex')) === '0', 'the print preview takes focus to scroll', TIMEOUT);
      await body.focus();
      await page.keyboard.press('PageDown');
      await t.waitFor(async () => (await body.evaluate((el) => el.scrollTop)) > 0, 'the print preview scrolled by PageDown', TIMEOUT);
      await shot('a11y-zoom200-print');
      await page.keyboard.press('Escape');
      for (const screen of ['contacts', 'emails', 'mailbox', 'scripts', 'simulate', 'settings']) {
        await go(screen);
        await page.waitForTimeout(300);
        // Nothing wider than the window: a page scrolled sideways hides its controls.
        const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        await shot(`a11y-zoom200-${screen}`);
        if (wide > 0) console.log(`e2e: a11y: at 200 % the ${screen} screen is ${wide}px wider than the window`);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  // 1024×768, a small laptop: the canvas keeps a usable width with the
  // palette and the drawer open, and no screen is wider than the window.
  test('a11y: at 1024×768 the canvas keeps a usable width and every screen fits', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    try {
      await page.goto(t.baseURL);
      await page.waitForSelector(sel('canvas'), { timeout: TIMEOUT });
      await page.click(sel('tab-settings'));
      await page.waitForSelector(sel('drawer'), { timeout: TIMEOUT });
      if ((await page.locator(sel('palette')).count()) > 0) await page.click(sel('palette-close'));
      await page.waitForTimeout(300);
      const box = await page.locator(sel('canvas')).boundingBox();
      if (!box || box.width < 320 || box.height < 300) throw new Error(`at 1024×768 with the funnel list and the drawer open the canvas is ${box ? `${Math.round(box.width)}×${Math.round(box.height)}` : 'gone'}, under 320×300`);
      await shot('a11y-1024-funnel');
      // With the palette open too, the canvas is narrow: listed, for the room's folding to take on.
      await page.click(sel('open-palette'));
      await page.waitForTimeout(300);
      const all = await page.locator(sel('canvas')).boundingBox();
      console.log(`e2e: a11y: at 1024×768 the canvas is ${Math.round(box.width)} px wide with the list and the drawer, ${Math.round(all?.width ?? 0)} px with the palette too`);
      await shot('a11y-1024-funnel-palette');
      await page.click(sel('palette-close'));
      for (const screen of ['contacts', 'emails', 'mailbox', 'scripts', 'simulate', 'settings']) {
        await go(screen);
        await page.waitForTimeout(200);
        const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (wide > 0) throw new Error(`at 1024×768 the ${screen} screen is ${wide}px wider than the window`);
      }
      await shot('a11y-1024-settings');
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  test('a11y: no critical or serious violation anywhere (the rest listed)', async () => {
    const bad = found.filter((v) => v.impact === 'critical' || v.impact === 'serious');
    const rest = found.filter((v) => !bad.includes(v));
    const line = (v) => `  [${v.impact}] ${v.where}: ${v.id} — ${v.help} (${v.nodes.length}): ${v.nodes.slice(0, 4).join('; ')}`;
    console.log(`e2e: a11y: ${found.length} violations on ${new Set(found.map((v) => v.where)).size} screens; ${rest.length} moderate or minor:${rest.map((v) => `\n${line(v)}`).join('')}`);
    if (bad.length) throw new Error(`${bad.length} critical or serious violations:\n${bad.map(line).join('\n')}`);
  });

  // Left as found: the funnel, the email and the contact this group made are deleted.
  test('a11y: the funnel, the email and the contact it made are deleted', async () => {
    const left = await page.evaluate(async (email) => {
      const app = window.go.app;
      await app.Funnels.DeleteFlow('a11y-check');
      await app.Emails.DeleteEmailTemplate('a11y-mail');
      const id = await app.Contacts.ContactByEmail(email).catch(() => 0);
      if (id) await app.Contacts.ForgetContact(id);
      const out = [];
      if ((await app.Funnels.ListFlows()).some((f) => f.id === 'a11y-check')) out.push('the “A11y check” funnel');
      if (((await app.Emails.EmailTemplates()) ?? []).some((e) => e.id === 'a11y-mail')) out.push('the “A11y mail” email');
      if (await app.Contacts.ContactByEmail(email).catch(() => 0)) out.push(email);
      return out;
    }, email);
    if (left.length) throw new Error(`still in the workspace: ${left.join(', ')}`);
  });
}
