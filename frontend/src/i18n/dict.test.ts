import { describe, expect, it } from 'vitest';
import { SPECS } from '../test/fakeBackend';
import { en, fr, frIssues, translate } from './dict';

const placeholders = (s: string) => [...s.matchAll(/\{([a-zA-Z_]+)\}/g)].map((m) => m[1]).sort();

describe('dictionary', () => {
  it('has every English sentence in French, with the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(fr[key], key).toBeTruthy();
      expect(placeholders(fr[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('fills placeholders', () => {
    expect(translate('fr', 'toast.published', { version: 3 })).toBe('Publié : la version 3 est en service.');
    expect(translate('en', 'flows.live', { version: 2 })).toBe('Live v2');
  });

  it('has a French sentence for the common problem codes', () => {
    for (const code of ['required', 'port_unconnected', 'no_trigger', 'unreachable', 'split_total']) expect(frIssues[code]).toBeTruthy();
  });

  it('gets node texts from the catalogue in both languages', () => {
    for (const s of SPECS) {
      expect(s.title.en && s.title.fr, s.type).toBeTruthy();
      for (const p of s.ports) expect(p.label.en && p.label.fr, `${s.type}.${p.id}`).toBeTruthy();
    }
  });
});
