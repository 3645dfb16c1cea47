/** Which scatter points can be drawn on the chosen axes, and how many could not, for each reason. */
import { isPlottableOn, type ScaleKind } from './axisScale';

export interface PlotPoint {
  id: string | number;
  x: number;
  y: number;
}

export interface PlottablePoints {
  /** Positions in the input array of the points that are drawn, in input order. */
  indices: Int32Array;
  /** Points with a NaN or infinite coordinate. */
  nonFinite: number;
  /** Finite points with a coordinate ≤ 0 on a log axis. */
  nonPositiveOnLog: number;
}

export function selectPlottable(
  points: readonly PlotPoint[],
  xKind: ScaleKind,
  yKind: ScaleKind,
): PlottablePoints {
  const indices = new Int32Array(points.length);
  let kept = 0;
  let nonFinite = 0;
  let nonPositiveOnLog = 0;
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) nonFinite++;
    else if (!isPlottableOn(xKind, p.x) || !isPlottableOn(yKind, p.y)) nonPositiveOnLog++;
    else indices[kept++] = i;
  }
  return { indices: indices.slice(0, kept), nonFinite, nonPositiveOnLog };
}

/** The visible note for points a log axis cannot show, or null when there are none. */
export function logSkipNote(count: number): string | null {
  if (count === 0) return null;
  return `${count} ${count === 1 ? 'point' : 'points'} not shown on a log axis`;
}

/** The visible note for points with NaN or infinite coordinates, or null when there are none. */
export function nonFiniteNote(count: number): string | null {
  if (count === 0) return null;
  return `${count} ${count === 1 ? 'point' : 'points'} with a missing or infinite value not shown`;
}
