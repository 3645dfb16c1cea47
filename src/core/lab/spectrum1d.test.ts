import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../nn/tf';
import { sumOfSines } from './signals';
import {
  dftMagnitude,
  iterationsToReach,
  learnedAmplitudes,
  magnitudeSpectrum,
  normalizedMagnitudes,
} from './spectrum1d';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('learned spectrum of a 1-D prediction (docs/science.md §7)', () => {
  it('a pure sinusoid of amplitude A gives exactly A at its frequency and 0 elsewhere', () => {
    const A = 1.7;
    const values = sumOfSines([{ k: 13, amplitude: A, phase: 0.37 }], 200);
    expect(learnedAmplitudes(values, [13])[0]).toBeCloseTo(A, 12);
    expect(normalizedMagnitudes(values, [{ k: 13, amplitude: A }])[0]).toBeCloseTo(1, 12);
    expect(dftMagnitude(values, 12)).toBeLessThan(1e-13);
    expect(dftMagnitude(values, 0)).toBeLessThan(1e-13);
    // A constant c has F[0] = c.
    expect(dftMagnitude(new Float64Array(200).fill(0.25), 0)).toBeCloseTo(0.25, 14);
  });

  it('a sum with one component halved reads 0.5 there and 1 everywhere else', () => {
    const target = [5, 10, 15, 20, 25, 30, 35, 40, 45, 50].map((k, i) => ({
      k,
      amplitude: 0.1 * (i + 1),
      phase: i / 7,
    }));
    const halved = target.map((c) => (c.k === 30 ? { ...c, amplitude: c.amplitude / 2 } : c));
    const magnitudes = normalizedMagnitudes(sumOfSines(halved, 200), target);
    magnitudes.forEach((m, i) => {
      expect(m).toBeCloseTo(target[i]!.k === 30 ? 0.5 : 1, 12);
    });
    // Amplitude 0 has no normalised magnitude.
    expect(normalizedMagnitudes(sumOfSines(target, 200), [{ k: 7, amplitude: 0 }])[0]).toBeNaN();
  });

  it('agrees with tf.spectral.rfft (a second algorithm) on an arbitrary signal, N = 200', () => {
    const values = Float64Array.from({ length: 200 }, (_, j) => Math.sin(j * j * 0.01) + 0.3 * Math.cos(j));
    const ours = magnitudeSpectrum(values);
    const spectrum = tf.tidy(() => tf.abs(tf.spectral.rfft(tf.tensor1d(Float32Array.from(values)))));
    const theirs = spectrum.dataSync();
    spectrum.dispose();
    expect(ours).toHaveLength(101);
    expect(theirs).toHaveLength(101);
    for (let k = 0; k <= 100; k++) expect(ours[k]!).toBeCloseTo(theirs[k]! / 200, 4);
  });

  it('finds the first recorded iteration at which each magnitude reaches the threshold', () => {
    const records = [
      { iteration: 0, magnitudes: [0.1, 0] },
      { iteration: 100, magnitudes: [0.95, 0.2] },
      { iteration: 200, magnitudes: [0.85, 0.9] },
    ];
    expect(iterationsToReach(records)).toEqual([100, 200]);
    expect(iterationsToReach(records, 0.96)).toEqual([null, null]);
    expect(iterationsToReach([])).toEqual([]);
  });
});
