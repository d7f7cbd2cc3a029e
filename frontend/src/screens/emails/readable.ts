// How Liquid in an email's subject reads where the email is listed: the
// merge field by its name in brackets ("Welcome, [First name]!"), never the
// code a marketer did not type ({{ contact.first_name | default: "there" }}).
import type { MessageKey } from '../../i18n/dict';
import { FIELD_LABELS } from '../../i18n/fields';

const OUTPUT = /\{\{-?\s*([\s\S]*?)\s*-?\}\}/g;
const TAG = /\{%-?[\s\S]*?-?%\}/g;

/**
 * readableLiquid writes text with each merge field as its label in
 * brackets: contact fields by their label (a custom field by its name, with
 * spaces), the unsubscribe link by its name, anything else as "[…]". Tags
 * ({% if … %}) are dropped, and the spaces they leave are folded.
 */
export function readableLiquid(text: string, t: (key: MessageKey) => string): string {
  const out = text.replace(TAG, '').replace(OUTPUT, (_m, expr: string) => {
    const path = expr.split('|')[0]!.trim();
    if (path === 'unsubscribe_url') return `[${t('emails.merge.unsubscribe')}]`;
    if (path === 'confirm_url') return `[${t('emails.merge.confirmShort')}]`;
    const m = /^contact\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(path);
    if (!m) return '[…]';
    const key = FIELD_LABELS[m[1]!];
    return `[${key ? t(key) : m[1]!.replace(/_/g, ' ')}]`;
  });
  return out.replace(/\s+/g, ' ').trim();
}
