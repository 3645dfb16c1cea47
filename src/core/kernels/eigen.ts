/**
 * Spectra of symmetric matrices in float64 (tfjs has no eigen-decomposition, tfjs issue 110):
 * ml-matrix's EigenvalueDecomposition (Householder tridiagonalisation + QL, from JAMA) and
 * CholeskyDecomposition, and its SingularValueDecomposition for the spectral norm of a rectangular
 * matrix. Matrices are row-major arrays.
 */
import {
  CholeskyDecomposition,
  EigenvalueDecomposition,
  Matrix,
  SingularValueDecomposition,
} from 'ml-matrix';

/** (A + Aᵀ)/2 as an ml-matrix Matrix: float32 Grams are symmetric only up to rounding. */
function symmetrised(a: ArrayLike<number>, n: number): Matrix {
  if (a.length !== n * n) throw new Error(`expected ${n}x${n} = ${n * n} entries, got ${a.length}`);
  const m = new Matrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = (a[i * n + j]! + a[j * n + i]!) / 2;
      m.set(i, j, v);
      m.set(j, i, v);
    }
  }
  return m;
}

/** Eigenvalues of a symmetric matrix, largest first. */
export function symmetricEigenvalues(a: ArrayLike<number>, n: number): Float64Array {
  if (n === 0) return new Float64Array(0);
  const evd = new EigenvalueDecomposition(symmetrised(a, n), { assumeSymmetric: true });
  return Float64Array.from(evd.realEigenvalues).sort().reverse();
}

/** Eigenvalues (largest first) and unit eigenvectors: vectors[k·n + i] = component i of vector k. */
export function symmetricEigen(
  a: ArrayLike<number>,
  n: number,
): { values: Float64Array; vectors: Float64Array } {
  const evd = new EigenvalueDecomposition(symmetrised(a, n), { assumeSymmetric: true });
  const order = evd.realEigenvalues.map((v, k) => [v, k] as const).sort((p, q) => q[0] - p[0]);
  const v = evd.eigenvectorMatrix;
  const vectors = new Float64Array(n * n);
  order.forEach(([, k], rank) => {
    for (let i = 0; i < n; i++) vectors[rank * n + i] = v.get(i, k);
  });
  return { values: Float64Array.from(order, ([value]) => value), vectors };
}

/**
 * log|det A| and the sign of det A (as numpy's slogdet). Cholesky when A is positive definite (the
 * usual case for a Gram plus a ridge), else the eigenvalues: sign 0 and −∞ when one is exactly 0.
 */
export function logAbsDet(a: ArrayLike<number>, n: number): { sign: -1 | 0 | 1; logAbsDet: number } {
  if (n === 0) return { sign: 1, logAbsDet: 0 };
  const m = symmetrised(a, n);
  const cholesky = new CholeskyDecomposition(m);
  if (cholesky.isPositiveDefinite()) {
    const l = cholesky.lowerTriangularMatrix;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += Math.log(l.get(i, i));
    // det A = (Π L_ii)², so log det A = 2 Σ log L_ii.
    if (Number.isFinite(sum)) return { sign: 1, logAbsDet: 2 * sum };
  }
  let sign: -1 | 0 | 1 = 1;
  let sum = 0;
  for (const lambda of symmetricEigenvalues(a, n)) {
    if (lambda === 0) return { sign: 0, logAbsDet: Number.NEGATIVE_INFINITY };
    if (lambda < 0) sign = sign === 1 ? -1 : 1;
    sum += Math.log(Math.abs(lambda));
  }
  return { sign, logAbsDet: sum };
}

/** docs/science.md §1: λ_min is floored at this fraction of λ_max (below it is float32 noise). */
export const EIGEN_FLOOR = 1e-7;

export interface Conditioning {
  /** λ_max / max(λ_min, 1e-7·λ_max); NaN when λ_max is not positive and finite. */
  kappa: number;
  lambdaMax: number;
  /** The smallest eigenvalue as computed (may be ≤ 0 through rounding). */
  lambdaMin: number;
  /** True when the floor applied: the matrix is singular to float32 precision. */
  rankDeficient: boolean;
}

/** Condition number of a positive semi-definite matrix from its eigenvalues (any order). */
export function conditionNumber(eigenvalues: ArrayLike<number>): Conditioning {
  let lambdaMax = Number.NEGATIVE_INFINITY;
  let lambdaMin = Number.POSITIVE_INFINITY;
  for (let i = 0; i < eigenvalues.length; i++) {
    const v = eigenvalues[i]!;
    if (Number.isNaN(v)) return { kappa: Number.NaN, lambdaMax: v, lambdaMin: v, rankDeficient: false };
    lambdaMax = Math.max(lambdaMax, v);
    lambdaMin = Math.min(lambdaMin, v);
  }
  if (!(lambdaMax > 0 && Number.isFinite(lambdaMax))) {
    return { kappa: Number.NaN, lambdaMax, lambdaMin, rankDeficient: eigenvalues.length > 0 };
  }
  const floor = EIGEN_FLOOR * lambdaMax;
  const rankDeficient = lambdaMin < floor;
  return { kappa: lambdaMax / Math.max(lambdaMin, floor), lambdaMax, lambdaMin, rankDeficient };
}

/**
 * Effective rank exp(−Σ p_i log p_i), p = λ/Σλ (Roy & Vetterli 2007): 1 for rank one, n for equal
 * eigenvalues. Negative eigenvalues (rounding) count as 0; NaN when no eigenvalue is positive.
 */
export function effectiveRank(eigenvalues: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < eigenvalues.length; i++) total += Math.max(0, eigenvalues[i]!);
  if (!(total > 0 && Number.isFinite(total))) return Number.NaN;
  let entropy = 0;
  for (let i = 0; i < eigenvalues.length; i++) {
    const p = Math.max(0, eigenvalues[i]!) / total;
    if (p > 0) entropy -= p * Math.log(p);
  }
  return Math.exp(entropy);
}

/** The largest singular value (spectral norm) of a row-major rows×cols matrix, in float64. */
export function largestSingularValue(a: ArrayLike<number>, rows: number, cols: number): number {
  if (a.length !== rows * cols)
    throw new Error(`expected ${rows}x${cols} = ${rows * cols} entries, got ${a.length}`);
  if (rows === 0 || cols === 0) return 0;
  const m = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) m.set(i, j, a[i * cols + j]!);
  const svd = new SingularValueDecomposition(m, {
    computeLeftSingularVectors: false,
    computeRightSingularVectors: false,
    autoTranspose: true,
  });
  return svd.norm2;
}
