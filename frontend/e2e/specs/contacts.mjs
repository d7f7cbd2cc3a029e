// End-to-end scenarios of the Contacts screen against the real engine:
// import a Windows-1252 CSV (accents, a bad email, an empty line, a
// duplicate, QC / Quebec / Québec spellings), read the result and download
// the rejected rows, find the contacts in the table, open a profile and its
// timeline, move a stage, build a segment "Region is QC" and see its live
// count, then scoring and fields.
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function contacts(t) {
  const fixture = join(t.root, 'frontend', 'e2e', 'fixtures', 'contacts.csv');
  const sel = (id) => `[data-testid="${id}"]`;
  let page;

  const text = async (id) => ((await t.page.locator(sel(id)).first().textContent()) ?? '').trim();

  t.test('contacts: the screen opens with its tabs and an empty base', async () => {
    page = t.page;
    await page.goto(t.baseURL);
    await page.click(sel('nav-contacts'));
    await page.waitForSelector(sel('screen-contacts'));
    for (const tab of ['people', 'import', 'segments', 'fields', 'scoring']) await page.waitForSelector(sel(`contacts-tab-${tab}`));
    // Other groups may run first and add contacts: the empty state is only checked when the base is empty.
    await page.waitForSelector(`${sel('contacts-empty')}, ${sel('contacts-table')}`);
    await t.shot('contacts-00-start');
  });

  t.test('contacts: import a Latin-1 CSV, see the mapping with accents intact', async () => {
    await page.click(sel('contacts-tab-import'));
    await page.setInputFiles(sel('import-file'), fixture);
    await page.waitForSelector(sel('mapping-table'));
    await t.expectText(page.locator(sel('import-facts')), /6 rows · separated by semicolons · encoding windows-1252/, 'file facts');
    // The header "Prénom" and the sample "Émilie" survive the trip as bytes.
    await t.expectText(page.locator(sel('mapping-row-1')), /Prénom.*Émilie/, 'accented header and sample');
    const mapped = await page.$$eval('select[data-testid^="mapping-"]', (els) => els.map((e) => e.value));
    if (JSON.stringify(mapped) !== JSON.stringify(['email', 'first_name', 'last_name', 'company', 'country', 'region', 'tags'])) {
      throw new Error(`mapping: ${JSON.stringify(mapped)}`);
    }
    await page.fill(sel('import-list'), 'salon-2024');
    await t.shot('contacts-01-mapping');
  });

  t.test('contacts: the import accounts for every line, and lists the rejected one', async () => {
    await page.click(sel('import-start'));
    await page.waitForSelector(sel('import-result'), { timeout: 30_000 });
    const counts = {};
    for (const k of ['created', 'updated', 'unchanged', 'skipped', 'merged', 'rejects', 'empty_lines']) {
      counts[k] = Number((await text(`result-${k}`)).match(/^[\d,]+/)?.[0].replace(/,/g, ''));
    }
    const want = { created: 4, updated: 0, unchanged: 0, skipped: 1, merged: 0, rejects: 1, empty_lines: 1 };
    if (JSON.stringify(counts) !== JSON.stringify(want)) throw new Error(`result counts ${JSON.stringify(counts)}`);
    const reject = page.locator(sel('reject-row'));
    await t.expectCount(sel('reject-row'), 1, 'rejected rows');
    if ((await reject.getAttribute('data-line')) !== '5') throw new Error(`rejected line ${await reject.getAttribute('data-line')}`);
    await t.expectText(reject, /not-an-email/, 'rejected row values');
    await t.shot('contacts-02-result');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click(sel('download-rejects'))]);
    if (download.suggestedFilename() !== 'contacts-rejected.csv') throw new Error(`download name ${download.suggestedFilename()}`);
    const path = await download.path();
    const csv = readFileSync(path, 'utf8');
    if (!/not-an-email/.test(csv) || !/5/.test(csv)) throw new Error(`rejects file: ${csv}`);
  });

  t.test('contacts: the table shows the new contacts; search narrows it', async () => {
    await page.click(sel('import-see-contacts'));
    await page.waitForSelector('[data-testid="contact-row"][data-email="julie.roy@example.ca"]');
    // Everyone imported joined the list chosen in the options.
    await page.selectOption(sel('filter-list'), 'salon-2024');
    await t.expectText(page.locator(sel('contacts-total')), /^4 contacts$/, 'total in the list');
    await t.expectCount(sel('contact-row'), 4, 'rows');
    await page.fill(sel('contacts-search'), 'tremblay');
    await t.expectText(page.locator(sel('contacts-total')), /^1 contact$/, 'total after search');
    await t.expectCount(sel('contact-row'), 1, 'rows after search');
    await t.shot('contacts-03-search');
    await page.fill(sel('contacts-search'), '');
    await t.expectCount(sel('contact-row'), 4, 'rows after clearing the search');
    await page.selectOption(sel('filter-tag'), 'vip');
    await t.expectText(page.locator(sel('contacts-total')), /^1 contact$/, 'one vip');
    await page.selectOption(sel('filter-tag'), '');
    await t.expectText(page.locator(sel('contacts-total')), /^4 contacts$/, 'tag filter off');
  });

  t.test('contacts: a profile shows fields, lists, tags and the timeline; stages only move forward', async () => {
    await page.click('[data-testid="contact-row"][data-email="emilie.tremblay@example.ca"]');
    await page.waitForSelector(sel('contact-profile'));
    await t.expectText(page.locator(sel('profile-name')), /^Émilie Tremblay$/, 'name with its accent');
    await t.expectText(page.locator(sel('contact-profile')), /Québec/, 'region as Québec');
    await t.expectText(page.locator(sel('contact-profile')), /salon-2024/, 'list');
    await page.waitForSelector(sel('timeline-item'));
    await t.expectText(page.locator(sel('timeline')), /Added to the base/, 'creation in the timeline');
    await t.expectText(page.locator(sel('timeline')), /Joined a list/, 'list in the timeline');
    await page.selectOption(sel('profile-stage'), 'customer');
    await t.expectText(page.locator(sel('timeline')), /Stage changed/, 'stage change in the timeline');
    await page.selectOption(sel('profile-stage'), 'lead');
    await t.expectText(page.locator(sel('stage-error')), /Cannot move back from “Customer” to “Lead”/, 'backward stage refused');
    const value = await page.inputValue(sel('profile-stage'));
    if (value !== 'customer') throw new Error(`stage shows ${value}`);
    await t.shot('contacts-04-profile');
  });

  t.test('contacts: add a contact by hand; a bad email is refused with the reason', async () => {
    await page.click(sel('add-contact'));
    await page.fill(sel('add-email'), 'zoe.bouchard');
    await page.fill(sel('add-first_name'), 'Zoé');
    // The browser's own email check would stop the form: the engine's message is the one to see.
    await page.$eval(sel('add-contact-dialog'), (f) => f.setAttribute('novalidate', ''));
    await page.click(sel('add-save'));
    await t.expectText(page.locator(sel('add-error')), /email/, 'refusal');
    await page.fill(sel('add-email'), 'zoe.bouchard@example.ca');
    await page.click(sel('add-save'));
    await t.expectText(page.locator(sel('profile-name')), /^Zoé$/, 'new contact opened');
    await t.expectText(page.locator(sel('timeline')), /Added to the base/, 'sign-up in the timeline');
    await t.shot('contacts-04b-added');
  });

  t.test('contacts: a segment "Region is QC" counts the three Québec contacts live', async () => {
    await page.click(sel('contacts-tab-segments'));
    await page.click(sel('new-segment'));
    await page.fill(sel('segment-name'), 'Québec');
    await page.selectOption(sel('add-rule'), 'field');
    await page.selectOption(`${sel('rule')} ${sel('rule-field')}`, 'region');
    await page.fill(`${sel('rule')} ${sel('rule-value')}`, 'QC');
    await t.expectText(page.locator(sel('segment-live-count')), /^3$/, 'live count');
    await t.expectCount(`${sel('segment-preview')} li`, 3, 'preview');
    // A rule the engine refuses shows its reason next to it.
    await page.selectOption(sel('add-rule'), 'score');
    await page.fill(`${sel('rule')}[data-kind="score"] ${sel('rule-value')}`, '');
    await t.expectText(page.locator(`${sel('rule')}[data-kind="score"] ${sel('rule-error')}`), /Fill in a value to compare with/, 'error next to the rule');
    await t.shot('contacts-05-segment-error');
    await page.click(`${sel('rule')}[data-kind="score"] ${sel('remove-rule')}`);
    await t.expectText(page.locator(sel('segment-live-count')), /^3$/, 'live count again');
    await page.click(sel('segment-save'));
    await t.expectText(page.locator(sel('segment-count-quebec')), /^3$/, 'saved segment count');
    await t.shot('contacts-06-segment');
    await page.click(sel('segment-show-contacts'));
    await t.expectText(page.locator(sel('contacts-total')), /^3 contacts$/, 'table filtered by the segment');
    await page.click(sel('clear-filters'));
    await page.selectOption(sel('filter-list'), 'salon-2024');
  });

  t.test('contacts: a custom field and a scoring rule that rescores everyone', async () => {
    await page.click(sel('contacts-tab-fields'));
    await page.click(sel('new-field'));
    await page.fill(sel('field-label'), 'Customer number');
    await page.selectOption(sel('field-type'), 'number');
    await page.click(sel('field-save'));
    await page.waitForSelector(sel('field-row-customer_number'));
    await page.waitForSelector(sel('field-row-region'));
    await t.shot('contacts-07-fields');

    await page.click(sel('contacts-tab-scoring'));
    await page.click(sel('add-score-rule'));
    await page.fill(sel('score-rule-name'), 'Joined a list');
    await page.selectOption(sel('score-rule-event'), 'list_joined');
    await page.fill(sel('score-rule-points'), '40');
    await page.click(sel('scoring-save'));
    await t.expectText(page.locator(sel('scoring-result')), /Scores recomputed for \d+ contacts: [1-9]\d* changed, [1-9]\d* changed temperature/, 'rescore result');
    await t.shot('contacts-08-scoring');
    await page.click(sel('contacts-tab-people'));
    await page.waitForSelector(`${sel('contact-row')} ${sel('temp-warm')}`);
  });

  t.test('contacts: the screen is in French', async () => {
    await page.click(sel('lang-fr'));
    await t.expectText(page.locator(sel('contacts-tab-people')), /^Personnes$/, 'tab in French');
    await t.expectText(page.locator(sel('contacts-total')), /^4 contacts$/, 'total in French');
    await page.click('[data-testid="contact-row"][data-email="julie.roy@example.ca"]');
    await t.expectText(page.locator(sel('timeline')), /Ajouté à la base/, 'timeline in French');
    await t.shot('contacts-09-french');
    await page.click(sel('contacts-tab-import'));
    await page.click(sel('import-again'));
    await t.shot('contacts-10-import-french');
    // A dry run (nothing written, nothing to clean up) of a file whose dates
    // start with the year, where a known contact's last name differs: the
    // note names the value kept and the one set aside, in French.
    const again = join(tmpdir(), 'fp-e2e-conflict.csv');
    // Its last two rows are one new contact twice: merged, said in French.
    writeFileSync(again, 'email,last_name,birth_date\nemilie.tremblay@example.ca,Autre,1990-12-31\nnouveau@example.ca,Un,\nNOUVEAU@example.ca,Deux,\n');
    await page.setInputFiles(sel('import-file'), again);
    await page.waitForSelector(sel('mapping-table'));
    await page.click('.fp-ct-more > summary');
    await page.selectOption('.fp-ct-more select', 'ymd');
    await page.click(sel('policy-fill'));
    await page.check(sel('import-dry-run'));
    await page.click(sel('import-start'));
    await page.waitForSelector(sel('import-result'), { timeout: 30_000 });
    await t.expectText(page.locator(sel('import-conflict')).first(), /^Nom : « Tremblay » gardé, « Autre » écarté$/, 'conflict note in French');
    // Why each row was merged or kept as it was: in French, not the engine's English.
    await t.expectCount(sel('import-note'), 2, 'a note on the known contact and on the merged row');
    const notes = (await page.locator(sel('import-note')).allInnerTexts()).join(' | ');
    if (!/Déjà dans vos contacts avec d’autres valeurs : les valeurs connues restent/.test(notes) || !/Même adresse courriel que la ligne 3 : fusionnée avec elle/.test(notes) || /merged|already|policy/i.test(notes)) {
      throw new Error(`the import's notes in French: ${notes}`);
    }
    await t.shot('contacts-11-conflict-french');
    await page.click(sel('import-again'));
    await page.click(sel('lang-en'));
    await t.expectText(page.locator(sel('contacts-tab-people')), /^People$/, 'back to English');
  });
}
