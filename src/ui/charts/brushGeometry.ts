/** The rectangle a pointer drag draws on a plot, and what it means in data coordinates. */
import type { ContinuousScale } from './axisScale';
import type { PixelRect } from './pointGrid';

export type { PixelRect } from './pointGrid';

export interface PixelPoint {
  x: number;
  y: number;
}

/** A drag shorter than this many pixels in both directions is a click. */
export const CLICK_TOLERANCE_PX = 3;

export function isClickNotDrag(start: PixelPoint, end: PixelPoint, tolerance = CLICK_TOLERANCE_PX): boolean {
  return Math.abs(end.x - start.x) < tolerance && Math.abs(end.y - start.y) < tolerance;
}

/**
 * The rectangle spanned by a drag in any direction (right-to-left and bottom-to-top included), with
 * x0 ≤ x1 and y0 ≤ y1, clipped to the plot area [0, width] × [0, height].
 */
export function rectFromDrag(start: PixelPoint, end: PixelPoint, width: number, height: number): PixelRect {
  const clip = (v: number, max: number) => Math.min(max, Math.max(0, v));
  return {
    x0: clip(Math.min(start.x, end.x), width),
    x1: clip(Math.max(start.x, end.x), width),
    y0: clip(Math.min(start.y, end.y), height),
    y1: clip(Math.max(start.y, end.y), height),
  };
}

export interface DataRanges {
  x: [number, number];
  y: [number, number];
}

/** The data intervals a pixel rectangle covers (pixel y grows downwards, so y is flipped). */
export function rectToDataRanges(
  rect: PixelRect,
  xScale: ContinuousScale,
  yScale: ContinuousScale,
): DataRanges {
  const xa = xScale.invert(rect.x0);
  const xb = xScale.invert(rect.x1);
  const ya = yScale.invert(rect.y0);
  const yb = yScale.invert(rect.y1);
  return { x: [Math.min(xa, xb), Math.max(xa, xb)], y: [Math.min(ya, yb), Math.max(ya, yb)] };
}

/** "x0 y0 x1 y1" rounded to 0.1 px, for a data- attribute that tests read. */
export function rectAttribute(rect: PixelRect | null): string {
  if (!rect) return '';
  return [rect.x0, rect.y0, rect.x1, rect.y1].map((v) => Math.round(v * 10) / 10).join(' ');
}
