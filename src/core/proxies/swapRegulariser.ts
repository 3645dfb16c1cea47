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
import { mlpParamSpecs } from '../nn/mlpParamSpecs';
import { nb201ParamSpecs } from '../nn/nb201ParamSpecs';
import { type ParamSpec, paramSize } from '../nn/paramSpec';
import { vitParamSpecs } from '../nn/vitParamSpecs';
import { type Fidelity, nb201Fidelity, vitResolution } from '../spaces/architecture';
import { mlpSample } from '../spaces/mlp';
import { NB201_CELL_COUNT, nb201FromIndex, type ParseResult } from '../spaces/nb201';
import type { SpaceId } from '../spaces/spaceIds';
import { VIT_SPACES, vitSample } from '../spaces/vit';

/** Networks drawn from a ViT or MLP space to estimate its size distribution. */
export const SIZE_SAMPLE = 1000;
export const SIZE_SAMPLE_SEED = 0;

/** The job's space as the regulariser sees it (ProxyInput.space). */
export interface SizeSpace {
  id: SpaceId;
  fidelity: Fidelity;
  /** Output classes in place of the space's own (ScoreJob.classes; ViTs only). */
  classes?: number;
}

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

/** Parameters of a network's specs, in thousands (SWAP's count_parameters). */
export function paramsThousands(specs: readonly ParamSpec[]): number {
  return specs.reduce((sum, spec) => sum + paramSize(spec), 0) / 1e3;
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

/** The parameter counts (thousands) of the space's networks at the fidelity, and what they cover. */
export function spaceParamCounts(size: SizeSpace): ParseResult<{ counts: Float64Array; source: string }> {
  const { id: space, fidelity } = size;
  const preset = typeof fidelity === 'string' ? fidelity : fidelity.preset;
  if (space === 'nb201') {
    const settings = nb201Fidelity(fidelity);
    if (!settings.ok) return settings;
    const f = settings.value;
    const counts = new Float64Array(NB201_CELL_COUNT);
    for (let i = 0; i < NB201_CELL_COUNT; i++)
      counts[i] = paramsThousands(nb201ParamSpecs(nb201FromIndex(i), f));
    const source = `all ${NB201_CELL_COUNT} NB201 cells at C=${f.channels}, ${f.cellsPerStage} cell(s)/stage`;
    return { ok: true, value: { counts, source } };
  }
  if (space === 'mlp') {
    const counts = Float64Array.from(mlpSample(SIZE_SAMPLE, SIZE_SAMPLE_SEED), (a) =>
      paramsThousands(mlpParamSpecs(a)),
    );
    return { ok: true, value: { counts, source: `${SIZE_SAMPLE} MLPs (seed ${SIZE_SAMPLE_SEED})` } };
  }
  const vitSpace = space === 'vit-browser' ? 'browser' : space;
  const resolution = vitResolution(vitSpace, preset);
  const classes = size.classes ?? VIT_SPACES[vitSpace].classes;
  const counts = Float64Array.from(vitSample(vitSpace, SIZE_SAMPLE, SIZE_SAMPLE_SEED), (a) =>
    paramsThousands(vitParamSpecs(a, { resolution, classes })),
  );
  const source = `${SIZE_SAMPLE} ${space} networks (seed ${SIZE_SAMPLE_SEED}) at ${resolution} px, ${classes} classes`;
  return { ok: true, value: { counts, source } };
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
