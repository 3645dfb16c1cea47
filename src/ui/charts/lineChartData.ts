/**
 * The pure part of LineChart: which points of a series can be drawn on the chosen axes (a log axis
 * takes positive values only; a point it cannot show breaks the line rather than joining across the
 * gap), the domain the visible values need, and tick positions. Log axes spanning fewer than three
 * decades get 1-2-5 ticks (0.02, 0.05, 0.1, 0.2 …) so that a narrow log range is still labelled.
 */
import { isPlottableOn, paddedDomain, type ScaleKind } from './axisScale';
import { powerOfTen, tickCountFor, tickLabelsFor, tickValuesFor } from './axisTicks';

export type XY = readonly [number, number];

export interface PlottableRuns {
  /** Maximal runs of consecutive drawable points, in input order; a line is drawn along each. */
  runs: XY[][];
  /** Points left out: NaN, infinite, or ≤ 0 on a log axis. */
  skipped: number;
  /** Of those, the points with a NaN coordinate (a series may use NaN to mark a gap on purpose). */
  missing: number;
}

/** Splits a series at the points the axes cannot show. */
export function plottableRuns(points: readonly XY[], xKind: ScaleKind, yKind: ScaleKind): PlottableRuns {
  const runs: XY[][] = [];
  let current: XY[] = [];
  let skipped = 0;
  let missing = 0;
  for (const p of points) {
    if (isPlottableOn(xKind, p[0]) && isPlottableOn(yKind, p[1])) {
      current.push(p);
    } else {
      skipped++;
      if (Number.isNaN(p[0]) || Number.isNaN(p[1])) missing++;
      if (current.length > 0) runs.push(current);
      current = [];
    }
  }
  if (current.length > 0) runs.push(current);
  return { runs, skipped, missing };
}

/**
 * The axis domain: `fixed` when given (its ends must suit the axis: positive on a log axis), else the
 * padded extent of the plottable values (axisScale.paddedDomain).
 */
export function axisDomain(
  kind: ScaleKind,
  values: Iterable<number>,
  fixed?: readonly [number, number],
): [number, number] {
  if (fixed && isPlottableOn(kind, fixed[0]) && isPlottableOn(kind, fixed[1]) && fixed[0] !== fixed[1]) {
    return [Math.min(fixed[0], fixed[1]), Math.max(fixed[0], fixed[1])];
  }
  return paddedDomain(kind, values);
}

const MANTISSAS = [1, 2, 5] as const;

/** m·10^k for m in 1, 2, 5 inside [lo, hi] (lo > 0), ascending; exact as the literals read. */
export function oneTwoFiveTicks(domain: readonly [number, number]): number[] {
  const lo = Math.min(domain[0], domain[1]);
  const hi = Math.max(domain[0], domain[1]);
  if (!(lo > 0) || !Number.isFinite(hi)) return [];
  const first = Math.floor(Math.log10(lo)) - 1;
  const last = Math.ceil(Math.log10(hi)) + 1;
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) {
    for (const m of MANTISSAS) {
      const v = m === 1 ? powerOfTen(k) : Number(`${m}e${k}`);
      if (v >= lo && v <= hi) ticks.push(v);
    }
  }
  return ticks;
}

/** The powers of ten in [lo, hi] (lo > 0), ascending, exact as the literals read. */
function decadesIn(domain: readonly [number, number]): number[] {
  const lo = Math.min(domain[0], domain[1]);
  const hi = Math.max(domain[0], domain[1]);
  if (!(lo > 0) || !Number.isFinite(hi)) return [];
  const first = Math.ceil(Math.log10(lo) - 1e-9);
  const last = Math.floor(Math.log10(hi) + 1e-9);
  const out: number[] = [];
  for (let k = first; k <= last; k++) out.push(powerOfTen(k));
  return out;
}

/** At most max(2, maxTicks) of the values, evenly spaced by index, keeping the first (or the last). */
function thin(values: number[], maxTicks: number, keep: 'first' | 'last'): number[] {
  const step = Math.max(1, Math.ceil(values.length / Math.max(2, maxTicks)));
  const anchor = keep === 'first' ? 0 : (values.length - 1) % step;
  return values.filter((_, i) => i % step === anchor);
}

export interface AxisTicks {
  values: number[];
  labels: string[];
}

/**
 * Ticks and labels for an axis `pixels` long. A log axis always gets at least two ticks when its range
 * allows: whole decades when it spans three or more (thinned from the top), else 1-2-5 steps.
 */
export function lineChartTicks(kind: ScaleKind, domain: [number, number], pixels: number): AxisTicks {
  const maxTicks = tickCountFor(pixels);
  if (kind === 'log') {
    const decades = decadesIn(domain);
    const dense =
      decades.length >= 3
        ? thin(decades, maxTicks, 'last')
        : thin(oneTwoFiveTicks(domain), maxTicks, 'first');
    if (dense.length >= 2) return { values: dense, labels: tickLabelsFor(kind, dense) };
  }
  const values = tickValuesFor(kind, domain, maxTicks);
  return { values, labels: tickLabelsFor(kind, values) };
}
