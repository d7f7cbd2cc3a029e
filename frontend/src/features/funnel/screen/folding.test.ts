import { describe, expect, it } from 'vitest';
import { paletteClearance } from './folding';
import { paletteFloats } from './room';

const box = (left: number, top: number, w: number, h: number) => ({ left, top, right: left + w, bottom: top + h });

describe('the floating palette', () => {
  // The funnel builder's widths (styles.css): the nav rail 76, the funnel
  // list 216, the palette 248, the drawer's tab rail 60.
  it('floats at 1280 with the funnel list shown, where beside the canvas it would leave it 53 %', () => {
    const room = 1280 - 76 - 216 - 60;
    expect(room - 248).toBe(680);
    expect(paletteFloats(room, 248, 1280)).toBe(true);
    expect(room / 1280).toBeGreaterThanOrEqual(2 / 3);
  });

  it('stays beside the canvas in a window wide enough for both', () => {
    expect(paletteFloats(1920 - 76 - 216 - 60, 248, 1920)).toBe(false);
  });

  const pal = box(292, 77, 248, 723);
  const canvas = box(292, 119, 928, 681);

  it('slides the view right as far as the left-most step under it needs, 24 px clear', () => {
    const steps = [box(400, 300, 248, 90), box(700, 300, 248, 90)];
    expect(paletteClearance(pal, canvas, steps)).toBe(540 + 24 - 400);
  });

  it('moves nothing when no step on screen is under it', () => {
    expect(paletteClearance(pal, canvas, [box(600, 300, 248, 90)])).toBe(0);
    // Off screen to the left, or below the canvas: not in sight, not counted.
    expect(paletteClearance(pal, canvas, [box(-400, 300, 248, 90), box(400, 900, 248, 90)])).toBe(0);
  });

  it('slides at most its own width and margin', () => {
    expect(paletteClearance(pal, canvas, [box(250, 300, 248, 90)])).toBe(248 + 24);
  });
});
