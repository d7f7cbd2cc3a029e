import { describe, expect, it } from 'vitest';
import { layoutPicture, MIN_FONT_PX, planPages, PT8_PX, type PicStep } from './printPicture';

function step(i: number, x: number, y: number, extra: Partial<PicStep> = {}): PicStep {
  return { id: `s${i}`, n: i + 1, title: `Step ${i + 1}`, kind: '', summary: 'Does something', icon: '', category: 'do', ports: [{ id: 'next', label: '' }], x, y, ...extra };
}

/** grid lays out n steps in rows of `perRow`, as the canvas spaces them. */
function grid(n: number, perRow: number): PicStep[] {
  return Array.from({ length: n }, (_, i) => step(i, (i % perRow) * 300, Math.floor(i / perRow) * 160));
}

describe('the picture on paper', () => {
  it('fits a small funnel on one page', () => {
    const plan = planPages(layoutPicture(grid(4, 2), [], 'down'), 700, 900);
    expect(plan.tiles).toHaveLength(1);
    expect(plan.scale * MIN_FONT_PX).toBeGreaterThanOrEqual(PT8_PX);
  });

  it('spreads cards that would touch once they carry numbers', () => {
    const numbers = { big: '1,000 entered', lines: ['10 still waiting', '5 errors'] };
    const layout = layoutPicture([step(0, 0, 0, { numbers }), step(1, 0, 100, { numbers })], [], 'down');
    const [a, b] = layout.steps;
    expect(b!.y).toBeGreaterThanOrEqual(a!.y + a!.h + 40);
  });

  it('never prints text under 8 pt, and every step is whole on some page', () => {
    for (const [n, perRow] of [
      [60, 6],
      [60, 1],
      [120, 12],
      [12, 3],
    ] as const) {
      const layout = layoutPicture(grid(n, perRow), [], 'down');
      const plan = planPages(layout, 700, 900);
      expect(plan.scale * MIN_FONT_PX).toBeGreaterThanOrEqual(PT8_PX - 1e-9);
      for (const s of layout.steps) {
        const whole = plan.tiles.some(
          (t) => s.x * plan.scale >= t.x && (s.x + s.w) * plan.scale <= t.x + t.w && s.y * plan.scale >= t.y && (s.y + s.h) * plan.scale <= t.y + t.h,
        );
        expect(whole, `${n} steps, ${perRow} a row: ${s.id} is cut on every page`).toBe(true);
      }
      for (const t of plan.tiles) {
        expect(t.w).toBeLessThanOrEqual(700);
        expect(t.h).toBeLessThanOrEqual(900);
      }
    }
  });
});
