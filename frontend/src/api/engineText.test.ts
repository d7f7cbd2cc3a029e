import { afterEach, describe, expect, it } from 'vitest';
import { setPseudo } from '../i18n/pseudo';
import { engineText } from './engineText';

const waiting = { en: 'Waiting 2 days', fr: 'Attend 2 jours', pseudo: '⟦Waiting 2 days⟧' };

describe('engineText', () => {
  afterEach(() => setPseudo(false));

  it('shows the engine’s sentence in the window’s language', () => {
    expect(engineText(waiting, 'fr')).toBe('Attend 2 jours');
    expect(engineText(waiting, 'en')).toBe('Waiting 2 days');
  });

  it('falls back to English for a language the engine has not, and to the fallback without a text', () => {
    expect(engineText(waiting, 'de')).toBe('Waiting 2 days');
    expect(engineText(undefined, 'fr', 'waiting 2 days')).toBe('waiting 2 days');
  });

  it('shows the wrapped text in the pseudo-locale, whatever the language', () => {
    setPseudo(true);
    expect(engineText(waiting, 'en')).toBe('⟦Waiting 2 days⟧');
    expect(engineText(waiting, 'fr')).toBe('⟦Waiting 2 days⟧');
  });
});
