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
 *
 * Its settings, defaults and checks are in precondSettings.ts.
 */
import { symmetricEigen } from '../kernels/eigen';
import { disposeParams } from '../nn/network';
import { tf } from '../nn/tf';
import { eventLoopYielder, LAB_LR_FRACTION, LabDescent, meanSquare, type Preconditioner } from './ntkDescent';
import { inputTensor, labInitParams, labMlp, labNtk } from './ntkModel';
import { circleInputs, labInputs } from './ntkPoints';
import {
  defaultFlatten,
  type PrecondConfig,
  type PrecondFrequency,
  type PrecondResult,
  type PrecondRun,
  precondProblems,
  TWO_LAYER_RELU,
} from './precondSettings';

export {
  defaultFlatten,
  PRECOND_DEFAULTS,
  PRECOND_FORMULA,
  PRECOND_LABEL,
  type PrecondConfig,
  type PrecondFrequency,
  type PrecondResult,
  type PrecondRun,
  precondProblems,
} from './precondSettings';

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
