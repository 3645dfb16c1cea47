import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../core/util/prng';
import { isClickNotDrag, rectFromDrag } from './brushGeometry';
import type { PlotPoint } from './plottablePoints';
import { brushedIds, brushedRanges, computeScatterLayout } from './scatterLayout';

describe('rectFromDrag', () => {
  it('orders the corners whichever way the drag went, and clips to the plot', () => {
    const expected = { x0: 10, y0: 20, x1: 50, y1: 80 };
    expect(rectFromDrag({ x: 10, y: 20 }, { x: 50, y: 80 }, 100, 100)).toEqual(expected);
    expect(rectFromDrag({ x: 50, y: 80 }, { x: 10, y: 20 }, 100, 100)).toEqual(expected);
    expect(rectFromDrag({ x: 50, y: 20 }, { x: 10, y: 80 }, 100, 100)).toEqual(expected);
    expect(rectFromDrag({ x: -30, y: 130 }, { x: 40, y: 60 }, 100, 100)).toEqual({
      x0: 0,
      y0: 60,
      x1: 40,
      y1: 100,
    });
  });

  it('a press and release within the tolerance is a click', () => {
    expect(isClickNotDrag({ x: 5, y: 5 }, { x: 7, y: 3 })).toBe(true);
    expect(isClickNotDrag({ x: 5, y: 5 }, { x: 5, y: 9 })).toBe(false);
  });
});

describe('brushedIds', () => {
  it('equals a brute-force filter of the data by the rectangle mapped back to data units', () => {
    const rng = mulberry32(3);
    const points: PlotPoint[] = Array.from({ length: 3000 }, (_, i) => ({
      id: i % 2 ? `p${i}` : i,
      // log-uniform x over 12 decades, some non-positive and some NaN
      x: i % 37 === 0 ? -rng() : i % 41 === 0 ? Number.NaN : 10 ** (-6 + 12 * rng()),
      y: (rng() - 0.5) * 10 ** (8 * rng()),
    }));
    const layout = computeScatterLayout({
      points,
      width: 640,
      height: 420,
      xScaleKind: 'log',
      yScaleKind: 'symlog',
    });
    for (let trial = 0; trial < 60; trial++) {
      // Drawn right-to-left and bottom-to-top: start at the larger corner.
      const start = { x: 300 + rng() * 300, y: 200 + rng() * 200 };
      const end = { x: rng() * 300, y: rng() * 200 };
      const rect = rectFromDrag(start, end, layout.innerWidth, layout.innerHeight);
      const ranges = brushedRanges(layout, rect);
      const expected = points
        .filter(
          (p) =>
            p.x > 0 &&
            Number.isFinite(p.x) &&
            Number.isFinite(p.y) &&
            p.x >= ranges.x[0] &&
            p.x <= ranges.x[1] &&
            p.y >= ranges.y[0] &&
            p.y <= ranges.y[1],
        )
        .map((p) => p.id);
      expect(brushedIds(layout, rect)).toEqual(expected);
    }
  });
});
