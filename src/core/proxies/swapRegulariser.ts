/**
 * reg_swap's μ and σ from the parameter counts of the space a job scores (Peng et al., ICLR 2024:
 * the size regulariser steers the score towards the space's own model sizes). The released code sets
 * no value (pym1024/SWAP: SWAP(regular=False, mu=None, sigma=None)), so the rule is ours, made
 * unit-free:
 *
 *   P_k = parameters in thousands (SWAP's count_parameters / 1e3) of every network k of the space,
 *         built exactly as the job builds the one it scores (same fidelity, same classes);
 *   μ   = max_k P_k (the largest network),   SD = √(mean_k (P_k − mean P)²) (population),
 *   σ   = 2·(WIDTH_SDS·SD)²,  WIDTH_SDS = 4.
 *
 * So the factor exp(−(P − μ)²/σ) (it divides by σ, not 2σ²: cal_regular_factor) is a Gaussian
 * bell of SD 4·SD centred on the largest network: a gentle prior towards size that rises over the
 * whole space (NB201 quick: from 0.29 at the smallest cell to 1 at the largest).
 *
 * Why this rule. Version 2 centred the bell on the mean with σ = 2·SD² and fell to ρ 0.43 with
 * CIFAR-10 on the quick validation cells (swap alone 0.82): it penalises the largest cells, which
 * are the best ones. The centre (median, 75th, 90th, 95th percentile or largest) and the width
 * (0.5 to 10 SD) were chosen on the 378 shipped pre-scored quick cells that are not validation
 * cells (CIFAR-100 test, SWAP's target), never on the validation cells; the largest network with
 * 4 SD won there (ρ 0.834 against swap's 0.811 and nwot's 0.803). A check from outside: on SWAP's
 * own scoring network (NB201 at C = 3, one cell per stage) the rule gives μ = 13.29, σ = 88.8, and
 * the values SWAP used there are μ = 13.3, σ = 100 (our version 1): the rule recovers its setting.
 *
 * The space: all 15 625 NB201 cells at the job's fidelity (C, cells per stage, classes); for ViT and
 * MLP spaces a seeded sample of SIZE_SAMPLE networks (vitSample / mlpSample, seed SIZE_SAMPLE_SEED)
 * at the job's resolution and classes. Counting needs no tfjs (the *ParamSpecs builders); each
 * (space, fidelity, classes) is counted once per process.
 */

import { type SizeSpace, spaceParamCounts } from '../spaces/sizes';
import type { ParseResult } from '../util/parseResult';

export interface Regulariser {
  mu: number;
  sigma: number;
}

export interface DerivedRegulariser extends Regulariser {
  /** Population SD of the counts (thousands). */
  sd: number;
  /** How many networks the counts cover. */
  networks: number;
  /** Where the counts come from, in words (shown in the details). */
  source: string;
}

/** The bell's SD in SDs of the space's counts (see the file comment for how it was chosen). */
export const WIDTH_SDS = 4;

/** μ = the largest count, σ = 2·(WIDTH_SDS·SD)², SD the population SD of the counts. */
export function regulariserFromCounts(counts: ArrayLike<number>): Regulariser & { sd: number } {
  const n = counts.length;
  if (n === 0) return { mu: Number.NaN, sigma: Number.NaN, sd: Number.NaN };
  let mean = 0;
  let largest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    mean += counts[i]!;
    largest = Math.max(largest, counts[i]!);
  }
  mean /= n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (counts[i]! - mean) ** 2;
  variance /= n;
  return { mu: largest, sigma: 2 * WIDTH_SDS ** 2 * variance, sd: Math.sqrt(variance) };
}

const derived = new Map<string, ParseResult<DerivedRegulariser>>();

/** μ and σ of the job's space (computed once per space, fidelity and classes). */
export function derivedRegulariser(size: SizeSpace): ParseResult<DerivedRegulariser> {
  const key = JSON.stringify([size.id, size.fidelity, size.classes ?? null]);
  const known = derived.get(key);
  if (known) return known;
  const counted = spaceParamCounts(size);
  const result: ParseResult<DerivedRegulariser> = counted.ok
    ? {
        ok: true,
        value: {
          ...regulariserFromCounts(counted.value.counts),
          networks: counted.value.counts.length,
          source: counted.value.source,
        },
      }
    : counted;
  derived.set(key, result);
  return result;
}
