import { describe, expect, it } from 'vitest';
import { defaultLabState } from '../../state/labState';
import { aliasNote, pickDirections, recordInterval, residualConfig, residualTarget } from './residualConfig';

describe('residualTarget', () => {
  it('is sin 2πk₁z + sin 2πk₂z on z = j/n', () => {
    const y = residualTarget([1, 4], 8);
    // z = 1/8: sin(π/4) + sin(π) = √2/2; z = 2/8: sin(π/2) + sin(2π) = 1.
    expect(y[0]).toBe(0);
    expect(y[1]).toBeCloseTo(Math.SQRT1_2, 14);
    expect(y[2]).toBeCloseTo(1, 14);
    expect(y).toHaveLength(8);
  });
});

describe('pickDirections', () => {
  it('keeps the eigenvectors the target projects on most, listed by rank', () => {
    // The standard basis of R⁴ as eigenvectors: projections are the target's entries.
    const basis = [0, 1, 2, 3].map((i) => Float64Array.from({ length: 4 }, (_, j) => (i === j ? 1 : 0)));
    expect(pickDirections(basis, [0.1, -5, 3, 0.2], 2)).toEqual([1, 2]);
    // Ties go to the larger eigenvalue (lower rank).
    expect(pickDirections(basis, [1, -1, 1, 0], 2)).toEqual([0, 1]);
  });
});

describe('residual settings', () => {
  it('warns about aliasing at n/2 and above only', () => {
    expect(aliasNote([1, 31], 64)).toBeNull();
    expect(aliasNote([1, 32], 64)).toContain('k = 32');
  });

  it('records about 40 times per run and builds the core config', () => {
    expect(recordInterval(400)).toBe(10);
    expect(recordInterval(10)).toBe(1);
    const target = residualTarget([1, 4], 64);
    expect(residualConfig(defaultLabState(), target, 400, [1, 3])).toEqual({
      arch: { depth: 1, activation: 'relu', mapping: { kind: 'none' } },
      width: 1024,
      points: { kind: 'grid', n: 64 },
      seed: 0,
      target,
      iterations: 400,
      recordEvery: 10,
      directions: [1, 3],
    });
  });
});
