/**
 * Continuous axis scales for the charts: linear, log10 and symlog, built with @visx/scale, plus the
 * padded domain each kind needs. Symlog is the bi-symmetric log of Webber (2012), "A bi-symmetric log
 * transformation for wide-range data", Meas. Sci. Technol. 24 027001: y = sign(x)·log1p(|x|/c), linear
 * within about ±c of zero and logarithmic beyond, so signed values spanning many decades share one axis.
 */
import { scaleLinear, scaleLog, scaleSymlog } from '@visx/scale';

export type ScaleKind = 'linear' | 'log' | 'symlog';

export type LinearScale = ReturnType<typeof scaleLinear<number>>;
export type LogScale = ReturnType<typeof scaleLog<number>>;
export type SymlogScale = ReturnType<typeof scaleSymlog<number>>;
export type ContinuousScale = LinearScale | LogScale | SymlogScale;

/** The symlog constant used when a chart is not given one: linear region |x| ≲ 1. */
export const DEFAULT_SYMLOG_CONSTANT = 1;

export function symlogTransform(x: number, c: number): number {
  return Math.sign(x) * Math.log1p(Math.abs(x) / c);
}

export function symlogInverse(y: number, c: number): number {
  return Math.sign(y) * c * Math.expm1(Math.abs(y));
}

/** Whether a value can be placed on an axis of this kind (log axes take positive values only). */
export function isPlottableOn(kind: ScaleKind, value: number): boolean {
  return Number.isFinite(value) && (kind !== 'log' || value > 0);
}

/** The axis's coordinate system, in which it is linear: padding is added there. */
function transformPair(kind: ScaleKind, c: number): [(v: number) => number, (t: number) => number] {
  if (kind === 'log') return [Math.log10, (t) => 10 ** t];
  if (kind === 'symlog') return [(v) => symlogTransform(v, c), (t) => symlogInverse(t, c)];
  return [(v) => v, (t) => t];
}

/**
 * The extent of the plottable values, widened by `padFraction` of its length on each side in the axis's
 * own (transformed) coordinates, so that no point sits on the frame. A single distinct value gets half a
 * unit either side (half a decade on a log axis); no values at all give a unit interval.
 */
export function paddedDomain(
  kind: ScaleKind,
  values: Iterable<number>,
  c = DEFAULT_SYMLOG_CONSTANT,
  padFraction = 0.04,
): [number, number] {
  const [forward, inverse] = transformPair(kind, c);
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!isPlottableOn(kind, v)) continue;
    const t = forward(v);
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  if (lo > hi) return kind === 'log' ? [1, 10] : [0, 1];
  let pad = (hi - lo) * padFraction;
  if (pad === 0) pad = kind === 'linear' && lo !== 0 ? Math.abs(lo) * 0.1 : 0.5;
  return [inverse(lo - pad), inverse(hi + pad)];
}

export function createAxisScale(
  kind: ScaleKind,
  domain: [number, number],
  range: [number, number],
  c = DEFAULT_SYMLOG_CONSTANT,
): ContinuousScale {
  if (kind === 'log') return scaleLog<number>({ domain, range, base: 10 });
  if (kind === 'symlog') return scaleSymlog<number>({ domain, range, constant: c });
  return scaleLinear<number>({ domain, range });
}
