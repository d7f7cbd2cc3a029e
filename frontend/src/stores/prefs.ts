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

/** PREF_PALETTE is the key of whether the step palette is open ("1") or closed ("0"). */
export const PREF_PALETTE = 'flightplan.palette';
/** PREF_LIST_FOLDED is the key of whether the funnel list is folded away ("1"). */
export const PREF_LIST_FOLDED = 'flightplan.listFolded';
/** PREF_DRAWER is the key of whether the side drawer is open ("1"). */
export const PREF_DRAWER = 'flightplan.drawer';
/** PREF_DRAWER_WIDTH is the key of the side drawer's width in pixels. */
export const PREF_DRAWER_WIDTH = 'flightplan.drawerWidth';
/** PREF_VIEWPORTS is the key of each funnel's last viewport (JSON: id → {x, y, zoom}). */
export const PREF_VIEWPORTS = 'flightplan.viewports';
