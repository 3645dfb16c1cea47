import { describe, expect, it } from 'vitest';
import { conditionNumber, effectiveRank, logAbsDet, symmetricEigen, symmetricEigenvalues } from './eigen';

/** Q diag(λ) Qᵀ with Q = I − 2vvᵀ/‖v‖² (a Householder reflection, orthogonal), row-major. */
function rotated(lambdas: number[], v: number[]): Float64Array {
  const n = lambdas.length;
  const vv = v.reduce((s, x) => s + x * x, 0);
  const q = (i: number, j: number) => (i === j ? 1 : 0) - (2 * v[i]! * v[j]!) / vv;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += q(i, k) * lambdas[k]! * q(j, k);
      a[i * n + j] = s;
    }
  }
  return a;
}

function diagonal(values: number[]): Float64Array {
  const n = values.length;
  const a = new Float64Array(n * n);
  values.forEach((v, i) => {
    a[i * n + i] = v;
  });
  return a;
}

describe('symmetric eigenvalues', () => {
  it('recovers known eigenvalues of a rotated diagonal matrix, largest first', () => {
    const lambdas = [0.5, 5, 1, 3, 2];
    const a = rotated(lambdas, [1, -2, 0.5, 3, 1]);
    const got = Array.from(symmetricEigenvalues(a, 5));
    const want = [5, 3, 2, 1, 0.5];
    got.forEach((v, i) => {
      expect(v).toBeCloseTo(want[i]!, 12);
    });
  });

  it('returns unit eigenvectors with A v = λ v', () => {
    const a = rotated([4, 2, 1], [1, 1, 1]);
    const { values, vectors } = symmetricEigen(a, 3);
    for (let k = 0; k < 3; k++) {
      const v = vectors.subarray(k * 3, k * 3 + 3);
      expect(Math.hypot(...v)).toBeCloseTo(1, 12);
      for (let i = 0; i < 3; i++) {
        const av = a[i * 3]! * v[0]! + a[i * 3 + 1]! * v[1]! + a[i * 3 + 2]! * v[2]!;
        expect(av).toBeCloseTo(values[k]! * v[i]!, 12);
      }
    }
    expect(values[0]).toBeCloseTo(4, 12);
    expect(values[2]).toBeCloseTo(1, 12);
  });

  it('symmetrises a matrix that is symmetric only up to rounding', () => {
    const a = diagonal([2, 1]);
    a[1] = 1e-9;
    a[2] = -1e-9; // (A + Aᵀ)/2 is exactly diag(2, 1)
    const [first, second] = symmetricEigenvalues(a, 2);
    expect(first).toBeCloseTo(2, 14);
    expect(second).toBeCloseTo(1, 14);
  });
});

describe('log-determinant', () => {
  it('equals Σ log λ for a rotated positive definite matrix (Cholesky path)', () => {
    const lambdas = [0.5, 5, 1, 3, 2];
    const { sign, logAbsDet: value } = logAbsDet(rotated(lambdas, [1, -2, 0.5, 3, 1]), 5);
    expect(sign).toBe(1);
    expect(value).toBeCloseTo(Math.log(15), 12);
  });

  it('gives sign and log|det| of an indefinite diagonal matrix (eigenvalue path)', () => {
    const { sign, logAbsDet: value } = logAbsDet(diagonal([2, -3, 0.25]), 3);
    expect(sign).toBe(-1);
    expect(value).toBeCloseTo(Math.log(1.5), 12);
  });

  it('gives −∞ with sign 0 for an exactly singular matrix', () => {
    expect(logAbsDet(diagonal([2, 0, 1]), 3)).toEqual({ sign: 0, logAbsDet: Number.NEGATIVE_INFINITY });
  });
});

describe('condition number and effective rank', () => {
  it('is λ_max/λ_min for a well-conditioned spectrum', () => {
    const c = conditionNumber([8, 4, 2]);
    expect(c.kappa).toBe(4);
    expect(c.rankDeficient).toBe(false);
  });

  it('floors λ_min at 1e-7·λ_max and flags the matrix rank-deficient', () => {
    const c = conditionNumber([1e3, 1, 1e-12]);
    expect(c.kappa).toBeCloseTo(1e7, 3);
    expect(c.rankDeficient).toBe(true);
    expect(conditionNumber([1, -1e-9]).kappa).toBeCloseTo(1e7, 3);
  });

  it('is NaN for a zero matrix', () => {
    expect(conditionNumber([0, 0]).kappa).toBeNaN();
  });

  it('counts equal eigenvalues fully and a rank-one spectrum once', () => {
    expect(effectiveRank([3, 3, 3, 3])).toBeCloseTo(4, 12);
    expect(effectiveRank([7, 0, 0])).toBeCloseTo(1, 12);
    expect(effectiveRank([1, 1, 0, -1e-12])).toBeCloseTo(2, 12);
    // p = (1/2, 1/4, 1/4): H = 1.5 log 2, so exp(H) = 2^1.5.
    expect(effectiveRank([2, 1, 1])).toBeCloseTo(2 ** 1.5, 12);
    expect(effectiveRank([0, 0])).toBeNaN();
  });
});
