import { afterEach, describe, expect, it } from 'vitest';
import { audienceHelp, audienceName, personaName, setSimNames } from './simNames';

afterEach(() => setSimNames(null));

const text = (en: string, fr: string) => ({ en, fr, pseudo: `⟦${en}⟧` });

describe('the simulator’s names, from the engine', () => {
  it('names audiences and personas in the UI language, "real" being the workspace’s contacts', () => {
    setSimNames({
      audiences: {
        'cold-b2b': { title: text('Cold B2B list', 'Liste B2B froide'), help: text('Bought contacts.', 'Contacts achetés.') },
        contacts: { title: text('My real contacts', 'Mes vrais contacts'), help: text('Yours.', 'Les vôtres.') },
      },
      personas: { 'loyal-shopper': text('loyal shopper', 'client fidèle') },
    });
    expect(audienceName('fr', 'cold-b2b')).toBe('Liste B2B froide');
    expect(audienceName('en', 'cold-b2b')).toBe('Cold B2B list');
    expect(audienceHelp('fr', 'cold-b2b')).toBe('Contacts achetés.');
    expect(audienceName('fr', 'real')).toBe('Mes vrais contacts');
    expect(personaName('fr', 'loyal-shopper')).toBe('client fidèle');
  });

  it('reads a slug as words until the names arrive, or for one from a file', () => {
    expect(audienceName('fr', 'cold-b2b')).toBe('cold b2b');
    expect(personaName('en', 'vip-buyers')).toBe('vip buyers');
    expect(audienceHelp('en', 'cold-b2b')).toBe('');
  });
});
