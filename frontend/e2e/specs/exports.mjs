// Files that leave the app, as a consultant hands them to a client: the
// lead-nurturing funnel from the gallery simulated, its CSV read back as a
// spreadsheet would (English, then French), and a comparison with its
// unchanged duplicate exported; then the funnel's picture as SVG (parsed,
// and drawn by rsvg-convert, outside any browser) and as PNG at 2×, in
// English and French, and the map of funnels as both. The files are kept
// under build/e2e/ to be looked at. The group creates its own funnels and
// deletes them at the end, and leaves the window in English.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

/** unescape reads SVG text content back. */
const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** svgTexts lists the <text> of each group of an SVG with this class ("step"), each group's lines joined by spaces. */
function svgTexts(svg, cls) {
  const out = [];
  // Each piece runs to the next group of that class: a step's own texts come first.
  for (const body of svg.split(`<g class="${cls}">`).slice(1)) {
    out.push([...body.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => unescape(m[1])).join(' '));
  }
  return out;
}

/** pngSize reads a PNG's width and height from its header. */
function pngSize(buf) {
  if (buf.subarray(1, 4).toString() !== 'PNG') throw new Error('not a PNG');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/** colours counts the distinct colours of an image (ImageMagick): a blank picture has one or two. */
function colours(path) {
  return Number(execFileSync('convert', [path, '-format', '%k', 'info:']).toString().trim());
}

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
    writeFileSync(`${t.root}/build/e2e/exports-${f.name}`, f.body);
    return { name: f.name, text, rows: parseCsv(text.slice(1), sep) };
  };

  test('exports: the nurture funnel simulated gives a CSV with names, ids and run parameters', async () => {
    const page = t.page;
    await page.goto(t.baseURL);
    await page.waitForSelector('[data-testid=nav-simulate]', { timeout: TIMEOUT });
    const made = await page.evaluate(async () => {
      const app = window.go.app;
      const a = await app.Funnels.CreateFromTemplate('lead-nurturing');
      // A frame around the first three steps, to be drawn in the picture.
      await app.Funnels.SaveFlow({ ...a.flow, frames: [{ id: 'first-days', title: 'The first days', nodes: a.flow.nodes.slice(0, 3).map((n) => n.id) }] });
      const b = await app.Funnels.CreateFromTemplate('lead-nurturing');
      await app.Funnels.SaveFlow({ ...b.flow, name: `${a.flow.name}, the twin kept for the spring campaign in Québec` });
      return { a: a.flow.id, b: b.flow.id };
    });
    flowId = made.a;
    twinId = made.b;
    await page.reload();
    await page.click('[data-testid=nav-simulate]');
    await page.waitForSelector('[data-testid=screen-simulate]', { timeout: TIMEOUT });
    // Nothing is assumed of what the groups before left: English, the usual audience, 30 days.
    await lang('en');
    await page.selectOption('[data-testid=sim-flow]', flowId);
    await page.click('[data-testid=sim-audience-ecommerce-newsletter]');
    await page.click('[data-testid=sim-days-30]');
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
      ['Period (days)', '30'],
    ]) {
      if (head.get(k) !== want) throw new Error(`header ${k} = ${head.get(k)}, want ${want}: ${JSON.stringify(rows.slice(0, 12))}`);
    }
    for (const k of ['Funnel', 'Random draw', 'Run on']) if (!head.get(k)) throw new Error(`no ${k} in ${JSON.stringify([...head])}`);
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

  test('exports: the simulated funnel saves as SVG with its numbers on the steps and links', async () => {
    const f = await picture('[data-testid=sim-export-funnel-svg]', 'svg', 'sim-funnel', false);
    const svg = checkSvg(f, 'sim-funnel');
    const steps = svgTexts(svg, 'step');
    if (!steps[0] || !/\b2,000 entered\b/.test(steps.join(' '))) throw new Error(`no "2,000 entered" on the start: ${JSON.stringify(steps)}`);
    if (!/>\d+(\.\d+)?% · [\d,]+<\/text>/.test(svg)) throw new Error('no share on the links');
    if (!svg.includes('>Simulation of “')) throw new Error('no title');
    if (!/>E-commerce newsletter · 2,000 contacts · \d+ days · random draw \d+ · simulated on [^<]+<\/text>/.test(svg)) throw new Error('no assumptions under the title');
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

  /** picture exports the open funnel (or the map) as kind, keeps the file, and returns it. */
  const picture = async (selector, kind, tag, menu = true) => {
    if (menu) await t.page.click('[data-testid=export-menu]');
    const f = await download(() => t.page.click(selector), 60_000);
    if (!f.name.endsWith(`.${kind}`)) throw new Error(`${kind} name ${f.name}`);
    const path = `${t.root}/build/e2e/exports-${tag}.${kind}`;
    writeFileSync(path, f.body);
    return { ...f, path };
  };
  /** checkSvg parses an exported SVG, draws it with rsvg-convert and checks the drawing is not blank. */
  const checkSvg = (f, tag) => {
    const svg = f.body.toString('utf8');
    if (!svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')) throw new Error(`not an SVG: ${svg.slice(0, 80)}`);
    if (/foreignObject|<div|<span/.test(svg)) throw new Error('HTML inside the SVG');
    const png = `${t.root}/build/e2e/exports-${tag}-rsvg.png`;
    execFileSync('rsvg-convert', ['-o', png, f.path]);
    if (colours(png) < 16) throw new Error(`rsvg-convert drew ${png} nearly blank`);
    return svg;
  };
  let svgWidth = 0;

  test('exports: the funnel’s SVG is real shapes and text, with every step title, drawn by rsvg-convert', async () => {
    const page = t.page;
    await page.click('[data-testid=nav-funnels]');
    await page.click(`[data-testid=flow-${flowId}]`);
    // A funnel opens on its start and then draws the rest: wait for every step, not the first.
    await page.waitForFunction(() => document.querySelectorAll('.react-flow__node .fp-node-title').length >= 10, null, { timeout: TIMEOUT });
    const titles = (await page.locator('.react-flow__node .fp-node-title').allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
    if (titles.length < 10) throw new Error(`${titles.length} steps on the canvas`);
    const f = await picture('[data-testid=export-svg]', 'svg', 'funnel-en');
    const svg = checkSvg(f, 'funnel-en');
    const steps = svgTexts(svg, 'step');
    for (const title of titles) {
      if (!steps.some((s) => s.startsWith(title))) throw new Error(`step “${title}” is not written in the SVG: ${JSON.stringify(steps)}`);
    }
    if (!svgTexts(svg, 'frame').some((f) => f.startsWith('The first days'))) throw new Error('no frame “The first days” in the SVG');
    const name = await page.inputValue('[data-testid=flow-name]');
    if (!svg.includes(`>${name}</text>`)) throw new Error(`no title “${name}”`);
    if (!/>Draft · exported on [A-Z][a-z]{2} \d+, \d{4}<\/text>/.test(svg)) throw new Error('no subtitle with the date');
    if (!svg.includes('>Arrows: the way contacts go from step to step</text>')) throw new Error('no legend');
    // Not simulated live: no counter on any step.
    if (/>0 entered</.test(svg)) throw new Error('a "0" counter');
    svgWidth = Number(/width="(\d+)"/.exec(svg)[1]);
  });

  test('exports: the funnel’s PNG is the same picture at twice the size, not blank', async () => {
    const f = await picture('[data-testid=export-png]', 'png', 'funnel-en');
    const { width, height } = pngSize(f.body);
    if (width !== svgWidth * 2) throw new Error(`PNG ${width} px wide, want 2 × ${svgWidth}`);
    if (height < 1000) throw new Error(`PNG ${width}×${height}`);
    if (colours(f.path) < 16) throw new Error('the PNG is nearly blank');
  });

  test('exports: in French the picture’s title block and legend are in French', async () => {
    await lang('fr');
    try {
      const f = await picture('[data-testid=export-svg]', 'svg', 'funnel-fr');
      const svg = checkSvg(f, 'funnel-fr');
      if (!/>Brouillon · exporté le \d+ [^<]+ \d{4}<\/text>/.test(svg)) throw new Error('no French subtitle');
      if (!svg.includes('>Flèches : le chemin des contacts d’une étape à l’autre</text>')) throw new Error('no French legend');
      await picture('[data-testid=export-png]', 'png', 'funnel-fr');
    } finally {
      await lang('en');
    }
  });

  test('exports: the map of funnels saves as SVG and PNG with every name in full', async () => {
    const page = t.page;
    await page.click('[data-testid=open-map]');
    await page.waitForSelector('[data-testid=flows-map] .fp-map-box', { timeout: TIMEOUT });
    const names = await page.evaluate(async () => (await window.go.app.Funnels.ListFlows()).filter((f) => !f.error).map((f) => f.name));
    try {
      const f = await picture('[data-testid=map-export-svg]', 'svg', 'map', false);
      const svg = checkSvg(f, 'map');
      if (!svg.includes(`>${names.length} funnel${names.length === 1 ? '' : 's'} · exported on `)) throw new Error('no count and date under the map’s title');
      const boxes = svgTexts(svg, 'step');
      for (const n of names) {
        if (!boxes.some((b) => b.startsWith(n.replace(/\s+/g, ' ')))) throw new Error(`funnel “${n}” not written in full: ${JSON.stringify(boxes)}`);
      }
      const png = await picture('[data-testid=map-export-png]', 'png', 'map', false);
      if (pngSize(png.body).width !== 2 * Number(/width="(\d+)"/.exec(svg)[1])) throw new Error('map PNG not at 2×');
    } finally {
      await page.keyboard.press('Escape');
    }
  });

  test('exports: the funnels made for this group are deleted', async () => {
    const left = await t.page.evaluate(async (ids) => {
      for (const id of ids) if (id) await window.go.app.Funnels.DeleteFlow(id);
      return (await window.go.app.Funnels.ListFlows()).filter((f) => ids.includes(f.id)).map((f) => f.id);
    }, [flowId, twinId]);
    if (left.length) throw new Error(`still there: ${left}`);
  });
}
