import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatDayTime, formatElapsed, formatNumber, formatPercent, formatTime } from './format';

// Intl writes narrow or plain no-break spaces; a reader sees spaces.
const sp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const at = '2026-12-06T14:05:00Z';

describe('format', () => {
  it('writes numbers with the language’s grouping and decimal mark', () => {
    expect(formatNumber(12345, 'en')).toBe('12,345');
    expect(sp(formatNumber(12345, 'fr'))).toBe('12 345');
    expect(sp(formatNumber(2.5, 'fr', 1))).toBe('2,5');
    expect(sp(formatPercent(0.239, 'fr'))).toBe('23,9 %');
    expect(formatPercent(0.239, 'en')).toBe('23.9%');
  });

  it('keeps one format per language, style and decimals (a kept format never answers for another)', () => {
    expect(sp(formatNumber(2.555, 'fr', 1))).toBe('2,6');
    expect(sp(formatNumber(2.555, 'fr', 2))).toBe('2,56');
    expect(formatNumber(2.555, 'en', 2)).toBe('2.56');
    expect(formatNumber(2.555, 'en')).toBe('3');
    expect(formatPercent(0.5, 'en', 0)).toBe('50%');
    expect(formatNumber(0.5, 'en', 1)).toBe('0.5');
  });

  it('writes dates and times the way each language does, in the zone given', () => {
    expect(sp(formatDateTime(at, 'fr', 'UTC'))).toBe('6 déc. 2026, 14 h 05');
    expect(formatDateTime(at, 'en', 'UTC')).toBe('Dec 6, 2026, 2:05 PM');
    expect(sp(formatDateTime(at, 'fr', 'America/Montreal'))).toBe('6 déc. 2026, 9 h 05');
    expect(sp(formatTime('2026-12-06T09:00:00Z', 'fr', 'UTC'))).toBe('9 h 00');
    expect(sp(formatDate(at, 'fr', 'UTC'))).toBe('6 déc. 2026');
    expect(sp(formatDayTime(at, 'fr', 'UTC'))).toBe('6 déc., 14 h 05');
    // An unknown zone falls back to the machine's rather than failing.
    expect(formatDate(at, 'en', 'Not/AZone')).toMatch(/2026/);
    expect(formatDate('not a date', 'en')).toBe('not a date');
  });

  it('writes lengths of time in words, two units at most', () => {
    expect(sp(formatElapsed(5400, 'fr'))).toBe('1 h 30');
    expect(sp(formatElapsed(5400, 'en'))).toBe('1 hr 30 min');
    expect(sp(formatElapsed(2 * 86400, 'fr'))).toBe('2 jours');
    expect(sp(formatElapsed(86400 + 3600 * 3, 'en'))).toBe('1 day 3 hr');
    expect(sp(formatElapsed(45, 'fr'))).toBe('45 s');
    expect(sp(formatElapsed(90, 'en'))).toBe('1 min 30 s');
  });
});
