// Numbers, dates, times and lengths of time as people read them in the UI
// language: "12,345" / "12 345", "Dec 6, 2026, 2:05 PM" / "6 déc. 2026,
// 14 h 05", "1 hr 30 min" / "1 h 30". Every screen prints them through this
// module so that no raw number, ISO date or engine duration reaches a French
// screen in English form.
import type { Lang } from '../api/types';
import { pseudo } from './pseudo';

/** locale is the Intl locale of a UI language. */
export function locale(lang: Lang | string | undefined): string {
  return typeof lang === 'string' && lang.toLowerCase().startsWith('fr') ? 'fr-FR' : 'en-US';
}

// Number formats are made once per locale and shape: making one costs far
// more than using it (a funnel of 200 steps opening spent about a tenth of
// its first render making the formats of the numbers in its words).
const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(loc: string, style: 'decimal' | 'percent', digits: number): Intl.NumberFormat {
  const key = `${loc}|${style}|${digits}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(loc, { style, maximumFractionDigits: digits })));
  return f;
}

/** formatNumber writes a number with the language's digit grouping and at most `digits` decimals. */
export function formatNumber(n: number, lang: Lang | string | undefined, digits = 0): string {
  if (!Number.isFinite(n)) return '—';
  // A small whole number reads the same in every UI language: no grouping,
  // no decimals. A funnel's accessible names are full of them ("Step 3 of
  // 200"), and the first format made in a run costs the opening of a funnel
  // about 20 ms.
  if (Number.isInteger(n) && n >= 0 && n < 1000) return String(n);
  return numberFormat(locale(lang), 'decimal', digits).format(n);
}

/** formatPercent writes a share given as 0–1: "23.9%" / "23,9 %". */
export function formatPercent(share: number, lang: Lang | string | undefined, digits = 1): string {
  if (!Number.isFinite(share)) return '—';
  return numberFormat(locale(lang), 'percent', digits).format(share);
}

function toDate(when: string | number | Date): Date | null {
  const d = when instanceof Date ? when : new Date(when);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * formatTime writes a time of day: "2:05 PM" / "14 h 05". French uses the
 * "h" form of written French (Québec and France alike) rather than Intl's
 * "14:05". timeZone (an IANA name) shows the time where it matters — the
 * contact's or the funnel's zone; without it the machine's zone is used.
 */
export function formatTime(when: string | number | Date, lang: Lang | string | undefined, timeZone?: string): string {
  return pseudo(timeOfDay(when, lang, timeZone));
}

function timeOfDay(when: string | number | Date, lang: Lang | string | undefined, timeZone?: string): string {
  const d = toDate(when);
  if (!d) return String(when);
  const opts: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit', timeZone: zone(timeZone) };
  if (locale(lang) !== 'fr-FR') return new Intl.DateTimeFormat('en-US', opts).format(d);
  const parts = new Intl.DateTimeFormat('fr-FR', { ...opts, hour: '2-digit', hourCycle: 'h23' }).formatToParts(d);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? '0');
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
  return `${hour}\u00a0h\u00a0${minute}`;
}

/** formatDate writes a day: "Dec 6, 2026" / "6 déc. 2026". */
export function formatDate(when: string | number | Date, lang: Lang | string | undefined, timeZone?: string): string {
  const d = toDate(when);
  if (!d) return String(when);
  return pseudo(day(d, lang, timeZone));
}

function day(d: Date, lang: Lang | string | undefined, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'short', year: 'numeric', timeZone: zone(timeZone) }).format(d);
}

/** formatDateTime writes a day and a time: "Dec 6, 2026, 2:05 PM" / "6 déc. 2026, 14 h 05". */
export function formatDateTime(when: string | number | Date, lang: Lang | string | undefined, timeZone?: string): string {
  const d = toDate(when);
  if (!d) return String(when);
  return pseudo(`${day(d, lang, timeZone)}, ${timeOfDay(d, lang, timeZone)}`);
}

/** formatDayTime writes a day of this year and a time, without the year: "Dec 6, 2:05 PM" / "6 déc., 14 h 05". */
export function formatDayTime(when: string | number | Date, lang: Lang | string | undefined, timeZone?: string): string {
  const d = toDate(when);
  if (!d) return String(when);
  const dayMonth = new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'short', timeZone: zone(timeZone) }).format(d);
  return pseudo(`${dayMonth}, ${timeOfDay(d, lang, timeZone)}`);
}

// A zone name Intl does not know would throw; the machine's zone is the
// honest fallback (the caller shows the zone's name beside the time).
function zone(tz: string | undefined): string | undefined {
  if (!tz) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz;
  } catch {
    return undefined;
  }
}

const UNITS: Record<'fr' | 'en', Record<'d' | 'h' | 'min' | 's', [string, string]>> = {
  en: { d: ['day', 'days'], h: ['hr', 'hr'], min: ['min', 'min'], s: ['s', 's'] },
  fr: { d: ['jour', 'jours'], h: ['h', 'h'], min: ['min', 'min'], s: ['s', 's'] },
};

/**
 * formatElapsed writes a length of time given in seconds, largest units
 * first and at most two of them: "2 days", "1 hr 30 min", "45 s" / "2 jours",
 * "1 h 30", "45 s". French writes hours and minutes the written way ("1 h 30",
 * not "1 h 30 min").
 */
export function formatElapsed(seconds: number, lang: Lang | string | undefined): string {
  if (!Number.isFinite(seconds)) return '—';
  const fr = locale(lang) === 'fr-FR';
  const w = UNITS[fr ? 'fr' : 'en'];
  const s = Math.round(Math.abs(seconds));
  const days = Math.floor(s / 86400);
  const hours = Math.floor((s % 86400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const secs = s % 60;
  const n = (x: number) => formatNumber(x, lang);
  const unit = (x: number, u: keyof typeof w) => `${n(x)}\u00a0${w[u][(fr ? x >= 2 : x !== 1) ? 1 : 0]}`;
  const out: string[] = [];
  if (days) {
    out.push(unit(days, 'd'));
    if (hours) out.push(unit(hours, 'h'));
  } else if (hours) {
    if (fr && minutes) return pseudo(`${n(hours)}\u00a0h\u00a0${String(minutes).padStart(2, '0')}`);
    out.push(unit(hours, 'h'));
    if (minutes) out.push(unit(minutes, 'min'));
  } else if (minutes) {
    out.push(unit(minutes, 'min'));
    if (secs) out.push(unit(secs, 's'));
  } else {
    out.push(unit(secs, 's'));
  }
  return pseudo((seconds < 0 ? '−' : '') + out.join(' '));
}
