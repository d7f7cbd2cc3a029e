import { describe, expect, it } from 'vitest';
import { fmtSigned } from './format';

describe('fmtSigned', () => {
  it('writes what rounds to zero as zero, never −0', () => {
    expect(fmtSigned(-0.004, 'en', 2)).toBe(fmtSigned(0, 'en', 2));
    expect(fmtSigned(-0.4, 'en')).toBe('0');
    expect(fmtSigned(-7404, 'en')).toBe('−7,404');
    expect(fmtSigned(0.75, 'en', 2)).toBe('+0.75');
  });
});
