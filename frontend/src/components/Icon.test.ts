import { describe, expect, it } from 'vitest';
import { iconSVG, nodeIconClass } from './Icon';

describe('step icons as images', () => {
  it('draws a glyph as a standalone SVG in the given colour, with its shapes', () => {
    const svg = iconSVG('mail', '#7c3aed')!;
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('stroke="#7c3aed"');
    // The envelope: a rect and a path, as lucide draws it; no React key leaks in.
    expect(svg).toMatch(/<rect [^>]*width="20"/);
    expect(svg).toMatch(/<path d="m22 7/);
    expect(svg).not.toContain('key=');
    // An unknown name draws the neutral circle, never nothing.
    expect(iconSVG('no-such-icon', '#000')).toMatch(/<circle /);
  });

  it('gives each icon and category one class whose rule draws it', () => {
    const a = nodeIconClass('mail', 'do');
    expect(a).toMatch(/^fp-ico-\d+$/);
    expect(nodeIconClass('mail', 'do')).toBe(a);
    const b = nodeIconClass('mail', 'check');
    expect(b).not.toBe(a);
    const rules = [...document.styleSheets].flatMap((s) => [...s.cssRules].map((r) => r.cssText));
    const rule = rules.find((r) => r.includes(`.${a}`));
    expect(rule).toContain('data:image/svg+xml');
    expect(rule).toContain(encodeURIComponent('<rect'));
  });
});
