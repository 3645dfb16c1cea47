/**
 * vintk_rfp (docs/science.md §2, the alternative to vintk; our reading of ViNTK, Zhou & Zhu,
 * arXiv 2405.04536, whose formula and code are not public):
 *   tokens  γ(p) = [cos 2πBp, sin 2πBp]   for each flattened patch p ∈ R^(3P²)
 *   score   = −log10 κ(Θ),  Θ the NTK Gram of the rest of the network
 * The ViT's learned patch embedding (P×P stride-P conv 'patch.conv' + 'patch.bias') is replaced by
 * random Fourier features (Tancik et al., NeurIPS 2020). p is flattened in (row, column, channel)
 * order, the conv kernel's [P, P, 3] layout; B ∈ R^(e/2 × 3P²) so the token width stays e (the
 * embedding width must be even). B_jk ~ N(0, σ²/(3P²)): docs/science.md's N(0, σ²) with σ in units of
 * the patch norm, since standardised images give |p| ≈ √(3P²); then B_j·p has std ≈ σ cycles
 * whatever the patch size, and σ = 1 (default) is the data's own scale (see VINTK_RFP_DEFAULTS).
 *
 * B is not a parameter: it is drawn once per score from the job seed, as init.ts draws weights
 * (mulberry32(deriveSeed(seed, 'patch.rfp')), Box–Muller normals, row-major [e/2, 3P²]), and stays
 * fixed across the re-initialisations seed, seed+1, … of the other parameters. The network without
 * patch.conv and patch.bias goes through ntk_cond's own code (ntkCondScore): same batch, same
 * re-initialisations (the remaining tensors get exactly ntk_cond's initial values, seeded by name),
 * same weights differentiated (TE-NAS's rule: linear weights and LayerNorm γ; biases, cls token and
 * position embedding excluded as in ntk_cond), same λ_min floor and dead-network rule.
 */

import type { Network } from '../nn/network';
import { tf } from '../nn/tf';
import { VIT_SPACES, type VitArch, vitFromString } from '../spaces/vit/vit';
import type { PatchEmbedding } from '../spaces/vit/vitNetwork';
import { VIT_PATCH_PARAMS, vitNetwork } from '../spaces/vit/vitNetwork';
import type { VitFidelity } from '../spaces/vit/vitParamSpecs';
import { deriveSeed, mulberry32, normal } from '../util/prng';
import { ntkCondScore } from './ntkCondScore';
import { VINTK_RFP_DEFAULTS } from './paperDefaults';
import type { ProxyInput, ProxyOutput, ProxyParams, ProxyParamValue } from './types';

/** σ's accepted range, (0, 100]: 0 would make every feature constant or zero. */
export const VINTK_RFP_SIGMA_MAX = 100;

/** The sub-stream of the job seed that draws B. */
export const RFP_SEED_LABEL = 'patch.rfp';

/** A number, or a string holding one (share links and the command line carry strings). */
function numberOf(value: ProxyParamValue): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}

export function vintkRfpSettings(
  params: ProxyParams,
): { ok: true; value: { sigma: number } } | { ok: false; errors: string[] } {
  const given = params.sigma ?? VINTK_RFP_DEFAULTS.sigma;
  const sigma = numberOf(given);
  if (sigma > 0 && sigma <= VINTK_RFP_SIGMA_MAX) return { ok: true, value: { sigma } }; // false for NaN
  return {
    ok: false,
    errors: [
      `vintk_rfp: σ (sigma, the frequency scale of the random Fourier features, in units of the patch norm) must be a number above 0 and at most ${VINTK_RFP_SIGMA_MAX}, got "${String(given)}"`,
    ],
  };
}

/** B row-major [features, inputs], B_jk ~ N(0, σ²/inputs), drawn from the seed's 'patch.rfp' stream. */
export function fourierMatrix(seed: number, features: number, inputs: number, sigma: number): Float64Array {
  const rng = mulberry32(deriveSeed(seed, RFP_SEED_LABEL));
  const scale = sigma / Math.sqrt(inputs);
  const b = new Float64Array(features * inputs);
  for (let i = 0; i < b.length; i++) b[i] = normal(rng) * scale;
  return b;
}

/**
 * γ(p) = [cos 2πBp, sin 2πBp] of every P×P patch, B row-major [features, 3P²]: 2πBp of all patches
 * at once is a P×P stride-P convolution with the fixed kernel 2πBᵀ (reshaped [P, P, 3, features]).
 * The kernel tensor is made on each call, for the caller's tf.tidy to free.
 */
export function fourierPatchEmbedding(b: ArrayLike<number>, features: number, patch: number): PatchEmbedding {
  const inputs = 3 * patch * patch;
  if (b.length !== features * inputs) {
    throw new RangeError(`B has ${b.length} entries, expected ${features} x ${inputs}`);
  }
  const kernel = new Float32Array(inputs * features);
  for (let j = 0; j < features; j++) {
    for (let k = 0; k < inputs; k++) kernel[k * features + j] = 2 * Math.PI * b[j * inputs + k]!;
  }
  return (x, p) => {
    if (p !== patch)
      throw new RangeError(`the Fourier features are for ${patch}x${patch} patches, not ${p}x${p}`);
    const phase = tf.conv2d(x, tf.tensor4d(kernel, [patch, patch, 3, features]), patch, 'valid');
    return tf.concat([tf.cos(phase), tf.sin(phase)], 3) as tf.Tensor4D;
  };
}

/** The ViT with the random Fourier patch embedding: no patch.conv, no patch.bias. */
export function vintkRfpNetwork(arch: VitArch, fid: VitFidelity, seed: number, sigma: number): Network {
  const { patch } = VIT_SPACES[arch.space];
  if (!Number.isInteger(arch.embed) || arch.embed < 2 || arch.embed % 2 !== 0) {
    throw new RangeError(
      `the embedding width e must be even (γ(p) has e/2 cosines and e/2 sines); e = ${arch.embed}`,
    );
  }
  const features = arch.embed / 2;
  const b = fourierMatrix(seed, features, 3 * patch * patch, sigma);
  return vitNetwork(arch, fid, { patchEmbedding: fourierPatchEmbedding(b, features, patch) });
}

function failure(message: string): ProxyOutput {
  return { value: Number.NaN, details: {}, warnings: [message] };
}

/** The RFP network of the ViT `network` is, or why there is none. */
function rfpNetworkOf(network: Network, seed: number, sigma: number): Network | string {
  const parsed = vitFromString(network.arch);
  if (!parsed.ok) {
    return `vintk_rfp applies to ViT networks only; "${network.arch.slice(0, 60)}" is not one (${parsed.error})`;
  }
  const [height, width, channels] = network.inputShape;
  if (network.inputShape.length !== 3 || height !== width || channels !== 3 || height === undefined) {
    return `vintk_rfp needs square RGB inputs [size, size, 3], the network takes [${network.inputShape}]`;
  }
  let rfp: Network;
  try {
    rfp = vintkRfpNetwork(parsed.value, { resolution: height, classes: network.classes }, seed, sigma);
  } catch (error) {
    return `vintk_rfp: ${error instanceof Error ? error.message : String(error)}`;
  }
  // The rebuilt network must be the given one less its patch embedding.
  const kept = network.specs.filter((s) => !VIT_PATCH_PARAMS.includes(s.name));
  const same =
    kept.length === rfp.specs.length &&
    kept.every(
      (s, i) => s.name === rfp.specs[i]!.name && s.shape.join('x') === rfp.specs[i]!.shape.join('x'),
    );
  if (!same) return `vintk_rfp: the network's parameters are not those of ${network.arch}`;
  return network.deadReason === undefined ? rfp : { ...rfp, deadReason: network.deadReason };
}

export async function vintkRfpScore(input: ProxyInput): Promise<ProxyOutput> {
  const settings = vintkRfpSettings(input.params);
  if (!settings.ok) return { value: Number.NaN, details: {}, warnings: settings.errors };
  const { sigma } = settings.value;
  const network = rfpNetworkOf(input.network, input.seed, sigma);
  if (typeof network === 'string') return failure(network);
  // σ stays in the params: ntk_cond ignores it, and it keeps the shared-run cache key apart per σ.
  const out = await ntkCondScore({ ...input, network });
  return { ...out, details: { sigma, ...out.details } };
}
