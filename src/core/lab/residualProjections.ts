/**
 * Panel 4, prediction against reality: a network trained by plain full-batch GD, its residual
 * r_t = f(X) − y projected on the eigenvectors v_i of the NTK at initialisation, next to what the
 * linearised network predicts (docs/science.md §9).
 *
 * Convention (ntkDescent.ts): L = (1/2n)·‖f(X) − y‖², θ ← θ − η·∇L, so the linearised residual
 * follows r_{t+1} = (I − (η/n)·K) r_t with K = J Jᵀ the NTK of every parameter at θ_0, unnormalised,
 * and
 *   |⟨v_i, r_t⟩|  ≈  |⟨v_i, r_0⟩|·|1 − η·λ_i/n|^t.
 * For a linear model the NTK is constant and the two agree up to float32 rounding; a wide network
 * stays close to its linearisation (Jacot et al. 2018; Lee et al. 2019), a narrow one drifts.
 * η defaults to a fraction of the stability limit 2n/λ_max, and is reported.
 */

import { symmetricEigen } from '../kernels/eigen';
import { disposeParams, type ParamTensors } from '../nn/network';
import { tf } from '../nn/tf';
import { eventLoopYielder, LAB_LR_FRACTION, LabDescent } from './ntkDescent';
import { eigenvectorAt } from './ntkEigen';
import type { NtkLabModel } from './ntkModel';
import {
  inputTensor,
  type LabMlpArch,
  type LabScales,
  labInitParams,
  labMlp,
  labMlpProblems,
  labNtk,
  seedProblems,
} from './ntkModel';
import { type LabPoints, labInputs, labPointsProblems } from './ntkPoints';

export interface ResidualRunOptions {
  /** η on the mean loss; must be below 2n/λ_max. Default: lrFraction·2n/λ_max. */
  lr?: number;
  /** η as a fraction of the stability limit 2n/λ_max when lr is not given; default LAB_LR_FRACTION (0.25). */
  lrFraction?: number;
  /** GD steps. */
  iterations: number;
  /** A record every this many steps (and at the last). */
  recordEvery: number;
  /** Eigen-directions followed, by rank (0 = largest eigenvalue); default 0..5. */
  directions?: readonly number[];
  /**
   * Default true: fit f − f(·; θ_0) to y (the initial function as a fixed offset; the NTK does not
   * change), so r_0 = −y. The random initial function otherwise puts a large residual on every
   * direction, and the larger parameter move takes a finite net further from its linearisation.
   */
  subtractInitial?: boolean;
}

export interface ResidualRecord {
  /** Steps done before this record. */
  iteration: number;
  /** |⟨v_i, r_t⟩| per followed direction. */
  measured: Float64Array;
  /** |⟨v_i, r_0⟩|·|1 − ηλ_i/n|^t per followed direction. */
  predicted: Float64Array;
  /** mean(r_t²), measured. */
  mse: number;
  /** (1/n)·Σ_i ⟨v_i, r_0⟩²·(1 − ηλ_i/n)^{2t} over all n directions. */
  predictedMse: number;
}

export interface ResidualProjectionsResult {
  status: 'done' | 'cancelled';
  iterations: number;
  /** The η used, and the stability limit 2n/λ_max it was chosen under. */
  lr: number;
  lrLimit: number;
  /** All eigenvalues of K at θ_0, largest first. */
  eigenvalues: Float64Array;
  directions: number[];
  /** v_i per followed direction, unit norm, sign-normalised (ntkEigen.ts). */
  eigenvectors: Float64Array[];
  /** |1 − ηλ_i/n| per followed direction: the predicted factor per step. */
  factors: number[];
  records: ResidualRecord[];
  /** f(X) at the end, less f(X; θ_0) when subtractInitial: what was fitted to y. */
  prediction: Float32Array;
  seconds: number;
}

const DEFAULT_DIRECTIONS = [0, 1, 2, 3, 4, 5];

export function residualRunProblems(options: ResidualRunOptions, n: number): string[] {
  const problems: string[] = [];
  const positiveInt = (v: number, hi: number) => Number.isInteger(v) && v >= 1 && v <= hi;
  if (!positiveInt(options.iterations, 1_000_000)) {
    problems.push(`iterations must be an integer in [1, 1000000], got ${options.iterations}`);
  }
  if (!positiveInt(options.recordEvery, 1_000_000)) {
    problems.push(`the record interval must be a positive integer, got ${options.recordEvery}`);
  }
  if (options.lr !== undefined && !(Number.isFinite(options.lr) && options.lr > 0)) {
    problems.push(`the learning rate must be a positive number, got ${options.lr}`);
  }
  const fraction = options.lrFraction;
  if (fraction !== undefined && !(Number.isFinite(fraction) && fraction > 0 && fraction < 1)) {
    problems.push(`the learning-rate fraction of the stability limit must be in (0, 1), got ${fraction}`);
  }
  for (const d of options.directions ?? []) {
    if (!(Number.isInteger(d) && d >= 0 && d < n)) {
      problems.push(`eigen-direction ${d} does not exist: ranks go from 0 to ${n - 1}`);
    }
  }
  return problems;
}

function targetProblems(target: ArrayLike<number>, n: number): string[] {
  if (target.length !== n) return [`the target has ${target.length} values for ${n} points`];
  for (let j = 0; j < n; j++) {
    if (!Number.isFinite(target[j])) return [`target value ${j + 1} is not a finite number`];
  }
  return [];
}

/**
 * The panel's computation for any model whose `labNtk` is the kernel of its training (all its
 * parameters), from given parameters (copied, not changed) on inputs x [n, dim].
 */
export async function residualProjectionsOn(
  model: NtkLabModel,
  params: ParamTensors,
  x: tf.Tensor2D,
  target: ArrayLike<number>,
  options: ResidualRunOptions,
  hooks: { onRecord?: (record: ResidualRecord) => void; signal?: AbortSignal } = {},
): Promise<ResidualProjectionsResult> {
  const start = performance.now();
  const n = x.shape[0];
  const problems = [...residualRunProblems(options, n), ...targetProblems(target, n)];
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  const gram = await labNtk(model, params, x);
  const { values, vectors } = symmetricEigen(gram, n);
  const lrLimit = (2 * n) / values[0]!;
  if (!(lrLimit > 0 && Number.isFinite(lrLimit))) {
    throw new RangeError(`the NTK's largest eigenvalue is ${values[0]}: this network has no usable gradient`);
  }
  const lr = options.lr ?? (options.lrFraction ?? LAB_LR_FRACTION) * lrLimit;
  if (lr >= lrLimit) {
    throw new RangeError(
      `learning rate ${lr.toPrecision(3)} is at or above the stability limit 2n/λ_max = ${lrLimit.toPrecision(3)} of this network's NTK: GD would diverge`,
    );
  }
  const directions = [...(options.directions ?? DEFAULT_DIRECTIONS.filter((d) => d < n))];
  const eigenvectors = directions.map((d) => eigenvectorAt(vectors, n, d));
  const allFactors = Array.from(values, (lambda) => 1 - (lr * lambda) / n);
  const factors = directions.map((d) => Math.abs(allFactors[d]!));
  const subtract = options.subtractInitial ?? true;
  // Fitting f − f_0 to y is fitting f to y + f_0.
  const y = tf.tidy(() => {
    const wanted = tf.tensor2d(Float32Array.from(target), [n, 1]);
    return subtract ? tf.add(wanted, model.net.forward(x, params, { batchNorm: 'none' })) : wanted;
  }) as tf.Tensor2D;
  const descent = new LabDescent(model.net, params, x, y);
  const records: ResidualRecord[] = [];
  // c_i = ⟨v_i, r_0⟩ for every direction (the predicted loss needs them all).
  let initial: Float64Array | null = null;
  const project = (r: Float32Array, v: Float64Array) => v.reduce((s, vj, j) => s + vj * r[j]!, 0);
  const record = (r: Float32Array, iteration: number) => {
    if (!initial) {
      const c = new Float64Array(n);
      for (let i = 0; i < n; i++) c[i] = project(r, vectors.subarray(i * n, (i + 1) * n));
      initial = c;
    }
    const c0 = initial;
    let mse = 0;
    for (const v of r) mse += (v * v) / n;
    let predictedMse = 0;
    for (let i = 0; i < n; i++) predictedMse += (c0[i]! * allFactors[i]! ** iteration) ** 2 / n;
    const entry: ResidualRecord = {
      iteration,
      measured: Float64Array.from(eigenvectors, (v) => Math.abs(project(r, v))),
      predicted: Float64Array.from(directions, (d, k) => Math.abs(c0[d]!) * factors[k]! ** iteration),
      mse,
      predictedMse,
    };
    records.push(entry);
    hooks.onRecord?.(entry);
  };
  const pause = eventLoopYielder();
  let done = 0;
  let status: 'done' | 'cancelled' = 'done';
  try {
    for (;;) {
      const r = descent.residual();
      try {
        const due = done % options.recordEvery === 0 || done === options.iterations || status === 'cancelled';
        if (due) record((await r.data()) as Float32Array, done);
        if (done === options.iterations || status === 'cancelled') break;
        descent.step(r, lr);
      } finally {
        r.dispose();
      }
      done++;
      await pause();
      if (hooks.signal?.aborted) status = 'cancelled';
    }
    const out = tf.tidy(() =>
      tf.add(tf.sub(descent.outputs(), y), tf.tensor2d(Float32Array.from(target), [n, 1])),
    );
    const prediction = (await out.data()) as Float32Array;
    out.dispose();
    return {
      status,
      iterations: done,
      lr,
      lrLimit,
      eigenvalues: values,
      directions,
      eigenvectors,
      factors,
      records,
      prediction,
      seconds: (performance.now() - start) / 1000,
    };
  } finally {
    descent.dispose();
    y.dispose();
  }
}

export interface ResidualConfig extends LabScales, ResidualRunOptions {
  arch: LabMlpArch;
  width: number;
  points: LabPoints;
  /** y at each point, in point order. */
  target: ArrayLike<number>;
  /** Seed of the initial weights. */
  seed: number;
}

/** The panel's defaults (target chosen by the caller): a wide 2-layer ReLU net on 64 grid points. */
export const RESIDUAL_DEFAULTS = {
  arch: { depth: 1, activation: 'relu', mapping: { kind: 'none' } },
  width: 1024,
  points: { kind: 'grid', n: 64 },
  seed: 0,
  iterations: 400,
  recordEvery: 10,
} as const;

export function residualProblems(config: ResidualConfig): string[] {
  const problems = labPointsProblems(config.points);
  if (problems.length > 0) return problems;
  const points = labInputs(config.points);
  return [
    ...labMlpProblems(config.arch, config.width, points.dim, config),
    ...seedProblems(config.seed),
    ...residualRunProblems(config, points.n),
    ...targetProblems(config.target, points.n),
  ];
}

/** Panel 4 on the lab's MLP. Throws a RangeError naming every problem when the config is not usable. */
export async function residualProjections(
  config: ResidualConfig,
  hooks: { onRecord?: (record: ResidualRecord) => void; signal?: AbortSignal } = {},
): Promise<ResidualProjectionsResult> {
  const problems = residualProblems(config);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  const points = labInputs(config.points);
  const model = labMlp(config.arch, config.width, points.dim, config);
  const params = labInitParams(model, config.seed);
  const x = inputTensor(points);
  try {
    return await residualProjectionsOn(model, params, x, config.target, config, hooks);
  } finally {
    x.dispose();
    disposeParams(params);
  }
}
