/**
 * Where ticks go on each kind of axis. d3's own log and symlog ticks crowd or vanish when the domain
 * spans tens of decades (proxy scores such as synflow reach 1e40), so log and symlog axes get powers of
 * ten, thinned to an every-k-th decade when there are too many; narrow domains fall back to linear ticks.
 */
import { scaleLinear } from '@visx/scale';
import { DEFAULT_SYMLOG_CONSTANT, type ScaleKind } from './axisScale';
import { formatPowerOfTen, formatTick } from './numberFormat';

/** 10^k exactly as the literal 1ek reads (10 ** 36 is 9.999999999999999e35 in binary64). */
export function powerOfTen(k: number): number {
  return Number(`1e${k}`);
}

function linearTicks(domain: [number, number], maxTicks: number): number[] {
  const lo = Math.min(domain[0], domain[1]);
  const hi = Math.max(domain[0], domain[1]);
  return scaleLinear<number>({ domain: [lo, hi] })
    .ticks(maxTicks)
    .filter((t) => t >= lo && t <= hi);
}

/** Integer exponents k with lo ≤ 10^k ≤ hi (lo > 0), every `step`-th one so that at most maxTicks remain. */
function decadeExponents(lo: number, hi: number, maxTicks: number): number[] {
  // Rounding guards against log10(1e-7) = -6.999999999999999 style errors.
  const first = Math.ceil(Math.log10(lo) - 1e-9);
  const last = Math.floor(Math.log10(hi) + 1e-9);
  if (last < first) return [];
  const step = Math.max(1, Math.ceil((last - first + 1) / Math.max(1, maxTicks)));
  const exponents: number[] = [];
  // Anchor the thinned sequence at multiples of step so that 10⁰ is kept when it is in range.
  const start = Math.ceil(first / step) * step;
  for (let k = start; k <= last; k += step) exponents.push(k);
  return exponents;
}

function logTicks(domain: [number, number], maxTicks: number): number[] {
  const lo = Math.min(domain[0], domain[1]);
  const hi = Math.max(domain[0], domain[1]);
  const exponents = decadeExponents(lo, hi, maxTicks);
  if (exponents.length >= 2) return exponents.map(powerOfTen);
  return linearTicks([lo, hi], maxTicks).filter((t) => t > 0);
}

/**
 * Symlog ticks: 0 and ±10^k for 10^k ≥ c (inside ±c the axis is linear, and decades below c would pile up
 * at zero). Each side gets a share of maxTicks in proportion to the room it takes on the axis.
 */
function symlogTicks(domain: [number, number], maxTicks: number, c: number): number[] {
  const lo = Math.min(domain[0], domain[1]);
  const hi = Math.max(domain[0], domain[1]);
  const floor = powerOfTen(Math.ceil(Math.log10(c) - 1e-9));
  const positive = hi >= floor ? decadeExponents(Math.max(floor, lo), hi, maxTicks) : [];
  const negative = -lo >= floor ? decadeExponents(Math.max(floor, -hi), -lo, maxTicks) : [];
  const both = positive.length + negative.length;
  if (both < 2) return linearTicks([lo, hi], maxTicks);
  // Counted down from the largest decade, so each side keeps its outermost tick.
  const thin = (exps: number[], share: number) => {
    const step = Math.max(1, Math.ceil(exps.length / Math.max(1, share)));
    return exps.filter((_, i) => (exps.length - 1 - i) % step === 0);
  };
  const budget = Math.max(2, maxTicks - 1);
  const positiveShare = Math.round((budget * positive.length) / both);
  const ticks = [
    ...thin(negative, budget - positiveShare)
      .map((k) => -powerOfTen(k))
      .reverse(),
    ...(lo <= 0 && hi >= 0 ? [0] : []),
    ...thin(positive, positiveShare).map(powerOfTen),
  ];
  return ticks.sort((a, b) => a - b);
}

/** Tick values inside `domain` for an axis of the given kind, about `maxTicks` of them or fewer. */
export function tickValuesFor(
  kind: ScaleKind,
  domain: [number, number],
  maxTicks: number,
  c = DEFAULT_SYMLOG_CONSTANT,
): number[] {
  if (kind === 'log') return logTicks(domain, maxTicks);
  if (kind === 'symlog') return symlogTicks(domain, maxTicks, c);
  return linearTicks(domain, maxTicks);
}

/** How many ticks fit along an axis of this many pixels (one per ~70 px, at least 2). */
export function tickCountFor(pixels: number): number {
  return Math.max(2, Math.floor(pixels / 70));
}

function isPowerOfTen(magnitude: number): boolean {
  return magnitude > 0 && magnitude === powerOfTen(Math.round(Math.log10(magnitude)));
}

/**
 * Labels for the ticks of one axis. A log or symlog axis ticked at whole decades is labelled in powers
 * throughout (10⁻², 10⁰, 10²) rather than mixing "0.01", "1" and "10⁻⁴".
 */
export function tickLabelsFor(kind: ScaleKind, ticks: readonly number[]): string[] {
  const decades =
    kind !== 'linear' &&
    ticks.filter((t) => t !== 0).length >= 2 &&
    ticks.every((t) => t === 0 || isPowerOfTen(Math.abs(t)));
  return ticks.map((t) => (decades ? formatPowerOfTen(t) : formatTick(t)));
}

/**
 * Drops ticks that would sit closer than minGap pixels to a kept one, so labels do not overlap where a
 * symlog axis squeezes its linear region. Zero is kept first, then larger magnitudes before smaller.
 */
export function spaceTicks(
  ticks: readonly number[],
  toPixel: (v: number) => number,
  minGap: number,
): number[] {
  const byPriority = [...ticks].sort((a, b) => (a === 0 ? -1 : b === 0 ? 1 : Math.abs(b) - Math.abs(a)));
  const kept: { value: number; px: number }[] = [];
  for (const value of byPriority) {
    const px = toPixel(value);
    if (kept.every((k) => Math.abs(k.px - px) >= minGap)) kept.push({ value, px });
  }
  return kept.map((k) => k.value).sort((a, b) => a - b);
}
