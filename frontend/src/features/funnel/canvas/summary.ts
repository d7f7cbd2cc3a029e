// The one line written on a node: the spec's summary template with each
// {field} replaced by the node's value for it, in plain words ("Wait 2
// days", "+10 points", "Page visited, at least once?"), never a stored key.
import type { FieldSpec, Lang, NodeSpec } from '../../../api/types';
import { translate, tx, type MessageKey } from '../../../i18n/dict';
import { isRefType, NAME_KEYED, refName as storedRefName, useRefs } from '../../../stores/refs';
import { configValue, formatPercent, hasValue, isShown, readBranches, readStrings, toStr } from './ports';

/** SummaryContext resolves references to other nodes of the flow. */
export interface SummaryContext {
  /** nodeName returns the name to show for a node id of this flow. */
  nodeName?: (id: string) => string | undefined;
  /** refName returns the name of a named thing (an email…) for its stored key. */
  refName?: (type: FieldSpec['type'], key: string) => string | undefined;
}

/**
 * PLACEHOLDER is {field} or {field:format}: "signed" writes a number with
 * its sign (+10, −5), "times" a count in words ("once", "3 times").
 */
const PLACEHOLDER = /\{([a-z_][a-z0-9_]*)(?::([a-z]+))?\}/g;

/** MISSING marks a required value not filled in yet. */
export const MISSING = '…';

/** formatValue writes a field's value for reading on the canvas. */
export function formatValue(field: FieldSpec, value: unknown, lang: Lang, ctx: SummaryContext = {}): string {
  if (!hasValue(value)) return '';
  switch (field.type) {
    case 'enum':
    case 'stage': {
      const v = toStr(value);
      const opt = field.options?.find((o) => o.value === v);
      return opt ? tx(opt.label, lang) : v;
    }
    case 'bool':
      return translate(lang, value === true || value === 'true' ? 'common.yes' : 'common.no');
    case 'duration':
      return formatDuration(toStr(value), lang);
    case 'weekdays':
      return readStrings(value)
        .map((d) => translate(lang, `day.short.${d}` as MessageKey))
        .join(', ');
    case 'branches':
      return readBranches(value)
        .map((b) => `${b.label || b.id} ${formatPercent(b.percent)}%`)
        .join(' · ');
    case 'cases':
      return readStrings(value).join(', ');
    case 'filter':
    case 'params': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return toStr(value);
      return Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${k} = ${toStr(v)}`)
        .join(', ');
    }
    case 'node': {
      const id = toStr(value);
      return ctx.nodeName?.(id) ?? id;
    }
    default: {
      if (typeof value === 'string') {
        const name = ctx.refName ? ctx.refName(field.type, value) : knownName(field.type, value, lang);
        if (name !== undefined) return name;
        // An event nobody declared yet still reads as words ("Demo booked").
        if (field.type === 'event_type') return humanize(value);
      }
      return Array.isArray(value) ? value.map(toStr).join(', ') : toStr(value);
    }
  }
}

/** knownName is a reference's name from the workspace's names when the caller gave no resolver. */
function knownName(type: FieldSpec['type'], key: string, lang: Lang): string | undefined {
  if (!isRefType(type)) return undefined;
  const st = useRefs.getState();
  const name = storedRefName(st.refs, type, key, lang);
  // An email, segment or funnel is stored by id: a missing one reads as
  // missing (the printed summary, the outline, spoken names), never by its id.
  if (name === undefined && st.status === 'ready' && !NAME_KEYED.has(type)) return translate(lang, `ref.missing.${type}` as MessageKey);
  return name;
}

/** humanize writes a stored key as words: "demo_booked" reads "Demo booked". */
export function humanize(key: string): string {
  const w = key.split(/[_.-]+/).filter(Boolean).join(' ');
  return w ? w[0]!.toUpperCase() + w.slice(1) : key;
}

const DURATION_PART = /(\d+(?:[.,]\d+)?)\s*([a-z]*)/g;
const DURATION_UNITS: Record<string, 's' | 'm' | 'h' | 'd' | 'w'> = {
  s: 's', sec: 's', secs: 's',
  m: 'm', min: 'm', mins: 'm',
  h: 'h', hr: 'h', hrs: 'h', hour: 'h', hours: 'h',
  d: 'd', day: 'd', days: 'd', j: 'd',
  w: 'w', week: 'w', weeks: 'w',
};
const UNIT_WORDS: Record<Lang, Record<'s' | 'm' | 'h' | 'd' | 'w', [string, string]>> = {
  en: { s: ['second', 'seconds'], m: ['minute', 'minutes'], h: ['hour', 'hours'], d: ['day', 'days'], w: ['week', 'weeks'] },
  fr: { s: ['seconde', 'secondes'], m: ['minute', 'minutes'], h: ['heure', 'heures'], d: ['jour', 'jours'], w: ['semaine', 'semaines'] },
};

/**
 * formatDuration writes a stored duration ("2d", "1d 12h", "90m") in words:
 * "2 days", "1 day 12 hours" / "2 jours", "1 jour 12 heures". The grammar is
 * the engine's (flow.ParseDuration); text it cannot read is shown as typed.
 */
export function formatDuration(raw: string, lang: Lang): string {
  const s = raw.trim().toLowerCase();
  const parts: string[] = [];
  let rest = s.replace(DURATION_PART, (_m, num: string, unit: string) => {
    const u = DURATION_UNITS[unit];
    if (!u) return _m;
    const n = Number(num.replace(',', '.'));
    // French uses the singular below 2 ("1,5 heure"), English only for 1.
    const plural = lang === 'fr' ? n >= 2 : n !== 1;
    const shown = lang === 'fr' ? String(n).replace('.', ',') : String(n);
    parts.push(`${shown} ${UNIT_WORDS[lang][u][plural ? 1 : 0]}`);
    return '';
  });
  rest = rest.trim();
  return parts.length === 0 || rest !== '' ? raw : parts.join(' ');
}

/** formatAs writes a number with a summary format (see PLACEHOLDER). */
function formatAs(format: string, value: unknown, text: string, lang: Lang): string {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return text;
  const shown = (x: number) => (lang === 'fr' ? String(x).replace('.', ',') : String(x));
  switch (format) {
    case 'signed':
      // A true minus sign, as in "−5 points".
      return n > 0 ? `+${shown(n)}` : n < 0 ? `\u2212${shown(-n)}` : '0';
    case 'times':
      return n === 1 ? translate(lang, 'summary.once') : translate(lang, 'summary.times', { n: shown(n) });
    default:
      return text;
  }
}

/**
 * summaryText fills the spec's summary for a node: "Wait {duration}" with
 * duration "2d" reads "Wait 2 days". Hidden fields (show_if) read as nothing; a
 * required field left empty reads as "…".
 */
export function summaryText(spec: NodeSpec, config: Record<string, unknown> | undefined, lang: Lang, ctx: SummaryContext = {}): string {
  const template = tx(spec.summary, lang);
  let placeholders = 0;
  let filled = 0;
  const out = template.replace(PLACEHOLDER, (_m, name: string, format: string | undefined) => {
    placeholders++;
    const field = spec.fields.find((f) => f.name === name);
    if (!field || !isShown(spec, field, config)) return '';
    const value = configValue(spec, config, name);
    let text = formatValue(field, value, lang, ctx);
    if (text !== '' && format) text = formatAs(format, value, text, lang);
    if (text !== '') {
      filled++;
      return text;
    }
    return field.required ? MISSING : '';
  });
  let s = out.replace(/\s+/g, ' ').trim();
  // English puts no space before ? : ; ! (French does).
  if (lang === 'en') s = s.replace(/ ([?:;!])/g, '$1');
  if (placeholders > 0 && filled === 0 && !s.includes(MISSING)) {
    s = `${s} ${MISSING}`;
  }
  return s;
}
