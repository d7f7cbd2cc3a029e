import { beforeEach, describe, expect, it } from 'vitest';
import { drawerFoldStep, foldStep, listShown, paletteShown, reloadRoom, usableWidth, useRoom, type Room } from './room';

// The funnel builder's widths (styles.css): the nav rail 76, the funnel list
// 216, the palette 248, the drawer 320, the drawer's tab rail 60.
const RAIL = 76 + 60;
function room(window: number, open: { list?: boolean; palette?: boolean; drawer?: boolean }, s = useRoom.getState()): Room {
  const shown: Room['shown'] = {};
  if (open.list && listShown(s)) shown.list = 216;
  if (open.palette && paletteShown(s)) shown.palette = 248;
  const canvas = window - RAIL - (shown.list ?? 0) - (shown.palette ?? 0) - (open.drawer ? 320 : 0);
  return { canvas, window, shown, squeezed: s.squeezed, kept: s.kept, fresh: s.fresh };
}

/** settle applies the room's moves until it has none, and returns them. */
function settle(window: number, open: { list?: boolean; palette?: boolean; drawer?: boolean }): string[] {
  const moves: string[] = [];
  for (let i = 0; i < 10; i++) {
    const step = foldStep(room(window, open));
    if (!step) {
      useRoom.getState().settled();
      return moves;
    }
    if ('keep' in step) {
      useRoom.getState().keep(step.keep);
      moves.push(`keep ${step.keep}`);
    } else if ('fold' in step) {
      useRoom.getState().fold(step.fold, step.gave);
      moves.push(`fold ${step.fold}`);
    } else {
      useRoom.getState().settled();
      useRoom.getState().unfold(step.unfold);
      moves.push(`unfold ${step.unfold}`);
    }
  }
  throw new Error(`the room never settles: ${moves.join(', ')}`);
}

beforeEach(() => {
  localStorage.clear();
  reloadRoom();
  useRoom.getState().setListFolded(false);
  useRoom.getState().setPalette(true);
  useRoom.getState().settled();
});

describe('the room', () => {
  it('counts a canvas under 600 px as squeezed, or under 55 % of a window too small for that', () => {
    expect(usableWidth(1024)).toBe(563);
    expect(usableWidth(1280)).toBe(600);
    expect(usableWidth(1920)).toBe(600);
  });

  it('at 1280×800 with everything open, folds the funnel list, then the palette, and brings them back when the drawer closes', () => {
    const all = { list: true, palette: true, drawer: true };
    expect(room(1280, all).canvas).toBe(360);
    expect(settle(1280, all)).toEqual(['fold list', 'fold palette']);
    expect(room(1280, all).canvas).toBeGreaterThanOrEqual(usableWidth(1280));
    // The user's own choices are untouched: the list is not "folded" for them.
    expect(useRoom.getState().listFolded).toBe(false);
    expect(useRoom.getState().paletteOpen).toBe(true);
    expect(localStorage.getItem('flightplan.listFolded')).toBe('0');
    // The drawer closes: there is room for both again, the last folded first.
    expect(settle(1280, { list: true, palette: true })).toEqual(['unfold palette', 'unfold list']);
    expect(listShown(useRoom.getState()) && paletteShown(useRoom.getState())).toBe(true);
  });

  it('at 1024×768 folds both and stops there, the drawer left as it is', () => {
    const all = { list: true, palette: true, drawer: true };
    expect(settle(1024, all)).toEqual(['fold list', 'fold palette']);
    expect(settle(1024, all)).toEqual([]);
  });

  it('never folds a panel the user opened again over a fold, and remembers that', () => {
    const all = { list: true, palette: true, drawer: true };
    settle(1280, all);
    useRoom.getState().setListFolded(false); // the list button, while the room had folded it
    expect(listShown(useRoom.getState())).toBe(true);
    expect(useRoom.getState().kept.list).toBe(true);
    expect(settle(1280, all)).toEqual([]); // the palette is folded already; the list stays
    reloadRoom();
    expect(useRoom.getState().kept.list).toBe(true);
    expect(useRoom.getState().squeezed).toEqual({});
    // After a restart the palette (not kept) is folded again, the list is not.
    expect(settle(1280, all)).toEqual(['fold palette']);
    // Closing it is the user's choice too: from then on the room may fold it again.
    useRoom.getState().setListFolded(true);
    useRoom.getState().setListFolded(false);
    expect(useRoom.getState().kept.list).toBe(false);
  });

  it('keeps a panel the user opens where it squeezes the canvas, and folds the other one', () => {
    // 1024×768, the palette open, the list folded by the user: opening the list squeezes the canvas.
    useRoom.getState().setListFolded(true);
    useRoom.getState().settled();
    expect(settle(1024, { list: true, palette: true })).toEqual([]);
    useRoom.getState().setListFolded(false);
    expect(settle(1024, { list: true, palette: true })).toEqual(['keep list', 'fold palette']);
    expect(listShown(useRoom.getState())).toBe(true);
    // Opening the palette again over its fold: the user's last choice wins, the list is kept too.
    useRoom.getState().setPalette(true);
    expect(settle(1024, { list: true, palette: true })).toEqual([]);
    expect(useRoom.getState().kept).toEqual({ list: true, palette: true });
  });

  it('leaves a wide enough canvas alone', () => {
    expect(settle(1920, { list: true, palette: true, drawer: true })).toEqual([]);
    expect(settle(1280, { list: true, palette: true })).toEqual([]);
    expect(settle(1280, { list: true, drawer: true })).toEqual([]); // 608 px: usable
    expect(settle(1280, { palette: true, drawer: true })).toEqual(['fold palette']); // 576 px
  });

  it('folds the palette while the floating drawer is open, where the two would leave the canvas no room, and brings it back when it closes', () => {
    // 1280×800, the list and the palette open: the canvas column is 680 px; the drawer (320) would leave 360.
    const canvas = 1280 - RAIL - 216 - 248;
    expect(drawerFoldStep({ canvas, window: 1280, drawer: 0, palette: 248, kept: false })).toBeNull();
    expect(drawerFoldStep({ canvas, window: 1280, drawer: 320, palette: 248, kept: false })).toEqual({ fold: 248 });
    useRoom.getState().setPalette(true);
    useRoom.getState().foldForDrawer(248);
    expect(paletteShown(useRoom.getState())).toBe(false);
    expect(useRoom.getState().paletteOpen).toBe(true); // still the user's choice, shown again later
    // Folded: 928 px, of which the drawer leaves 608; it stays folded while the drawer is open.
    expect(drawerFoldStep({ canvas: canvas + 248, window: 1280, drawer: 320, folded: 248, kept: false })).toBeNull();
    expect(drawerFoldStep({ canvas: canvas + 248, window: 1280, drawer: 0, folded: 248, kept: false })).toBe('unfold');
    // A wide window has room for both; a palette the user keeps is never folded.
    expect(drawerFoldStep({ canvas: 1920 - RAIL - 216 - 248, window: 1920, drawer: 320, palette: 248, kept: false })).toBeNull();
    expect(drawerFoldStep({ canvas, window: 1280, drawer: 320, palette: 248, kept: true })).toBeNull();
    // Opened by the user with the drawer open: kept, not folded.
    expect(drawerFoldStep({ canvas, window: 1280, drawer: 320, palette: 248, kept: false, fresh: true })).toBe('keep');
    // Opening the palette over that fold is the user's choice: it is shown and kept.
    useRoom.getState().setPalette(true);
    expect(paletteShown(useRoom.getState())).toBe(true);
    expect(useRoom.getState().kept.palette).toBe(true);
  });
});
