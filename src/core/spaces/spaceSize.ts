/**
 * How a space's sizes are counted: parameters in thousands (SWAP's count_parameters), over every
 * network of a small space or a seeded sample of a large one. Each space's entry counts its own
 * (SearchSpace.paramCounts); reg_swap centres its size regulariser on them (proxies/swapRegulariser.ts).
 */
import type { ParamSpec } from '../nn/paramSpec';
import { paramSize } from '../nn/paramSpec';

/** Networks drawn from a ViT or MLP space to estimate its size distribution. */
export const SIZE_SAMPLE = 1000;
export const SIZE_SAMPLE_SEED = 0;

/** Parameters of a network's specs, in thousands (SWAP's count_parameters). */
export function paramsThousands(specs: readonly ParamSpec[]): number {
  return specs.reduce((sum, spec) => sum + paramSize(spec), 0) / 1e3;
}

/** The parameter counts (thousands) of a space's networks at a fidelity, and what they cover. */
export interface SpaceParamCounts {
  counts: Float64Array;
  source: string;
}
