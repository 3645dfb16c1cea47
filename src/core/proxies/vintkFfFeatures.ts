/**
 * vintk_ff's feature map (vintkFfScore.ts): B drawn once from ffSeed, each patch p mapped to
 * γ(p) = [p, cos 2πBp, sin 2πBp], and the ViT whose learned patch embedding reads γ(p).
 */

import type { Normalisation } from '../data/imageDataset';
import type { Network } from '../nn/network';
import { tf } from '../nn/tf';
import { VIT_SPACES, type VitArch } from '../spaces/vit/vit';
import { type PatchFeatures, vitNetwork } from '../spaces/vit/vitNetwork';
import type { VitFidelity } from '../spaces/vit/vitParamSpecs';
import { deriveSeed, mulberry32, normal } from '../util/prng';

/** The stream of ffSeed that draws B. */
export const FF_SEED_LABEL = 'vintk_ff.B';

export interface VintkFfSettings {
  /** Fourier features per patch: 2m inputs join the 3P² pixels. */
  m: number;
  /** Std of B's entries (cycles per unit pixel value). */
  sigma: number;
  /** Weight of Θ_ff's log10 κ. */
  alpha: number;
  /** Seed of B, shared by all candidates. */
  ffSeed: number;
}

/** The per-channel statistics a batch was normalised with. */
export type PixelScale = Pick<Normalisation, 'mean' | 'std'>;

/** B row-major [m, inputs], B_jk ~ N(0, σ²), from ffSeed's 'vintk_ff.B' stream (not the job seed). */
export function fourierFeatureMatrix(ffSeed: number, m: number, inputs: number, sigma: number): Float64Array {
  const rng = mulberry32(deriveSeed(ffSeed, FF_SEED_LABEL));
  const b = new Float64Array(m * inputs);
  for (let i = 0; i < b.length; i++) b[i] = normal(rng) * sigma;
  return b;
}

/**
 * γ(p) = [p, cos 2πBp, sin 2πBp] of every P×P patch of the un-normalised images, B row-major
 * [m, 3P²]: [batch, H, W, 3] → [batch, H/P, W/P, 3P² + 2m]. Tensors are made on each call, for the
 * caller's tf.tidy to free.
 */
export function fourierPatchFeatures(
  b: ArrayLike<number>,
  m: number,
  patch: number,
  scale: PixelScale,
): PatchFeatures {
  const inputs = 3 * patch * patch;
  if (b.length !== m * inputs) throw new RangeError(`B has ${b.length} entries, expected ${m} x ${inputs}`);
  if (scale.mean.length !== 3 || scale.std.length !== 3) {
    throw new RangeError(`the images have 3 channels, the normalisation ${scale.mean.length}`);
  }
  // 2πBᵀ [inputs, m], so that the phases of all patches are one product.
  const kernel = new Float32Array(inputs * m);
  for (let j = 0; j < m; j++) {
    for (let k = 0; k < inputs; k++) kernel[k * m + j] = 2 * Math.PI * b[j * inputs + k]!;
  }
  return {
    count: inputs + 2 * m,
    map: (x, p) => {
      const [batch, height, width, channels] = x.shape;
      if (p !== patch)
        throw new RangeError(`the Fourier features are for ${patch}x${patch} patches, not ${p}x${p}`);
      if (channels !== 3 || height % patch !== 0 || width % patch !== 0) {
        throw new RangeError(
          `images [${height}, ${width}, ${channels}] do not split into ${patch}x${patch}x3 patches`,
        );
      }
      const [rows, cols] = [height / patch, width / patch];
      const pixels = tf.add(tf.mul(x, tf.tensor1d([...scale.std])), tf.tensor1d([...scale.mean]));
      const flat = tf.reshape(
        tf.transpose(tf.reshape(pixels, [batch, rows, patch, cols, patch, 3]), [0, 1, 3, 2, 4, 5]),
        [batch * rows * cols, inputs],
      );
      const phase = tf.matMul(flat, tf.tensor2d(kernel, [inputs, m]));
      return tf.reshape(tf.concat([flat, tf.cos(phase), tf.sin(phase)], 1), [
        batch,
        rows,
        cols,
        inputs + 2 * m,
      ]) as tf.Tensor4D;
    },
  };
}

/** The ViT whose learned patch embedding reads γ(p): patch.conv is [3P² + 2m, e]. */
export function vintkFfNetwork(
  arch: VitArch,
  fid: VitFidelity,
  settings: Pick<VintkFfSettings, 'm' | 'sigma' | 'ffSeed'>,
  scale: PixelScale,
): Network {
  const { patch } = VIT_SPACES[arch.space];
  const inputs = 3 * patch * patch;
  const b = fourierFeatureMatrix(settings.ffSeed, settings.m, inputs, settings.sigma);
  return vitNetwork(arch, fid, { patchFeatures: fourierPatchFeatures(b, settings.m, patch, scale) });
}
