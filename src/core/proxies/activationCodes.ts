/**
 * Activation codes from one forward pass, for NASWOT (nwot) and SWAP: every nonlinearity reports
 * its pre-activation through ForwardOptions.onActivation; a proxy reduces each layer's codes on
 * the backend to a small tensor as the pass goes, so the full activation matrix is never held.
 *
 * Codes per sample (rows) and unit (columns), float32:
 * - binaryCodes: 1[pre > 0], NASWOT's code (Mellor et al., ICML 2021; BayesWatch/nas-without-training
 *   score_networks.py hooks every ReLU's input and takes (inp > 0)); equal to 1[post-ReLU > 0].
 * - signCodes: the sign of the activation's output, SWAP's code (pym1024/SWAP src/metrics/swap.py
 *   takes torch.sign of each ReLU's output; SWAP_Universal also of GELU outputs). ReLU → {0, 1};
 *   GELU-like ('gelu' kind) → {−1, 0, +1}, which is sign(pre) because GELU(x) = x·Φ(x) keeps the sign.
 */
import type { ForwardOptions, Network, ParamTensors } from '../nn/network';
import { tf } from '../nn/tf';

export type ActivationKind = 'relu' | 'gelu';

export interface ActivationLayer {
  /** The nonlinearity's id in the network, e.g. "s0.c0.e3.relu". */
  id: string;
  kind: ActivationKind;
  /** Rows: samples in the batch. */
  samples: number;
  /** Columns: units (channels x positions, or tokens x features) per sample. */
  units: number;
}

export interface ReducedLayer {
  layer: ActivationLayer;
  /** What the proxy kept of this layer; the caller disposes it. */
  reduced: tf.Tensor;
}

/** 1[pre > 0] for a pre-activation flattened to [samples, units]. */
export function binaryCodes(pre: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.cast(tf.greater(pre, 0), 'float32') as tf.Tensor2D);
}

/** Sign of the activation's output: {0, 1} after a ReLU, {−1, 0, +1} after a GELU-like one. */
export function signCodes(pre: tf.Tensor2D, kind: ActivationKind): tf.Tensor2D {
  return kind === 'relu' ? binaryCodes(pre) : tf.tidy(() => tf.sign(pre) as tf.Tensor2D);
}

/**
 * Runs one forward pass of `network` on x and hands each nonlinearity's pre-activation, flattened
 * to [samples, units], to `reduce`, whose result is kept (intermediates are freed). Layers come in
 * forward order. If the pass throws, what was kept is freed and the error propagates.
 */
export function reduceActivations(
  network: Network,
  params: ParamTensors,
  x: tf.Tensor,
  batchNorm: ForwardOptions['batchNorm'],
  reduce: (pre: tf.Tensor2D, layer: ActivationLayer) => tf.Tensor,
): ReducedLayer[] {
  const kept: ReducedLayer[] = [];
  try {
    tf.tidy(() => {
      network.forward(x, params, {
        batchNorm,
        onActivation: (pre, id, kind) => {
          const samples = pre.shape[0] ?? 1;
          const units = pre.size / samples;
          const layer = { id, kind, samples, units };
          // Its own scope, so each layer's codes are freed before the next layer's are made.
          const reduced = tf.tidy(() => reduce(tf.reshape(pre, [samples, units]) as tf.Tensor2D, layer));
          kept.push({ layer, reduced: tf.keep(reduced) });
        },
      });
    });
  } catch (error) {
    for (const { reduced } of kept) reduced.dispose();
    throw error;
  }
  return kept;
}
