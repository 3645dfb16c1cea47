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
 *   Linear bias U(±1/√fan_in); BatchNorm γ=1, β=0.
 * - kaiming_fan_in / kaiming_fan_out: N(0, 2/fan) for weights (ReLU gain), biases 0, BN γ=1, β=0.
 * - normal: N(0, 1) for every weight (SWAP's released script), biases 0, BN γ=1, β=0.
 */
export function initialValues(spec: ParamSpec, scheme: InitScheme, seed: number): Float32Array {
  const values = new Float32Array(paramSize(spec));
  if (spec.role === 'bn_gamma') return values.fill(1);
  if (spec.role === 'bn_beta') return values;
  const rng = mulberry32(deriveSeed(seed, spec.name));
  if (scheme === 'pytorch') {
    const bound = 1 / Math.sqrt(spec.fanIn);
    for (let i = 0; i < values.length; i++) values[i] = (2 * rng() - 1) * bound;
    return values;
  }
  if (spec.role === 'linear_bias') return values;
  const std =
    scheme === 'normal' ? 1 : Math.sqrt(2 / (scheme === 'kaiming_fan_in' ? spec.fanIn : spec.fanOut));
  for (let i = 0; i < values.length; i++) values[i] = normal(rng) * std;
  return values;
}
