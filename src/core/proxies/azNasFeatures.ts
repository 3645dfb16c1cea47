/**
 * The tensors AZ-NAS's proxies read (docs/science.md §12): the feature maps a network reports to
 * atBlockOutput (NB201: after the stem and each cell and reduction block; ViT: the residual stream
 * after each attention and each MLP sublayer), and, for each block between two of them, the
 * vector-Jacobian product of that block alone with a Rademacher probe.
 *
 * Block-local VJPs in one backward pass: a first pass (no tape) records the feature maps F_l. The
 * taped pass then feeds block l+1 the constant F_l plus a zero tensor z_l instead of its computed
 * input, so z_l reaches only block l+1's output. With L = Σ_l ⟨f_l, g_l⟩ over the blocks' outputs,
 * ∂L/∂z_{l−1} = J_lᵀ g_l, the reference's autograd.grad(f_out, f_in, g_out) for every block at once.
 */
import { gradients } from '../nn/backprop';
import type { ForwardOptions, Network, ParamTensors } from '../nn/network';
import { tf } from '../nn/tf';
import { deriveSeed, mulberry32 } from '../util/prng';

export type AzBatchNorm = ForwardOptions['batchNorm'];

/** The stem's output and every block's, in order, as kept tensors the caller disposes. */
export function blockFeatures(
  network: Network,
  params: ParamTensors,
  x: tf.Tensor,
  batchNorm: AzBatchNorm,
): tf.Tensor[] {
  const features: tf.Tensor[] = [];
  tf.tidy(() => {
    network.forward(x, params, {
      batchNorm,
      atBlockOutput: (t) => {
        features.push(tf.keep(t.clone()));
        return t;
      },
    });
  });
  return features;
}

/**
 * Centred channel covariance of a feature map [..., channels] over every other axis, row-major, in
 * float64. Why not a float32 matMul on the backend: feature maps of cells without convolutions grow
 * to 1e7 (covariance 1e14) while their smallest directions stay near 1, and float32 rounding then
 * gives eigenvalues of −3e-8·λmax, which log(p + 1e-8) turns into NaN (7 of 145 cells at `paper`).
 * The covariance is positive semi-definite by definition; float64 keeps it so (about 16 M
 * multiply-adds per NB201 feature map at `paper`).
 */
export async function channelCovariance(
  feature: tf.Tensor,
): Promise<{ values: Float64Array; channels: number }> {
  const channels = feature.shape[feature.shape.length - 1]!;
  const data = await feature.data();
  const rows = data.length / channels;
  const mean = new Float64Array(channels);
  for (let r = 0; r < rows; r++) for (let i = 0; i < channels; i++) mean[i]! += data[r * channels + i]!;
  for (let i = 0; i < channels; i++) mean[i]! /= rows;
  const centred = new Float64Array(channels);
  const cov = new Float64Array(channels * channels);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < channels; i++) centred[i] = data[r * channels + i]! - mean[i]!;
    for (let i = 0; i < channels; i++) {
      const ci = centred[i]!;
      for (let j = i; j < channels; j++) cov[i * channels + j]! += ci * centred[j]!;
    }
  }
  for (let i = 0; i < channels; i++) {
    for (let j = i; j < channels; j++) {
      const v = cov[i * channels + j]! / rows;
      cov[i * channels + j] = v;
      cov[j * channels + i] = v;
    }
  }
  return { values: cov, channels };
}

/** A seeded Rademacher (±1) tensor of a shape, drawn in JS so every backend sees the same one. */
export function rademacher(shape: readonly number[], seed: number): tf.Tensor {
  const rng = mulberry32(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = rng() < 0.5 ? -1 : 1;
  return tf.tensor(values, [...shape]);
}

/** Block l's probe g_l (l = 1 … L−1 over the features), seeded per block. */
export function blockProbes(features: readonly tf.Tensor[], seed: number): tf.Tensor[] {
  return features
    .slice(1)
    .map((f, i) => rademacher(f.shape, deriveSeed(seed, `az_trainability.probe${i + 1}`)));
}

/**
 * J_lᵀ g_l for every block l = 1 … L−1 (the gradient at block l's input), given the recorded
 * features F_0 … F_{L−1} and the probes g_1 … g_{L−1}. The caller disposes the results.
 */
export function blockInputGradients(
  network: Network,
  params: ParamTensors,
  x: tf.Tensor,
  batchNorm: AzBatchNorm,
  features: readonly tf.Tensor[],
  probes: readonly tf.Tensor[],
): tf.Tensor[] {
  if (probes.length !== features.length - 1) {
    throw new Error(`expected ${features.length - 1} probes, got ${probes.length}`);
  }
  const zeros = features.slice(0, -1).map((f) => tf.zerosLike(f));
  try {
    return gradients((...zs: tf.Tensor[]) => {
      const terms: tf.Tensor[] = [];
      let l = 0;
      network.forward(x, params, {
        batchNorm,
        atBlockOutput: (t) => {
          const at = l++;
          if (at >= 1) terms.push(tf.sum(tf.mul(t, probes[at - 1]!)));
          // Cut the graph: the next block reads a constant plus its own zero.
          return at < zs.length ? tf.add(features[at]!, zs[at]!) : t;
        },
      });
      if (l !== features.length)
        throw new Error(`the network has ${l} feature maps, ${features.length} were recorded`);
      return tf.addN(terms);
    }, zeros);
  } finally {
    for (const z of zeros) z.dispose();
  }
}

/**
 * A block's estimated Jacobian: g_in regrouped to g_out's grid (PixelUnshuffle when an NB201 block
 * downsamples: each s×s patch of g_in becomes s²·channels channels), then
 * M = g_inᵀ g_out / (batch · positions), [channels in, channels out], row-major. Positions are pixels
 * ([batch, h, w, c]) or tokens ([batch, tokens, c]). `identity` when g_in equals g_out exactly (the
 * block passes its input through unchanged).
 */
export async function blockJacobian(
  gIn: tf.Tensor,
  gOut: tf.Tensor,
): Promise<{ identity: boolean; values: Float32Array; rows: number; cols: number }> {
  const sameShape = gIn.shape.length === gOut.shape.length && gIn.shape.every((d, i) => d === gOut.shape[i]);
  if (sameShape) {
    const equal = tf.tidy(() => tf.all(tf.equal(gIn, gOut)));
    const same = (await equal.data())[0] === 1;
    equal.dispose();
    if (same) return { identity: true, values: new Float32Array(0), rows: 0, cols: 0 };
  }
  const co = gOut.shape[gOut.shape.length - 1]!;
  const positions = gOut.size / co;
  let rows = gIn.shape[gIn.shape.length - 1]!;
  let stride = 1;
  if (gIn.size / rows !== positions) {
    const [b, ho, wo] = gOut.shape as [number, number, number, number];
    const [, hi, wi] = gIn.shape as [number, number, number, number];
    stride = hi / ho;
    if (
      gIn.rank !== 4 ||
      gOut.rank !== 4 ||
      !Number.isInteger(stride) ||
      wi / wo !== stride ||
      gIn.shape[0] !== b
    ) {
      throw new Error(`block input [${gIn.shape}] does not regroup onto its output's grid [${gOut.shape}]`);
    }
    rows *= stride * stride;
  }
  const mat = tf.tidy(() => {
    let regrouped = gIn;
    if (stride > 1) {
      const [b, ho, wo] = gOut.shape as [number, number, number, number];
      const ci = gIn.shape[3]!;
      regrouped = tf.reshape(
        tf.transpose(tf.reshape(gIn, [b, ho, stride, wo, stride, ci]), [0, 1, 3, 2, 4, 5]),
        [b, ho, wo, rows],
      );
    }
    const gi = tf.reshape(regrouped, [-1, rows]) as tf.Tensor2D;
    const go = tf.reshape(gOut, [-1, co]) as tf.Tensor2D;
    return tf.div(tf.matMul(gi, go, true, false), positions);
  });
  const values = (await mat.data()) as Float32Array;
  mat.dispose();
  return { identity: false, values, rows, cols: co };
}
