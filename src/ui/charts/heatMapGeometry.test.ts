import { describe, expect, it } from 'vitest';
import {
  columnEdges,
  HEAT_MISSING,
  HEAT_STOPS,
  heatColour,
  heatGradientCss,
  rowEdges,
} from './heatMapGeometry';

describe('heatColour', () => {
  it('gives the first and last stop at 0 and 1, and clamps outside', () => {
    expect(heatColour(0)).toEqual([0x44, 0x01, 0x54]);
    expect(heatColour(1)).toEqual([0xfd, 0xe7, 0x25]);
    expect(heatColour(-3)).toEqual(heatColour(0));
    expect(heatColour(1.7)).toEqual(heatColour(1));
  });

  it('hits the inner stops exactly and interpolates halfway between them', () => {
    expect(heatColour(0.5)).toEqual([0x21, 0x91, 0x8c]);
    // Halfway between 0.25 (#3b528b) and 0.5 (#21918c), worked by hand:
    // r (59 + 33) / 2 = 46, g (82 + 145) / 2 = 113.5 → 114, b (139 + 140) / 2 = 139.5 → 140.
    expect(heatColour(0.375)).toEqual([46, 114, 140]);
  });

  it('grows monotonically in green (viridis lightness) and marks NaN as missing', () => {
    let previous = -1;
    for (let t = 0; t <= 1.0001; t += 0.05) {
      const g = heatColour(t)[1];
      expect(g).toBeGreaterThanOrEqual(previous);
      previous = g;
    }
    expect(heatColour(Number.NaN)).toEqual(HEAT_MISSING);
  });

  it('lists every stop in the legend gradient', () => {
    const css = heatGradientCss();
    expect(css.startsWith('linear-gradient(to right, rgb(68, 1, 84) 0%')).toBe(true);
    expect(css.endsWith('rgb(253, 231, 37) 100%)')).toBe(true);
    expect(css.match(/rgb\(/g)).toHaveLength(HEAT_STOPS.length);
  });
});

describe('columnEdges', () => {
  it('places records on the iteration axis and fills the width when the run is done', () => {
    // 0, 20, …, 100 of 100 iterations on 50 px: each interval of 20 is 10 px; the last record (at
    // 100) starts at the right edge and is cut there.
    const edges = columnEdges([0, 20, 40, 60, 80, 100], 100, 50);
    expect(edges).toEqual([
      [0, 10],
      [10, 20],
      [20, 30],
      [30, 40],
      [40, 50],
      [50, 50],
    ]);
  });

  it('leaves the rest of the width empty while the run is going', () => {
    const edges = columnEdges([0, 20, 40], 1000, 200);
    expect(edges).toEqual([
      [0, 4],
      [4, 8],
      [8, 12],
    ]);
  });

  it('tiles without gaps when the pixel width does not divide evenly', () => {
    const iterations = Array.from({ length: 51 }, (_, i) => i * 20);
    const edges = columnEdges(iterations, 1000, 333);
    for (let i = 1; i < edges.length; i++) expect(edges[i]![0]).toBe(edges[i - 1]![1]);
    expect(edges[0]![0]).toBe(0);
    expect(edges.at(-1)![1]).toBe(333);
  });

  it('is empty without records', () => {
    expect(columnEdges([], 100, 50)).toEqual([]);
  });
});

describe('rowEdges', () => {
  it('puts row 0 at the bottom and tiles the height', () => {
    expect(rowEdges(4, 100)).toEqual([
      [75, 100],
      [50, 75],
      [25, 50],
      [0, 25],
    ]);
    const uneven = rowEdges(3, 100);
    expect(uneven).toEqual([
      [67, 100],
      [33, 67],
      [0, 33],
    ]);
  });
});
