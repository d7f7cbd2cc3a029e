import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** sources lists the app's .ts/.tsx files under dir, tests left out. */
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

describe('toasts follow the language', () => {
  // A toast given a sentence already translated keeps the language it was
  // raised in; it must be given msg(key, params) (or the engine's raw text).
  it('no toast is raised with a sentence already put into words', () => {
    const src = join(__dirname, '..');
    const bad: string[] = [];
    for (const file of sources(src)) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/\btoast\(/.test(line) && /\b(translate|t|tx)\(/.test(line.slice(line.indexOf('toast(') + 6))) bad.push(`${file.slice(src.length + 1)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(bad).toEqual([]);
  });
});
