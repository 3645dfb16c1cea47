/**
 * Panel 5, changing the spectrum: Geifman et al., "Controlling the inductive bias of wide neural
 * networks by modifying the kernel's spectrum" (TMLR 2024), in our reading (docs/science.md §9; label it
 * so in the UI).
 *
 * Points on the circle t_j = 2πj/n with inputs (cos t, sin t), target y = cos(k t), a wide 2-layer
 * ReLU net (ntkModel.ts: NTK parameterisation, biases on). With K = V Λ Vᵀ the NTK at
 * initialisation (every parameter, unnormalised, λ_1 ≥ λ_2 ≥ …), the top-k' flattened preconditioner
 *   S = I + Σ_{i ≤ k'} (g(λ_i)/λ_i − 1)·v_i v_iᵀ,  g(λ_i) = λ_{k'},
 * gives the linearised dynamics r ← (I − (η/n)·K S) r, and K S has the spectrum of K with its top k'
 * eigenvalues replaced by λ_{k'}: a kernel whose largest eigenvalue is λ_{k'}.
 *
 * Both methods run ntkDescent.ts's step on L = (1/2n)·‖f(X) − y‖² (so η here multiplies Jᵀ S r/n;
 * the paper's θ ← θ − η Jᵀ S r is ours with η/n in its place), with S r applied as
 * r + V_{k'}·(c ⊙ V_{k'}ᵀ r) and Jᵀ (S r) as a vector–Jacobian product (no Jacobian formed). Each
 * method takes the same fraction of ITS stability limit: η_GD = f·2n/λ_1, η_pre = f·2n/λ_{k'}; with
 * one η for both, flattening could only slow the top directions down. The speed-up on a frequency
 * whose eigen-directions are among the top k' is about λ_1/λ_k. Both updates lie in the span of Jᵀ,
 * so in the linear regime both converge to the same interpolant (the minimum-norm one): the same
 * function, on and between the training points.
 *
 * By default the initial function is subtracted (f(x) − f(x; θ_0), as a fixed offset: the NTK does
 * not change), so r_0 = −y lies on the target's frequency and the threshold measures that frequency
 * alone rather than the initial network's noise on every frequency.
 */
import { symmetricEigen } from '../kernels/eigen';
import { disposeParams } from '../nn/network';
import { tf } from '../nn/tf';
import { eventLoopYielder, LAB_LR_FRACTION, LabDescent, meanSquare, type Preconditioner } from './ntkDescent';
import {
  inputTensor,
  type LabScales,
  labInitParams,
  labMlp,
  labMlpProblems,
  labNtk,
  seedProblems,
} from './ntkModel';
import { circleInputs, labInputs, labPointsProblems } from './ntkPoints';

/** What the UI shows with this panel (docs/science.md: a reading of a paper is labelled so, with its formula). */
export const PRECOND_LABEL = 'Preconditioned GD, Geifman et al. (TMLR 2024): our reading of the paper';
export const PRECOND_FORMULA =
  "θ ← θ − (η/n)·Jᵀ S (f(X) − y),  S = I + Σ_{i ≤ k'} (λ_{k'}/λ_i − 1)·v_i v_iᵀ,  K = J Jᵀ = Σ λ_i v_i v_iᵀ at θ_0";

export interface PrecondConfig extends LabScales {
  /** Points on the circle. */
  n: number;
  width: number;
  /** Target frequencies k, each a run of both methods on y = cos(k t). */
  frequencies: readonly number[];
  /** k', the number of leading eigen-directions flattened; default 2·max(k) + 1 (DC and a pair per frequency). */
  flatten?: number;
  /** Stop when mean((f(X) − y)²) ≤ threshold. */
  threshold: number;
  /** Cap on the steps of each run. */
  maxIterations: number;
  /** η as a fraction of each method's stability limit; default LAB_LR_FRACTION (0.25). */
  lrFraction?: number;
  /** Seed of the initial weights (the same initial network for every run). */
  seed: number;
  /** Points the final functions are evaluated on, evenly around the circle; default 4n. */
  evalPoints?: number;
  /** Default true: train f − f(·; θ_0) (see the file comment). */
  subtractInitial?: boolean;
  /** MSE curve sampled every this many steps; default 10. */
  recordEvery?: number;
}

export interface PrecondRun {
  /** Steps until the MSE first fell to the threshold, or null when it did not within the cap. */
  iterationsToThreshold: number | null;
  /** Steps done. */
  iterations: number;
  finalMse: number;
  lr: number;
  /** The function at the end on the evaluation points (initial function subtracted if asked). */
  values: Float32Array;
  /** [iteration, mse] every recordEvery steps and at the end. */
  mseCurve: [number, number][];
}

export interface PrecondFrequency {
  k: number;
  gd: PrecondRun;
  preconditioned: PrecondRun;
  /** max_x |f_GD(x) − f_pre(x)| over the evaluation points (a fair comparison when both reached the threshold). */
  maxDifference: number;
}

export interface PrecondResult {
  status: 'done' | 'cancelled';
  /** All eigenvalues of the NTK at initialisation, largest first. */
  eigenvalues: Float64Array;
  /** k' and λ_{k'}, the value the top k' eigenvalues are flattened to. */
  flatten: number;
  flatValue: number;
  /** t of the training points and of the evaluation points. */
  trainT: Float64Array;
  evalT: Float64Array;
  /** One entry per frequency done, in the order given. */
  frequencies: PrecondFrequency[];
  seconds: number;
}

export const PRECOND_DEFAULTS = {
  n: 32,
  width: 512,
  frequencies: [1, 2, 3, 4],
  threshold: 1e-3,
  maxIterations: 2_500,
  seed: 0,
} as const satisfies PrecondConfig;

const TWO_LAYER_RELU = { depth: 1, activation: 'relu', mapping: { kind: 'none' } } as const;

export function precondProblems(config: PrecondConfig): string[] {
  const problems = [
    ...labPointsProblems({ kind: 'circle', n: config.n }),
    ...labMlpProblems(TWO_LAYER_RELU, config.width, 2, config),
    ...seedProblems(config.seed),
  ];
  const n = config.n;
  const maxK = Math.floor((n - 1) / 2);
  if (config.frequencies.length === 0) problems.push('give at least one target frequency');
  for (const k of config.frequencies) {
    if (!(Number.isInteger(k) && k >= 0 && k <= maxK)) {
      problems.push(
        `target frequency k must be an integer from 0 to ${maxK} (below n/2 for n = ${n}), got ${k}`,
      );
    }
  }
  const flatten = config.flatten;
  if (flatten !== undefined && !(Number.isInteger(flatten) && flatten >= 1 && flatten <= n)) {
    problems.push(`the number of flattened directions k' must be an integer from 1 to ${n}, got ${flatten}`);
  }
  if (!(Number.isFinite(config.threshold) && config.threshold > 0)) {
    problems.push(`the loss threshold must be a positive number, got ${config.threshold}`);
  }
  if (
    !(
      Number.isInteger(config.maxIterations) &&
      config.maxIterations >= 1 &&
      config.maxIterations <= 1_000_000
    )
  ) {
    problems.push(`the iteration cap must be an integer in [1, 1000000], got ${config.maxIterations}`);
  }
  const f = config.lrFraction;
  if (f !== undefined && !(Number.isFinite(f) && f > 0 && f < 1)) {
    problems.push(`the learning-rate fraction of the stability limit must be in (0, 1), got ${f}`);
  }
  const m = config.evalPoints;
  if (m !== undefined && !(Number.isInteger(m) && m >= 1 && m <= 100_000)) {
    problems.push(`evaluation points must be an integer in [1, 100000], got ${m}`);
  }
  const every = config.recordEvery;
  if (every !== undefined && !(Number.isInteger(every) && every >= 1)) {
    problems.push(`the record interval must be a positive integer, got ${every}`);
  }
  return problems;
}

/** k' by default: the DC direction and a (cos, sin) pair per frequency up to the highest target. */
export function defaultFlatten(frequencies: readonly number[], n: number): number {
  return Math.min(n, 2 * Math.max(0, ...frequencies) + 1);
}

/**
 * S r = r + V_{k'}·(c ⊙ V_{k'}ᵀ r) with c_i = λ_{k'}/λ_i − 1 (i ≤ k'), for eigenvectors
 * vectors[i·n + j] (symmetricEigen's layout). Returns the preconditioner and its tensors to dispose.
 */
export function topFlattenedPreconditioner(
  values: ArrayLike<number>,
  vectors: ArrayLike<number>,
  n: number,
  flatten: number,
): { apply: Preconditioner; dispose: () => void } {
  const flat = values[flatten - 1]!;
  if (!(flat > 0)) {
    throw new RangeError(
      `λ_${flatten} = ${flat} is not positive: flatten fewer directions (k' at most the NTK's numerical rank)`,
    );
  }
  // V_{k'} as [n, k'] (column i = v_i) and c as [k', 1].
  const v = new Float32Array(n * flatten);
  for (let i = 0; i < flatten; i++) for (let j = 0; j < n; j++) v[j * flatten + i] = vectors[i * n + j]!;
  const basis = tf.tensor2d(v, [n, flatten]);
  const c = tf.tensor2d(
    Float32Array.from({ length: flatten }, (_, i) => flat / values[i]! - 1),
    [flatten, 1],
  );
  return {
    apply: (r) => tf.add(r, tf.matMul(basis, tf.mul(c, tf.matMul(basis, r, true, false)))) as tf.Tensor2D,
    dispose: () => {
      basis.dispose();
      c.dispose();
    },
  };
}

/** Runs both methods for each frequency. Throws a RangeError naming every problem of a bad config. */
export async function precondComparison(
  config: PrecondConfig,
  hooks: { onFrequency?: (result: PrecondFrequency) => void; signal?: AbortSignal } = {},
): Promise<PrecondResult> {
  const problems = precondProblems(config);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  const start = performance.now();
  const { n } = config;
  const train = labInputs({ kind: 'circle', n });
  const evaluation = circleInputs(config.evalPoints ?? 4 * n);
  const model = labMlp(TWO_LAYER_RELU, config.width, 2, config);
  const params = labInitParams(model, config.seed);
  const x = inputTensor(train);
  const xEval = inputTensor(evaluation);
  const disposers: (() => void)[] = [() => x.dispose(), () => xEval.dispose(), () => disposeParams(params)];
  try {
    const gram = await labNtk(model, params, x);
    const { values, vectors } = symmetricEigen(gram, n);
    const flatten = config.flatten ?? defaultFlatten(config.frequencies, n);
    const preconditioner = topFlattenedPreconditioner(values, vectors, n, flatten);
    disposers.push(preconditioner.dispose);
    const fraction = config.lrFraction ?? LAB_LR_FRACTION;
    const lrGd = (fraction * 2 * n) / values[0]!;
    const lrPre = (fraction * 2 * n) / values[flatten - 1]!;
    // The initial function, subtracted as a fixed offset (on the training and evaluation points).
    const subtract = config.subtractInitial ?? true;
    const initialOut = (input: tf.Tensor2D) =>
      subtract
        ? tf.tidy(() => model.net.forward(input, params, { batchNorm: 'none' }))
        : tf.zeros([input.shape[0], 1]);
    const f0 = initialOut(x);
    const f0Eval = initialOut(xEval);
    disposers.push(
      () => f0.dispose(),
      () => f0Eval.dispose(),
    );
    const pause = eventLoopYielder();
    const recordEvery = config.recordEvery ?? 10;
    const frequencies: PrecondFrequency[] = [];

    const run = async (y: tf.Tensor2D, lr: number, pre?: Preconditioner): Promise<PrecondRun | null> => {
      const descent = new LabDescent(model.net, params, x, y);
      try {
        const mseCurve: [number, number][] = [];
        let reached: number | null = null;
        let t = 0;
        let mse = Number.NaN;
        for (;;) {
          const r = descent.residual();
          try {
            mse = meanSquare(r);
            if (t % recordEvery === 0) mseCurve.push([t, mse]);
            if (mse <= config.threshold) reached = t;
            if (reached !== null || t === config.maxIterations || !Number.isFinite(mse)) break;
            descent.step(r, lr, pre);
          } finally {
            r.dispose();
          }
          t++;
          await pause();
          if (hooks.signal?.aborted) return null;
        }
        if (mseCurve.at(-1)?.[0] !== t) mseCurve.push([t, mse]);
        const out = tf.tidy(() => tf.sub(descent.outputs(xEval), f0Eval));
        const values = (await out.data()) as Float32Array;
        out.dispose();
        return { iterationsToThreshold: reached, iterations: t, finalMse: mse, lr, values, mseCurve };
      } finally {
        descent.dispose();
      }
    };

    let status: 'done' | 'cancelled' = 'done';
    for (const k of config.frequencies) {
      // Training f − f_0 on y is training f on y + f_0.
      const y = tf.tidy(() =>
        tf.add(
          tf.tensor2d(
            Float32Array.from(train.coordinate, (t) => Math.cos(k * t)),
            [n, 1],
          ),
          f0,
        ),
      ) as tf.Tensor2D;
      try {
        const gd = await run(y, lrGd);
        const preconditioned = gd && (await run(y, lrPre, preconditioner.apply));
        if (!gd || !preconditioned) {
          status = 'cancelled';
          break;
        }
        let maxDifference = 0;
        gd.values.forEach((v, j) => {
          maxDifference = Math.max(maxDifference, Math.abs(v - preconditioned.values[j]!));
        });
        const result = { k, gd, preconditioned, maxDifference };
        frequencies.push(result);
        hooks.onFrequency?.(result);
      } finally {
        y.dispose();
      }
    }
    return {
      status,
      eigenvalues: values,
      flatten,
      flatValue: values[flatten - 1]!,
      trainT: train.coordinate,
      evalT: evaluation.coordinate,
      frequencies,
      seconds: (performance.now() - start) / 1000,
    };
  } finally {
    for (const dispose of disposers) dispose();
  }
}
