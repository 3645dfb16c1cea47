/**
 * nwot (NASWOT: Mellor et al., ICML 2021; BayesWatch/nas-without-training score_networks.py and
 * scores.py `hooklogdet`). Each ReLU layer gives every sample a binary code c_i = 1[pre > 0]; the
 * kernel sums, over layers, c cᵀ + (1−c)(1−c)ᵀ, so K_ij = Σ_layers (units − Hamming(c_i, c_j)).
 * The score is log|det K| (numpy's slogdet), in float64.
 *
 * On the backend, with s = 2c − 1 ∈ {±1}: c cᵀ + (1−c)(1−c)ᵀ = (U + s sᵀ)/2. Its entries are
 * integers, and float32 adds integers exactly below 2^24, so each layer's kernel is exact while a
 * layer has fewer than 2^24 units per sample (64 MB of activations per sample, far beyond any
 * network here). Layer kernels are summed into K in float64, so K is exact.
 *
 * When two samples' codes coincide over all layers, rows i and j of K are equal and det K = 0:
 * NASWOT's slogdet gives −∞ there; we say so in a warning. A network with no input→output path
 * scores −∞ too (NASLib's NB201 scores hold a −1e8 sentinel for those cells).
 * GELU-kind nonlinearities (ViT, non-ReLU MLPs) get the same code 1[pre > 0]: our extension.
 */
import { logAbsDet } from '../kernels/eigen';
import { INIT_SCHEMES } from '../nn/init';
import { disposeParams, initParams } from '../nn/network';
import { tf } from '../nn/tf';
import { binaryCodes, reduceActivations } from './activationCodes';
import { batchProblem } from './lossGradients';
import { NWOT_DEFAULTS } from './paperDefaults';
import type { ProxyInput, ProxyOutput } from './types';

/** Per-layer NASWOT kernel: K_ij = units − Hamming(c_i, c_j) for binary codes c [samples, units]. */
export function hammingKernel(codes: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const units = codes.shape[1];
    const s = tf.sub(tf.mul(codes, 2), 1) as tf.Tensor2D;
    // (U + s sᵀ)/2: U + s sᵀ is an even integer in [0, 2U], so halving it is exact.
    return tf.div(tf.add(tf.matMul(s, s, false, true), units), 2) as tf.Tensor2D;
  });
}

export interface NwotResult {
  value: number;
  /** Pairs of samples whose codes coincide over every layer (K_ij = total units). */
  coincidingPairs: number;
  /** Sign of det K as slogdet reports it (0 when singular). */
  sign: number;
}

/** log|det K| of the summed kernel (row-major n×n, float64), −∞ when two codes coincide. */
export function nwotFromKernel(kernel: Float64Array, n: number, totalUnits: number): NwotResult {
  let coincidingPairs = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) if (kernel[i * n + j] === totalUnits) coincidingPairs++;
  }
  if (coincidingPairs > 0 || totalUnits === 0) {
    return { value: Number.NEGATIVE_INFINITY, coincidingPairs, sign: 0 };
  }
  const { sign, logAbsDet: value } = logAbsDet(kernel, n);
  return { value, coincidingPairs, sign };
}

function fail(value: number, warning: string): ProxyOutput {
  return { value, details: {}, warnings: [warning] };
}

export async function nwotScore({ network, seed, params, batch }: ProxyInput): Promise<ProxyOutput> {
  if (network.deadReason) {
    return fail(Number.NEGATIVE_INFINITY, `${network.deadReason}: nwot set to −∞`);
  }
  const problem = batchProblem(network, batch, 2, false);
  if (problem || !batch) return fail(Number.NaN, `nwot ${problem ?? 'needs a data batch'}`);
  const init = INIT_SCHEMES.find((s) => s === (params.init ?? NWOT_DEFAULTS.init));
  if (!init) return fail(Number.NaN, `nwot: unknown init scheme ${String(params.init)}`);
  const batchNorm = params.batchNorm ?? NWOT_DEFAULTS.batchNorm;
  if (batchNorm !== 'train' && batchNorm !== 'eval' && batchNorm !== 'none') {
    return fail(Number.NaN, `nwot: batchNorm must be train, eval or none, got ${String(batchNorm)}`);
  }

  const n = batch.n;
  const weights = initParams(network, init, seed);
  const x = tf.tensor(batch.x, [n, ...batch.shape]);
  const kernel = new Float64Array(n * n);
  let totalUnits = 0;
  let layers = 0;
  try {
    const reduced = reduceActivations(network, weights, x, batchNorm, (pre) =>
      hammingKernel(binaryCodes(pre)),
    );
    try {
      for (const { layer, reduced: layerKernel } of reduced) {
        const values = await layerKernel.data();
        for (let k = 0; k < n * n; k++) kernel[k]! += values[k]!;
        totalUnits += layer.units;
        layers++;
      }
    } finally {
      for (const r of reduced) r.reduced.dispose();
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail(Number.NaN, `nwot: forward pass failed: ${message}`);
  } finally {
    disposeParams(weights);
    x.dispose();
  }

  const result = nwotFromKernel(kernel, n, totalUnits);
  const warnings: string[] = [];
  if (layers === 0) warnings.push('the network has no nonlinearity to read codes from: K = 0, nwot = −∞');
  else if (result.coincidingPairs > 0) {
    warnings.push(
      `${result.coincidingPairs} pair(s) of samples have identical codes over all ${totalUnits} units: det K = 0, nwot = −∞`,
    );
  } else if (result.sign <= 0) {
    warnings.push('K is numerically singular (no positive determinant); log|det K| is unreliable');
  }
  return {
    value: result.value,
    details: {
      samples: n,
      layers,
      units: totalUnits,
      coincidingPairs: result.coincidingPairs,
      init,
      batchNorm,
    },
    warnings,
  };
}
