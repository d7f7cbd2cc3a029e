// Sentences of the contacts screen(s), in English and French. The French map is
// typed against the English one, so a missing translation fails tsc.
export const en = {
  'contacts.placeholder': 'Coming soon',
} as const;

export const fr: Record<keyof typeof en, string> = {
  'contacts.placeholder': 'Bientôt disponible',
};
