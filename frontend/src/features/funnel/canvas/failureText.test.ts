import { describe, expect, it } from 'vitest';
import { failureText } from './failureText';

describe('a step’s failure', () => {
  it('is said in the UI language from the engine’s own words, the server’s answer as it said it', () => {
    const text = {
      en: 'the relay (mx.example.com:25) refused the recipient — 550 no such user',
      fr: 'le relais (mx.example.com:25) a refusé le destinataire — 550 no such user',
      pseudo: '⟦the relay (mx.example.com:25) refused the recipient⟧ — 550 no such user',
    };
    const reason = 'smtp profile "main": mx.example.com:25: recipient: 550 no such user';
    expect(failureText(reason, 'fr', text)).toBe(text.fr);
    expect(failureText(reason, 'en', text)).toBe(text.en);
  });
});
