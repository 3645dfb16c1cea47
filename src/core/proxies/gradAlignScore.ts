/**
 * GradAlign (Li & Guo, arXiv 2411.19819) — the paper's formula could not be read; this is our
 * reading, fixed in SCIENCE.md §3. Per-sample loss gradients g_i = ∇_W CE(f(x_i), y_i) over the
 * conv/linear weights, each sample alone through the network (BatchNorm in train mode, so it
 * normalises with that sample's own statistics), stacked as rows of G (N×P).
 *   gradalign     = mean_i cos(g_i, ḡ), ḡ = mean_i g_i (higher = less conflict);
 *   gradalign_det = log det(Ĝ Ĝᵀ + 1e-6·I), Ĝ = G with unit rows, by Cholesky in float64.
 * Both come from the Gram K = G Gᵀ (float32 on the backend, everything after in float64):
 *   g_i·ḡ = (1/N) Σ_j K_ij,  ‖ḡ‖² = (1/N²) Σ_ij K_ij,  (Ĝ Ĝᵀ)_ij = K_ij / √(K_ii K_jj).
 */
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { tf } from '../nn/tf';
import { type LossProblem, perSampleLossGradients, withLossSetup } from './lossGradients';
import type { ProxyInput, ProxyOutput } from './types';

export const GRADALIGN_RIDGE = 1e-6;

/** K = G Gᵀ of the per-sample gradients, row-major N×N. */
export async function perSampleGradientGram(problem: LossProblem): Promise<Float32Array> {
  const { network, params, weights, x, labels } = problem;
  const g = perSampleLossGradients(network, params, weights, x, labels);
  const gram = tf.matMul(g, g, false, true);
  g.dispose();
  const values = (await gram.data()) as Float32Array;
  gram.dispose();
  return values;
}

export interface Alignment {
  /** mean_i cos(g_i, ḡ); NaN when ḡ = 0. */
  meanCosine: number;
  cosines: number[];
  /** Samples whose gradient is exactly zero (their cosine counts as 0, their Ĝ row as 0). */
  zeroGradients: number;
}

/** gradalign from the Gram of the per-sample gradients. */
export function alignmentFromGram(k: ArrayLike<number>, n: number): Alignment {
  let total = 0;
  const rowSums = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) rowSums[i]! += k[i * n + j]!;
    total += rowSums[i]!;
  }
  const meanNorm = Math.sqrt(Math.max(total, 0)) / n;
  let zeroGradients = 0;
  const cosines = Array.from(rowSums, (rowSum, i) => {
    const norm = Math.sqrt(Math.max(k[i * n + i]!, 0));
    if (norm === 0) {
      zeroGradients++;
      return 0;
    }
    return rowSum / n / (norm * meanNorm);
  });
  const meanCosine = meanNorm > 0 ? cosines.reduce((a, b) => a + b, 0) / n : Number.NaN;
  return { meanCosine, cosines, zeroGradients };
}

/** log det(Ĝ Ĝᵀ + ridge·I) by Cholesky; NaN when the matrix is not positive definite. */
export function logDetFromGram(k: ArrayLike<number>, n: number, ridge = GRADALIGN_RIDGE): number {
  const norms = Array.from({ length: n }, (_, i) => Math.sqrt(Math.max(k[i * n + i]!, 0)));
  const m = new Matrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const both = norms[i]! * norms[j]!;
      // Symmetrise: a float32 Gram is symmetric only up to rounding.
      const cosine = both > 0 ? (k[i * n + j]! + k[j * n + i]!) / 2 / both : 0;
      m.set(i, j, (i === j ? (both > 0 ? 1 : 0) : cosine) + (i === j ? ridge : 0));
    }
  }
  const cholesky = new CholeskyDecomposition(m);
  if (!cholesky.isPositiveDefinite()) return Number.NaN;
  const l = cholesky.lowerTriangularMatrix;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.log(l.get(i, i));
  return 2 * sum; // det = (Π L_ii)²
}

export async function gradAlignOf(problem: LossProblem): Promise<ProxyOutput> {
  const n = problem.x.shape[0]!;
  const { meanCosine, cosines, zeroGradients } = alignmentFromGram(await perSampleGradientGram(problem), n);
  const warnings: string[] = [];
  if (Number.isNaN(meanCosine)) warnings.push('gradalign: the mean gradient is zero, cosines undefined');
  if (zeroGradients > 0)
    warnings.push(`gradalign: ${zeroGradients} sample(s) with zero gradient count as cos 0`);
  return { value: meanCosine, details: { cosines, samples: n }, warnings };
}

export async function gradAlignDetOf(problem: LossProblem): Promise<ProxyOutput> {
  const n = problem.x.shape[0]!;
  const k = await perSampleGradientGram(problem);
  const value = logDetFromGram(k, n);
  const { zeroGradients } = alignmentFromGram(k, n);
  const warnings: string[] = [];
  if (Number.isNaN(value)) warnings.push('gradalign_det: Ĝ Ĝᵀ + 1e-6·I is not positive definite (rounding)');
  if (zeroGradients > 0)
    warnings.push(`gradalign_det: ${zeroGradients} sample(s) with zero gradient (row of zeros)`);
  return { value, details: { samples: n, ridge: GRADALIGN_RIDGE }, warnings };
}

const RULES = {
  deadValue: Number.NaN,
  deadMeaning: 'every per-sample gradient is zero, their directions undefined',
  minSamples: 2,
  usesLabels: true,
};

export async function gradAlignScore(input: ProxyInput): Promise<ProxyOutput> {
  return withLossSetup(input, { id: 'gradalign', ...RULES }, gradAlignOf);
}

export async function gradAlignDetScore(input: ProxyInput): Promise<ProxyOutput> {
  return withLossSetup(input, { id: 'gradalign_det', ...RULES }, gradAlignDetOf);
}
