// Dates and times as people read them, in the UI language.
import type { Lang } from '../../../api/types';
import { formatDateTime } from '../../../i18n/format';

/** formatWhen writes an RFC 3339 time as a local date and time ("Mar 12, 2026, 2:05 PM" / "12 mars 2026, 14 h 05"). */
export function formatWhen(iso: string, lang: Lang): string {
  return formatDateTime(iso, lang);
}
