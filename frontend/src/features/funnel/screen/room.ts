// How the funnel builder shares the window with the canvas: the palette
// opens on demand, the funnel list folds away, the side drawer opens on a
// selection (or from its tabs) at a width the user chose and stays until
// closed. Each choice is
// remembered across restarts; the canvas gets the rest.
//
// The canvas is never squeezed (issue #14): when the panels would leave it
// narrower than usableWidth (600 px), the room folds the funnel list, then the
// palette, for as long as the room is short (useRoomFolding), and says so
// once; they come back by themselves when there is room again. Those folds
// are the room's, not the user's: they are not remembered. A panel the user
// opens while the room is short (over such a fold, or squeezing the canvas
// by opening it) is kept open from then on, remembered, until the user
// closes it: their choice wins, and the room folds the other one.
//
// The drawer floats over the canvas's right edge where it would squeeze it
// (folding a panel on a selection would move the steps under the pointer).
// With the palette open too, what was left between them (about 360 px at
// 1280×800) was no room to work in: there the room folds the palette while
// the drawer is open (drawerFoldStep), shifting the view by the palette's
// width so no step moves on screen, and brings it back when the drawer
// closes.
//
// The palette itself floats over the canvas's left edge where beside it it
// would leave the canvas under two thirds of the window (paletteFloats): at
// 1280×800 with the funnel list shown, always. The folds then count what it
// covers as taken from the canvas.
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

/** ROOM_SHARE is the share of the window's width the canvas keeps with nothing selected (issue #14). */
export const ROOM_SHARE = 2 / 3;

/**
 * paletteFloats says whether the open palette floats over the canvas's left
 * edge rather than taking its width: it does when beside the canvas it would
 * leave the canvas under ROOM_SHARE of the window. `room` is the canvas's
 * width with the palette floating (or closed) and the drawer closed or
 * floating, `palette` the palette's width. At 1280×800 with the funnel list
 * shown the palette beside the canvas left it 680 px (53 %): it floats, and
 * the canvas keeps 928 px; zoom to fit keeps the steps clear of it.
 */
export function paletteFloats(room: number, palette: number, windowWidth: number): boolean {
  return room - palette < windowWidth * ROOM_SHARE;
}

/** Foldable names the panels the room may fold to give the canvas room, in the order it folds them. */
export type Foldable = 'list' | 'palette';
export const FOLD_ORDER: Foldable[] = ['list', 'palette'];

/** KEPT_PREF is the key of a panel the user keeps open over the room's folds ("1"). */
const KEPT_PREF: Record<Foldable, string> = { list: 'flightplan.listKept', palette: 'flightplan.paletteKept' };

/**
 * MIN_CANVAS is a usable canvas's width, in px; MIN_SHARE the share of a
 * small window that is enough. At 1280 px the funnel list and the drawer
 * together leave the canvas 608 px: usable, so selecting a step does not
 * fold the list; the palette besides (360 px) does.
 */
export const MIN_CANVAS = 600;
export const MIN_SHARE = 0.55;

/**
 * usableWidth is the width under which the canvas counts as squeezed in a
 * window this wide: 600 px, or 55 % of a window too small to spare that
 * (563 px at 1024). A wide window's canvas is not squeezed at 640 px and
 * more: folding panels there would take away what the user opened for
 * nothing.
 */
export function usableWidth(windowWidth: number): number {
  return Math.min(MIN_CANVAS, Math.round(windowWidth * MIN_SHARE));
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
  /** squeezed: the panels the room folded to leave the canvas room, with the width each gave (px); not remembered. */
  squeezed: Partial<Record<Foldable, number>>;
  /** drawerFloats: the open drawer floats over the canvas's right edge instead of taking its width (the room is short); not remembered. */
  drawerFloats: boolean;
  /** paletteFloats: the open palette floats over the canvas's left edge instead of taking its width (see paletteFloats); not remembered. */
  paletteFloats: boolean;
  /** drawerFold is the width the palette gave while the drawer is open (folded for it, drawerFoldStep); not remembered. */
  drawerFold?: number;
  /** kept: the panels the user opened while the room was short: never folded until the user closes them. */
  kept: Record<Foldable, boolean>;
  /** fresh is the panel the user has just opened, until the room has looked at its width again. */
  fresh?: Foldable;
  setPalette(open: boolean): void;
  setListFolded(folded: boolean): void;
  setDrawerOpen(open: boolean): void;
  setDrawerWidth(w: number): void;
  setDrawerFloats(floats: boolean): void;
  setPaletteFloats(floats: boolean): void;
  /** foldForDrawer folds the palette while the drawer is open (it gave `gave` px); undefined gives it back. */
  foldForDrawer(gave: number | undefined): void;
  /** fold folds a panel for room (it gave `gave` px to the canvas); unfold gives it back. */
  fold(panel: Foldable, gave: number): void;
  unfold(panel: Foldable): void;
  /** keep keeps a panel the user has just opened where the room would fold it (remembered). */
  keep(panel: Foldable): void;
  /** settled says the room has looked at the widths after the user's last choice. */
  settled(): void;
}

/** listShown says whether the funnel list is on screen: not folded by the user, nor by the room. */
export const listShown = (s: Pick<RoomState, 'listFolded' | 'squeezed'>) => !s.listFolded && s.squeezed.list === undefined;
/** paletteShown says whether the palette is on screen: open, and not folded by the room (for the canvas, or for the drawer). */
export const paletteShown = (s: Pick<RoomState, 'paletteOpen' | 'squeezed' | 'drawerFold'>) => s.paletteOpen && s.squeezed.palette === undefined && s.drawerFold === undefined;

function readKept(): Record<Foldable, boolean> {
  return { list: flag(KEPT_PREF.list), palette: flag(KEPT_PREF.palette) };
}

/**
 * choose applies the user's own choice for a panel: it ends the room's fold
 * of it, and opening it over that fold keeps it open from then on.
 */
function choose(s: RoomState, panel: Foldable, open: boolean): Pick<RoomState, 'squeezed' | 'kept' | 'fresh' | 'drawerFold'> {
  const overFold = s.squeezed[panel] !== undefined || (panel === 'palette' && s.drawerFold !== undefined);
  const kept = open ? s.kept[panel] || overFold : false;
  writePref(KEPT_PREF[panel], kept ? '1' : null);
  const squeezed = { ...s.squeezed };
  delete squeezed[panel];
  return { squeezed, kept: { ...s.kept, [panel]: kept }, fresh: open ? panel : undefined, drawerFold: panel === 'palette' ? undefined : s.drawerFold };
}

function flag(key: string): boolean {
  return readPref(key) === '1';
}

export const useRoom = create<RoomState>()((set, get) => ({
  paletteOpen: flag(PREF_PALETTE),
  listFolded: flag(PREF_LIST_FOLDED),
  drawerOpen: flag(PREF_DRAWER),
  drawerWidth: clampDrawer(Number(readPref(PREF_DRAWER_WIDTH) ?? DRAWER_WIDTH)),
  squeezed: {},
  drawerFloats: false,
  paletteFloats: false,
  kept: readKept(),
  setPalette(open) {
    writePref(PREF_PALETTE, open ? '1' : '0');
    set({ paletteOpen: open, ...choose(get(), 'palette', open) });
  },
  setListFolded(folded) {
    writePref(PREF_LIST_FOLDED, folded ? '1' : '0');
    set({ listFolded: folded, ...choose(get(), 'list', !folded) });
  },
  foldForDrawer(gave) {
    if (get().drawerFold !== gave) set({ drawerFold: gave });
  },
  fold(panel, gave) {
    set((s) => ({ squeezed: { ...s.squeezed, [panel]: gave } }));
  },
  unfold(panel) {
    set((s) => {
      const squeezed = { ...s.squeezed };
      delete squeezed[panel];
      return { squeezed };
    });
  },
  keep(panel) {
    writePref(KEPT_PREF[panel], '1');
    set((s) => ({ kept: { ...s.kept, [panel]: true }, fresh: undefined }));
  },
  settled() {
    if (get().fresh !== undefined) set({ fresh: undefined });
  },
  setDrawerFloats(floats) {
    if (get().drawerFloats !== floats) set({ drawerFloats: floats });
  },
  setPaletteFloats(floats) {
    if (get().paletteFloats !== floats) set({ paletteFloats: floats });
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
    squeezed: {},
    drawerFold: undefined,
    kept: readKept(),
  });
}

/** Room is what foldStep reads of the room and the window, in px. */
export interface Room {
  /** canvas is the canvas column's width now; window the window's. */
  canvas: number;
  window: number;
  /** shown: each panel on screen and taking the canvas's width (not floating over it), with its width. */
  shown: Partial<Record<Foldable, number>>;
  squeezed: Partial<Record<Foldable, number>>;
  kept: Record<Foldable, boolean>;
  fresh?: Foldable;
}

/** Margin (px) the canvas must keep above usableWidth before a folded panel comes back, so the two never alternate. */
const UNFOLD_MARGIN = 8;

/**
 * foldStep is the room's next move, if any: while the canvas is narrower
 * than usableWidth, fold the first panel of FOLD_ORDER that is shown and
 * not kept — or keep it, if the user has just opened it; else bring back
 * the last one it folded once the canvas would still be wide enough with it.
 */
export function foldStep(r: Room): { fold: Foldable; gave: number } | { keep: Foldable } | { unfold: Foldable } | null {
  const need = usableWidth(r.window);
  if (r.canvas < need) {
    const panel = FOLD_ORDER.find((p) => r.shown[p] !== undefined && !r.kept[p]);
    if (!panel) return null;
    return panel === r.fresh ? { keep: panel } : { fold: panel, gave: r.shown[panel]! };
  }
  const back = [...FOLD_ORDER].reverse().find((p) => r.squeezed[p] !== undefined);
  if (back && r.canvas - r.squeezed[back]! >= need + UNFOLD_MARGIN) return { unfold: back };
  return null;
}

/** DrawerRoom is what drawerFoldStep reads, in px. */
export interface DrawerRoom {
  /** canvas is the canvas column's width with the drawer floating or closed (not taking any of it); window the window's. */
  canvas: number;
  window: number;
  /** drawer is the open drawer's width, 0 when it is closed. */
  drawer: number;
  /** palette is the palette's width when it is on screen beside the canvas. */
  palette?: number;
  /** folded is the width the palette gave while the drawer is open, if it did. */
  folded?: number;
  /** kept: the user keeps the palette open over the room's folds. */
  kept: boolean;
  /** fresh: the user has just opened the palette (the drawer open): it is kept, not folded. */
  fresh?: boolean;
}

/**
 * drawerFoldStep says whether to fold the palette while the drawer is open
 * (what the drawer leaves of the canvas is under usableWidth, and the user
 * has not kept the palette), or bring it back (the drawer closed, or the
 * room allows it again): a width to fold, 'unfold', or null; 'keep' when
 * the user has just opened the palette with the drawer open (their choice
 * wins, as with the room's other folds).
 */
export function drawerFoldStep(r: DrawerRoom): { fold: number } | 'keep' | 'unfold' | null {
  const need = usableWidth(r.window);
  if (r.folded === undefined) {
    if (r.drawer > 0 && r.palette !== undefined && !r.kept && r.canvas - r.drawer < need) return r.fresh ? 'keep' : { fold: r.palette };
    return null;
  }
  return r.drawer === 0 || r.canvas - r.folded - r.drawer >= need + UNFOLD_MARGIN ? 'unfold' : null;
}
