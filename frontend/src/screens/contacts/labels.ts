// Words for engine values (stages, temperatures, operators, event types,
// field names and types) in the UI language, with the raw value as the
// fallback for names the dictionary does not know (a custom event type).
import type { FieldDef, RuleKind } from '../../api/contacts';
import { en, type MessageKey } from '../../i18n/dict';
import { formatDate as formatDateIn, formatDateTime as formatDateTimeIn, formatNumber as formatNumberIn } from '../../i18n/format';
import type { Translator } from '../../i18n/useT';

type T = Translator['t'];

function has(key: string): key is MessageKey {
  return key in en;
}

/** word translates `${prefix}.${value}` when the dictionary has it, else shows the value. */
export function word(t: T, prefix: string, value: string): string {
  const k = `${prefix}.${value}`;
  return has(k) ? t(k) : value;
}

export const stageLabel = (t: T, s: string) => (s ? word(t, 'contacts.stage', s) : '—');
export const temperatureLabel = (t: T, s: string) => (s ? word(t, 'contacts.temp', s) : '—');
export const eventLabel = (t: T, type: string) => word(t, 'contacts.event', type);
export const fieldTypeLabel = (t: T, type: string) => word(t, 'contacts.ftype', type);
export const kindLabel = (t: T, kind: RuleKind) => word(t, 'contacts.kind', kind);

/** opLabel names a segment operator; list and tag rules have their own wording. */
export function opLabel(t: T, kind: RuleKind | 'prop', op: string): string {
  const specific = `contacts.op.${kind}.${op}`;
  return has(specific) ? t(specific) : word(t, 'contacts.op', op);
}

/** fieldLabel names a field: built-in ones in the UI language, custom ones by their label. */
export function fieldLabel(t: T, name: string, defs?: FieldDef[]): string {
  const k = `contacts.field.${name}`;
  if (has(k)) return t(k);
  const d = defs?.find((f) => f.name === name);
  return d?.label || name;
}

/** plural picks the one/many sentence. */
export function plural(t: T, n: number, one: MessageKey, many: MessageKey, vars: Record<string, string | number> = {}): string {
  return t(n === 1 ? one : many, { count: formatNumber(n), ...vars });
}

/** formatNumber writes a count with the UI language's digit grouping. */
export function formatNumber(n: number, lang?: string): string {
  return formatNumberIn(n, lang ?? (typeof document !== 'undefined' ? document.documentElement.lang || 'en' : 'en'), 2);
}

/** formatScore writes a score without noise decimals (12.5, not 12.499999). */
export function formatScore(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** formatDateTime writes a time the way the UI language does. */
export function formatDateTime(iso: string, lang: string): string {
  return formatDateTimeIn(iso, lang);
}

/** formatDate writes a day the way the UI language does. */
export function formatDate(iso: string, lang: string): string {
  return formatDateIn(iso, lang);
}

/** fullName joins first and last names. */
export function fullName(first?: string, last?: string): string {
  return [first, last].filter(Boolean).join(' ');
}

/**
 * segmentProblem rewrites the engine's common refusals of a segment rule in
 * plain words; anything else is shown as the engine wrote it.
 */
export function segmentProblem(t: T, text: string): string {
  let m: RegExpExecArray | null;
  if ((m = /^filter \d+: property "([^"]*)": operator "[^"]*" needs a value$/.exec(text))) return t('contacts.seg.err.filterValue', { key: m[1] });
  if (/^operator "[^"]*" needs a value$/.test(text)) return t('contacts.seg.err.needsValue');
  if ((m = /^there is no list "([^"]*)"$/.exec(text))) return t('contacts.seg.err.noList', { name: m[1] });
  if ((m = /^unknown field "([^"]*)"$/.exec(text))) return t('contacts.seg.err.unknownField', { name: m[1] });
  if (text === 'no event type') return t('contacts.seg.err.noEvent');
  if (text === 'the group has no rules') return t('contacts.seg.err.emptyGroup');
  return text;
}
