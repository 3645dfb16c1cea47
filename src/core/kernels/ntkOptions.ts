/** The NTK's options, the weights it differentiates and the size of its Gram (ntk.ts has the method). */
import type { ForwardOptions, Network } from '../nn/network';
import type { ParamSpec } from '../nn/paramSpec';

export type NtkMethod = 'batched' | 'loop';

export interface NtkOptions {
  /** 'auto' (default) takes the batched method wherever it is valid, else the loop. */
  mode?: 'auto' | NtkMethod;
  batchNorm: ForwardOptions['batchNorm'];
  /** 'summed' (default, TE-NAS): N x N. 'per_logit': (N·C) x (N·C). */
  outputs?: 'summed' | 'per_logit';
  /**
   * Memory cap of the gradient matrix G held at once, in floats (default 2^25 = 128 MB; 2^27 for
   * the loop under train-mode BatchNorm): the loop's rows for a group of weights, or the batched
   * method's column blocks for conv nets.
   */
  maxGradientFloats?: number;
}

/** The parameters the NTK differentiates (see the file comment), minus those that cannot matter. */
export function ntkWeightSpecs(net: Network, batchNorm: ForwardOptions['batchNorm']): ParamSpec[] {
  return net.specs.filter((spec) => {
    if (!net.reachesOutput(spec)) return false; // autodiff sees no path; the gradient is 0
    switch (spec.role) {
      case 'conv':
      case 'linear_weight':
      case 'ln_gamma':
        return true;
      case 'bn_gamma':
        return batchNorm !== 'none'; // bypassed BatchNorm has no γ in the graph
      default:
        return false;
    }
  });
}

/** Rows (and columns) of the Gram for a batch of n samples. */
export function ntkSize(net: Network, n: number, outputs: NtkOptions['outputs'] = 'summed'): number {
  return outputs === 'per_logit' ? n * net.classes : n;
}
