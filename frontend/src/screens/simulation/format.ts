// Numbers as the simulation screen writes them, in the UI language:
// "10,000" / "10 000", "23.9%" / "23,9 %", "0.4 s" / "0,4 s".
import type { Lang } from '../../api/types';
import { locale } from '../../i18n/format';

/** fmtInt writes a count with thousands separators. */
export function fmtInt(n: number, lang: Lang): string {
  return Math.round(n).toLocaleString(locale(lang));
}

/** fmtNum writes a number with at most `digits` decimals. */
export function fmtNum(n: number, lang: Lang, digits = 1): string {
  return n.toLocaleString(locale(lang), { maximumFractionDigits: digits });
}

/** fmtShare writes a share (0–1) as a percentage; a tiny non-zero share reads "<0.1%". */
export function fmtShare(x: number, lang: Lang, digits = 1): string {
  const min = 10 ** -(digits + 2);
  if (x > 0 && x < min) return `<${fmtShare(min, lang, digits)}`;
  return new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: digits }).format(x);
}

/** fmtPercent writes a percentage given as 0–100. */
export function fmtPercent(p: number, lang: Lang, digits = 1): string {
  return fmtShare(p / 100, lang, digits);
}

/** fmtSigned writes a difference with its sign: "+12", "−3", "0". */
export function fmtSigned(n: number, lang: Lang, digits = 0): string {
  const abs = fmtNum(Math.abs(n), lang, digits);
  // What rounds to zero reads as zero, never "−0".
  if (Math.abs(n) < 10 ** -(digits + 1) || abs === fmtNum(0, lang, digits)) return fmtNum(0, lang, digits);
  return `${n > 0 ? '+' : '−'}${abs}`;
}

/** fmtSeconds writes a duration in milliseconds as seconds. */
export function fmtSeconds(ms: number, lang: Lang): string {
  const s = ms / 1000;
  if (s < 0.1) return `< ${fmtNum(0.1, lang)} s`;
  return `${fmtNum(s, lang, s < 10 ? 1 : 0)} s`;
}
