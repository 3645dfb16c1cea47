/**
 * Pure helpers of the heat map (HeatMap.tsx): the colour of a value in [0, 1] and where each cell
 * lies on the canvas. The colour map interpolates five samples of viridis (van der Walt & Smith,
 * matplotlib), dark blue-purple at 0 to yellow at 1: lightness grows monotonically, so it also reads
 * in greyscale and with common colour-vision deficiencies.
 */

export type Rgb = readonly [number, number, number];

/** Viridis at 0, 0.25, 0.5, 0.75, 1. */
export const HEAT_STOPS: readonly Rgb[] = [
  [0x44, 0x01, 0x54],
  [0x3b, 0x52, 0x8b],
  [0x21, 0x91, 0x8c],
  [0x5e, 0xc9, 0x62],
  [0xfd, 0xe7, 0x25],
];

/** Fill for a missing value (NaN: a component of amplitude 0 has no normalised magnitude). */
export const HEAT_MISSING: Rgb = [0xd4, 0xd7, 0xde];

/** The colour of t, clamped into [0, 1], by linear interpolation between the stops (rounded). */
export function heatColour(t: number): Rgb {
  if (Number.isNaN(t)) return HEAT_MISSING;
  const clamped = Math.min(1, Math.max(0, t));
  const scaled = clamped * (HEAT_STOPS.length - 1);
  const i = Math.min(HEAT_STOPS.length - 2, Math.floor(scaled));
  const f = scaled - i;
  const a = HEAT_STOPS[i]!;
  const b = HEAT_STOPS[i + 1]!;
  return [
    Math.round(a[0] + (b[0] - a[0]) * f),
    Math.round(a[1] + (b[1] - a[1]) * f),
    Math.round(a[2] + (b[2] - a[2]) * f),
  ];
}

/** A CSS linear-gradient through the stops, left (0) to right (1), for the legend. */
export function heatGradientCss(): string {
  const parts = HEAT_STOPS.map(
    ([r, g, b], i) => `rgb(${r}, ${g}, ${b}) ${(100 * i) / (HEAT_STOPS.length - 1)}%`,
  );
  return `linear-gradient(to right, ${parts.join(', ')})`;
}

/**
 * Pixel columns [x0, x1) of the records on an x axis from 0 to `total` iterations: the record made
 * after iterations[i] updates covers up to the next record (the last one: one record interval
 * further, cut at `total`). Edges are rounded to whole pixels from the same formula, so neighbours
 * share their edge (no gaps, no overlaps) and a finished run fills the width exactly.
 */
export function columnEdges(iterations: readonly number[], total: number, width: number): [number, number][] {
  if (total <= 0 || iterations.length === 0) return [];
  const at = (iteration: number) => Math.round((Math.min(total, Math.max(0, iteration)) / total) * width);
  const step = iterations.length > 1 ? iterations[1]! - iterations[0]! : total;
  return iterations.map((it, i) => {
    const next = i + 1 < iterations.length ? iterations[i + 1]! : it + step;
    return [at(it), Math.max(at(it), at(next))];
  });
}

/**
 * Pixel rows [y0, y1) of `count` rows, row 0 at the bottom (the lowest frequency, as on a plot's
 * y axis), rounded the same way so the rows tile the height.
 */
export function rowEdges(count: number, height: number): [number, number][] {
  return Array.from({ length: count }, (_, j) => {
    const top = Math.round((height * (count - 1 - j)) / count);
    const bottom = Math.round((height * (count - j)) / count);
    return [top, bottom];
  });
}
