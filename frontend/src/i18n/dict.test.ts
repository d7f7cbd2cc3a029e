import { describe, expect, it } from 'vitest';
import fixture from '../api/catalogue.fixture.json';
import { SPECS } from '../test/fakeBackend';
import { en, enIssues, fr, frIssues, translate, tx } from './dict';
import { pseudoize, setPseudo } from './pseudo';

const placeholders = (s: string) => [...s.matchAll(/\{([a-zA-Z_]+)\}/g)].map((m) => m[1]).sort();

/** texts lists every {en, fr} text of the Go catalogue fixture, with its path. */
function texts(v: unknown, path: string, out: [string, Record<string, string>][] = []): [string, Record<string, string>][] {
  if (Array.isArray(v)) v.forEach((x, i) => texts(x, `${path}[${(x as { id?: string; name?: string; type?: string })?.type ?? (x as { id?: string })?.id ?? (x as { name?: string })?.name ?? i}]`, out));
  else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('en' in o && typeof o.en === 'string') out.push([path, o as Record<string, string>]);
    else for (const [k, x] of Object.entries(o)) texts(x, `${path}.${k}`, out);
  }
  return out;
}

describe('dictionary', () => {
  it('has every key in both languages, none empty, none left as its key, with the same placeholders', () => {
    const keys = new Set([...Object.keys(en), ...Object.keys(fr)]);
    const bad: string[] = [];
    for (const key of keys) {
      const e = (en as Record<string, string>)[key];
      const f = (fr as Record<string, string>)[key];
      if (typeof e !== 'string' || e.trim() === '') bad.push(`${key}: no English`);
      if (typeof f !== 'string' || f.trim() === '') bad.push(`${key}: no French`);
      if (e === key || f === key) bad.push(`${key}: the value is the key itself`);
      if (typeof e === 'string' && typeof f === 'string' && placeholders(e).join() !== placeholders(f).join())
        bad.push(`${key}: placeholders differ, en {${placeholders(e)}} fr {${placeholders(f)}}`);
    }
    expect(bad).toEqual([]);
  });

  it('writes the problem sentences with the same placeholders in both languages', () => {
    const bad: string[] = [];
    for (const [code, e] of Object.entries(enIssues)) {
      if (!frIssues[code]) bad.push(`${code}: no French`);
      else if (placeholders(e).join() !== placeholders(frIssues[code]).join()) bad.push(`${code}: placeholders differ`);
    }
    for (const [code, f] of Object.entries(frIssues)) if (f.trim() === '' || f === code) bad.push(`${code}: empty French`);
    expect(bad).toEqual([]);
  });

  it('fills placeholders, numbers in the language’s form', () => {
    expect(translate('fr', 'toast.published', { version: 3 })).toBe('Publié : la version 3 est en service.');
    expect(translate('en', 'flows.live', { version: 2 })).toBe('Live v2');
    expect(translate('en', 'node.counts', { count: 12345 })).toBe('12,345 contacts');
    expect(translate('fr', 'node.counts', { count: 12345 }).replace(/\s/g, ' ')).toBe('12 345 contacts');
  });

  it('has a French sentence for the common problem codes', () => {
    for (const code of ['required', 'port_unconnected', 'no_trigger', 'unreachable', 'split_total']) expect(frIssues[code]).toBeTruthy();
  });

  it('gets every text of the Go catalogue in both languages, none empty, with the same placeholders', () => {
    const all = texts(fixture.catalogue, 'catalogue');
    expect(all.length).toBeGreaterThan(200);
    const bad: string[] = [];
    for (const [path, t] of all) {
      // A text empty in both languages is one the spec does not have (no help).
      if (!t.en?.trim() && !t.fr?.trim()) continue;
      if (!t.en?.trim()) bad.push(`${path}: no English`);
      if (!t.fr?.trim()) bad.push(`${path}: no French`);
      else if (placeholders(t.en).join() !== placeholders(t.fr).join()) bad.push(`${path}: placeholders differ, en “${t.en}” fr “${t.fr}”`);
    }
    expect(bad).toEqual([]);
    for (const s of SPECS) for (const p of s.ports) expect(p.label.en && p.label.fr, `${s.type}.${p.id}`).toBeTruthy();
  });
});

describe('pseudo-locale', () => {
  it('wraps every sentence and catalogue text in ⟦…⟧, about 30 % longer, placeholders still filled', () => {
    setPseudo(true);
    try {
      const s = translate('en', 'flows.live', { version: 2 });
      expect(s).toMatch(/^⟦Live v2·+⟧$/);
      expect(s.length).toBeGreaterThanOrEqual(Math.ceil('Live v2'.length * 1.3) + 2);
      expect(tx({ en: 'Wait', fr: 'Attendre' }, 'fr')).toMatch(/^⟦Attendre·+⟧$/);
    } finally {
      setPseudo(false);
    }
    expect(translate('en', 'flows.live', { version: 2 })).toBe('Live v2');
    expect(pseudoize('')).toBe('');
  });
});
