import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../api/types';
import { translate, type MessageKey } from '../../i18n/dict';
import { PROBLEM_TEXT, problemText } from './problemText';

const say = (lang: Lang) => (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars);

describe('the email checker’s problems', () => {
  it('are said in French from their code and parameters, with the “did you mean”', () => {
    const p = { code: 'unknown_filter', params: { name: 'upcse', suggest: 'upcase' }, message: 'unknown filter "upcse" (did you mean "upcase"?)' };
    expect(problemText(say('fr'), p)).toBe('Il n’existe pas de filtre nommé « upcse ». Vouliez-vous dire « upcase » ?');
    expect(problemText(say('en'), p)).toBe('There is no filter named “upcse”. Did you mean “upcase”?');
  });

  it('name the Liquid they cannot read and the block inside columns they are about', () => {
    expect(problemText(say('fr'), { code: 'liquid_unclosed', params: { tag: 'if', source: '{% if contact.vip %}' }, message: 'x' })).toBe(
      'Le bloc {% if contact.vip %} n’est jamais fermé : ajoutez {% endif %} là où il doit se terminer.',
    );
    expect(problemText(say('en'), { code: 'button_no_link', params: { block: '3', column: '2', inner: '1' }, message: 'x' })).toBe('Column 2, block 1: This button has no link.');
  });

  it('keep the engine’s words for a code this build does not know', () => {
    expect(problemText(say('fr'), { code: 'brand_new', message: 'something new' })).toBe('something new');
  });

  it('have a sentence for every code the engine writes (engine/mail/check.go)', () => {
    const src = readFileSync(join(__dirname, '../../../../engine/mail/check.go'), 'utf8');
    const codes = [...src.matchAll(/^\s*Code\w+\s*=\s*"([a-z_]+)"/gm)].map((m) => m[1]!);
    expect(codes.length).toBeGreaterThan(15);
    expect(codes.filter((c) => !PROBLEM_TEXT[c])).toEqual([]);
  });
});
