// Files that leave the app, as a consultant hands them to a client: the
// lead-nurturing funnel from the gallery simulated, its CSV read back as a
// spreadsheet would (English, then French), and a comparison with its
// unchanged duplicate exported. The group creates its own funnels and
// deletes them at the end, and leaves the window in English.
import { readFileSync } from 'node:fs';

/** parseCsv reads a CSV as a spreadsheet does (quotes, doubled quotes, CRLF rows). */
function parseCsv(text, sep) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

/** section is the table under a title row, up to the next blank row. */
function section(rows, title) {
  const i = rows.findIndex((r) => r.length === 1 && r[0] === title);
  if (i < 0) throw new Error(`no "${title}" section in ${JSON.stringify(rows.map((r) => r[0]))}`);
  const out = [];
  for (const r of rows.slice(i + 1)) {
    if (r.length === 1 && r[0] === '') break;
    out.push(r);
  }
  return out;
}

export default function (t) {
  const { test, TIMEOUT } = t;
  let flowId = '';
  let twinId = '';

  const download = async (trigger, timeout = TIMEOUT) => {
    const [d] = await Promise.all([t.page.waitForEvent('download', { timeout }), trigger()]);
    return { name: d.suggestedFilename(), body: readFileSync(await d.path()) };
  };
  const lang = async (l) => {
    await t.page.click(`[data-testid=lang-${l}]`);
    await t.page.waitForSelector(`[data-testid=lang-${l}].is-on`, { timeout: TIMEOUT });
  };
  /** csv downloads a CSV and reads it with the separator its language uses. */
  const csv = async (selector, sep) => {
    const f = await download(() => t.page.click(selector));
    const text = f.body.toString('utf8');
    if (!text.startsWith('\ufeff')) throw new Error(`${f.name}: no byte order mark`);
    return { name: f.name, text, rows: parseCsv(text.slice(1), sep) };
  };

  test('exports: the nurture funnel simulated gives a CSV with names, ids and run parameters', async () => {
    const page = t.page;
    await page.goto(t.baseURL);
    await page.waitForSelector('[data-testid=nav-simulate]', { timeout: TIMEOUT });
    const made = await page.evaluate(async () => {
      const app = window.go.app;
      const a = await app.Funnels.CreateFromTemplate('lead-nurturing');
      const b = await app.Funnels.CreateFromTemplate('lead-nurturing');
      await app.Funnels.SaveFlow({ ...b.flow, name: `${a.flow.name}, twin` });
      return { a: a.flow.id, b: b.flow.id };
    });
    flowId = made.a;
    twinId = made.b;
    await page.reload();
    await page.click('[data-testid=nav-simulate]');
    await page.waitForSelector('[data-testid=screen-simulate]', { timeout: TIMEOUT });
    await page.selectOption('[data-testid=sim-flow]', flowId);
    await page.fill('[data-testid=sim-n]', '2000');
    await page.click('[data-testid=sim-run]');
    await page.waitForSelector('[data-testid=sim-export-csv]', { timeout: 60_000 });

    const { name, rows } = await csv('[data-testid=sim-export-csv]', ',');
    if (!name.endsWith('-simulation.csv')) throw new Error(`csv name ${name}`);
    const head = new Map(rows.slice(1, 12).filter((r) => r.length === 2));
    for (const [k, want] of [
      ['Funnel id', flowId],
      ['Contacts', '2000'],
      ['Audience', 'E-commerce newsletter'],
      ['Version', 'Draft'],
    ]) {
      if (head.get(k) !== want) throw new Error(`header ${k} = ${head.get(k)}, want ${want}: ${JSON.stringify(rows.slice(0, 12))}`);
    }
    for (const k of ['Funnel', 'Period (days)', 'Random draw', 'Run on']) if (!head.get(k)) throw new Error(`no ${k} in ${JSON.stringify([...head])}`);
    const emails = section(rows, 'Emails');
    const col = (n) => emails[0].indexOf(n);
    if (emails.length < 3) throw new Error(`emails ${JSON.stringify(emails)}`);
    for (const r of emails.slice(1)) {
      // Name first, id after: the name is a client's word, never the id.
      if (!r[col('Email')] || r[col('Email')] === r[col('Email id')]) throw new Error(`email row named by its id: ${r}`);
      for (const n of ['Sent', 'Opens', 'Clicks', 'Unsubscribes', 'Open rate (%)']) {
        if (!/^\d+(\.\d+)?$/.test(r[col(n)])) throw new Error(`${n} is not a plain number: ${r}`);
      }
    }
    if (!emails.slice(1).some((r) => Number(r[col('Opens')]) > 0)) throw new Error(`no opens in ${JSON.stringify(emails)}`);
    const steps = section(rows, 'Steps');
    if (steps.length - 1 < 10) throw new Error(`${steps.length - 1} step rows`);
    if (steps.slice(1).some((r) => !r[0] || r[0] === r[1])) throw new Error(`a step named by its id: ${JSON.stringify(steps)}`);
  });

  test('exports: in French the CSV has French headers, ";" between cells and plain numbers', async () => {
    await lang('fr');
    try {
      const { rows } = await csv('[data-testid=sim-export-csv]', ';');
      if (rows[0][0] !== 'Simulation Flightplan') throw new Error(`title ${rows[0]}`);
      const emails = section(rows, 'Courriels');
      const want = ['Courriel', 'Identifiant du courriel', 'Étape', 'Identifiant de l’étape'];
      if (JSON.stringify(emails[0].slice(0, 4)) !== JSON.stringify(want)) throw new Error(`French headers ${emails[0]}`);
      const rate = emails[0].indexOf('Taux d’ouverture (%)');
      if (rate < 0 || !emails.slice(1).every((r) => /^\d+(\.\d+)?$/.test(r[rate]))) throw new Error(`French rates ${JSON.stringify(emails)}`);
      section(rows, 'Étapes');
    } finally {
      await lang('en');
    }
  });

  test('exports: a comparison with an unchanged twin exports zero differences, none told from chance', async () => {
    const page = t.page;
    await page.locator('[data-testid=sim-compare]').scrollIntoViewIfNeeded();
    await page.selectOption('[data-testid=sim-compare-flow]', twinId);
    await page.click('[data-testid=sim-compare-run]');
    await page.waitForSelector('[data-testid=sim-compare-csv]', { timeout: 90_000 });
    const { name, rows } = await csv('[data-testid=sim-compare-csv]', ',');
    if (!name.endsWith('-comparison.csv')) throw new Error(`csv name ${name}`);
    const head = new Map(rows.slice(1, 14).filter((r) => r.length === 2));
    if (head.get('Funnel A id') !== flowId || head.get('Funnel B id') !== twinId) throw new Error(`funnels ${JSON.stringify([...head])}`);
    if (head.get('Random draws')?.split(' ').length !== 5) throw new Error(`seeds ${head.get('Random draws')}`);
    const diffs = section(rows, 'Differences (B − A)');
    if (diffs.length < 4) throw new Error(`differences ${JSON.stringify(diffs)}`);
    for (const r of diffs.slice(1)) {
      if (r[4] !== '0' || r[2] !== r[3] || r[7] !== 'no') throw new Error(`twin differs: ${r}`);
    }
    const emails = section(rows, 'Emails');
    if (!emails.some((r) => r[0] === 'A') || !emails.some((r) => r[0] === 'B')) throw new Error(`emails of both sides ${JSON.stringify(emails)}`);
  });

  test('exports: the funnels made for this group are deleted', async () => {
    const left = await t.page.evaluate(async (ids) => {
      for (const id of ids) if (id) await window.go.app.Funnels.DeleteFlow(id);
      return (await window.go.app.Funnels.ListFlows()).filter((f) => ids.includes(f.id)).map((f) => f.id);
    }, [flowId, twinId]);
    if (left.length) throw new Error(`still there: ${left}`);
  });
}
