import { describe, expect, it } from 'vitest';
import {
  randomNormalBatch,
  SPECTRAL_BIAS_FREQUENCIES,
  spectralBiasAmplitudes,
  spectralBiasSignal,
} from './synthetic';

/** Naive discrete Fourier transform coefficient F[k] = Σ_j y_j e^{−2πi k j / N}, as [re, im]. */
function dft(y: Float64Array, k: number): [number, number] {
  let re = 0;
  let im = 0;
  y.forEach((v, j) => {
    re += v * Math.cos((2 * Math.PI * k * j) / y.length);
    im -= v * Math.sin((2 * Math.PI * k * j) / y.length);
  });
  return [re, im];
}

describe('spectral-bias target (Rahaman et al. 2019; docs/science.md §7)', () => {
  it('uses k = 5..50 step 5, amplitudes 1 or 0.1·i, a 200-point grid on [0, 1)', () => {
    expect(SPECTRAL_BIAS_FREQUENCIES).toEqual([5, 10, 15, 20, 25, 30, 35, 40, 45, 50]);
    expect(spectralBiasAmplitudes('equal')).toEqual(new Array(10).fill(1));
    spectralBiasAmplitudes('increasing').forEach((a, i) => {
      expect(a).toBeCloseTo(0.1 * (i + 1), 12);
    });
    const signal = spectralBiasSignal('equal', 0);
    expect(signal.z).toHaveLength(200);
    expect(signal.z[0]).toBe(0);
    expect(signal.z[199]).toBeCloseTo(0.995, 12);
    expect(signal.spec).toBe('spectral-bias equal points=200 seed=0');
  });

  it('has exactly amplitude A_i and phase 2πφ_i − π/2 at each frequency k_i (a DFT check)', () => {
    // For a sinusoid on a full-period grid, 2|F[k]|/N = A and arg F[k] = 2πφ − π/2; other bins vanish.
    for (const preset of ['equal', 'increasing'] as const) {
      const signal = spectralBiasSignal(preset, 42);
      const n = signal.target.length;
      SPECTRAL_BIAS_FREQUENCIES.forEach((k, i) => {
        const [re, im] = dft(signal.target, k);
        expect((2 * Math.hypot(re, im)) / n).toBeCloseTo(signal.amplitudes[i]!, 9);
        const expectedPhase = 2 * Math.PI * signal.phases[i]! - Math.PI / 2;
        const wrapped = Math.atan2(
          Math.sin(Math.atan2(im, re) - expectedPhase),
          Math.cos(Math.atan2(im, re) - expectedPhase),
        );
        expect(wrapped).toBeCloseTo(0, 9);
      });
      const [re7, im7] = dft(signal.target, 7);
      expect(Math.hypot(re7, im7) / n).toBeLessThan(1e-12);
    }
  });

  it('draws phases in [0, 1) from the seed: same seed same signal, other seed other phases', () => {
    const a = spectralBiasSignal('increasing', 3);
    const b = spectralBiasSignal('increasing', 3);
    const c = spectralBiasSignal('increasing', 4);
    expect(Array.from(a.target)).toEqual(Array.from(b.target));
    expect(a.phases).not.toEqual(c.phases);
    for (const phi of a.phases) {
      expect(phi).toBeGreaterThanOrEqual(0);
      expect(phi).toBeLessThan(1);
    }
    // At z = 0 every term is A_i sin(2π φ_i).
    const atZero = a.amplitudes.reduce((s, amp, i) => s + amp * Math.sin(2 * Math.PI * a.phases[i]!), 0);
    expect(a.target[0]).toBeCloseTo(atZero, 12);
  });
});

describe('randomNormalBatch', () => {
  it('has mean 0 and variance 1, labels in range, and repeats with its seed', () => {
    const batch = randomNormalBatch(500, [8, 8, 3], 1);
    expect(batch.x).toHaveLength(500 * 192);
    const mean = batch.x.reduce((s, v) => s + v, 0) / batch.x.length;
    const variance = batch.x.reduce((s, v) => s + (v - mean) ** 2, 0) / batch.x.length;
    // 96 000 draws: standard errors 0.0032 (mean) and 0.0046 (variance); bounds are ~5 of them.
    expect(Math.abs(mean)).toBeLessThan(0.016);
    expect(Math.abs(variance - 1)).toBeLessThan(0.023);
    expect(Array.from(batch.y).every((label) => label >= 0 && label < 10)).toBe(true);
    expect(new Set(batch.y).size).toBe(10);
    expect(batch.spec).toBe('normal n=500 shape=8x8x3 seed=1');
    expect(Array.from(randomNormalBatch(500, [8, 8, 3], 1).x)).toEqual(Array.from(batch.x));
    expect(randomNormalBatch(2, [4], 2).x).not.toEqual(randomNormalBatch(2, [4], 1).x);
  });
});
