import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fixture from '../api/catalogue.fixture.json';
import { en, enIssues, fr, frIssues } from './dict';
import { offGlossary } from './glossary';

const templates = join(__dirname, '../../../engine/templates');

/** strings lists every string under v with its path; keys named in skip (ids, types) are left out. */
function strings(v: unknown, path: string, out: [string, string][] = [], skip = new Set<string>()): [string, string][] {
  if (typeof v === 'string') out.push([path, v]);
  else if (Array.isArray(v)) v.forEach((x, i) => strings(x, `${path}[${i}]`, out, skip));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (!skip.has(k)) strings(x, `${path}.${k}`, out, skip);
  return out;
}

/** catalogueTexts lists the catalogue's texts in one language. */
function catalogueTexts(lang: 'en' | 'fr'): [string, string][] {
  const out: [string, string][] = [];
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${(x as { type?: string })?.type ?? i}]`));
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.en === 'string' && typeof o.fr === 'string') out.push([path, o[lang] as string]);
      else for (const [k, x] of Object.entries(o)) walk(x, `${path}.${k}`);
    }
  };
  walk(fixture.catalogue, 'catalogue');
  return out;
}

// What a user reads of a gallery funnel file: its names, descriptions and step labels.
const READ = new Set(['name', 'description', 'label', 'text', 'subject', 'preheader']);
function galleryEnglish(): [string, string][] {
  const out: [string, string][] = [];
  for (const f of readdirSync(join(templates, 'flows'))) {
    const flow = JSON.parse(readFileSync(join(templates, 'flows', f), 'utf8'));
    for (const [p, s] of strings(flow, f)) if (READ.has(p.split('.').pop()!.replace(/\[\d+\]$/, ''))) out.push([p, s]);
  }
  return [...out, ...strings(JSON.parse(readFileSync(join(templates, 'emails/en.json'), 'utf8')), 'emails/en.json', [], new Set(['id', 'type', 'url', 'html']))];
}
function galleryFrench(): [string, string][] {
  return [
    ...strings(JSON.parse(readFileSync(join(templates, 'lang/fr.json'), 'utf8')), 'lang/fr.json'),
    ...strings(JSON.parse(readFileSync(join(templates, 'emails/fr.json'), 'utf8')), 'emails/fr.json', [], new Set(['id', 'type', 'url', 'html'])),
  ];
}

function offenders(lang: 'en' | 'fr', texts: [string, string][]): string[] {
  const bad: string[] = [];
  for (const [where, text] of texts) {
    const words = offGlossary(text, lang);
    if (words.length) bad.push(`${where}: ${words.join(', ')} in “${text.slice(0, 90)}”`);
  }
  return bad;
}

describe('glossary', () => {
  it('is followed by the French dictionary and problem sentences', () => {
    expect(offenders('fr', [...Object.entries(fr), ...Object.entries(frIssues)])).toEqual([]);
  });

  it('is followed by the English dictionary and problem sentences', () => {
    expect(offenders('en', [...Object.entries(en), ...Object.entries(enIssues)])).toEqual([]);
  });

  it('is followed by the Go catalogue in both languages', () => {
    expect(offenders('fr', catalogueTexts('fr'))).toEqual([]);
    expect(offenders('en', catalogueTexts('en'))).toEqual([]);
  });

  it('is followed by the gallery’s funnels and emails in both languages', () => {
    const frTexts = galleryFrench();
    const enTexts = galleryEnglish();
    expect(frTexts.length).toBeGreaterThan(100);
    expect(enTexts.length).toBeGreaterThan(100);
    expect(offenders('fr', frTexts)).toEqual([]);
    expect(offenders('en', enTexts)).toEqual([]);
  });

  it('finds a forbidden variant, not a quoted one', () => {
    expect(offGlossary('Envoyer un e-mail', 'fr')).toHaveLength(1);
    expect(offGlossary('Le score du contact', 'fr')).toHaveLength(1);
    expect(offGlossary('Bonjour {{ contact.email }}', 'fr')).toEqual([]);
    expect(offGlossary('Open the flow file (.flow.json)', 'en')).toHaveLength(1);
    expect(offGlossary('Open a funnel file (.flow.json)', 'en')).toEqual([]);
  });
});
