/**
 * Panel 5's settings (precondGd.ts has the method): its label and formula, what a run is given and
 * gives back, the defaults, the checks of a configuration and the default number of flattened
 * directions k'.
 */
import { type LabScales, labMlpProblems, seedProblems } from './ntkModel';
import { labPointsProblems } from './ntkPoints';

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

export const TWO_LAYER_RELU = { depth: 1, activation: 'relu', mapping: { kind: 'none' } } as const;

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
