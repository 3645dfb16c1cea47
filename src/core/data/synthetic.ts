/**
 * Synthetic data: the 1-D target signals of the spectral-bias experiment (Rahaman et al., "On the
 * Spectral Bias of Neural Networks", ICML 2019, §3.1; docs/science.md §7), and seeded random-normal
 * image batches for tests and data-free demonstrations.
 */
import { deriveSeed, mulberry32, normal } from '../util/prng';
import type { Batch } from './batch';

/** k_i = 5, 10, …, 50 (docs/science.md §7). */
export const SPECTRAL_BIAS_FREQUENCIES: readonly number[] = Array.from({ length: 10 }, (_, i) => 5 * (i + 1));
export const SPECTRAL_BIAS_POINTS = 200;

export type AmplitudePreset = 'equal' | 'increasing';

/** A_i = 1 ('equal') or A_i = 0.1·i for i = 1..10 ('increasing'). */
export function spectralBiasAmplitudes(preset: AmplitudePreset): number[] {
  return SPECTRAL_BIAS_FREQUENCIES.map((_, i) => (preset === 'equal' ? 1 : 0.1 * (i + 1)));
}

export interface SpectralSignal {
  /** Grid z_j = j / points, j = 0..points−1, on [0, 1). */
  z: Float64Array;
  /** λ(z_j) = Σ_i A_i sin(2π k_i z_j + 2π φ_i). */
  target: Float64Array;
  frequencies: readonly number[];
  amplitudes: number[];
  /** φ_i ~ U(0, 1), one per frequency, from the seed. */
  phases: number[];
  /** e.g. "spectral-bias equal points=200 seed=0". */
  spec: string;
}

export function spectralBiasSignal(
  preset: AmplitudePreset,
  seed: number,
  points = SPECTRAL_BIAS_POINTS,
): SpectralSignal {
  if (!Number.isInteger(points) || points < 1)
    throw new RangeError(`points must be a positive integer, got ${points}`);
  const rng = mulberry32(deriveSeed(seed, 'spectral-bias-phases'));
  const phases = SPECTRAL_BIAS_FREQUENCIES.map(() => rng());
  const amplitudes = spectralBiasAmplitudes(preset);
  const z = Float64Array.from({ length: points }, (_, j) => j / points);
  const target = z.map((zj) =>
    SPECTRAL_BIAS_FREQUENCIES.reduce(
      (sum, k, i) => sum + amplitudes[i]! * Math.sin(2 * Math.PI * k * zj + 2 * Math.PI * phases[i]!),
      0,
    ),
  );
  return {
    z,
    target,
    frequencies: SPECTRAL_BIAS_FREQUENCIES,
    amplitudes,
    phases,
    spec: `spectral-bias ${preset} points=${points} seed=${seed}`,
  };
}

/**
 * n samples of i.i.d. N(0, 1) inputs of the given shape and uniform labels in [0, classes), from a
 * seed (Box–Muller over mulberry32). Inputs first, then labels, from one stream.
 */
export function randomNormalBatch(n: number, shape: readonly number[], seed: number, classes = 10): Batch {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  const size = shape.reduce((a, b) => a * b, 1);
  const rng = mulberry32(deriveSeed(seed, 'random-normal-batch'));
  const x = new Float32Array(n * size);
  for (let i = 0; i < x.length; i++) x[i] = normal(rng);
  const y = Int32Array.from({ length: n }, () => Math.floor(rng() * classes));
  return { x, y, n, shape, spec: `normal n=${n} shape=${shape.join('x')} seed=${seed}` };
}
