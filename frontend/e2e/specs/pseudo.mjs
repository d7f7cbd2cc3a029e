// No word on screen outside the dictionary (issue #15). The page opens in
// the pseudo-locale (?lang=pseudo: every dictionary sentence and catalogue
// text wrapped in ⟦…⟧ and ~30 % longer), visits every screen and the main
// dialogs (the Forms screen and Settings → Website included), and fails on any visible text, title, aria-label, placeholder or
// alt that is not inside ⟦…⟧ — a string that reached the screen without
// going through the dictionary. User data is allowed by value (an
// allow-list of exact strings, never of patterns): what the test created,
// and what the workspace holds from the groups before it, read from the
// backend. Then the
// same screens in French at 1280×800: screenshots (build/e2e/fr-screen-*)
// and no clipped label (a button, chip, label, header, ellipsised text or
// an empty field's example whose text is wider than its box).
export default function pseudo(t) {
  const { test, shot, TIMEOUT } = t;
  const sel = (id) => `[data-testid="${id}"]`;
  let page;
  /** the user data this group made: shown as typed, so allowed as is */
  const allow = new Set();
  /** leaks found, by screen */
  const leaks = [];
  /** clipped texts found in French, by screen */
  const clipped = [];
  /**
   * Leaks known and left to other work, listed on every run (not failed):
   * each says what it is and who or what fixes it.
   */
  const KNOWN = [
    { why: 'React Flow names steps and links "node"/"edge" and links by ids (keyboard, #22: names on the canvas)', is: (l) => (l.kind === 'aria-roledescription' && /^(node|edge)$/.test(l.full)) || (l.kind === 'aria-label' && /^Edge from /.test(l.full)) },
  ];
  const made = { welcome: '', steps: '', contact: 0, email: 'pseudo-e2e@example.com', template: 'pseudo-mail', form: 'Pseudo form', site: 'https://pseudo-e2e.example.com' };

  /** showList unfolds the funnel list when the window folded it to give the canvas room. */
  const showList = async () => {
    await page.waitForSelector(sel('nav-funnels'), { timeout: TIMEOUT });
    if (!(await page.locator(sel('sidebar')).isVisible())) await page.click(sel('toggle-sidebar'));
    await page.waitForSelector(sel('sidebar'), { timeout: TIMEOUT });
  };
  const openFlow = async (id) => {
    await showList();
    await page.click(sel(`flow-${id}`));
    await page.locator('.react-flow__node-step').first().waitFor({ timeout: TIMEOUT });
  };

  const go = async (screen) => {
    await page.click(sel(`nav-${screen}`));
    await page.waitForSelector(sel(`screen-${screen}`), { timeout: TIMEOUT });
  };

  /**
   * allowWorkspace adds, by value, the user data the workspace holds when
   * the group runs: in the full suite the groups before this one leave
   * contacts, lists, tags, fields, segments, mail and funnels (with their
   * steps' names) that the screens show
   * as typed. Read from the backend, never guessed: a word of the app's own
   * that is missing from the dictionary still fails.
   */
  const allowWorkspace = async () => {
    const data = await page.evaluate(async () => {
      const app = window.go.app;
      const rows = (await app.Contacts.ListContacts({ search: '', segment: '', list: '', tag: '', stage: '', temperature: '', offset: 0, limit: 100000, sort: '' })).rows ?? [];
      const look = await app.References.GetLookups();
      const fields = await app.Contacts.Fields();
      const segments = await app.Contacts.Segments();
      const mail = await app.Mailbox.Mailbox();
      // The funnels the groups before left: the window may reopen one of them, showing its steps' names as typed.
      const funnels = [];
      for (const f of (await app.Funnels.ListFlows()) ?? []) {
        const doc = (await app.Funnels.GetFlow(f.id).catch(() => null))?.flow;
        if (doc) funnels.push([f.name, doc.description, ...(doc.nodes ?? []).map((n) => n.label)]);
      }
      return { rows, look, fields, segments, mail, funnels };
    });
    const values = [];
    for (const r of data.rows) {
      values.push(r.email, r.first_name, r.last_name, [r.first_name, r.last_name].filter(Boolean).join(' '), r.company, r.country, r.city, r.phone);
      for (const v of Object.values(r.fields ?? {})) if (typeof v === 'string') values.push(v);
    }
    for (const k of ['lists', 'tags', 'segments', 'flows', 'templates', 'scripts']) values.push(...(data.look[k] ?? []));
    for (const f of data.fields ?? []) values.push(f.label, ...(f.options ?? []));
    for (const g of data.segments ?? []) values.push(g.name);
    for (const m of data.mail ?? []) values.push(m.subject, m.to, m.from);
    for (const f of data.funnels ?? []) values.push(...f);
    for (const v of values) if (typeof v === 'string' && v.trim().length > 1) allow.add(v.trim());
  };

  /**
   * scan lists, in the page as it is, every visible text node and every
   * title / aria-label / placeholder / alt with a letter outside ⟦…⟧ once
   * the allowed user data is taken out.
   */
  const scan = async (where, picture = true, settle = 150) => {
    if (settle) await page.waitForTimeout(settle);
    const found = await page.evaluate((allowed) => {
      const byLength = [...allowed].sort((a, b) => b.length - a.length);
      const outside = (s) => {
        let prev;
        do {
          prev = s;
          s = s.replace(/⟦[^⟦⟧]*⟧/g, ' ');
        } while (s !== prev);
        // A wrapped sentence cut by the screen (a slice, a line clamp) keeps one bracket.
        s = s.replace(/^[^⟦]*⟧/, ' ').replace(/⟦[^⟧]*$/, ' ');
        for (const a of byLength) s = s.split(a).join(' ');
        return s;
      };
      const letter = /\p{L}/u;
      const where = (el) => {
        const tagged = el.closest('[data-testid]');
        const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).slice(0, 2).join('.')}` : '';
        return `${tagged ? `[${tagged.getAttribute('data-testid')}] ` : ''}${el.tagName.toLowerCase()}${cls}`;
      };
      // Verbatim text (code, keys and addresses as files write them) and user content are not sentences.
      const skip = (el) => el.closest('script, style, noscript, textarea, iframe, .cm-editor, code, pre, kbd, samp, [data-verbatim], [data-user-content]');
      const out = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || skip(el)) continue;
        const text = n.data.trim();
        if (!text || !letter.test(text)) continue;
        const inSelect = el.closest('select');
        if (!inSelect && !(el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) && el.getClientRects().length)) continue;
        // The whole text of the element, so a sentence split in several nodes reads as one.
        const whole = (el.textContent ?? '').trim();
        const left = outside(whole).trim();
        if (letter.test(left)) out.push({ kind: 'text', text: left.slice(0, 80), full: whole.slice(0, 120), at: where(el) });
      }
      for (const el of document.body.querySelectorAll('[title], [aria-label], [placeholder], [alt], [aria-roledescription], [aria-valuetext]')) {
        if (skip(el)) continue;
        for (const attr of ['title', 'aria-label', 'placeholder', 'alt', 'aria-roledescription', 'aria-valuetext']) {
          const v = el.getAttribute(attr);
          if (!v || !letter.test(v)) continue;
          const left = outside(v).trim();
          if (letter.test(left)) out.push({ kind: attr, text: left.slice(0, 80), full: v.slice(0, 120), at: where(el) });
        }
      }
      return out;
    }, [...allow]);
    // One line per leaked text, wherever it shows again.
    for (const f of found) {
      const key = `${f.kind}|${f.text}`;
      const had = leaks.find((l) => l.key === key);
      if (had) had.times++;
      else leaks.push({ key, where, times: 1, ...f });
    }
    if (picture) await shot(`pseudo-${where.replace(/[^a-z0-9]+/gi, '-')}`);
  };

  /**
   * clips lists the labels whose text is wider than their box: buttons,
   * labels, chips, tabs, table headers, headings and any element that cuts
   * its text with an ellipsis or hidden overflow.
   */
  const clips = async (where) => {
    await page.waitForTimeout(150);
    const found = await page.evaluate(() => {
      const out = [];
      const candidates = document.body.querySelectorAll(
        'button, label, th, [role=tab], [role=button], h1, h2, h3, legend, summary, a, .fp-chip, [class*=chip], [class*=badge], [class*=label], [class*=title], option, span, div',
      );
      for (const el of candidates) {
        if (!el.checkVisibility?.({ checkOpacity: true, checkVisibilityCSS: true })) continue;
        if (el.closest('.react-flow__viewport, .cm-editor, iframe, [data-user-content], .react-flow__minimap')) continue;
        const cs = getComputedStyle(el);
        const cuts = cs.textOverflow === 'ellipsis' || cs.overflowX === 'hidden' || cs.overflowX === 'clip' || cs.overflow === 'hidden';
        const isLabel = /^(BUTTON|LABEL|TH|H1|H2|H3|LEGEND|SUMMARY)$/.test(el.tagName) || el.getAttribute('role') === 'tab';
        if (!cuts && !isLabel) continue;
        // Only an element's own words: a box that scrolls its content is not a clipped label.
        const text = [...el.childNodes].filter((c) => c.nodeType === 3).map((c) => c.data).join('').trim();
        if (!text || !/\p{L}/u.test(text)) continue;
        if (cs.overflowX === 'auto' || cs.overflowX === 'scroll') continue;
        // Screen-reader-only text lives in a 1-pixel box on purpose; a table cell cuts a user's long value by design.
        // Funnel names, email names, subjects and recipients in the lists are the user's data, cut with an ellipsis by design (the full text in a tooltip).
        if (el.clientWidth <= 2 || el.closest('td, [role=cell], .fp-ct-td, .fp-flow-name, .fp-em-item-name, .fp-em-item-sub, .fp-mb-to, .fp-mb-subject')) continue;
        if (el.scrollWidth > el.clientWidth + 1) {
          const tagged = el.closest('[data-testid]');
          out.push({ text: text.slice(0, 60), at: `${tagged ? `[${tagged.getAttribute('data-testid')}] ` : ''}${el.tagName.toLowerCase()}.${String(el.className).split(/\s+/)[0]}`, over: el.scrollWidth - el.clientWidth });
        }
      }
      // A closed select shows its chosen option: its text must fit beside the arrow.
      const ctx = document.createElement('canvas').getContext('2d');
      for (const el of document.body.querySelectorAll('select')) {
        if (!el.checkVisibility?.({ checkOpacity: true, checkVisibilityCSS: true }) || el.clientWidth <= 2) continue;
        const opt = el.selectedOptions[0];
        if (!opt || !/\p{L}/u.test(opt.text)) continue;
        const cs = getComputedStyle(el);
        ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
        const room = el.clientWidth - parseFloat(cs.paddingLeft) - Math.max(parseFloat(cs.paddingRight), 20);
        const need = ctx.measureText(opt.text).width;
        if (need > room + 1) {
          const tagged = el.closest('[data-testid]');
          out.push({ text: opt.text.slice(0, 60), at: `${tagged ? `[${tagged.getAttribute('data-testid')}] ` : ''}select`, over: Math.round(need - room) });
        }
      }
      // An empty field's example (its placeholder) must fit too.
      for (const el of document.body.querySelectorAll('input[placeholder], textarea[placeholder]')) {
        if (el.value || !el.checkVisibility?.({ checkOpacity: true, checkVisibilityCSS: true }) || el.clientWidth <= 2) continue;
        const text = el.placeholder;
        if (!/\p{L}/u.test(text) || el.tagName === 'TEXTAREA') continue;
        const cs = getComputedStyle(el);
        ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
        const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
        const need = ctx.measureText(text).width;
        if (need > room + 1) {
          const tagged = el.closest('[data-testid]');
          out.push({ text: text.slice(0, 60), at: `${tagged ? `[${tagged.getAttribute('data-testid')}] ` : ''}input placeholder`, over: Math.round(need - room) });
        }
      }
      return out;
    });
    for (const f of found) clipped.push({ where, ...f });
    await shot(`fr-screen-${where.replace(/[^a-z0-9]+/gi, '-')}`);
  };

  test('pseudo: a gallery funnel, a funnel with every kind of step, a contact with a history, an email', async () => {
    page = t.page;
    await page.goto(t.baseURL);
    await page.waitForSelector(sel('nav-funnels'), { timeout: TIMEOUT });
    const data = await page.evaluate(async (m) => {
      const app = window.go.app;
      const welcome = await app.Funnels.CreateFromTemplate('welcome');
      await app.Funnels.PublishFlow(welcome.flow.id);
      // One step of every kind, for the inspector.
      const specs = await app.Funnels.Catalogue();
      const all = await app.Funnels.CreateFlow('Pseudo every step');
      const nodes = specs.map((s, i) => ({ id: `k${i}`, type: s.type, position: { x: (i % 6) * 320, y: Math.floor(i / 6) * 220 } }));
      await app.Funnels.SaveFlow({ ...all.flow, nodes, edges: [] });
      const list = welcome.flow.nodes.find((n) => n.type === 'trigger.list_joined')?.config?.list ?? 'newsletter';
      const existing = await app.Contacts.ContactByEmail(m.email).catch(() => 0);
      const contact = existing || (await app.Contacts.AddContact({ email: m.email, first_name: 'Pseudo', last_name: 'Dupont' }, [list]));
      // An email with one problem of each kind the checker names: Liquid it cannot read, unknown names with a
      // "did you mean", a button without a link, an image without its text inside columns.
      await app.Emails.SaveEmailTemplate({
        id: m.template,
        name: 'Pseudo mail',
        subject: 'Pseudo subject',
        preheader: 'Pseudo {% foo %}',
        blocks: [
          { type: 'text', text: 'Pseudo body {{ contact.frist_name | upcse }} {{ contcat.x }}' },
          { type: 'button', text: 'Pseudo', url: '' },
          { type: 'columns', columns: [[{ type: 'image', src: 'https://example.com/p.png', alt: '' }], [{ type: 'text', text: 'Pseudo' }]] },
        ],
      });
      const emails = await app.Emails.EmailTemplates();
      const lists = await app.References?.Lists?.().catch(() => []);
      return { welcome: welcome.flow, all: all.flow.id, contact, emails, lists: lists ?? [] };
    }, made);
    made.welcome = data.welcome.id;
    made.steps = data.all;
    made.contact = data.contact;
    // The user data on screen, by value: funnel and step names, emails' names and subjects, the contact.
    for (const v of [data.welcome.name, data.welcome.description, ...data.welcome.nodes.map((n) => n.label)]) if (v) allow.add(v);
    // An email's subject reads with its merge fields filled or named: each typed piece is the user's.
    for (const e of data.emails) for (const v of [e.name, e.subject, e.preheader, e.id, ...(e.subject ?? '').split(/\{\{[^}]*\}\}/).map((x) => x.trim())]) if (v && v.length > 1) allow.add(v);
    // The preview's sample contact (engine/emails.go) fills merge fields with a person's name, the same in every language.
    for (const v of ['Camille', 'Martin', 'Camille Martin', 'Acme', 'camille@example.com']) allow.add(v);
    for (const v of ['Flightplan', 'Pseudo every step', 'Pseudo', 'Dupont', 'Pseudo Dupont', made.email, 'Pseudo mail', 'Pseudo subject', 'Pseudo body', 'newsletter']) allow.add(v);
    const settings = await page.evaluate(async () => window.go.app.Preferences?.GetSettings?.().catch(() => null));
    if (settings?.workspace) allow.add(settings.workspace);
    const flows = await page.evaluate(async () => window.go.app.Funnels.ListFlows());
    for (const f of flows) allow.add(f.name);
  });

  test('pseudo: the funnel screens, the gallery, every step’s inspector, the add-step menu, publishing', async () => {
    await allowWorkspace();
    await page.goto(`${t.baseURL}?lang=pseudo`);
    await page.waitForSelector(sel('nav-funnels'), { timeout: TIMEOUT });
    await page.click(sel('nav-funnels'));
    await showList();
    await page.click(sel('new-flow'));
    await page.waitForSelector(sel('new-funnel-dialog'), { timeout: TIMEOUT });
    await scan('start and gallery');
    await page.keyboard.press('Escape');
    await openFlow(made.welcome);
    await page.click('.react-flow__controls-fitview').catch(() => undefined);
    await scan('gallery funnel');
    await page.click(sel('publish'));
    await page.waitForTimeout(400);
    await scan('publish');
    await page.keyboard.press('Escape');
    const plus = page.locator('[data-testid^=plus-]').first();
    if (await plus.count()) {
      await plus.click();
      await page.waitForSelector(sel('add-menu'), { timeout: TIMEOUT });
      await scan('add-step menu');
      await page.keyboard.press('Escape');
    }
    await openFlow(made.steps);
    const ids = await page.evaluate(async (id) => (await window.go.app.Funnels.GetFlow(id)).flow.nodes.map((n) => n.id), made.steps);
    // Every step in view at once, so each is a click away.
    await page.click('.react-flow__controls-fitview');
    await page.waitForTimeout(300);
    for (const id of ids) {
      // A click on the step's title, or, when an overlay (the minimap, the zoom
      // buttons) covers it at this zoom, the same click sent to the step itself.
      // Whether the title is clear is looked at once, at once: a trial click
      // on a covered title waited 3 s for it to clear, for each such step.
      const title = `${sel(`node-${id}`)} .fp-node-title`;
      const clear = await page.evaluate((s) => {
        const el = document.querySelector(s);
        const r = el?.getBoundingClientRect();
        const top = r && document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return !!top && el.contains(top);
      }, title);
      if (clear) await page.locator(title).click();
      else await page.locator(sel(`rf__node-${id}`)).dispatchEvent('click');
      await page.waitForSelector(sel(`inspector-${id}`), { timeout: 3000 }).catch(() => page.locator(sel(`rf__node-${id}`)).dispatchEvent('click'));
      await page.waitForSelector(sel(`inspector-${id}`), { timeout: TIMEOUT });
      await scan(`inspector ${id}`, false, 0);
    }
    // Its unfinished steps would stop the simulation of every funnel.
    await page.evaluate(async (id) => window.go.app.Funnels.DeleteFlow(id), made.steps);
  });

  test('pseudo: contacts, a profile and its history, import, segments, scoring', async () => {
    await allowWorkspace();
    await go('contacts');
    await page.waitForSelector(`${sel('contact-row')}[data-email="${made.email}"]`, { timeout: TIMEOUT });
    await scan('contacts');
    await page.click(`${sel('contact-row')}[data-email="${made.email}"]`);
    await page.waitForSelector(sel('contact-profile'), { timeout: TIMEOUT });
    await page.locator(sel('timeline-item')).first().waitFor({ timeout: TIMEOUT }).catch(() => undefined);
    await scan('contact profile');
    await page.keyboard.press('Escape');
    for (const tab of ['import', 'segments', 'scoring', 'fields']) {
      await page.click(sel(`contacts-tab-${tab}`));
      await page.waitForTimeout(300);
      await scan(`contacts ${tab}`);
    }
    await page.click(sel('contacts-tab-people'));
  });

  test('pseudo: emails, the editor and its preview, the mailbox, rules, simulation and why, settings, failures', async () => {
    await allowWorkspace();
    await go('emails');
    await scan('emails');
    await page.click(sel(`email-${made.template}`));
    await page.waitForSelector(sel('email-editor'), { timeout: TIMEOUT });
    // Every problem of the checker is in the list, so the scan reads each of their sentences.
    await page.waitForSelector(sel('email-problems'), { timeout: TIMEOUT });
    const problems = await page.locator(`${sel('email-problems')} li`).count();
    if (problems < 7) throw new Error(`the email checker lists ${problems} problems for the pseudo email, expected at least 7`);
    await scan('email editor');
    await go('mailbox');
    await page.waitForTimeout(300);
    await scan('mailbox');
    await go('scripts');
    await page.waitForTimeout(300);
    await scan('scripts');
    await go('simulate');
    await page.selectOption(sel('sim-flow'), made.welcome);
    await page.click(sel('sim-audience-ecommerce-newsletter'));
    await page.click(sel('sim-days-30'));
    await page.fill(sel('sim-n'), '500');
    await page.click(sel('sim-run'));
    await page.waitForSelector(sel('sim-why-contact-0'), { timeout: 30_000 }).catch(async (e) => {
      await shot('pseudo-simulation-failed');
      throw e;
    });
    await scan('simulation results');
    await page.click(sel('sim-why-contact-0'));
    await page.waitForSelector(sel('sim-why-path'), { timeout: TIMEOUT });
    await scan('simulation why');
    await go('settings');
    await scan('settings');
    // Settings → Website with a site: its snippet, what it has seen, consent.
    const sites = await page.evaluate(async (m) => window.go.app.Website.AddSite(m.site, 'Pseudo shop'), made);
    for (const v of [made.site, 'Pseudo shop', ...sites.map((x) => x.origin)]) allow.add(v);
    // The card reads its sites when the screen opens.
    await go('mailbox');
    await go('settings');
    await page.locator(sel('website-site')).first().scrollIntoViewIfNeeded({ timeout: TIMEOUT });
    await scan('settings website');
    // The Forms screen: the list, a new form's builder, its problems once saved without a name, then a saved one.
    await go('forms');
    await scan('forms');
    await page.click(sel('forms-new'));
    await page.waitForSelector(sel('form-editor'), { timeout: TIMEOUT });
    await page.click(sel('form-field-add'));
    await page.click(sel('form-double-opt-in'));
    await scan('form builder');
    await page.click(sel('form-save'));
    await page.waitForSelector(sel('form-problems'), { timeout: TIMEOUT });
    await scan('form problems');
    // The empty field row goes (its bin is the last of the table).
    await page.locator(`${sel('form-fields')} tr`).last().locator('button').click();
    await page.fill(sel('form-name'), made.form);
    allow.add(made.form);
    await page.click(sel('form-double-opt-in'));
    await page.click(sel('form-save'));
    await page.locator(sel('forms-item')).filter({ hasText: made.form }).waitFor({ timeout: TIMEOUT });
    await scan('form saved');
    // Sends that failed (an earlier group may leave some) show as a badge on Funnels, which opens that screen.
    if (await page.locator(sel('nav-failures')).count()) {
      await page.click(sel('nav-funnels'));
      await page.waitForSelector(`${sel('nav-funnels')}[aria-current=page]`, { timeout: TIMEOUT });
      await scan('failures');
    }
  });

  // French at 1280×800: every screen photographed and no label cut short.
  test('french: every screen at 1280×800, no clipped label', async () => {
    await page.goto(t.baseURL);
    await page.waitForSelector(sel('nav-funnels'), { timeout: TIMEOUT });
    await page.click(sel('lang-fr'));
    try {
      await page.click(sel('nav-funnels'));
      await showList();
      await page.click(sel('new-flow'));
      await page.waitForSelector(sel('new-funnel-dialog'), { timeout: TIMEOUT });
      await clips('gallery');
      await page.keyboard.press('Escape');
      await openFlow(made.welcome);
      await clips('funnel');
      await page.locator('.react-flow__node-step .fp-node-title').first().click();
      await page.waitForSelector(sel('inspector'), { timeout: TIMEOUT });
      await clips('inspector');
      await go('contacts');
      await page.waitForSelector(`${sel('contact-row')}[data-email="${made.email}"]`, { timeout: TIMEOUT });
      await clips('contacts');
      await page.click(`${sel('contact-row')}[data-email="${made.email}"]`);
      await page.waitForSelector(sel('contact-profile'), { timeout: TIMEOUT });
      await clips('contact-profile');
      await page.keyboard.press('Escape');
      for (const tab of ['import', 'segments', 'scoring', 'fields']) {
        await page.click(sel(`contacts-tab-${tab}`));
        await page.waitForTimeout(300);
        await clips(`contacts-${tab}`);
      }
      await page.click(sel('contacts-tab-people'));
      await go('emails');
      await page.click(sel(`email-${made.template}`));
      await page.waitForSelector(sel('email-editor'), { timeout: TIMEOUT });
      await clips('emails');
      for (const screen of ['mailbox', 'scripts', 'forms', 'settings', 'simulate']) {
        await go(screen);
        await page.waitForTimeout(300);
        await clips(screen);
        if (screen === 'forms' && (await page.locator(sel('forms-item')).count())) {
          await page.locator(sel('forms-item')).filter({ hasText: made.form }).first().click();
          await page.waitForSelector(sel('form-editor'), { timeout: TIMEOUT });
          await clips('form');
        }
        if (screen === 'settings' && (await page.locator(sel('website-site')).count())) {
          await page.locator(sel('website-site')).first().scrollIntoViewIfNeeded();
          await clips('settings-website');
        }
      }
      await page.selectOption(sel('sim-flow'), made.welcome);
      await page.fill(sel('sim-n'), '200');
      await page.click(sel('sim-run'));
      await page.waitForSelector(sel('sim-why-contact-0'), { timeout: 30_000 });
      await clips('simulate-results');
    } finally {
      await page.keyboard.press('Escape').catch(() => undefined);
      await page.click(sel('lang-en'), { timeout: 5000 }).catch(() => undefined);
    }
    const lines = clipped.map((c) => `  ${c.where}: “${c.text}” at ${c.at}, ${c.over}px too wide`);
    console.log(`e2e: french: ${clipped.length} clipped labels${lines.length ? `:\n${lines.join('\n')}` : ''}`);
    if (clipped.length) throw new Error(`${clipped.length} labels are cut short in French:\n${lines.join('\n')}`);
  });

  test('pseudo: every word on screen came through the dictionary', async () => {
    await page.goto(t.baseURL);
    // What this group made goes, so later groups find the workspace as they
    // expect (the contact stays: the window has no way to delete one; it is in
    // no other group's list and its funnel is gone).
    await page.evaluate(async (m) => {
      await window.go.app.Funnels.DeleteFlow(m.welcome).catch(() => undefined);
      await window.go.app.Emails.DeleteEmailTemplate(m.template).catch(() => undefined);
      for (const f of (await window.go.app.Forms.ListForms()) ?? []) if (f.name === m.form) await window.go.app.Forms.DeleteForm(f.key);
      for (const x of (await window.go.app.Website.Sites()) ?? []) if (x.origin === m.site) await window.go.app.Website.RemoveSite(x.id);
    }, made);
    const known = leaks.filter((l) => KNOWN.some((k) => k.is(l)));
    for (const k of KNOWN) {
      const n = known.filter((l) => k.is(l)).length;
      if (n) console.log(`e2e: pseudo: known, left to other work (${n}): ${k.why}${known.filter((l) => k.is(l)).map((l) => `\n    “${l.text}” at ${l.at}`.replace(/\n(?!    )/g, ' / ')).join('')}`);
    }
    const left = leaks.filter((l) => !known.includes(l));
    const lines = left.map((l) => `  ${l.where}: ${l.kind} “${l.text}” in “${l.full}” at ${l.at}${l.times > 1 ? ` (and ${l.times - 1} more)` : ''}`.replace(/\n/g, ' / '));
    console.log(`e2e: pseudo: ${left.length} texts outside the dictionary, ${known.length} known`);
    if (left.length) throw new Error(`${left.length} texts reached the screen without the dictionary:\n${lines.join('\n')}`);
  });
}
