/**
 * reg_swap's μ and σ from the parameter counts of the space a job scores (Peng et al., ICLR 2024:
 * the size regulariser is centred on the space's own model sizes). The released code sets no value
 * (pym1024/SWAP: SWAP(regular=False, mu=None, sigma=None)); the rule here is the reading of
 * the paper, made unit-free:
 *
 *   P_k = parameters in thousands (SWAP's count_parameters / 1e3) of every network k of the space,
 *         built exactly as the job builds the one it scores (same fidelity, same classes);
 *   μ   = mean_k P_k,   SD = √(mean_k (P_k − μ)²) (population),   σ = 2·SD².
 *
 * σ = 2·SD² because the factor exp(−(P − μ)²/σ) divides by σ, not 2σ² (cal_regular_factor): so the
 * bell is the Gaussian N(μ, SD²) up to scale, the same shape at every network size. With σ = SD
 * itself the exponent would carry units (thousands of parameters): at NB201 paper fidelity (SD 233k)
 * the largest cells would get exp(−5 500) = 0, and a ViT space nearly every network.
 *
 * The space: all 15 625 NB201 cells at the job's fidelity (C, cells per stage, classes); for ViT and
 * MLP spaces a seeded sample of SIZE_SAMPLE networks (vitSample / mlpSample, seed SIZE_SAMPLE_SEED)
 * at the job's resolution and classes. Counting needs no tfjs (the *ParamSpecs builders); each
 * (space, fidelity, classes) is counted once per process.
 */
import type { ParseResult } from '../spaces/nb201';
import { paramsThousands, type SizeSpace, spaceParamCounts } from '../spaces/sizes';

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

/** μ = mean, σ = 2·population variance of the counts (see the file comment). */
export function regulariserFromCounts(counts: ArrayLike<number>): Regulariser & { sd: number } {
  const n = counts.length;
  if (n === 0) return { mu: Number.NaN, sigma: Number.NaN, sd: Number.NaN };
  let mean = 0;
  for (let i = 0; i < n; i++) mean += counts[i]!;
  mean /= n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (counts[i]! - mean) ** 2;
  variance /= n;
  return { mu: mean, sigma: 2 * variance, sd: Math.sqrt(variance) };
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
