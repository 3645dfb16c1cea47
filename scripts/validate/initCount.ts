/**
 * How many initialisations a score must average before two independent averages rank networks
 * alike. Measured: ρ between the mean of the first k initialisations of one run and of another run
 * with a different seed (disjoint initialisations), k = 1, 2, …. Predicted: the Spearman–Brown
 * formula r_k = k·r₁ / (1 + (k − 1)·r₁), with r₁ the mean pairwise ρ between single
 * initialisations, which assumes each initialisation is the network's true score plus independent
 * noise of the same size; the measured curve checks that assumption.
 */
import { spearman } from '../../src/core/stats/rankCorrelation';

/** Agreement of two k-init averages when one init agrees r1 (Spearman–Brown). */
export function spearmanBrown(r1: number, k: number): number {
  return (k * r1) / (1 + (k - 1) * r1);
}

/** The number of initialisations whose average reaches agreement `target` (Spearman–Brown inverted). */
export function initsFor(r1: number, target: number): number {
  if (!(r1 > 0)) return Number.POSITIVE_INFINITY;
  return (target * (1 - r1)) / (r1 * (1 - target));
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Mean ρ over the pairs of initialisation slots (i < j) of one run, on the networks that have both. */
export function singleInitAgreement(perInit: ReadonlyMap<string, readonly number[]>): number {
  const slots = Math.min(...[...perInit.values()].map((v) => v.length));
  const rhos: number[] = [];
  const rows = [...perInit.values()];
  for (let i = 0; i < slots; i++) {
    for (let j = i + 1; j < slots; j++)
      rhos.push(
        spearman(
          rows.map((v) => v[i]!),
          rows.map((v) => v[j]!),
        ),
      );
  }
  return rhos.length > 0 ? mean(rhos) : Number.NaN;
}

export interface InitCountPoint {
  k: number;
  measured: number;
  predicted: number;
}

/**
 * ρ between the k-init means of runs `a` and `b` on the networks both hold, for k = 1 … the fewest
 * initialisations either keeps, beside the Spearman–Brown prediction from `r1`.
 */
export function initCountCurve(
  a: ReadonlyMap<string, readonly number[]>,
  b: ReadonlyMap<string, readonly number[]>,
  r1: number,
): { n: number; points: InitCountPoint[] } {
  const archs = [...a.keys()].filter((arch) => b.has(arch));
  const depth = Math.min(...archs.flatMap((arch) => [a.get(arch)!.length, b.get(arch)!.length]));
  const points: InitCountPoint[] = [];
  for (let k = 1; k <= depth; k++) {
    const measured = spearman(
      archs.map((arch) => mean(a.get(arch)!.slice(0, k))),
      archs.map((arch) => mean(b.get(arch)!.slice(0, k))),
    );
    // The formula models a reliability in (0, 1]; with r₁ ≤ 0 there is nothing for averaging to find.
    points.push({ k, measured, predicted: r1 > 0 ? spearmanBrown(r1, k) : Number.NaN });
  }
  return { n: archs.length, points };
}
