import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(__dirname, '../../..');
const FRAMES_CSS = join(__dirname, 'frames.css');

/** cssFiles lists every stylesheet under src. */
function cssFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...cssFiles(p));
    else if (e.name.endsWith('.css')) out.push(p);
  }
  return out;
}

/** classesIn is every class a stylesheet's selectors name (comments left out). */
function classesIn(css: string): Set<string> {
  const bare = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const names = new Set<string>();
  // Selectors are what comes before each "{".
  for (const m of bare.matchAll(/([^{}]+)\{/g)) {
    for (const c of m[1].matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)) names.add(c[1]);
  }
  return names;
}

describe('frames.css', () => {
  // All screens' stylesheets share one page: the Emails screen's .fp-frame
  // and .fp-frame-box (its preview's white sheet) painted over every open
  // frame in the desktop window once Emails had been visited.
  it('styles frame classes no other stylesheet styles', () => {
    const mine = [...classesIn(readFileSync(FRAMES_CSS, 'utf8'))].filter((c) => c.startsWith('fp-frame'));
    expect(mine).toContain('fp-frame-area');
    expect(mine).toContain('fp-frame-fill');
    const clashes: string[] = [];
    for (const f of cssFiles(SRC)) {
      if (f === FRAMES_CSS) continue;
      const theirs = classesIn(readFileSync(f, 'utf8'));
      for (const c of mine) if (theirs.has(c)) clashes.push(`.${c} is also styled in ${relative(SRC, f)}`);
    }
    expect(clashes).toEqual([]);
  });
});
