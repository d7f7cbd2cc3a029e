// Dates and times as people read them, in the UI language.
import type { Lang } from '../../../api/types';

/** formatWhen writes an RFC 3339 time as a local date and time ("12 Mar 2026, 14:05"). */
export function formatWhen(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}
