// The Settings screen's workspace settings against the real engine: every
// setting no other card edits is shown by group in plain words; a contact's
// stage cannot go back and the refusal says where to allow it; once "Let a
// contact's stage go back" is turned on in Settings it goes back; a bad
// value is refused under the setting, in words and without its key, and a
// good one is stored; the screen in French, and a notification raised in
// English that turns French with it.
export default function settings(t) {
  const { test, shot, expectText, TIMEOUT } = t;
  const sel = (id) => `[data-testid="${id}"]`;
  const email = 'settings-e2e@example.com';
  let page;

  const go = async (screen) => {
    await page.click(sel(`nav-${screen}`));
    await page.waitForSelector(sel(`screen-${screen}`), { timeout: TIMEOUT });
  };
  const stored = async (key) => page.evaluate(async (k) => (await window.go.app.SettingsService.List()).find((e) => e.key === k), key);
  const openContact = async () => {
    await go('contacts');
    await page.fill(sel('contacts-search'), email);
    await page.click(`${sel('contact-row')}[data-email="${email}"]`, { timeout: TIMEOUT });
    await page.waitForSelector(sel('contact-profile'), { timeout: TIMEOUT });
  };

  test('settings: every other workspace setting is shown by group, in words', async () => {
    page = t.page;
    await page.goto(t.baseURL);
    await go('settings');
    await page.waitForSelector(sel('settings-group-contacts'), { timeout: TIMEOUT });
    await expectText(page.locator(sel('setting-stage_backwards')), /Let a contact’s stage go back/, 'stage setting label');
    for (const key of ['my_email', 'stage_backwards', 'score_decay', 'http_addr', 'capture_addr', 'public_host', 'tracking_key']) {
      await page.waitForSelector(sel(`setting-${key}`), { timeout: TIMEOUT });
    }
    // Every setting the engine lists is somewhere on the screen, and no key shows.
    const keys = await page.evaluate(async () => (await window.go.app.SettingsService.List()).map((e) => e.key));
    if (keys.length < 17) throw new Error(`the engine lists ${keys.length} settings`);
    const text = await page.locator(sel('screen-settings')).innerText();
    // (Keys that are plain words, like language, may be in a sentence.)
    for (const key of keys) if (key.includes('_') && text.includes(key)) throw new Error(`the key ${key} is on the screen`);
    // Where the engine says a setting is edited ("Settings → Sending rules") is a card of this screen.
    const titles = await page.locator(`${sel('screen-settings')} h2`).allInnerTexts();
    const wheres = await page.evaluate(async () => (await window.go.app.SettingsService.List()).map((e) => e.where.en));
    for (const w of wheres) {
      const card = /^Settings → ([^,]+)/.exec(w)?.[1];
      if (card && !titles.includes(card)) throw new Error(`"${w}" names no card of the screen (${titles.join(', ')})`);
    }
    await expectText(page.locator(sel('setting-score_decay-where')), /Changed in Contacts → Scoring/, 'decay edited in scoring');
    await expectText(page.locator(sel('setting-tracking_key-where')), /Cannot be changed/, 'tracking key read-only');
    if (await page.isChecked(sel('setting-stage_backwards-input'))) throw new Error('stage_backwards is on by default');
    await page.locator(sel('settings-group-contacts')).scrollIntoViewIfNeeded();
    await shot('settings-01-contacts');
  });

  test('settings: a stage goes back only once allowed in Settings → Contacts', async () => {
    const id = await page.evaluate(async (e) => window.go.app.Contacts.AddContact({ email: e, first_name: 'Stella' }, []), email);
    await page.evaluate(async (i) => window.go.app.Contacts.SetContactStage(i, 'customer'), id);
    await openContact();
    await page.selectOption(sel('profile-stage'), 'lead');
    await expectText(page.locator(sel('stage-error')), /stages only move forward\. To allow it, turn on “Let a contact’s stage go back” in Settings → Contacts/, 'refusal names where');
    if ((await page.inputValue(sel('profile-stage'))) !== 'customer') throw new Error('the stage moved back');
    await shot('settings-02-stage-refused');

    await go('settings');
    await page.click(sel('setting-stage_backwards-input'));
    await t.waitFor(async () => (await stored('stage_backwards'))?.value === 'true', 'stage_backwards stored', TIMEOUT);
    await expectText(page.locator(sel('setting-stage_backwards')), /On/, 'switch on');

    await openContact();
    await page.selectOption(sel('profile-stage'), 'lead');
    await t.waitFor(async () => (await page.evaluate(async (i) => (await window.go.app.Contacts.GetContact(i)).stage, id)) === 'lead', 'stage moved back', TIMEOUT);
    if ((await page.locator(sel('stage-error')).count()) !== 0) throw new Error('a refusal is still shown');
    await shot('settings-03-stage-back');
  });

  test('settings: a bad value is refused under the setting, a good one is stored', async () => {
    await go('settings');
    await page.fill(sel('setting-public_host-input'), 'https://shop.example.com');
    await page.click(sel('setting-public_host-save'));
    await expectText(page.locator(sel('setting-public_host-error')), /^Public names of this computer: "https:\/\/shop\.example\.com" is not a host name/, 'refusal in words');
    if ((await stored('public_host'))?.value !== '') throw new Error('a refused value was stored');
    await page.locator(sel('setting-public_host')).scrollIntoViewIfNeeded();
    await shot('settings-04-refused');
    await page.fill(sel('setting-public_host-input'), 'Shop.Example.com');
    await page.click(sel('setting-public_host-save'));
    await page.waitForSelector(sel('setting-public_host-saved'), { timeout: TIMEOUT });
    if ((await stored('public_host'))?.value !== 'shop.example.com') throw new Error(`stored: ${JSON.stringify(await stored('public_host'))}`);
    if ((await page.locator(sel('setting-public_host-error')).count()) !== 0) throw new Error('the refusal stayed');
  });

  test('settings: the workspace settings in French', async () => {
    // A notification raised in English reads in French once the language
    // is switched (it keeps its message, not its sentence).
    // The pointer rests on the toast (so it stays) and the switch is made
    // from the keyboard.
    await page.click(sel('settings-save'));
    const saved = page.locator(sel('toast-success')).last();
    await expectText(saved, /^Settings saved$/, 'toast in English');
    await saved.hover();
    await page.focus(sel('settings-lang-fr'));
    await page.keyboard.press('Enter');
    await expectText(saved, /^Réglages enregistrés$/, 'the same toast in French');
    await shot('settings-05-toast-french');
    await page.mouse.move(0, 0);
    await expectText(page.locator(sel('setting-stage_backwards')), /Permettre à l’étape du cycle d’un contact de reculer/, 'French label');
    await expectText(page.locator(sel('settings-group-engine')), /Serveurs locaux/, 'French group');
    await page.locator(sel('settings-group-contacts')).scrollIntoViewIfNeeded();
    await shot('settings-05-french');
    await page.click(sel('settings-lang-en'));
    await expectText(page.locator('.fp-settings-title'), /Settings/, 'back to English');
    // Put the defaults back for the other groups.
    await page.evaluate(async () => window.go.app.SettingsService.Set({ stage_backwards: '', public_host: '' }));
  });
}
