import { describe, expect, it } from 'vitest';
import type { Comparison, SimResult } from '../../api/simulation';
import type { Flow } from '../../api/types';
import { BOM, comparisonCsv, csvFormat, csvText, numberCell, simulationCsv, textCell, type CsvNames } from './csv';
import { CART_FLOW, CART_RESULT } from './testdata/fakeApi';

/** parse reads a CSV the way a spreadsheet does (quotes, doubled quotes, CRLF). */
function parse(text: string, sep: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
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

const NAMES: Record<string, string> = { abandoned: 'Cart left behind', wait4h: 'Wait 4 hours', nudge: 'Reminder', waitbuy: 'Wait for a purchase', bought: 'Bought', coupon: 'Coupon, 10% off' };
const names: CsvNames = {
  step: (_flow, id) => NAMES[id] ?? id,
  port: (_flow, _id, port) => (port === 'met' ? 'Bought' : port === 'timeout' ? 'Not in time' : ''),
  stepType: (type) => `kind ${type}`,
  email: (id) => ({ 'cart-reminder': 'You forgot something', 'cart-coupon': '=HYPERLINK("x")' })[id] ?? id,
  flow: (id) => (id === 'cart' ? 'Abandoned cart' : id),
  audience: () => 'E-commerce newsletter',
};
const RAN = new Date('2026-12-07T14:05:09Z');

/** section returns the table that follows a title row, up to the next blank row. */
function section(rows: string[][], title: string): string[][] {
  const i = rows.findIndex((r) => r.length === 1 && r[0] === title);
  expect(i, `section ${title}`).toBeGreaterThanOrEqual(0);
  const out: string[][] = [];
  for (const r of rows.slice(i + 1)) {
    if (r.length === 1 && r[0] === '') break;
    out.push(r);
  }
  return out;
}

function header(rows: string[][]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of rows) {
    if (r.length === 1 && r[0] === '') break;
    if (r.length === 2) out.set(r[0]!, r[1]!);
  }
  return out;
}

describe('cells', () => {
  it('writes numbers for machines: no grouping, a decimal point, trailing zeros trimmed', () => {
    expect(numberCell(1234567)).toBe('1234567');
    expect(numberCell(28.3697)).toBe('28.37');
    expect(numberCell(12.5)).toBe('12.5');
    expect(numberCell(-0.001)).toBe('0');
    expect(numberCell(-2.456)).toBe('-2.46');
  });

  it('quotes separators and quotes, and disarms formulas', () => {
    expect(textCell('a;b', ';')).toBe('"a;b"');
    expect(textCell('a,b', ';')).toBe('a,b');
    expect(textCell('say "hi"', ',')).toBe('"say ""hi"""');
    expect(textCell('=1+1', ',')).toBe("'=1+1");
    expect(textCell('@SUM(A1)', ',')).toBe("'@SUM(A1)");
  });

  it('French files use ";" and every file starts with a byte order mark', () => {
    expect(csvFormat('fr')).toEqual({ sep: ';', bom: true });
    expect(csvFormat('en')).toEqual({ sep: ',', bom: true });
    expect(csvText([['a', 1.5]], csvFormat('fr'))).toBe(`${BOM}a;1.5\r\n`);
  });
});

describe('simulation CSV', () => {
  const csv = (lang: 'en' | 'fr') => simulationCsv({ result: CART_RESULT, request: null, flow: CART_FLOW, publishedVersion: 3, ranAt: RAN, names, lang });

  it('starts with the run parameters, each named', () => {
    const rows = parse(csv('en').slice(1), ',');
    expect(rows[0]).toEqual(['Flightplan simulation']);
    const h = header(rows.slice(1));
    expect(h.get('Funnel')).toBe(CART_FLOW.name);
    expect(h.get('Funnel id')).toBe('cart');
    expect(h.get('Version')).toBe('Draft (live version: 3)');
    expect(h.get('Audience')).toBe('E-commerce newsletter');
    expect(h.get('Contacts')).toBe(String(CART_RESULT.contacts));
    expect(h.get('Period (days)')).toBe(String(CART_RESULT.days));
    expect(h.get('Random draw')).toBe(String(CART_RESULT.seed));
    expect(h.get('Run on')).toBe('2026-12-07 14:05 UTC');
  });

  it('has one row per email with its name first, its id after, and counts and rates', () => {
    const rows = section(parse(csv('en').slice(1), ','), 'Emails');
    expect(rows[0]!.slice(0, 4)).toEqual(['Email', 'Email id', 'Step', 'Step id']);
    const col = (name: string) => rows[0]!.indexOf(name);
    const nudge = rows.find((r) => r[col('Step id')] === 'nudge')!;
    expect(nudge[col('Email')]).toBe('You forgot something');
    expect(nudge[col('Email id')]).toBe('cart-reminder');
    expect(nudge[col('Step')]).toBe('Reminder');
    expect(nudge[col('Sent')]).toBe('779');
    expect(nudge[col('Opens')]).toBe('221');
    expect(nudge[col('Open rate (%)')]).toBe('28.37');
    expect(nudge[col('Clicks')]).toBe('38');
    expect(nudge[col('Click rate (%)')]).toBe('4.88');
    expect(nudge[col('Unsubscribes')]).toBe('5');
    expect(nudge[col('Unsubscribe rate (%)')]).toBe('0.64');
    // A name a spreadsheet would run as a formula is written as text.
    const coupon = rows.find((r) => r[col('Step id')] === 'coupon')!;
    expect(coupon[col('Email')]).toBe('\'=HYPERLINK("x")');
  });

  it('has one row per step and per link, named, with ids after', () => {
    const rows = parse(csv('en').slice(1), ',');
    const steps = section(rows, 'Steps');
    expect(steps[0]).toEqual(['Step', 'Step id', 'Kind of step', 'Entered', 'Still waiting', 'Skipped', 'Errors', 'Left the funnel', 'Sent to another funnel']);
    expect(steps.length - 1).toBe(CART_RESULT.flows[0]!.nodes.length);
    expect(steps[1]).toEqual(['Cart left behind', 'abandoned', 'kind trigger.event', '801', '0', '0', '0', '0', '0']);
    const links = section(rows, 'Links');
    const met = links.find((r) => r[1] === 'waitbuy' && r[3] === 'met')!;
    expect(met.slice(0, 6)).toEqual(['Wait for a purchase', 'waitbuy', 'Bought', 'met', 'Bought', 'bought']);
  });

  it('is in French with French headers, ";" between cells, and still machine-readable numbers', () => {
    const text = csv('fr');
    expect(text.startsWith(BOM)).toBe(true);
    const rows = parse(text.slice(1), ';');
    expect(rows[0]).toEqual(['Simulation Flightplan']);
    const h = header(rows.slice(1));
    expect(h.get('Tunnel')).toBe(CART_FLOW.name);
    expect(h.get('Version')).toBe('Brouillon (version en ligne : 3)');
    const emails = section(rows, 'Courriels');
    expect(emails[0]!.slice(0, 4)).toEqual(['Courriel', 'Identifiant du courriel', 'Étape', 'Identifiant de l’étape']);
    const col = emails[0]!.indexOf('Taux d’ouverture (%)');
    expect(col).toBeGreaterThan(0);
    expect(emails.find((r) => r[3] === 'nudge')![col]).toBe('28.37');
    // The name with a comma is not quoted for ";" files, and reads whole.
    expect(section(rows, 'Étapes').some((r) => r[0] === 'Coupon, 10% off')).toBe(true);
  });
});

describe('comparison CSV', () => {
  const b: Flow = { ...CART_FLOW, id: 'cart-b', name: 'Cart, faster' };
  const rb: SimResult = { ...CART_RESULT, flows: CART_RESULT.flows.map((f) => ({ ...f, id: 'cart-b' })), emails: CART_RESULT.emails.map((e) => ({ ...e, flow: 'cart-b' })) };
  const c: Comparison = {
    a: CART_RESULT,
    b: rb,
    flows: [],
    seeds: [7, 8, 9, 10, 11],
    figures: [
      { key: 'conversion', a: 0.016, b: 0.02, diff: 0.4, low: -0.1, high: 0.9, same: false, chance: true },
      { key: 'emails', a: 1509, b: 1400, diff: -109, low: -150, high: -60, same: false, chance: false },
      { key: 'unsubscribes', a: 9, b: 9, diff: 0, low: 0, high: 0, same: true, chance: false },
    ],
  };
  const csv = (lang: 'en' | 'fr', version: number | null = null) =>
    comparisonCsv({ comparison: c, request: null, flowA: CART_FLOW, flowB: b, version, ranAt: RAN, names, lang });

  it('names both funnels and the seeds in its header block', () => {
    const h = header(parse(csv('en').slice(1), ',').slice(1));
    expect(h.get('Funnel A')).toBe(CART_FLOW.name);
    expect(h.get('Funnel B')).toBe('Cart, faster');
    expect(h.get('Funnel B id')).toBe('cart-b');
    expect(h.get('Random draws')).toBe('7 8 9 10 11');
    expect(h.get('Interval')).toContain('95 %');
    expect(h.has('Version A')).toBe(false);
    const hv = header(parse(csv('en', 2).slice(1), ',').slice(1));
    expect(hv.get('Version A')).toBe('Version 2');
    expect(hv.get('Version B')).toBe('Draft');
  });

  it('lists each difference with its 95 % interval and whether chance explains it', () => {
    const rows = section(parse(csv('en').slice(1), ','), 'Differences (B − A)');
    expect(rows[0]).toEqual(['Figure', 'Figure id', 'A', 'B', 'Difference', '95 % interval, low', '95 % interval, high', 'Not distinguishable from chance']);
    // The conversion is in percent on every column (the engine gives means as shares).
    expect(rows[1]).toEqual(['Conversion (%)', 'conversion', '1.6', '2', '0.4', '-0.1', '0.9', 'yes']);
    expect(rows[2]).toEqual(['Emails sent', 'emails', '1509', '1400', '-109', '-150', '-60', 'no']);
    expect(rows[3]).toEqual(['Unsubscribes', 'unsubscribes', '9', '9', '0', '0', '0', 'no']);
  });

  it('has both sides’ emails and steps, marked A and B', () => {
    const rows = parse(csv('fr').slice(1), ';');
    const emails = section(rows, 'Courriels');
    expect(emails[0]!.slice(0, 2)).toEqual(['Variante', 'Courriel']);
    expect(emails.filter((r) => r[0] === 'A')).toHaveLength(2);
    expect(emails.filter((r) => r[0] === 'B')).toHaveLength(2);
    const diffs = section(rows, 'Écarts (B − A)');
    expect(diffs[0]![7]).toBe('Impossible à distinguer du hasard');
    expect(diffs[1]![7]).toBe('oui');
  });
});
