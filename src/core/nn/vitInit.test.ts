/**
 * The 'vit' initialisation against its definition (AutoFormer's supernet, DeiT): linear weights and the
 * cls/position embeddings N(0, 0.02²) truncated at ±2 std, linear biases 0, LayerNorm 1/0, the patch
 * convolution at PyTorch's default U(±1/√fan_in).
 */
import { describe, expect, it } from 'vitest';
import type { VitArch } from '../spaces/vit/vit';
import { vitParamSpecs } from '../spaces/vit/vitParamSpecs';
import { initialValues, VIT_INIT_STD } from './init';

const ARCH: VitArch = {
  space: 'autoformer-tiny',
  embed: 240,
  mlpRatio: [4, 3.5, 4, 3.5, 4, 3.5, 4, 3.5, 4, 3.5, 4, 3.5, 4, 4],
  heads: [4, 3, 4, 3, 4, 3, 4, 3, 4, 3, 4, 3, 4, 4],
};
const SPECS = vitParamSpecs(ARCH, { resolution: 224, classes: 1000 });

/**
 * Standard deviation of N(0, 1) truncated to [−2, 2], worked by hand: σ² = 1 − 2·2·φ(2) / (2Φ(2) − 1)
 * with φ(2) = e^(−2)/√(2π) = 0.0539910 and 2Φ(2) − 1 = 0.9544997, so σ² = 1 − 0.2262579 = 0.7737421
 * and σ = 0.8796261.
 */
const TRUNCATED_STD = 0.8796261;

function values(role: string): Float32Array[] {
  return SPECS.filter((s) => s.role === role).map((s) => initialValues(s, 'vit', 7));
}
function all(arrays: Float32Array[]): Float64Array {
  const out = new Float64Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}
function maxAbs(xs: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < xs.length; i++) m = Math.max(m, Math.abs(xs[i]!));
  return m;
}
const share = (xs: Float64Array, keep: (x: number) => boolean) => xs.filter(keep).length / xs.length;

describe("the 'vit' initialisation", () => {
  it('draws linear weights from N(0, 0.02²) truncated at ±2 std', () => {
    const w = all(values('linear_weight'));
    expect(w.length).toBeGreaterThan(5_000_000);
    const mean = w.reduce((a, b) => a + b, 0) / w.length;
    const std = Math.sqrt(w.reduce((a, b) => a + (b - mean) ** 2, 0) / w.length);
    // Millions of draws: the sample std is within 0.1% of the truncated normal's.
    // The mean within 4 standard errors of 0.
    expect(Math.abs(mean)).toBeLessThan((4 * VIT_INIT_STD * TRUNCATED_STD) / Math.sqrt(w.length));
    expect(std / (VIT_INIT_STD * TRUNCATED_STD)).toBeGreaterThan(0.999);
    expect(std / (VIT_INIT_STD * TRUNCATED_STD)).toBeLessThan(1.001);
    // Truncated, not clamped: nothing beyond 2 std, and no mass piled at the edge.
    const edge = 2 * VIT_INIT_STD;
    expect(maxAbs(w)).toBeLessThanOrEqual(edge + 1e-9);
    const atEdge = share(w, (x) => Math.abs(x) > edge * 0.999);
    // Density at the edge, ±0.1% of 2 std wide on both sides: 2 · φ(2)/0.9545 · 0.002 ≈ 2.3e-4.
    expect(atEdge).toBeLessThan(5e-4);
    // The share within one std of the mean: (2Φ(1) − 1) / (2Φ(2) − 1) = 0.6826895 / 0.9544997 = 0.7152.
    const within = share(w, (x) => Math.abs(x) <= VIT_INIT_STD);
    expect(Math.abs(within - 0.7152)).toBeLessThan(0.002);
  });

  it('draws the cls token and position embeddings the same way', () => {
    const e = all(values('embedding'));
    expect(e.length).toBe(ARCH.embed * (1 + 197));
    expect(maxAbs(e)).toBeLessThanOrEqual(2 * VIT_INIT_STD + 1e-9);
    const std = Math.sqrt(e.reduce((a, b) => a + b * b, 0) / e.length);
    expect(Math.abs(std / (VIT_INIT_STD * TRUNCATED_STD) - 1)).toBeLessThan(0.02);
  });

  it('sets linear biases to 0 and LayerNorm to γ = 1, β = 0', () => {
    expect(maxAbs(all(values('linear_bias')))).toBe(0);
    expect(share(all(values('ln_gamma')), (x) => x === 1)).toBe(1);
    expect(maxAbs(all(values('ln_beta')))).toBe(0);
  });

  it('leaves the patch convolution at PyTorch default, U(±1/√fan_in)', () => {
    const conv = SPECS.find((s) => s.role === 'conv')!;
    const bound = 1 / Math.sqrt(16 * 16 * 3);
    const w = initialValues(conv, 'vit', 7);
    expect(maxAbs(w)).toBeLessThanOrEqual(bound);
    // Uniform on ±b: std b/√3.
    const std = Math.sqrt(w.reduce((a, b) => a + b * b, 0) / w.length);
    expect(Math.abs(std / (bound / Math.sqrt(3)) - 1)).toBeLessThan(0.01);
  });

  it('is seeded: the same seed gives the same weights, another seed others', () => {
    const spec = SPECS.find((s) => s.role === 'linear_weight')!;
    expect(initialValues(spec, 'vit', 3)).toEqual(initialValues(spec, 'vit', 3));
    expect(initialValues(spec, 'vit', 3)).not.toEqual(initialValues(spec, 'vit', 4));
  });
});
