/**
 * The empirical NTK Gram Θ = G Gᵀ at a network's current parameters (docs/science.md §1; TE-NAS,
 * VITA-Group/TENAS lib/procedures/ntk.py): row i of G is g_i = ∂s_i/∂θ with s_i = Σ_c f_c(x_i)
 * (TE-NAS's summed logits), or, as an option, one row per (sample, logit) pair: the full
 * (N·C)x(N·C) NTK with rows ordered i·C + c.
 *
 * θ = every tensor PyTorch would name "weight" (TE-NAS's `'weight' in name` rule): conv and linear
 * weights and the BatchNorm γ (LayerNorm γ too, in transformers); biases, BatchNorm β and
 * embeddings are left out.
 *
 * Two ways to get there:
 * - loop: one backward pass per row. With BatchNorm in train mode the batch statistics couple the
 *   samples, so row i differentiates Σ_c out[i, c] of the full-batch forward pass (as TE-NAS's
 *   `logit[i].backward(..., retain_graph=True)`): the forward pass is taped once per group of
 *   weights (nn/backprop.ts `taped`) and each row only pushes its one-hot seed back through it;
 *   otherwise each sample runs alone through the freeing `gradients`. Rows are stacked in groups of
 *   parameter tensors small enough for memory, and Θ = Σ_groups G Gᵀ.
 * - batched, for networks of dense layers (DenseLayerNetwork): a zero perturbation ε_l added to each
 *   pre-activation h_l; ONE backward pass of Σ_i s_i gives D_l = ∂/∂ε_l, whose row i is ∂s_i/∂h_l(x_i)
 *   because samples do not interact. A weight's per-sample gradient is the outer product a_l,i ⊗ D_l,i,
 *   so Θ = Σ_l (A_l A_lᵀ) ⊙ (D_l D_lᵀ) without forming G (docs/browser.md "Per-sample gradients").
 *   One backward pass per logit gives the per-logit variant.
 * - batched, for networks that report their layers (Network.perSampleLayers: NB201, ViTs) when samples
 *   do not interact (no train-mode BatchNorm): the same zero perturbations, now on every conv and
 *   linear output y, give D = ∂s_i/∂y_i in one backward pass. For a convolution (NHWC, weight
 *   [kh, kw, Cin, Cout], stride s, padding p) sample i's weight gradient is
 *   g_i[a, b, :, :] = Σ_p X_i[s·p + (a, b)]ᵀ ⊗ D_i[p], X_i the zero-padded input: per kernel tap
 *   (a, b) one batched product of the shifted input [positions, Cin] with D_i [positions, Cout], so
 *   G is built in column blocks of Cin·Cout and Θ = Σ_blocks G Gᵀ, without ever forming the patch
 *   matrix (addLayerGram reads the shifted inputs as contiguous windows). A linear layer is the
 *   1-position case, where Θ_l = (A Aᵀ) ⊙ (D Dᵀ). 'eval' BatchNorm gets one copy of γ per sample
 *   (shape [batch, 1, 1, C]), so autodiff returns its per-sample gradient Σ_spatial x̂ ⊙ ∂s_i/∂(BN
 *   output) directly. The per-logit variant runs the batch with each sample repeated C times, copy c
 *   seeded with logit c alone (rows i·C + c): C times the memory of the summed one.
 *   A weight applied at several positions of a sample (a ViT's tokens, its non-overlapping patches)
 *   goes through addPositionsGram, which forms G or, where cheaper, the token Grams; LayerNorm γ gets
 *   one copy per sample like 'eval' BatchNorm's ([batch, 1, C]). Rows run in chunks sized to the
 *   memory budget, since the backward pass keeps every intermediate of the forward pass.
 * All compute in float32 on the backend; the Gram is returned as float64.
 *
 * This file chooses the method; the loop is in ntkLoop.ts, the batched methods in ntkBatched.ts with
 * their per-layer Gram terms in ntkGram.ts, and the options in ntkOptions.ts.
 */

import type { ForwardOptions, Network, ParamTensors } from '../nn/network';
import type { tf } from '../nn/tf';
import { isDenseLayerNetwork } from '../spaces/mlp/mlpNetwork';
import { batchedNtk, layerBatchedNtk } from './ntkBatched';
import { loopNtk } from './ntkLoop';
import { type NtkMethod, type NtkOptions, ntkWeightSpecs } from './ntkOptions';

export { preferPositions } from './ntkGram';
export { type NtkMethod, type NtkOptions, ntkSize, ntkWeightSpecs } from './ntkOptions';

/**
 * True when the batched method is exact: a network of dense layers (each weight used once per
 * sample), or one that reports its layers (Network.perSampleLayers) with no BatchNorm in train mode
 * coupling the samples and no weights other than conv, linear and BatchNorm γ.
 */
export function supportsBatchedNtk(net: Network, batchNorm: ForwardOptions['batchNorm']): boolean {
  const weights = ntkWeightSpecs(net, batchNorm);
  if (isDenseLayerNetwork(net)) {
    const dense = new Set(net.denseLayers.map((layer) => layer.weight));
    return weights.length === dense.size && weights.every((spec) => dense.has(spec.name));
  }
  if (net.perSampleLayers !== true) return false;
  if (batchNorm === 'train' && net.specs.some((spec) => spec.role === 'bn_gamma')) return false;
  return weights.every(
    (spec) =>
      spec.role === 'conv' ||
      spec.role === 'linear_weight' ||
      spec.role === 'bn_gamma' ||
      spec.role === 'ln_gamma',
  );
}

export function chooseNtkMethod(net: Network, opts: NtkOptions): NtkMethod {
  const mode = opts.mode ?? 'auto';
  if (mode === 'loop') return 'loop';
  if (supportsBatchedNtk(net, opts.batchNorm)) return 'batched';
  if (mode === 'batched') {
    throw new Error(
      'the batched NTK needs independent samples (no BatchNorm in train mode) and a network of dense ' +
        'layers (DenseLayerNetwork) or one that reports its layers (Network.perSampleLayers)',
    );
  }
  return 'loop';
}

/** The empirical NTK Gram of `net` at `params` on inputs x [N, ...inputShape], row-major float64. */
export async function empiricalNtk(
  net: Network,
  params: ParamTensors,
  x: tf.Tensor,
  opts: NtkOptions,
): Promise<Float64Array> {
  const method = chooseNtkMethod(net, opts);
  const gram =
    method === 'loop'
      ? loopNtk(net, params, x, opts, ntkWeightSpecs(net, opts.batchNorm))
      : isDenseLayerNetwork(net)
        ? batchedNtk(net, params, x, opts)
        : layerBatchedNtk(net, params, x, opts);
  try {
    return Float64Array.from(await gram.data());
  } finally {
    gram.dispose();
  }
}
