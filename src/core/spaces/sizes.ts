/**
 * The parameter counts of a search space's networks at a fidelity: all 15 625 NB201 cells, or a
 * seeded sample of SIZE_SAMPLE networks of a ViT or MLP space (vitSample / mlpSample, seed
 * SIZE_SAMPLE_SEED) at the job's resolution and classes. Counting needs no tfjs (the *ParamSpecs
 * builders). reg_swap centres its size regulariser on them (proxies/swapRegulariser.ts).
 */
import { mlpParamSpecs } from '../nn/mlpParamSpecs';
import { nb201ParamSpecs } from '../nn/nb201ParamSpecs';
import { type ParamSpec, paramSize } from '../nn/paramSpec';
import { vitParamSpecs } from '../nn/vitParamSpecs';
import { type Fidelity, nb201Fidelity } from './fidelity';
import { mlpSample } from './mlp';
import { NB201_CELL_COUNT, nb201FromIndex, type ParseResult } from './nb201';
import { SPACES } from './registry';
import type { SpaceId } from './spaceIds';
import { VIT_SPACES, vitResolution, vitSample } from './vit';

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

/** Parameters of a network's specs, in thousands (SWAP's count_parameters). */
export function paramsThousands(specs: readonly ParamSpec[]): number {
  return specs.reduce((sum, spec) => sum + paramSize(spec), 0) / 1e3;
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
  const vitSpace = SPACES[space].vit;
  if (vitSpace === null) return { ok: false, error: `${space} has no size regulariser` };
  const resolution = vitResolution(vitSpace, preset);
  const classes = size.classes ?? VIT_SPACES[vitSpace].classes;
  const counts = Float64Array.from(vitSample(vitSpace, SIZE_SAMPLE, SIZE_SAMPLE_SEED), (a) =>
    paramsThousands(vitParamSpecs(a, { resolution, classes })),
  );
  const source = `${SIZE_SAMPLE} ${space} networks (seed ${SIZE_SAMPLE_SEED}) at ${resolution} px, ${classes} classes`;
  return { ok: true, value: { counts, source } };
}
