// Sentences of the navigation rail.
export const en = {
  'nav.funnels': 'Funnels',
  'nav.simulate': 'Simulate',
  'nav.contacts': 'Contacts',
  'nav.emails': 'Emails',
  'nav.mailbox': 'Mailbox',
  'nav.forms': 'Forms',
  'nav.scripts': 'Rules (Lua)',
  'nav.settings': 'Settings',
  'nav.label': 'Sections',
} as const;

export const fr: Record<keyof typeof en, string> = {
  'nav.funnels': 'Tunnels',
  'nav.simulate': 'Simuler',
  'nav.contacts': 'Contacts',
  'nav.emails': 'Courriels',
  'nav.mailbox': 'Boîte de test',
  'nav.forms': 'Formulaires',
  'nav.scripts': 'Règles (Lua)',
  'nav.settings': 'Réglages',
  'nav.label': 'Sections',
};
