/**
 * synflow (Tanaka et al. 2020, as a proxy by Abdelfattah et al., ICLR 2021;
 * SamsungLabs/zero-cost-nas foresight/pruners/measures/synflow.py): every parameter replaced by
 * |θ|, BatchNorm bypassed, one all-ones input, R = Σ logits, score Σ_weights |θ ⊙ ∂R/∂θ|.
 *
 * The score reaches 1e43–1e61 on NB201, past float32. With positive weights and a positive input
 * every ReLU is the identity, so the network is linear and positive. Every input→output path goes
 * through each bottleneck (stem, cell and reduction outputs); dividing the activation there by a
 * constant s_k divides R and every ∂R/∂θ by the same s_k. So we rescale each bottleneck to mean 1,
 * sum θ·∂R/∂θ of the rescaled network in range, and add back Σ log10 s_k: log10 synflow exactly.
 */

import { gradients } from '../nn/backprop';
import { initialValues } from '../nn/init';
import { disposeParams } from '../nn/network';
import { isWeight } from '../nn/paramSpec';
import { tf } from '../nn/tf';
import type { ProxyInput, ProxyOutput } from './types';

export async function synflowScore({ network, seed }: ProxyInput): Promise<ProxyOutput> {
  if (network.deadReason) {
    return {
      value: Number.NEGATIVE_INFINITY,
      details: {},
      warnings: [`${network.deadReason}: synflow is 0 (log10 = −∞)`],
    };
  }
  const { specs } = network;
  const params = new Map(
    specs.map((spec) => [
      spec.name,
      tf.tensor(initialValues(spec, 'pytorch', seed).map(Math.abs), spec.shape),
    ]),
  );
  const input = tf.ones([1, ...network.inputShape]);
  const scales: tf.Scalar[] = [];
  try {
    // Pass 1: the rescaling constants, outside any gradient tape.
    tf.tidy(() => {
      network.forward(input, params, {
        batchNorm: 'none',
        atBottleneck: (h) => {
          const s = tf.keep(tf.mean(h) as tf.Scalar);
          scales.push(s);
          return tf.div(h, s);
        },
      });
    });
    // Pass 2: gradients of the rescaled network; the s_k are constants here.
    // Weights that never reach the output contribute exactly 0; autodiff refuses them.
    const weightSpecs = specs.filter((spec) => isWeight(spec) && network.reachesOutput(spec));
    const products = tf.tidy(() => {
      const weights = weightSpecs.map((spec) => params.get(spec.name)!);
      const grads = gradients((...ws: tf.Tensor[]) => {
        const local = new Map(params);
        ws.forEach((w, i) => {
          local.set(weightSpecs[i]!.name, w);
        });
        let k = 0;
        const out = network.forward(input, local, {
          batchNorm: 'none',
          atBottleneck: (h) => tf.div(h, scales[k++]!),
        });
        return tf.sum(out) as tf.Scalar;
      }, weights);
      // Element-wise |θ ⊙ ∂R/∂θ| (the reference's torch.abs): on NB201 every product is positive, on a
      // ViT LayerNorm makes some gradients negative.
      return tf.stack(weights.map((w, i) => tf.sum(tf.abs(tf.mul(w, grads[i]!)))));
    });
    const perLayer = await products.data();
    // Networks without bottlenecks (ViT: LayerNorm keeps every activation in range) have no scales.
    const stacked = scales.length > 0 ? tf.stack(scales) : undefined;
    const scaleValues = stacked ? await stacked.data() : [];
    stacked?.dispose();
    products.dispose();
    let total = 0;
    for (const v of perLayer) total += Math.abs(v);
    let logScale = 0;
    for (const s of scaleValues) logScale += Math.log10(s);
    if (!(total > 0) || !Number.isFinite(logScale)) {
      return {
        value: Number.NEGATIVE_INFINITY,
        details: {},
        warnings: ['synflow vanished (all gradients zero)'],
      };
    }
    return {
      value: Math.log10(total) + logScale,
      details: { log10Rescale: logScale, weightTensors: weightSpecs.length },
      warnings: [],
    };
  } finally {
    disposeParams(params);
    for (const s of scales) s.dispose();
    input.dispose();
  }
}
