/**
 * GradAlign (Li & Guo, arXiv 2411.19819) — the paper's formula could not be read; this is our
 * reading, fixed in docs/science.md §3. Per-sample loss gradients g_i = ∇_W CE(f(x_i), y_i) over the
 * conv/linear weights, each sample alone through the network (BatchNorm in train mode, so it
 * normalises with that sample's own statistics), stacked as rows of G (N×P).
 *   gradalign      = mean_i cos(g_i, ḡ), ḡ = mean_i g_i (higher = less conflict);
 *   gradalign_det  = log det(Ĝ Ĝᵀ + 1e-6·I), Ĝ = G with unit rows, by Cholesky in float64;
 *   gradalign_norm = ‖(1/N) Σ_i g_i/‖g_i‖‖, the length of the mean unit gradient: 1 when every
 *                    sample pulls the same way, 1/√N for orthogonal pulls, 0 when they cancel.
 *                    With m = (1/N) Σ_i ĝ_i it equals mean_i cos(g_i, m): gradalign's form with the
 *                    normalised mean in place of ḡ, so large gradients do not set the direction.
 *                    The mean of normalised per-sample gradients, as GradSign (Zhang & Jia, ICLR 2022;
 *                    cmu-catalyst/GradSign gradsign.py) forms it, there per coordinate (the sign of
 *                    each g_ik, then |Σ_i| averaged over coordinates), here per sample vector, so no
 *                    sample outweighs another by its gradient's size.
 * All three come from the Gram K = G Gᵀ (float32 on the backend, everything after in float64):
 *   g_i·ḡ = (1/N) Σ_j K_ij,  ‖ḡ‖² = (1/N²) Σ_ij K_ij,  (Ĝ Ĝᵀ)_ij = K_ij / √(K_ii K_jj),
 *   ‖(1/N) Σ_i ĝ_i‖² = (1/N²) Σ_ij (Ĝ Ĝᵀ)_ij,
 * and the three proxies of one job share one Gram (the per-sample gradients are the cost).
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

/**
 * gradalign_norm from the Gram: ‖(1/N) Σ_i ĝ_i‖ with ĝ_i = g_i/‖g_i‖, and ĝ_i = 0 for a zero gradient
 * (it still counts in N, as its cosine counts 0 in gradalign); NaN when every gradient is zero.
 */
export function meanUnitGradientNorm(
  k: ArrayLike<number>,
  n: number,
): { value: number; zeroGradients: number } {
  const norms = Array.from({ length: n }, (_, i) => Math.sqrt(Math.max(k[i * n + i]!, 0)));
  const zeroGradients = norms.filter((v) => v === 0).length;
  if (zeroGradients === n) return { value: Number.NaN, zeroGradients };
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (norms[i] === 0) continue;
    for (let j = 0; j < n; j++) {
      // Symmetrised as in logDetFromGram: a float32 Gram is symmetric only up to rounding.
      if (norms[j] !== 0) sum += (k[i * n + j]! + k[j * n + i]!) / 2 / (norms[i]! * norms[j]!);
    }
  }
  return { value: Math.sqrt(Math.max(sum, 0)) / n, zeroGradients };
}

function alignOutput(k: ArrayLike<number>, n: number): ProxyOutput {
  const { meanCosine, cosines, zeroGradients } = alignmentFromGram(k, n);
  const warnings: string[] = [];
  if (Number.isNaN(meanCosine)) warnings.push('gradalign: the mean gradient is zero, cosines undefined');
  if (zeroGradients > 0)
    warnings.push(`gradalign: ${zeroGradients} sample(s) with zero gradient count as cos 0`);
  return { value: meanCosine, details: { cosines, samples: n }, warnings };
}

function detOutput(k: ArrayLike<number>, n: number): ProxyOutput {
  const value = logDetFromGram(k, n);
  const { zeroGradients } = alignmentFromGram(k, n);
  const warnings: string[] = [];
  if (Number.isNaN(value)) warnings.push('gradalign_det: Ĝ Ĝᵀ + 1e-6·I is not positive definite (rounding)');
  if (zeroGradients > 0)
    warnings.push(`gradalign_det: ${zeroGradients} sample(s) with zero gradient (row of zeros)`);
  return { value, details: { samples: n, ridge: GRADALIGN_RIDGE }, warnings };
}

function normOutput(k: ArrayLike<number>, n: number): ProxyOutput {
  const { value, zeroGradients } = meanUnitGradientNorm(k, n);
  const warnings: string[] = [];
  if (Number.isNaN(value)) warnings.push('gradalign_norm: every per-sample gradient is zero, no direction');
  else if (zeroGradients > 0)
    warnings.push(`gradalign_norm: ${zeroGradients} sample(s) with zero gradient count as the zero vector`);
  return { value, details: { samples: n }, warnings };
}

export async function gradAlignOf(problem: LossProblem): Promise<ProxyOutput> {
  return alignOutput(await perSampleGradientGram(problem), problem.x.shape[0]!);
}

export async function gradAlignDetOf(problem: LossProblem): Promise<ProxyOutput> {
  return detOutput(await perSampleGradientGram(problem), problem.x.shape[0]!);
}

export async function gradAlignNormOf(problem: LossProblem): Promise<ProxyOutput> {
  return normOutput(await perSampleGradientGram(problem), problem.x.shape[0]!);
}

const RULES = {
  deadValue: Number.NaN,
  deadMeaning: 'every per-sample gradient is zero, their directions undefined',
  minSamples: 2,
  usesLabels: true,
};

/**
 * gradalign, gradalign_det and gradalign_norm of one job share one Gram: the last few are kept,
 * keyed by everything it depends on (architecture and parameter shapes, seed, parameters, batch).
 */
const recentGrams = new Map<string, Promise<Float32Array>>();
const RECENT_GRAMS = 4;

function gramKey({ network, seed, params, batch }: ProxyInput): string | undefined {
  // A batch without a spec cannot be told apart from another one: no sharing then.
  if (!batch?.spec) return undefined;
  const shapes = network.specs.map((s) => `${s.name}:${s.shape.join('x')}`).join(',');
  return JSON.stringify([network.arch, shapes, network.inputShape, seed, params, batch.spec]);
}

function sharedGram(input: ProxyInput, problem: LossProblem): Promise<Float32Array> {
  const key = gramKey(input);
  if (key === undefined) return perSampleGradientGram(problem);
  const known = recentGrams.get(key);
  if (known) return known;
  const run = perSampleGradientGram(problem);
  recentGrams.set(key, run);
  if (recentGrams.size > RECENT_GRAMS) recentGrams.delete(recentGrams.keys().next().value as string);
  // A failed run (out of memory) is not kept: a retry on a fresh backend computes it again.
  run.catch(() => {
    if (recentGrams.get(key) === run) recentGrams.delete(key);
  });
  return run;
}

function scoreFromGram(
  input: ProxyInput,
  id: string,
  output: (k: ArrayLike<number>, n: number) => ProxyOutput,
): Promise<ProxyOutput> {
  return withLossSetup(input, { id, ...RULES }, async (setup) =>
    output(await sharedGram(input, setup), setup.n),
  );
}

export async function gradAlignScore(input: ProxyInput): Promise<ProxyOutput> {
  return scoreFromGram(input, 'gradalign', alignOutput);
}

export async function gradAlignDetScore(input: ProxyInput): Promise<ProxyOutput> {
  return scoreFromGram(input, 'gradalign_det', detOutput);
}

export async function gradAlignNormScore(input: ProxyInput): Promise<ProxyOutput> {
  return scoreFromGram(input, 'gradalign_norm', normOutput);
}
