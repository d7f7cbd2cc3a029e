// The CSV files of a simulation and of a comparison, for a spreadsheet:
// a header block with what was run (funnel, version, audience and size,
// period, seeds, run date), then tables — per email, per step, per link,
// and for a comparison the differences with their 95 % interval. Every
// thing is named as the client reads it, with its id in the next column.
//
// Numbers are written for machines: no digit grouping, a decimal point,
// rates as percentages with two decimals. Headers are in the chosen
// language. French files use ";" between cells, which is what Excel and
// LibreOffice expect under a French locale (where "," is the decimal
// comma), and every file starts with a UTF-8 byte order mark so Excel
// reads accented names right.
import type { Comparison, SimEmail, SimRequest, SimResult } from '../../api/simulation';
import type { Flow, Lang } from '../../api/types';
import { translate, type MessageKey } from '../../i18n/dict';

/** CsvFormat is how cells are separated, and whether the file starts with a byte order mark. */
export interface CsvFormat {
  sep: ',' | ';';
  bom: boolean;
}

/** csvFormat is the format a spreadsheet in lang opens without an import dialog. */
export function csvFormat(lang: Lang): CsvFormat {
  return { sep: lang === 'fr' ? ';' : ',', bom: true };
}

/** BOM is the UTF-8 byte order mark, as text. */
export const BOM = '\ufeff';

/** Cell is one CSV cell: text, a number (written plainly), or empty. */
export type Cell = string | number | null | undefined;

/**
 * textCell quotes a text cell when needed and neutralises a formula: a cell
 * starting with "=", "+", "-", "@", a tab or a carriage return gets an
 * apostrophe in front (spreadsheets would run it; see engine/csvsafe).
 */
export function textCell(s: string, sep: string): string {
  let v = s;
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  if (v.includes(sep) || /["\r\n]/.test(v) || v !== v.trim()) v = `"${v.replace(/"/g, '""')}"`;
  return v;
}

/** numberCell writes a number without grouping, with a decimal point and at most `digits` decimals. */
export function numberCell(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return '';
  const fixed = n.toFixed(digits);
  // Trim trailing zeros ("12.50" → "12.5", "3.00" → "3"); "-0" reads as 0.
  const trimmed = fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}

/** csvText joins rows into a file in format f (CRLF line ends, as RFC 4180 and Excel write them). */
export function csvText(rows: Cell[][], f: CsvFormat): string {
  const line = (r: Cell[]) => r.map((c) => (c === null || c === undefined ? '' : typeof c === 'number' ? numberCell(c) : textCell(c, f.sep))).join(f.sep);
  return (f.bom ? BOM : '') + rows.map(line).join('\r\n') + '\r\n';
}

/** pct is n over of as a percentage (0 when of is 0). */
function pct(n: number, of: number): number {
  return of > 0 ? (100 * n) / of : 0;
}

/** Names tells the CSV how the client reads things; each falls back to the id. */
export interface CsvNames {
  /** step names a step of funnel `flow` as the canvas writes it. */
  step(flow: Flow, nodeId: string): string;
  /** port names a way out of a step ("Yes", "No"); "" for a step's only way out. */
  port(flow: Flow, nodeId: string, port: string): string;
  /** stepType names what a kind of step does ("Send an email"). */
  stepType(type: string): string;
  email(templateId: string): string;
  flow(flowId: string): string;
  /** audience names the audience of a request ("E-commerce newsletter", "My real contacts"). */
  audience(req: SimRequest | null): string;
}

/** SimulationCsvInput is what a simulation's CSV is made of. */
export interface SimulationCsvInput {
  result: SimResult;
  request: SimRequest | null;
  flow: Flow;
  /** publishedVersion is the funnel's live version (0: never published); the run used its draft. */
  publishedVersion: number;
  /** ranAt is when the run finished. */
  ranAt: Date;
  names: CsvNames;
  lang: Lang;
}

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

function translator(lang: Lang): Translate {
  return (key, vars) => translate(lang, key, vars);
}

/** isoMinute writes a date as "2026-12-07 14:05 UTC": read the same by people and spreadsheets. */
export function isoMinute(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function versionText(t: Translate, published: number): string {
  return published > 0 ? t('csv.version.draftOf', { version: String(published) }) : t('csv.version.draft');
}

function runRows(t: Translate, r: SimResult, req: SimRequest | null, names: CsvNames): Cell[][] {
  return [
    [t('csv.audience'), names.audience(req)],
    [t('csv.contacts'), r.contacts],
    [t('csv.days'), r.days],
    [t('csv.from'), r.start?.slice(0, 10)],
    [t('csv.to'), r.end?.slice(0, 10)],
  ];
}

/** emailRows are the per-email table: header, then one row per email step (of this funnel, or reached through another). */
function emailRows(t: Translate, r: SimResult, flow: Flow, names: CsvNames, variant?: string): Cell[][] {
  const flowId = flow.id;
  const head: Cell[] = [
    t('csv.email'),
    t('csv.emailId'),
    t('csv.step'),
    t('csv.stepId'),
    t('csv.funnel'),
    t('csv.funnelId'),
    t('csv.sent'),
    t('csv.opens'),
    t('csv.openRate'),
    t('csv.clicks'),
    t('csv.clickRate'),
    t('csv.unsubscribes'),
    t('csv.unsubscribeRate'),
    t('csv.bounces'),
    t('csv.bounceRate'),
    t('csv.notSent'),
  ];
  const list = (r.emails ?? []).filter((e: SimEmail) => e.flow === flowId || e.queued + e.skipped > 0);
  const rows = list.map((e): Cell[] => [
    e.template ? names.email(e.template) : '',
    e.template,
    e.flow === flowId ? names.step(flow, e.node) : names.email(e.template),
    e.node,
    names.flow(e.flow),
    e.flow,
    e.sent,
    e.opened,
    pct(e.opened, e.sent),
    e.clicked,
    pct(e.clicked, e.sent),
    e.unsubscribed,
    pct(e.unsubscribed, e.sent),
    e.bounced,
    pct(e.bounced, e.queued),
    e.skipped,
  ]);
  return variant === undefined ? [head, ...rows] : [[t('csv.variant'), ...head], ...rows.map((row) => [variant, ...row])];
}

/** stepRows are the per-step table of one funnel. */
function stepRows(t: Translate, r: SimResult, flow: Flow, names: CsvNames, variant?: string): Cell[][] {
  const flowId = flow.id;
  const head: Cell[] = [t('csv.step'), t('csv.stepId'), t('csv.type'), t('csv.entered'), t('csv.waiting'), t('csv.skipped'), t('csv.errors'), t('csv.exited'), t('csv.jumped')];
  const fr = (r.flows ?? []).find((f) => f.id === flowId);
  const rows = (fr?.nodes ?? []).map((n): Cell[] => [names.step(flow, n.id), n.id, names.stepType(n.type), n.entered, n.waiting, n.skipped, n.errors, n.exited, n.jumped]);
  return variant === undefined ? [head, ...rows] : [[t('csv.variant'), ...head], ...rows.map((row) => [variant, ...row])];
}

/** linkRows are the per-link table of one funnel: how many journeys took each way out of a step. */
function linkRows(t: Translate, r: SimResult, flow: Flow, names: CsvNames): Cell[][] {
  const flowId = flow.id;
  const fr = (r.flows ?? []).find((f) => f.id === flowId);
  const head: Cell[] = [t('csv.fromStep'), t('csv.fromStepId'), t('csv.port'), t('csv.portId'), t('csv.toStep'), t('csv.toStepId'), t('csv.journeys'), t('csv.share')];
  return [head, ...(fr?.edges ?? []).map((e): Cell[] => [names.step(flow, e.from), e.from, names.port(flow, e.from, e.port), e.port, e.to ? names.step(flow, e.to) : '', e.to ?? '', e.count, e.percent])];
}

/** simulationCsv is the CSV of one simulation, in the input's language. */
export function simulationCsv(input: SimulationCsvInput, f: CsvFormat = csvFormat(input.lang)): string {
  const t = translator(input.lang);
  const { result: r, flow, names } = input;
  const rows: Cell[][] = [
    [t('csv.titleSimulation')],
    [t('csv.funnel'), flow.name || names.flow(flow.id)],
    [t('csv.funnelId'), flow.id],
    [t('csv.version'), versionText(t, input.publishedVersion)],
    ...runRows(t, r, input.request, names),
    [t('csv.seed'), r.seed],
    [t('csv.runAt'), isoMinute(input.ranAt)],
    [],
    [t('csv.emailsTitle')],
    ...emailRows(t, r, flow, names),
    [],
    [t('csv.stepsTitle')],
    ...stepRows(t, r, flow, names),
    [],
    [t('csv.linksTitle')],
    ...linkRows(t, r, flow, names),
  ];
  return csvText(rows, f);
}

/** FIGURES are the comparison's figures in the order a consultant reads them, with whether they are percentages. */
const FIGURES: { key: string; label: MessageKey; percent: boolean }[] = [
  { key: 'conversion', label: 'csv.fig.conversion', percent: true },
  { key: 'converted', label: 'csv.fig.converted', percent: false },
  { key: 'emails', label: 'csv.fig.emails', percent: false },
  { key: 'emails_per_contact', label: 'csv.fig.emailsPerContact', percent: false },
  { key: 'opens', label: 'csv.fig.opens', percent: false },
  { key: 'clicks', label: 'csv.fig.clicks', percent: false },
  { key: 'unsubscribes', label: 'csv.fig.unsubscribes', percent: false },
];

/** ComparisonCsvInput is what a comparison's CSV is made of. */
export interface ComparisonCsvInput {
  comparison: Comparison;
  request: SimRequest | null;
  flowA: Flow;
  flowB: Flow;
  /** version is set when A is that published version of the funnel and B its draft. */
  version: number | null;
  ranAt: Date;
  names: CsvNames;
  lang: Lang;
}

/** comparisonCsv is the CSV of a comparison: the run, the differences with their interval, then each side's emails and steps. */
export function comparisonCsv(input: ComparisonCsvInput, f: CsvFormat = csvFormat(input.lang)): string {
  const t = translator(input.lang);
  const { comparison: c, flowA, flowB, names, version } = input;
  const seeds = c.seeds?.length ? c.seeds : [c.a.seed];
  const versionOf = (side: 'a' | 'b') => (version === null ? '' : side === 'a' ? t('csv.version.number', { version: String(version) }) : t('csv.version.draft'));
  const figures = new Map((c.figures ?? []).map((fig) => [fig.key, fig]));
  const figureRows = FIGURES.filter((d) => figures.has(d.key)).map(({ key, label, percent }): Cell[] => {
    const fig = figures.get(key)!;
    // The engine gives the conversion's means as shares and its difference
    // in percentage points: the CSV writes all of them in percent.
    const m = percent ? 100 : 1;
    const chance = !fig.same && fig.chance;
    return [t(label), key, fig.a * m, fig.b * m, fig.diff, seeds.length > 1 ? fig.low : null, seeds.length > 1 ? fig.high : null, chance ? t('csv.yes') : t('csv.no')];
  });
  const rows: Cell[][] = [
    [t('csv.titleComparison')],
    [t('csv.funnelA'), flowA.name || names.flow(flowA.id)],
    [t('csv.funnelAId'), flowA.id],
    ...(version !== null ? [[t('csv.versionA'), versionOf('a')]] : []),
    [t('csv.funnelB'), flowB.name || names.flow(flowB.id)],
    [t('csv.funnelBId'), flowB.id],
    ...(version !== null ? [[t('csv.versionB'), versionOf('b')]] : []),
    ...runRows(t, c.a, input.request, names),
    [t('csv.seeds'), seeds.join(' ')],
    [t('csv.interval'), t('csv.intervalHow', { n: String(seeds.length) })],
    [t('csv.runAt'), isoMinute(input.ranAt)],
    [],
    [t('csv.differencesTitle')],
    [t('csv.figure'), t('csv.figureId'), t('csv.a'), t('csv.b'), t('csv.diff'), t('csv.low'), t('csv.high'), t('csv.chance')],
    ...figureRows,
    [],
    [t('csv.emailsTitle')],
    ...emailRows(t, c.a, flowA, names, 'A'),
    ...emailRows(t, c.b, flowB, names, 'B').slice(1),
    [],
    [t('csv.stepsTitle')],
    ...stepRows(t, c.a, flowA, names, 'A'),
    ...stepRows(t, c.b, flowB, names, 'B').slice(1),
  ];
  return csvText(rows, f);
}
