// The welcome sequence built with the keyboard alone (issue #22): in a new
// funnel, a trigger, an email, a wait, a check on whether the email was
// opened and a second email on its Yes branch — 5 steps, 4 links — with
// both emails and the check's email picked through the inspector's
// controls, then saved and published. No mouse event is sent; every key
// press in the open funnel is counted and the total must stay under 60.
// Then the rest of the
// keyboard: a link made by typing a step's name (refused into the start,
// made from the check's No branch), Delete with the keyboard landing on the
// step before, the spoken names of steps and links, and the live region.
// Run in English and in French.

export default function keyboard(t) {
  const { test, shot, expectCount, waitFor, TIMEOUT } = t;
  const sel = (id) => `[data-testid="${id}"]`;
  // Emails with names no other group uses: typing "kb1" finds only the first.
  const emails = [
    { id: 'kb1-welcome', name: 'KB1 welcome' },
    { id: 'kb2-next-week', name: 'KB2 next week' },
  ];
  const words = {
    en: { flow: 'Keyboard e2e', trigger: 'joins', email: 'send', wait: 'wait', waitName: 'wait', check: 'opened', step: /^Step (\d) of (\d+): /, start: 'When' },
    fr: { flow: 'Clavier e2e', trigger: 'rejoint', email: 'envo', wait: 'délai', waitName: 'attendre', check: 'ouvert', step: /^Étape (\d) sur (\d+) : /, start: 'Quand' },
  };
  let page;
  let keys = 0;
  const counts = {};
  const press = async (k) => {
    keys++;
    await page.keyboard.press(k);
  };
  const type = async (s) => {
    keys += [...s].length;
    await page.keyboard.type(s, { delay: 15 });
  };
  // What has the keyboard: a step's spoken name, or the element's test id / id.
  const focused = () =>
    page.evaluate(() => {
      const a = document.activeElement;
      if (!a) return '';
      if (a.classList.contains('react-flow__node')) return `step:${a.getAttribute('aria-label')}`;
      return a.getAttribute('data-testid') || a.id || a.tagName;
    });
  const waitFocus = async (re, what) => {
    await waitFor(async () => re.test(await focused()), what, TIMEOUT).catch(async () => {
      throw new Error(`${what}: the keyboard is on ${await focused()}`);
    });
  };
  // A step that has the keyboard, by what it does (not by a step it comes after, also in its name).
  const own = (text) => new RegExp(`^step:[^:]*: [^,]*${text}`);
  const live = () => page.locator(sel('live-region')).textContent();
  const flowOf = (id) => page.evaluate(async (f) => (await window.go.app.Funnels.GetFlow(f)).flow, id);

  for (const lang of ['en', 'fr']) {
    const w = words[lang];
    const flowId = `${w.flow.toLowerCase().replace(/\s+/g, '-')}-${lang}`;

    test(`keyboard (${lang}): the welcome sequence, keyboard only, in under 60 key presses`, async () => {
      page = t.page;
      await page.goto(t.baseURL);
      await page.waitForSelector(sel('sidebar'), { timeout: TIMEOUT });
      await page.click(sel(`lang-${lang}`));
      // What the funnel needs that is not drawn: its two emails (made once), and the funnel itself, new and empty.
      await page.evaluate(async ([list, id]) => {
        const have = new Set((await window.go.app.Emails.EmailTemplates()).map((e) => e.id));
        for (const e of list) if (!have.has(e.id)) await window.go.app.Emails.SaveEmailTemplate({ ...e, subject: e.name, html: `<p>${e.name}</p>` });
        await window.go.app.Funnels.DeleteFlow(id).catch(() => undefined);
      }, [emails, flowId]);
      const made = await page.evaluate(async (name) => (await window.go.app.Funnels.CreateFlow(name)).info?.id ?? '', `${w.flow} ${lang}`);
      if (made !== flowId) throw new Error(`the new funnel is ${made}, want ${flowId}`);
      await page.goto(t.baseURL);
      // The funnel list may be folded (the room keeps it so, and then it is not in the page).
      await page.waitForSelector(`${sel('canvas')}, ${sel('no-flow')}`, { timeout: TIMEOUT });

      // Open the funnel: the palette opens on an empty one, the keyboard in its search box.
      // The window reopens the funnel it showed last, or the first in the list when that one is gone
      // (after the English pass, its deleted funnel): that may be another group's funnel, empty too,
      // so the funnel is ours only if the title bar names it. Else Enter on it in the list opens it.
      const title = `${w.flow} ${lang}`;
      await waitFor(async () => (await page.inputValue(sel('flow-name'), { timeout: 500 })) !== '', 'a funnel reopened at start-up', TIMEOUT);
      if ((await page.inputValue(sel('flow-name'))) === title) {
        await page.waitForSelector(sel('canvas-empty'), { timeout: TIMEOUT });
      } else {
        if (!(await page.locator(sel(`flow-${flowId}`)).isVisible())) {
          await page.focus('.fp-topbar > button:first-child');
          await press('Enter');
        }
        await page.waitForSelector(sel(`flow-${flowId}`), { timeout: TIMEOUT });
        await page.focus(sel(`flow-${flowId}`));
        await press('Enter');
      }
      await waitFocus(/^palette-search$/, 'the palette’s search box has the keyboard');
      // The count starts in the open funnel: how it was reached (reopened by the window, or
      // from the list, folded or not) depends on what earlier groups left, not on the building.
      keys = 0;
      // 1. The trigger, found by a word of its name; Enter adds it and the keyboard goes to it.
      await type(w.trigger);
      await press('Enter');
      await waitFocus(/^step:/, 'the new trigger has the keyboard');
      // Its list, made in place from the inspector (Enter puts the keyboard in the first field to fill).
      await press('Enter');
      await waitFocus(/-list$/, 'the list field has the keyboard');
      await type('kb');
      await page.locator('[role=listbox] [role=option]').first().waitFor({ timeout: TIMEOUT });
      await press('Enter');
      await shot(`keyboard-${lang}-01-trigger`);
      await press('Escape');
      await waitFocus(/^step:/, 'Esc gives the keyboard back to the step');
      // 2. The first email, after the trigger ("A": the step's only output).
      await press('a');
      await page.locator(sel('add-menu')).waitFor({ timeout: TIMEOUT });
      await type(w.email);
      await press('Enter');
      await waitFocus(/^step:/, 'the new email step has the keyboard');
      await press('Enter');
      await waitFocus(/-template$/, 'the email field has the keyboard');
      await type('kb1');
      await page.locator('[role=listbox] [role=option]').filter({ hasText: emails[0].name }).first().waitFor({ timeout: TIMEOUT });
      await press('Enter');
      await press('Escape');
      await waitFocus(own(emails[0].name), 'back on the email step, named by its email');
      // 3. The wait (its default, one day, is kept).
      await press('a');
      await page.locator(sel('add-menu')).waitFor({ timeout: TIMEOUT });
      await type(w.wait);
      await press('Enter');
      await waitFocus(/^step:/, 'the wait has the keyboard');
      // 4. The check: was the first email opened? Its email step picked from the list.
      await press('a');
      await page.locator(sel('add-menu')).waitFor({ timeout: TIMEOUT });
      await type(w.check);
      await press('Enter');
      await waitFocus(/^step:/, 'the check has the keyboard');
      await press('Enter');
      await waitFocus(/-email_node$/, 'the check’s email field has the keyboard');
      await press('ArrowDown');
      await press('Escape');
      await waitFocus(own(`${emails[0].name}[^,]*\\?`), 'back on the check, which names the email');
      await shot(`keyboard-${lang}-02-check`);
      // 5. The second email on the Yes branch: the check has two outputs, so "A" asks which (Yes comes first).
      await press('a');
      await page.locator(sel('port-chooser')).waitFor({ timeout: TIMEOUT });
      await shot(`keyboard-${lang}-03-which-output`);
      await press('Enter');
      await page.locator(sel('add-menu')).waitFor({ timeout: TIMEOUT });
      await type(w.email);
      await press('Enter');
      await waitFocus(/^step:/, 'the second email step has the keyboard');
      await press('Enter');
      await waitFocus(/-template$/, 'the second email field has the keyboard');
      await type('kb2');
      await page.locator('[role=listbox] [role=option]').filter({ hasText: emails[1].name }).first().waitFor({ timeout: TIMEOUT });
      await press('Enter');
      await press('Escape');
      await waitFocus(own(emails[1].name), 'back on the second email step');
      await press('Control+s');
      counts[lang] = keys;
      console.log(`e2e: keyboard (${lang}): the welcome sequence (5 steps, 4 links, 3 picks) took ${keys} key presses`);
      await shot(`keyboard-${lang}-04-built`);
      if (keys >= 60) throw new Error(`${keys} key presses, want under 60`);

      // What was built: 5 steps, 4 links, the emails and the check's email picked.
      await expectCount('.fp-canvas .react-flow__node-step', 5, 'five steps');
      await expectCount('.fp-canvas .react-flow__edge', 4, 'four links');
      await page.keyboard.press('Control+s'); // saved now, not counted: the building is measured above
      await waitFor(async () => (await flowOf(flowId)).nodes.length === 5 && (await flowOf(flowId)).edges?.length === 4, 'the draft saved with 5 steps and 4 links', TIMEOUT);
      const flow = await flowOf(flowId);
      const byType = (type) => flow.nodes.filter((n) => n.type === type);
      const sends = byType('action.send_email').map((n) => n.config.template).sort();
      if (JSON.stringify(sends) !== JSON.stringify(emails.map((e) => e.id))) throw new Error(`the email steps send ${JSON.stringify(sends)}, want ${JSON.stringify(emails.map((e) => e.id))}`);
      const check = byType('condition.email_engagement')[0];
      const first = byType('action.send_email').find((n) => n.config.template === emails[0].id);
      if (!check || check.config.email_node !== first.id) throw new Error(`the check looks at ${check?.config.email_node}, want the first email step ${first.id}`);
      const trigger = byType('trigger.list_joined')[0];
      if (!trigger?.config.list) throw new Error('the trigger has no list');
      const yes = flow.edges.find((e) => e.from === check.id);
      if (!yes || yes.port !== 'yes') throw new Error(`the check's link leaves from ${yes?.port}, want yes`);

      // Every step and link is named in words, with its place; no id is read out.
      const names = await page.$$eval('.fp-canvas .react-flow__node-step', (els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
      for (const n of names) {
        const m = w.step.exec(n);
        if (!m || m[2] !== '5') throw new Error(`a step is named “${n}”`);
        if (/email-\d|wait-\d|list-joined|kb1-welcome/.test(n)) throw new Error(`a step's name reads an id: “${n}”`);
      }
      const links = await page.$$eval('.fp-canvas .react-flow__edge', (els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
      const branch = lang === 'en' ? /^From .+ to .*KB2 next week.*, branch Yes$/ : /^De .+ à .*KB2 next week.*, branche Oui$/;
      if (!links.some((l) => branch.test(l))) throw new Error(`no link reads like ${branch}: ${JSON.stringify(links)}`);
      for (const l of links) if (/Edge from|email-\d/.test(l)) throw new Error(`a link is named “${l}”`);
      // One Tab stop for the whole canvas.
      await expectCount('.fp-canvas .react-flow__node[tabindex="0"]', 1, 'one step takes Tab');
    });

    test(`keyboard (${lang}): link by name (refused into the start, then from No), Delete, arrows, publish`, async () => {
      // The keyboard is on the second email: up goes to the check, down comes back.
      await press('ArrowUp');
      await waitFocus(own(`${emails[0].name}[^,]*\\?`), 'up: the check');
      await press('ArrowDown');
      await waitFocus(own(emails[1].name), 'down: the second email');
      // L from the last email into the trigger: refused, and why is said in the dialog.
      await press('l');
      await page.locator(sel('link-picker')).waitFor({ timeout: TIMEOUT });
      await type(w.start);
      await page.locator('[role=listbox] [role=option]').first().waitFor({ timeout: TIMEOUT });
      await press('Enter');
      await page.locator(sel('link-error')).waitFor({ timeout: TIMEOUT });
      await shot(`keyboard-${lang}-05-link-refused`);
      await press('Escape');
      await expectCount(sel('link-picker'), 0, 'the link picker closed');
      await waitFocus(own(emails[1].name), 'the keyboard back on the step the link started from');
      // From the check's No branch back to the wait (who did not open it waits another day; an output left
      // open cannot be published): a link made by typing the wait's name.
      await press('ArrowUp');
      await waitFocus(own(`${emails[0].name}[^,]*\\?`), 'up: the check again');
      await press('l');
      await page.locator(sel('port-chooser')).waitFor({ timeout: TIMEOUT });
      await press('ArrowRight');
      await press('Enter');
      await page.locator(sel('link-picker')).waitFor({ timeout: TIMEOUT });
      await type(w.waitName);
      await page.locator('[role=listbox] [role=option]').first().waitFor({ timeout: TIMEOUT });
      await press('Enter');
      await expectCount('.fp-canvas .react-flow__edge', 5, 'the No link made');
      const no = lang === 'en' ? /, branch No$/ : /, branche Non$/;
      const links = await page.$$eval('.fp-canvas .react-flow__edge', (els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
      if (!links.some((l) => no.test(l))) throw new Error(`no link from No: ${JSON.stringify(links)}`);
      // The live region speaks once the link is drawn, not always in the same frame.
      await waitFor(async () => no.test((await live()) ?? ''), 'the No link announced', TIMEOUT).catch(async () => {
        throw new Error(`the live region says “${await live()}”`);
      });
      // Delete on the second email: gone, said, and the keyboard on the step before it.
      await press('ArrowDown');
      await waitFocus(own(emails[1].name), 'on the second email');
      await press('Delete');
      await expectCount('.fp-canvas .react-flow__node-step', 4, 'the step deleted');
      await waitFocus(own(`${emails[0].name}[^,]*\\?`), 'the keyboard on the step before the deleted one');
      await waitFor(async () => /KB2 next week/.test((await live()) ?? ''), 'the removal announced', TIMEOUT);
      await press('Control+z');
      await expectCount('.fp-canvas .react-flow__node-step', 5, 'the step back');
      await expectCount('.fp-canvas .react-flow__edge', 5, 'its link back');
      // Publish: Tab from the canvas goes round to the Publish button; the keyboard stays there after.
      await press('End');
      await waitFocus(/^step:/, 'End: the last step');
      await press('Control+s');
      let tabs = 0;
      const seen = [];
      while ((await focused()) !== 'publish' && tabs < 40) {
        await press('Tab');
        seen.push(await focused());
        tabs++;
      }
      if ((await focused()) !== 'publish') throw new Error(`Tab never reached Publish: ${seen.join(' → ')}`);
      await press('Enter');
      await t.expectText(page.locator(sel('live-status')), /1/, 'published, version 1');
      await waitFocus(/^publish$/, 'the keyboard back on Publish after publishing');
      console.log(`e2e: keyboard (${lang}): publish reached with ${tabs} Tab from the canvas`);
      await shot(`keyboard-${lang}-06-published`);
      await page.evaluate(async (id) => window.go.app.Funnels.DeleteFlow(id), flowId);
    });
  }

  test('keyboard: the counts', async () => {
    // The next groups start in English.
    await page.click(sel('lang-en'));
    console.log(`e2e: keyboard: key presses for the welcome sequence: ${Object.entries(counts).map(([l, n]) => `${l} ${n}`).join(', ')} (limit 60)`);
  });
}
