// Small preferences kept in the window's local storage (the last funnel
// opened, whether numbers are shown). Reading or writing never throws: a
// browser with storage turned off simply forgets.

/** PREF_LAST_FLOW is the key of the last funnel opened. */
export const PREF_LAST_FLOW = 'flightplan.lastFlow';
/** PREF_SHOW_NUMBERS is the key of the "Show numbers" switch. */
export const PREF_SHOW_NUMBERS = 'flightplan.showNumbers';

export function readPref(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function writePref(key: string, value: string | null): void {
  try {
    if (value === null) globalThis.localStorage?.removeItem(key);
    else globalThis.localStorage?.setItem(key, value);
  } catch {
    /* storage off: forget */
  }
}
