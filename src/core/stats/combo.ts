/**
 * The `combo` score: AZ-NAS's non-linear ranking aggregation (Lee & Ham, "AZ-NAS: Assembling
 * Zero-Cost Proxies for Network Architecture Search", CVPR 2024; the authors' code,
 * cvlab-yonsei/AZ-NAS ImageNet_AutoFormer/search_autoformer_az.py, sums log(rankdata(scores) / N)
 * over the proxies, scipy's rankdata ranking ascending with ties averaged). For each
 * component, the N candidates are ranked ascending after orienting the proxy so that higher is better
 * (rank 1 = worst, N = best, ties share their average rank, as scipy's rankdata), and
 *
 *   combo(a) = Σ_components log(rank_c(a) / N).
 *
 * The sum is ≤ 0; it is 0 exactly for a candidate that is strictly best in every component. The log
 * punishes a candidate that is bad in any one component much more than a plain rank sum would, which
 * is AZ-NAS's point: a good network should be good in every respect.
 *
 * combo is not a per-network proxy: it depends on the population ranked. Population rule: the
 * candidates whose every component value is a number (not NaN: missing or failed). N counts them, and
 * every other candidate gets NaN. ±∞ are values, not gaps: −∞ (e.g. an infinite condition number
 * oriented to higher-is-better) ranks as the worst, ties among infinities share their average rank.
 *
 * rank/N with average ties is simple-statistics' quantileRankSorted of the value in the sorted values.
 */
import { quantileRankSorted } from 'simple-statistics';

/** Component id (a proxy id) → its values over the same N candidates, in the candidates' order. */
export type ComponentScores = ReadonlyMap<string, readonly number[]>;

/** Whether a component's larger values are better (the registry's higherIsBetter for a proxy). */
export type HigherIsBetter = (component: string) => boolean;

/** The number of candidates the components are given over; a RangeError if their lengths differ. */
export function candidateCount(scores: ComponentScores): number {
  let n: number | null = null;
  for (const [id, values] of scores) {
    if (n === null) n = values.length;
    else if (values.length !== n)
      throw new RangeError(`combo component "${id}" has ${values.length} values, the first had ${n}`);
  }
  return n ?? 0;
}

/** The candidates in the population: every component has a number (not NaN) for them. */
export function comboPopulation(scores: ComponentScores): boolean[] {
  const n = candidateCount(scores);
  const inPopulation = new Array<boolean>(n).fill(scores.size > 0);
  for (const values of scores.values())
    for (let i = 0; i < n; i++) if (Number.isNaN(values[i]!)) inPopulation[i] = false;
  return inPopulation;
}

/**
 * AZ-NAS combo of every candidate: Σ log(rank/N) over the components, ranked among the population
 * (see the file comment); NaN outside the population, and for everyone when there are no components.
 */
export function comboScores(scores: ComponentScores, higherIsBetter: HigherIsBetter): number[] {
  const n = candidateCount(scores);
  const inPopulation = comboPopulation(scores);
  const members = inPopulation.flatMap((yes, i) => (yes ? [i] : []));
  const combo = new Array<number>(n).fill(Number.NaN);
  if (members.length === 0) return combo;
  for (const i of members) combo[i] = 0;
  for (const [id, values] of scores) {
    const sign = higherIsBetter(id) ? 1 : -1;
    const oriented = members.map((i) => sign * values[i]!);
    const sorted = [...oriented].sort((a, b) => (a === b ? 0 : a - b));
    members.forEach((i, k) => {
      combo[i]! += Math.log(quantileRankSorted(sorted, oriented[k]!));
    });
  }
  return combo;
}

/** The components of `scores` named in `components`, in that order (a RangeError for a missing one). */
export function pickComponents(scores: ComponentScores, components: readonly string[]): ComponentScores {
  const picked = new Map<string, readonly number[]>();
  for (const id of components) {
    const values = scores.get(id);
    if (!values) throw new RangeError(`combo component "${id}" has no scores`);
    picked.set(id, values);
  }
  return picked;
}
