import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { symmetricEigen } from '../kernels/eigen';
import { tf } from '../nn/tf';
import { signNormalise } from './ntkEigen';
import { labNtkSpectrum, ntkSpectrumProblems } from './ntkSpectrum';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

describe('labNtkSpectrum', () => {
  it('gives orthonormal eigenvectors and descending eigenvalues that match symmetricEigen of the same K', async () => {
    const out = await labNtkSpectrum({
      arch: { depth: 2, activation: 'relu', mapping: { kind: 'none' } },
      points: { kind: 'grid', n: 24 },
      seed: 4,
      width: 64,
      topK: 5,
    });
    const n = 24;
    expect(out.n).toBe(n);
    expect(out.coordinate[3]).toBeCloseTo(3 / 24, 15);
    const { gram, eigenvalues, eigenvectors } = out.empirical;
    for (let i = 1; i < n; i++) expect(eigenvalues[i]!).toBeLessThanOrEqual(eigenvalues[i - 1]!);
    const reference = symmetricEigen(gram, n);
    eigenvalues.forEach((v, i) => {
      expect(v).toBeCloseTo(reference.values[i]!, 8);
    });
    expect(eigenvectors).toHaveLength(5);
    eigenvectors.forEach((v, i) => {
      eigenvectors.forEach((w, j) => {
        expect(dot(v, w)).toBeCloseTo(i === j ? 1 : 0, 8);
      });
      // K v = λ v, checked on the Gram itself.
      for (let r = 0; r < n; r++) {
        expect(dot(gram.subarray(r * n, (r + 1) * n), v)).toBeCloseTo(eigenvalues[i]! * v[r]!, 4);
      }
    });
    // Independent of the rest: the trace is the sum of the eigenvalues.
    let trace = 0;
    for (let i = 0; i < n; i++) trace += gram[i * n + i]!;
    expect(eigenvalues.reduce((a, b) => a + b, 0) / trace).toBeCloseTo(1, 8);
  });

  it('on the circle, the infinite-width kernel is circulant: eigenvalues = the DFT of its first row', async () => {
    const n = 16;
    const out = await labNtkSpectrum({
      arch: { depth: 1, activation: 'relu', mapping: { kind: 'none' } },
      points: { kind: 'circle', n },
      seed: 0,
      width: 2048,
      topK: 3,
    });
    const infinite = out.infinite!;
    expect(infinite).not.toBeNull();
    // λ for frequency f is Σ_j Θ(t_0, t_j) cos(2π f j / n); frequencies 1..7 come in (cos, sin) pairs.
    const byFrequency = Array.from({ length: n / 2 + 1 }, (_, f) => {
      let s = 0;
      for (let j = 0; j < n; j++) s += infinite.gram[j]! * Math.cos((2 * Math.PI * f * j) / n);
      return s;
    });
    const expected = [
      byFrequency[0]!,
      ...byFrequency.slice(1, n / 2).flatMap((v) => [v, v]),
      byFrequency[n / 2]!,
    ].sort((a, b) => b - a);
    infinite.eigenvalues.forEach((v, i) => {
      expect(v / expected[0]!).toBeCloseTo(expected[i]! / expected[0]!, 10);
    });
    // The leading eigenvector is the constant 1/√n, and the sign rule makes it positive.
    for (const v of infinite.eigenvectors[0]!) expect(v).toBeCloseTo(1 / Math.sqrt(n), 10);
    // Width 2048 is close to the limit (measured relative Frobenius error 0.033).
    expect(out.relativeError!).toBeLessThan(0.1);
    expect(out.infiniteNote).toBeNull();
  });

  it('applies the Fourier-feature mapping to the closed form too, and has none for tanh', async () => {
    const arch = {
      depth: 1,
      activation: 'relu',
      mapping: { kind: 'gaussian', sigma: 2, features: 16, seed: 1 },
    } as const;
    const points = { kind: 'grid', n: 16 } as const;
    const mapped = await labNtkSpectrum({ arch, points, seed: 0, width: 2048 });
    // The closed form is reluNtk on γ(z), 32 features wide (measured error 0.036).
    expect(mapped.relativeError!).toBeLessThan(0.1);
    const tanh = await labNtkSpectrum({ arch: { ...arch, activation: 'tanh' }, points, seed: 0, width: 16 });
    expect(tanh.infinite).toBeNull();
    expect(tanh.relativeError).toBeNull();
    expect(tanh.infiniteNote).toMatch(/ReLU only/);
    expect(tanh.empirical.eigenvectors).toHaveLength(6);
  });

  it('fixes each eigenvector’s sign so that its first lobe is positive', () => {
    expect(Array.from(signNormalise(Float64Array.from([-0.1, -0.6, 0.7, 0.2])))).toEqual([
      0.1, 0.6, -0.7, -0.2,
    ]);
    expect(Array.from(signNormalise(Float64Array.from([0.1, -0.2, 0.9])))).toEqual([0.1, -0.2, 0.9]);
  });

  it('names every problem of a bad request in plain words', () => {
    const problems = ntkSpectrumProblems({
      arch: { depth: 0, activation: 'relu', mapping: { kind: 'none' } },
      points: { kind: 'circle', n: 1000 },
      seed: 1.5,
      width: 64,
      topK: -1,
      biasStd: -1,
    }).join(' | ');
    expect(problems).toMatch(/number of points must be an integer in \[2, 512\], got 1000/);
    expect(problems).toMatch(/depth must be an integer/);
    expect(problems).toMatch(/seed must be an integer/);
    expect(problems).toMatch(/number of eigenvectors/);
    expect(problems).toMatch(/σ_b must be in/);
  });
});
