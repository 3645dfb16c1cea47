/**
 * Spearman's ρ of x and y partialled on z: how well a proxy ranks accuracy beyond what size alone
 * explains (z = parameter count). First-order partial correlation of the rank correlations,
 *   ρ_xy·z = (ρ_xy − ρ_xz ρ_yz) / √((1 − ρ_xz²)(1 − ρ_yz²)),
 * over the triples where all three are finite. NaN when z ranks x or y perfectly (nothing is left
 * to correlate) or with fewer than 4 triples.
 */
import { type BootstrapInterval, type BootstrapOptions, bootstrapPaired } from './bootstrap';
import { spearman } from './rankCorrelation';

function finiteTriples(x: readonly number[], y: readonly number[], z: readonly number[]) {
  if (x.length !== y.length || x.length !== z.length) {
    throw new RangeError(`partial correlation needs equal lengths: ${x.length}, ${y.length}, ${z.length}`);
  }
  const keep = x.map((_, i) => Number.isFinite(x[i]) && Number.isFinite(y[i]) && Number.isFinite(z[i]));
  const pick = (values: readonly number[]) => values.filter((_, i) => keep[i]);
  return { x: pick(x), y: pick(y), z: pick(z) };
}

export function partialSpearman(x: readonly number[], y: readonly number[], z: readonly number[]): number {
  const t = finiteTriples(x, y, z);
  if (t.x.length < 4) return Number.NaN;
  const xy = spearman(t.x, t.y);
  const xz = spearman(t.x, t.z);
  const yz = spearman(t.y, t.z);
  const denominator = Math.sqrt((1 - xz * xz) * (1 - yz * yz));
  return denominator > 0 ? (xy - xz * yz) / denominator : Number.NaN;
}

/**
 * Percentile bootstrap of the partial ρ over whole triples: the paired bootstrap resamples row
 * indices (given as both sides of the pair), and each resample's statistic looks the triples up.
 */
export function bootstrapPartialSpearman(
  x: readonly number[],
  y: readonly number[],
  z: readonly number[],
  options: BootstrapOptions = {},
): BootstrapInterval {
  const t = finiteTriples(x, y, z);
  const rows = t.x.map((_, i) => i);
  const statistic = (sample: readonly number[]) =>
    partialSpearman(
      sample.map((i) => t.x[i]!),
      sample.map((i) => t.y[i]!),
      sample.map((i) => t.z[i]!),
    );
  return bootstrapPaired(rows, rows, statistic, options);
}
