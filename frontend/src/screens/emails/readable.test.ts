import { describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../../i18n/dict';
import { readableLiquid } from './readable';

const en = (k: MessageKey) => translate('en', k);
const fr = (k: MessageKey) => translate('fr', k);

describe('readableLiquid', () => {
  it('names merge fields instead of showing their code', () => {
    expect(readableLiquid('Welcome, {{ contact.first_name | default: "there" }}!', en)).toBe('Welcome, [First name]!');
    expect(readableLiquid('Bienvenue, {{ contact.first_name | default: "à vous" }} !', fr)).toBe('Bienvenue, [Prénom] !');
    expect(readableLiquid('{{contact.company}} et {{ unsubscribe_url }}', fr)).toBe('[Entreprise] et [Lien de désabonnement]');
  });

  it('reads a custom field by its name, anything else as a gap, and drops tags', () => {
    expect(readableLiquid('Your {{ contact.loyalty_level }} perks', en)).toBe('Your [loyalty level] perks');
    expect(readableLiquid('{% if contact.vip %}VIP: {% endif %}{{ event.total | round }} €', en)).toBe('VIP: […] €');
    expect(readableLiquid('No fields here', en)).toBe('No fields here');
  });
});
