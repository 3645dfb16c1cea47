/** Parameter tensors of an MLP of the lab space (kept free of tfjs, like nb201ParamSpecs). */

import { linearSpecs, type ParamSpec } from '../../nn/paramSpec';
import { type MlpArch, mappedDim } from './mlp';

export function mlpParamSpecs(arch: MlpArch): ParamSpec[] {
  const sizes = mlpLayerSizes(arch);
  return sizes.slice(1).flatMap((outputs, l) => linearSpecs(`fc${l}`, sizes[l]!, outputs));
}

/** Widths from the mapped input to the output: [mapped, width × depth, outputs]. */
export function mlpLayerSizes(arch: MlpArch): number[] {
  return [
    mappedDim(arch.mapping, arch.inputDim),
    ...Array<number>(arch.depth).fill(arch.width),
    arch.outputs,
  ];
}
