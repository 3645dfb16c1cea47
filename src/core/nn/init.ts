/**
 * Seeded initial values for parameter tensors, generated in JS so every backend (cpu, wasm,
 * webgpu, Node) starts from bit-identical weights.
 */
import { deriveSeed, mulberry32, normal } from '../util/prng';
import { type ParamSpec, paramSize } from './paramSpec';

export type InitScheme = 'pytorch' | 'kaiming_fan_in' | 'kaiming_fan_out' | 'normal' | 'vit';
export const INIT_SCHEMES: readonly InitScheme[] = [
  'pytorch',
  'kaiming_fan_in',
  'kaiming_fan_out',
  'normal',
  'vit',
];

/** Standard deviation of the ViT initialisation's normal, before truncation (DeiT, AutoFormer). */
export const VIT_INIT_STD = 0.02;

/** A standard normal truncated to [−2, 2] by resampling (not clamping: no mass piles up at the cut). */
function truncatedNormal(rng: () => number): number {
  for (;;) {
    const z = normal(rng);
    if (z >= -2 && z <= 2) return z;
  }
}

/**
 * - pytorch: PyTorch's defaults. Conv/Linear weight kaiming_uniform(a=√5) = U(±1/√fan_in);
 *   Linear and conv bias U(±1/√fan_in); BatchNorm and LayerNorm γ=1, β=0.
 * - every scheme: transformer cls/position embeddings trunc_normal(0.02), as AutoFormer.
 * - kaiming_fan_in / kaiming_fan_out: N(0, 2/fan) for weights (ReLU gain), biases 0, BN γ=1, β=0.
 * - normal: N(0, 1) for every weight (SWAP's released script), biases 0, BN γ=1, β=0.
 * - vit: as AutoFormer's supernet (microsoft/Cream, supernet_transformer.py) and DeiT initialise a
 *   vision transformer: every linear weight and the cls/position embeddings N(0, 0.02²) truncated at
 *   ±2 std (resampled), linear biases 0, LayerNorm γ=1, β=0; the patch embedding is a convolution left
 *   at PyTorch's default (weight and bias U(±1/√fan_in)), as there. Other roles fall back to pytorch.
 */
export function initialValues(spec: ParamSpec, scheme: InitScheme, seed: number): Float32Array {
  const values = new Float32Array(paramSize(spec));
  if (spec.role === 'bn_gamma' || spec.role === 'ln_gamma') return values.fill(1);
  if (spec.role === 'bn_beta' || spec.role === 'ln_beta') return values;
  const rng = mulberry32(deriveSeed(seed, spec.name));
  if (scheme === 'vit') {
    if (spec.role === 'embedding' || spec.role === 'linear_weight') {
      for (let i = 0; i < values.length; i++) values[i] = truncatedNormal(rng) * VIT_INIT_STD;
      return values;
    }
    if (spec.role === 'linear_bias') return values;
    // The patch convolution (and anything else): PyTorch's default, below.
  }
  if (spec.role === 'embedding') {
    // ViT/AutoFormer: trunc_normal(std=0.02) for cls token and position embedding.
    for (let i = 0; i < values.length; i++) values[i] = Math.max(-2, Math.min(2, normal(rng))) * 0.02;
    return values;
  }
  if (scheme === 'pytorch' || scheme === 'vit') {
    const bound = 1 / Math.sqrt(spec.fanIn);
    for (let i = 0; i < values.length; i++) values[i] = (2 * rng() - 1) * bound;
    return values;
  }
  if (spec.role === 'linear_bias' || spec.role === 'conv_bias') return values;
  const std =
    scheme === 'normal' ? 1 : Math.sqrt(2 / (scheme === 'kaiming_fan_in' ? spec.fanIn : spec.fanOut));
  for (let i = 0; i < values.length; i++) values[i] = normal(rng) * std;
  return values;
}
