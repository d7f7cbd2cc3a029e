import { describe, expect, it } from 'vitest';
import { minimapSize } from './minimap';

describe('the minimap follows the funnel’s shape', () => {
  it('is tall and narrow for a tall funnel, wide and low for a wide one, the usual box otherwise', () => {
    const tall = minimapSize(300, 20000);
    expect(tall.height).toBe(240);
    expect(tall.width).toBe(64);
    const wide = minimapSize(6000, 400);
    expect(wide.width).toBe(200);
    expect(wide.height).toBe(64);
    const square = minimapSize(1000, 1000);
    expect(square.width).toBe(112);
    expect(square.height).toBe(112);
    expect(minimapSize(0, 0)).toEqual({ width: 132, height: 92 });
  });
});
