// How the funnel builder shares the window with the canvas: the palette
// opens on demand, the funnel list folds away, the side drawer opens on a
// selection (or from its tabs) at a width the user chose and stays until
// closed. Each choice is
// remembered across restarts; the canvas gets the rest.
import { create } from 'zustand';
import { PREF_DRAWER, PREF_DRAWER_WIDTH, PREF_LIST_FOLDED, PREF_PALETTE, readPref, writePref } from '../../../stores/prefs';

/** DRAWER_MIN and DRAWER_MAX bound the drawer's width (px); DRAWER_WIDTH is its width at first. */
export const DRAWER_MIN = 280;
export const DRAWER_MAX = 560;
export const DRAWER_WIDTH = 320;

/** clampDrawer keeps a drawer width within DRAWER_MIN..DRAWER_MAX (DRAWER_WIDTH when not a number). */
export function clampDrawer(w: number): number {
  if (!Number.isFinite(w)) return DRAWER_WIDTH;
  return Math.round(Math.min(DRAWER_MAX, Math.max(DRAWER_MIN, w)));
}

interface RoomState {
  /** paletteOpen: the step palette is shown beside the canvas. */
  paletteOpen: boolean;
  /** listFolded: the funnel list is folded away. */
  listFolded: boolean;
  /** drawerOpen: the side drawer is open (a selection opens it; Esc or its close button closes it). */
  drawerOpen: boolean;
  /** drawerWidth is the side drawer's width in pixels. */
  drawerWidth: number;
  setPalette(open: boolean): void;
  setListFolded(folded: boolean): void;
  setDrawerOpen(open: boolean): void;
  setDrawerWidth(w: number): void;
}

function flag(key: string): boolean {
  return readPref(key) === '1';
}

export const useRoom = create<RoomState>()((set) => ({
  paletteOpen: flag(PREF_PALETTE),
  listFolded: flag(PREF_LIST_FOLDED),
  drawerOpen: flag(PREF_DRAWER),
  drawerWidth: clampDrawer(Number(readPref(PREF_DRAWER_WIDTH) ?? DRAWER_WIDTH)),
  setPalette(open) {
    writePref(PREF_PALETTE, open ? '1' : '0');
    set({ paletteOpen: open });
  },
  setListFolded(folded) {
    writePref(PREF_LIST_FOLDED, folded ? '1' : '0');
    set({ listFolded: folded });
  },
  setDrawerOpen(open) {
    writePref(PREF_DRAWER, open ? '1' : '0');
    set({ drawerOpen: open });
  },
  setDrawerWidth(w) {
    const width = clampDrawer(w);
    writePref(PREF_DRAWER_WIDTH, String(width));
    set({ drawerWidth: width });
  },
}));

/** reloadRoom reads the remembered choices again (tests; another window). */
export function reloadRoom(): void {
  useRoom.setState({
    paletteOpen: flag(PREF_PALETTE),
    listFolded: flag(PREF_LIST_FOLDED),
    drawerOpen: flag(PREF_DRAWER),
    drawerWidth: clampDrawer(Number(readPref(PREF_DRAWER_WIDTH) ?? DRAWER_WIDTH)),
  });
}
