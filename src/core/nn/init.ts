/**
 * Seeded initial values for parameter tensors, generated in JS so every backend (cpu, wasm,
 * webgpu, Node) starts from bit-identical weights.
 */
import { deriveSeed, mulberry32, normal } from '../util/prng';
import { type ParamSpec, paramSize } from './paramSpec';

export type InitScheme = 'pytorch' | 'kaiming_fan_in' | 'kaiming_fan_out' | 'normal';
export const INIT_SCHEMES: readonly InitScheme[] = ['pytorch', 'kaiming_fan_in', 'kaiming_fan_out', 'normal'];

/**
 * - pytorch: PyTorch's defaults. Conv/Linear weight kaiming_uniform(a=√5) = U(±1/√fan_in);
 *   Linear and conv bias U(±1/√fan_in); BatchNorm and LayerNorm γ=1, β=0.
 * - every scheme: transformer cls/position embeddings trunc_normal(0.02), as AutoFormer.
 * - kaiming_fan_in / kaiming_fan_out: N(0, 2/fan) for weights (ReLU gain), biases 0, BN γ=1, β=0.
 * - normal: N(0, 1) for every weight (SWAP's released script), biases 0, BN γ=1, β=0.
 */
export function initialValues(spec: ParamSpec, scheme: InitScheme, seed: number): Float32Array {
  const values = new Float32Array(paramSize(spec));
  if (spec.role === 'bn_gamma' || spec.role === 'ln_gamma') return values.fill(1);
  if (spec.role === 'bn_beta' || spec.role === 'ln_beta') return values;
  const rng = mulberry32(deriveSeed(seed, spec.name));
  if (spec.role === 'embedding') {
    // ViT/AutoFormer: trunc_normal(std=0.02) for cls token and position embedding.
    for (let i = 0; i < values.length; i++) values[i] = Math.max(-2, Math.min(2, normal(rng))) * 0.02;
    return values;
  }
  if (scheme === 'pytorch') {
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
