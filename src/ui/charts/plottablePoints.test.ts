import { describe, expect, it } from 'vitest';
import { logSkipNote, type PlotPoint, selectPlottable } from './plottablePoints';

// Built from known groups, so each count is known by construction.
const groups: { kind: string; count: number; make: (i: number) => Omit<PlotPoint, 'id'> }[] = [
  { kind: 'good', count: 11, make: (i) => ({ x: 1 + i, y: 0.5 + i }) },
  { kind: 'nan', count: 7, make: (i) => ({ x: Number.NaN, y: i - 3 }) },
  { kind: 'inf', count: 3, make: () => ({ x: 2, y: Number.POSITIVE_INFINITY }) },
  { kind: 'xZero', count: 5, make: () => ({ x: 0, y: 4 }) },
  { kind: 'yNegative', count: 4, make: (i) => ({ x: 3, y: -1 - i }) },
  { kind: 'bothNegative', count: 2, make: () => ({ x: -2, y: -2 }) },
];
const points: PlotPoint[] = groups.flatMap((g) =>
  Array.from({ length: g.count }, (_, i) => ({ id: `${g.kind}-${i}`, ...g.make(i) })),
);

describe('selectPlottable', () => {
  it('linear axes skip only non-finite points', () => {
    const s = selectPlottable(points, 'linear', 'symlog');
    expect(s.nonFinite).toBe(10);
    expect(s.nonPositiveOnLog).toBe(0);
    expect(s.indices.length).toBe(points.length - 10);
  });

  it('a log x axis also skips x ≤ 0, counting a point once even when both coordinates fail', () => {
    const s = selectPlottable(points, 'log', 'linear');
    expect(s.nonFinite).toBe(10);
    expect(s.nonPositiveOnLog).toBe(5 + 2);
    expect(s.indices.length).toBe(11 + 4);
  });

  it('log on both axes skips x ≤ 0 or y ≤ 0; the kept ones are exactly the good group, in order', () => {
    const s = selectPlottable(points, 'log', 'log');
    expect(s.nonPositiveOnLog).toBe(5 + 4 + 2);
    expect(Array.from(s.indices, (i) => points[i]!.id)).toEqual(
      Array.from({ length: 11 }, (_, i) => `good-${i}`),
    );
  });

  it('states the skipped count in words', () => {
    expect(logSkipNote(11)).toBe('11 points not shown on a log axis');
    expect(logSkipNote(1)).toBe('1 point not shown on a log axis');
    expect(logSkipNote(0)).toBeNull();
  });
});
