import { describe, expect, it } from 'vitest';
import { paramHelp, scriptSummary, scriptTitle } from './header';

const lib = { name: 'vip_customer', title: 'VIP customer', title_fr: 'Client VIP', summary: 'Adds up purchases', summary_fr: 'Additionne les achats', library: true };

describe('a rule’s header', () => {
  it('is said in French from the library’s French header', () => {
    expect(scriptTitle(lib, 'fr')).toEqual({ text: 'Client VIP', own: false });
    expect(scriptSummary(lib, 'fr').text).toBe('Additionne les achats');
    expect(scriptTitle(lib, 'en').text).toBe('VIP customer');
    expect(paramHelp({ Name: 'tag', Type: 'string', Default: 'vip', Description: 'the tag for VIPs', DescriptionFr: 'l’étiquette des VIP' }, true, 'fr').text).toBe('l’étiquette des VIP');
  });

  it('keeps a user’s own rule in the user’s words, marked as theirs', () => {
    const own = { name: 'mine', title: 'My rule', summary: 'Mine', library: false };
    expect(scriptTitle(own, 'fr')).toEqual({ text: 'My rule', own: true });
    expect(scriptTitle({ ...own, title: '' }, 'fr')).toEqual({ text: 'mine', own: true });
  });
});
