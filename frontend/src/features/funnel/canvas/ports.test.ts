import { describe, expect, it } from 'vitest';
import { spec } from '../../../test/fakeBackend';
import { casePort, configValue, formatPercent, isShown, portsOf } from './ports';

describe('ports', () => {
  it('turns case values into port ids like the engine', () => {
    expect(casePort('FR')).toBe('case_fr');
    expect(casePort('New York')).toBe('case_new_york');
    expect(casePort('Île-de-France')).toBe('case__le_de_france');
    expect(casePort('')).toBe('case_');
  });

  it('lists yes/no for a condition and met/timeout for a wait', () => {
    expect(portsOf(spec('condition.tag'), {}).map((p) => p.id)).toEqual(['yes', 'no']);
    expect(portsOf(spec('wait.event'), {}).map((p) => p.id)).toEqual(['met', 'timeout']);
    expect(portsOf(spec('exit'), {})).toEqual([]);
  });

  it('adds one port per branch of a random split, with its share, from the default when unset', () => {
    const s = spec('split.random');
    expect(portsOf(s, {}).map((p) => [p.id, p.label.en])).toEqual([
      ['a', 'A (50%)'],
      ['b', 'B (50%)'],
    ]);
    const three = portsOf(s, { branches: [{ id: 'a', label: 'Control', percent: 33.3 }, { id: 'b', label: '', percent: 33.3 }, { id: 'c', label: 'C', percent: '33.4' }] });
    expect(three.map((p) => p.label.en)).toEqual(['Control (33.3%)', 'b (33.3%)', 'C (33.4%)']);
  });

  it('adds one port per case after the fixed "other" port', () => {
    const ports = portsOf(spec('split.field'), { cases: ['FR', 'US'] });
    expect(ports.map((p) => p.id)).toEqual(['other', 'case_fr', 'case_us']);
    expect(portsOf(spec('split.field'), { cases: 'FR, DE' }).map((p) => p.id)).toEqual(['other', 'case_fr', 'case_de']);
  });

  it('reads defaults and show_if like the engine', () => {
    const s = spec('condition.behaviour');
    const days = s.fields.find((f) => f.name === 'days')!;
    expect(configValue(s, {}, 'window')).toBe('ever');
    expect(configValue(s, { window: '' }, 'window')).toBe('ever');
    expect(isShown(s, days, {})).toBe(false);
    expect(isShown(s, days, { window: 'last_days' })).toBe(true);
  });

  it('writes shares like %g', () => {
    expect(formatPercent(50)).toBe('50');
    expect(formatPercent(33.3)).toBe('33.3');
    expect(formatPercent(0.1 + 0.2)).toBe('0.3');
  });
});
