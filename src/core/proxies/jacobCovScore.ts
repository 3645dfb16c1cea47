/**
 * jacob_cov (Mellor et al., arXiv 2006.04647 v1, as a proxy by Abdelfattah et al., ICLR 2021;
 * SamsungLabs/zero-cost-nas foresight/pruners/measures/jacob_cov.py):
 *   J_n = ∂(Σ of every logit of the batch)/∂x_n  (one backward pass, BatchNorm in train mode, so the
 *         samples are coupled through the batch statistics exactly as there), flattened;
 *   R   = corrcoef(J), the N×N Pearson correlation of the rows (numpy's np.corrcoef);
 *   score = −Σ_i [log(λ_i + k) + 1/(λ_i + k)], λ = eigenvalues of R, k = 1e-5.
 * Labels are not used. Eigenvalues in float64; where R is undefined (a Jacobian row with zero
 * variance) or an eigenvalue falls below −k, the reference's numpy gives NaN, and so do we.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { gradients } from '../nn/backprop';
import type { Network, ParamTensors } from '../nn/network';
import { tf } from '../nn/tf';
import { failure, type LossProblem, numberParam, withLossSetup } from './lossGradients';
import type { ProxyInput, ProxyOutput } from './types';

/** The input Jacobian rows J_n, [N, D] row-major, as float32 from tfjs. */
export async function inputJacobian(
  network: Network,
  params: ParamTensors,
  x: tf.Tensor,
): Promise<Float32Array> {
  const [jacobian] = gradients(
    (input: tf.Tensor) => tf.sum(network.forward(input, params, { batchNorm: 'train' })),
    [x],
  ) as [tf.Tensor];
  const values = (await jacobian.data()) as Float32Array;
  jacobian.dispose();
  return values;
}

/** np.corrcoef of the rows of an [n, d] matrix, in float64; undefined if a row has zero variance. */
export function rowCorrelation(rows: ArrayLike<number>, n: number, d: number): Float64Array | undefined {
  const centred = new Float64Array(n * d);
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let mean = 0;
    for (let j = 0; j < d; j++) mean += rows[i * d + j]!;
    mean /= d;
    let sq = 0;
    for (let j = 0; j < d; j++) {
      const c = rows[i * d + j]! - mean;
      centred[i * d + j] = c;
      sq += c * c;
    }
    if (!(sq > 0)) return undefined;
    norms[i] = Math.sqrt(sq);
  }
  const r = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = i; k < n; k++) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += centred[i * d + j]! * centred[k * d + j]!;
      const value = i === k ? 1 : dot / (norms[i]! * norms[k]!);
      r[i * n + k] = value;
      r[k * n + i] = value;
    }
  }
  return r;
}

/** −Σ [log(λ + k) + 1/(λ + k)] (jacob_cov.py eval_score). */
export function jacobCovFromEigenvalues(eigenvalues: ArrayLike<number>, k: number): number {
  let total = 0;
  for (let i = 0; i < eigenvalues.length; i++) {
    const shifted = eigenvalues[i]! + k;
    total += Math.log(shifted) + 1 / shifted;
  }
  return -total;
}

export function symmetricEigenvalues(a: Float64Array, n: number): number[] {
  const matrix = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) matrix.set(i, j, a[i * n + j]!);
  return new EigenvalueDecomposition(matrix, { assumeSymmetric: true }).realEigenvalues;
}

export async function jacobCovOf(
  { network, params, x }: Pick<LossProblem, 'network' | 'params' | 'x'>,
  k = 1e-5,
): Promise<ProxyOutput> {
  const n = x.shape[0]!;
  const jacobian = await inputJacobian(network, params, x);
  const r = rowCorrelation(jacobian, n, x.size / n);
  if (!r) {
    return failure(Number.NaN, 'jacob_cov: a sample has a constant input Jacobian, so corrcoef is undefined');
  }
  const eigenvalues = symmetricEigenvalues(r, n).sort((a, b) => b - a);
  const value = jacobCovFromEigenvalues(eigenvalues, k);
  const warnings = Number.isNaN(value)
    ? [`jacob_cov: an eigenvalue of corrcoef(J) is below −k (${eigenvalues[n - 1]}), log undefined`]
    : [];
  return { value, details: { eigenvalues, samples: n, k }, warnings };
}

export async function jacobCovScore(input: ProxyInput): Promise<ProxyOutput> {
  const k = numberParam(input.params, 'k', 1e-5);
  if (k === undefined || k <= 0) return failure(Number.NaN, 'jacob_cov: k must be a positive number');
  const rules = {
    id: 'jacob_cov',
    deadValue: Number.NaN,
    deadMeaning: 'the input Jacobian is zero, its correlation undefined (the reference gives NaN)',
    minSamples: 2,
    usesLabels: false,
  };
  return withLossSetup(input, rules, (setup) => jacobCovOf(setup, k));
}
