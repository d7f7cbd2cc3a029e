// The Lua rules screen against the real backend: open a library script,
// break it and see the compile diagnostic at its line (a lint marker in the
// editor), fix it, run the test panel; copy a rule as a starting point, make
// it fail at run time and see the failing line; the Lua reference; a rule
// switched off for running out of memory.
export default function (t) {
  const { test, shot, expectCount, expectText, waitFor, TIMEOUT } = t;
  // A library rule that reads only the contact (the test panel gives no event history).
  const lib = 'free_mail_domain';

  const lineCount = () => t.page.locator('[data-testid=script-code] .cm-content .cm-line').count();

  test('scripts: a syntax error shows at its line as you type, then goes away', async () => {
    const page = t.page;
    await page.goto(t.baseURL);
    await page.click('[data-testid=nav-scripts]');
    await page.waitForSelector('[data-testid=screen-scripts]', { timeout: TIMEOUT });
    await page.click(`[data-testid=script-${lib}]`);
    await page.waitForSelector('[data-testid=library-note]', { timeout: TIMEOUT });
    await expectText(page.locator('[data-testid=script-ok]'), /No problem/, 'the library script compiles');
    await shot('50-script-library');

    // Break it: a line with a syntax error before the final return.
    const before = await lineCount();
    const last = page.locator('[data-testid=script-code] .cm-content .cm-line').nth(before - 1);
    await last.click();
    await page.keyboard.press('Home');
    await page.keyboard.type('local broken = = 1');
    await page.keyboard.press('Enter');
    const line = before; // the new line pushed the return down by one
    const diag = page.locator(`[data-testid=script-diagnostic][data-line="${line}"]`);
    await diag.waitFor({ timeout: TIMEOUT });
    await page.locator('[data-testid=script-code] .cm-lintRange-error').first().waitFor({ timeout: TIMEOUT });
    await page.locator('[data-testid=script-code] .cm-lint-marker-error').first().waitFor({ timeout: TIMEOUT });
    await expectText(page.locator('[data-testid=script-status]'), /Unsaved changes/, 'unsaved mark');
    await shot('51-script-syntax-error');

    // Fix it: undo the typing.
    await page.keyboard.press('Control+z');
    await waitFor(async () => (await lineCount()) === before, 'the line removed by undo', TIMEOUT).catch(async () => {
      throw new Error(`lines after undo: ${await lineCount()} (want ${before})`);
    });
    await expectText(page.locator('[data-testid=script-ok]'), /No problem/, 'diagnostic gone');
    await expectCount('[data-testid=script-code] .cm-lintRange-error', 0, 'lint marker gone');
  });

  test('scripts: the test panel runs the rule and shows the result with its time', async () => {
    const page = t.page;
    await page.waitForSelector('[data-testid=test-panel]', { timeout: TIMEOUT });
    // The sample contact is camille@example.com: not a free-mail address…
    await page.click('[data-testid=test-run]');
    await page.locator('[data-testid=test-result][data-ok=true]').waitFor({ timeout: TIMEOUT });
    await expectText(page.locator('[data-testid=test-result-value]'), /^No$/, 'not free mail');
    // …unless example.com is listed in the rule's parameter.
    await page.fill('[data-testid=test-param-extra_domains]', 'example.org, example.com');
    await page.click('[data-testid=test-run]');
    await expectText(page.locator('[data-testid=test-result-value]'), /^Yes$/, 'listed domain');
    await expectText(page.locator('[data-testid=test-result-took]'), /Ran in [\d,.\s]+ µs/, 'time taken');
    await shot('52-script-test-result');
  });

  test('scripts: copy a rule as a starting point, make it fail at run time, see the line', async () => {
    const page = t.page;
    await page.click('[data-testid=script-copy]');
    await page.fill('[data-testid=copy-name]', 'e2e_rule');
    await page.click('[data-testid=copy-create]');
    await page.waitForSelector('[data-testid=script-e2e_rule][aria-current=true]', { timeout: TIMEOUT });
    await expectCount('[data-testid=library-note]', 0, 'the copy is the workspace’s own');
    const lines = await lineCount();
    // Replace the whole text with a rule that fails on line 3.
    await page.locator('[data-testid=script-code] .cm-content').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await page.keyboard.type('local visits = 0\nprint("visits", visits)\nreturn contact.fields.missing.value > 1\n');
    if (lines <= 1) throw new Error('the copy is empty');
    await expectText(page.locator('[data-testid=script-ok]'), /No problem/, 'it compiles');
    await page.click('[data-testid=test-run]');
    await page.locator('[data-testid=test-result][data-ok=false]').waitFor({ timeout: TIMEOUT });
    await expectText(page.locator('[data-testid=test-result-line]'), /line 3/, 'the failing line');
    await expectText(page.locator('[data-testid=test-result-printed]'), /visits\s+0/, 'printed output');
    await page.locator('[data-testid=script-diagnostic][data-line="3"]').waitFor({ timeout: TIMEOUT });
    await page.locator('[data-testid=script-code] .cm-lintRange-error').first().waitFor({ timeout: TIMEOUT });
    await shot('53-script-runtime-error');
    await page.click('[data-testid=script-save]');
    await expectText(page.locator('[data-testid=script-status]'), /Saved/, 'saved');
    const stored = await page.evaluate(async () => (await window.go.app.Scripts.Scripts()).find((s) => s.name === 'e2e_rule'));
    if (!stored || stored.library || !stored.source.includes('contact.fields.missing')) throw new Error(`stored: ${JSON.stringify(stored)}`);
  });

  test('scripts: the Lua reference is at hand', async () => {
    const page = t.page;
    await page.click('[data-testid=side-reference]');
    const ref = page.locator('[data-testid=script-reference]');
    await expectText(ref.locator('h3').first(), /Flightplan Lua scripts/, 'reference title');
    await ref.locator('a', { hasText: 'Globals' }).first().click();
    await page.waitForTimeout(400);
    await shot('54-script-reference');
    await page.click('[data-testid=side-test]');
  });

  // Issue #16: a rule that runs out of memory fails its steps (the app lives
  // on), and after 5 failures in a row it is switched off with a notice.
  test('scripts: a rule that keeps running out of memory is switched off, says why, and can be switched back on', async () => {
    const page = t.page;
    await page.evaluate(async () => {
      const app = window.go.app;
      // Doubles a string to 1 MiB, then asks for 9 MiB in one concatenation.
      await app.Scripts.SaveScript('e2e_bomb', 'condition', "local s = 'x' for i = 1, 20 do s = s .. s end\nreturn #(s .. s .. s .. s .. s .. s .. s .. s .. s) > 0\n");
      await app.References.CreateList('bomb-list');
      const doc = await app.Funnels.CreateFlow('Bomb rule');
      const f = doc.flow;
      f.nodes = [
        { id: 'start', type: 'trigger.list_joined', config: { list: 'bomb-list' }, position: { x: 0, y: 0 } },
        { id: 'rule', type: 'condition.lua', label: 'Bomb', config: { script: 'e2e_bomb' }, position: { x: 0, y: 180 } },
        { id: 'yes', type: 'exit', position: { x: -150, y: 360 } },
        { id: 'no', type: 'exit', position: { x: 150, y: 360 } },
      ];
      f.edges = [
        { from: 'start', to: 'rule' },
        { from: 'rule', port: 'yes', to: 'yes' },
        { from: 'rule', port: 'no', to: 'no' },
      ];
      await app.Funnels.SaveFlow(f);
      await app.Funnels.PublishFlow(f.id);
      // 5 memory failures switch it off (20 if a very busy machine made it
      // run out of time first).
      for (let i = 0; i < 24; i++) await app.Contacts.AddContact({ email: `bomb${i}@example.com`, first_name: 'Bo' }, ['bomb-list']);
    });
    const offInfo = async () => (await page.evaluate(async () => window.go.app.Scripts.Scripts())).find((s) => s.name === 'e2e_bomb')?.switched_off;
    await waitFor(async () => !!(await offInfo()), 'the rule to be switched off', 30_000);
    const off = await offInfo();
    if (!(off.failures === 5 && /string too long/.test(off.reason)) && !(off.failures === 20 && /deadline/.test(off.reason))) throw new Error(`switched off: ${JSON.stringify(off)}`);

    // Scripts shows it in the list and above the code (opened afresh: the
    // screen loads the list when it opens).
    await page.goto(t.baseURL);
    await page.click('[data-testid=nav-scripts]');
    await page.waitForSelector('[data-testid=screen-scripts]', { timeout: TIMEOUT });
    await page.click('[data-testid=script-e2e_bomb]');
    await expectText(page.locator('[data-testid=script-off-note]'), new RegExp(`switched off after it failed ${off.failures} times in a row`), 'the notice');
    await expectCount('[data-testid=script-e2e_bomb] [data-testid=script-off-badge]', 1, 'the badge in the list');
    await shot('55-script-switched-off');
    await page.click('[data-testid=script-switch-on]');
    await expectCount('[data-testid=script-off-note]', 0, 'the notice gone');
    if (await offInfo()) throw new Error('still switched off after "Switch back on"');
  });
}
