/**
 * The regression loop the lab's fits share (1-D signals, images): full-batch steps of a tfjs
 * optimiser (Adam or plain gradient descent) over one flat tf.Variable holding every parameter, a
 * record every `recordEvery` steps, cancellation between steps. Every step runs inside the
 * optimiser's tidy and every record inside a tidy, so the tensor count does not grow per iteration.
 */
import { INIT_SCHEMES, type InitScheme, initialValues } from '../nn/init';
import type { ParamTensors } from '../nn/network';
import type { ParamSpec } from '../nn/paramSpec';
import { tf } from '../nn/tf';

export type LabOptimizer = 'adam' | 'gd';

/**
 * Adam: the paper's 3e-4. Plain full-batch GD: 0.05, which fits the equal preset within ~350 steps
 * behind Gaussian features σ = 10 (4 x 64 ReLU), while without a mapping it learns next to nothing in
 * 1 000 steps (PyTorch's initialisation of a deep ReLU MLP; larger steps diverge): the spectral bias
 * at its starkest.
 */
export const LAB_DEFAULT_LR: Readonly<Record<LabOptimizer, number>> = { adam: 3e-4, gd: 0.05 };

/** Adam with PyTorch's constants (β₁ 0.9, β₂ 0.999, ε 1e-8), or plain gradient descent. */
export function labOptimizer(kind: LabOptimizer, lr: number): tf.Optimizer {
  return kind === 'adam' ? tf.train.adam(lr, 0.9, 0.999, 1e-8) : tf.train.sgd(lr);
}

/** One parameter tensor's initial values (spec order, as nn/init.ts draws them). */
export interface InitialParam {
  name: string;
  shape: readonly number[];
  values: Float32Array;
}

export interface LabFitLoop<R> {
  params: readonly InitialParam[];
  /** Disposed by the loop when it ends. */
  optimizer: tf.Optimizer;
  iterations: number;
  recordEvery: number;
  /** The scalar loss of the given parameters (called inside a tidy). */
  loss(params: ParamTensors): tf.Tensor;
  /** What a record reads off the network, e.g. the prediction on a grid (called inside a tidy). */
  output(params: ParamTensors): tf.Tensor;
  /** The record made of that output's values after `iteration` updates. */
  summarize(output: Float32Array, iteration: number): R;
  /** True when a record shows the fit has blown up (a non-finite loss); the loop then stops. */
  diverged(record: R): boolean;
}

/**
 * 'done': every iteration ran. 'cancelled': the abort signal stopped it. 'diverged': a record's loss
 * was not finite (learning rate too large), so it stopped there.
 */
export type LabFitStatus = 'done' | 'cancelled' | 'diverged';

export interface LabFitRun<R> {
  status: LabFitStatus;
  iterations: number;
  last: R;
  seconds: number;
}

/** Longest stretch without handing control back to the event loop (so an abort can arrive). */
export const YIELD_MS = 100;

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Runs the loop: a record at iteration 0, every recordEvery updates and at the end (or at the
 * iteration where a cancellation stopped it, or at the record that showed divergence).
 *
 * All parameters live in one flat tf.Variable, cut into named tensors by one split per pass (its
 * gradient is one concat). With a variable per tensor, tfjs's Adam runs ~15 kernels per tensor per
 * step, and on wasm the per-kernel overhead of those outweighed the arithmetic of the lab's small
 * networks; the update itself is elementwise, so the arithmetic is the same either way.
 */
export async function runFitLoop<R>(loop: LabFitLoop<R>, hooks: FitHooks<R>): Promise<LabFitRun<R>> {
  const start = performance.now();
  const sizes = loop.params.map((p) => p.values.length);
  const flat = new Float32Array(sizes.reduce((a, b) => a + b, 0));
  let offset = 0;
  for (const p of loop.params) {
    flat.set(p.values, offset);
    offset += p.values.length;
  }
  const theta = tf.tidy(() => tf.variable(tf.tensor1d(flat), true));
  const view = (): ParamTensors => {
    const parts = tf.split(theta, sizes);
    return new Map(loop.params.map((p, i) => [p.name, tf.reshape(parts[i]!, [...p.shape])]));
  };
  const emit = async (iteration: number): Promise<R> => {
    const out = tf.tidy(() => loop.output(view()));
    const values = (await out.data()) as Float32Array;
    out.dispose();
    const record = loop.summarize(values, iteration);
    hooks.onRecord?.(record);
    return record;
  };
  try {
    let last = await emit(0);
    let done = 0;
    let status: LabFitStatus = loop.diverged(last) ? 'diverged' : 'done';
    let lastYield = performance.now();
    while (status === 'done' && done < loop.iterations) {
      if (hooks.signal?.aborted) {
        status = 'cancelled';
        break;
      }
      loop.optimizer.minimize(() => loop.loss(view()) as tf.Scalar, false, [theta]);
      done++;
      if (done % loop.recordEvery === 0 || done === loop.iterations) {
        last = await emit(done);
        if (loop.diverged(last)) status = 'diverged';
      }
      if (performance.now() - lastYield > YIELD_MS) {
        await yieldToEventLoop();
        lastYield = performance.now();
      }
    }
    if (status === 'cancelled' && done > 0 && done % loop.recordEvery !== 0) last = await emit(done);
    return { status, iterations: done, last, seconds: (performance.now() - start) / 1000 };
  } finally {
    loop.optimizer.dispose();
    theta.dispose();
  }
}

/** Initial values of a network's parameters, bit-identical to nn/network.ts initParams. */
export function initialParams(specs: readonly ParamSpec[], scheme: InitScheme, seed: number): InitialParam[] {
  return specs.map((spec) => ({
    name: spec.name,
    shape: spec.shape,
    values: initialValues(spec, scheme, seed),
  }));
}

export interface FitHooks<R> {
  /** Called with every record, in iteration order. */
  onRecord?: (record: R) => void;
  /** Aborting stops the fit between two iterations; the fit then resolves with status 'cancelled'. */
  signal?: AbortSignal;
}

/** The training settings every lab fit shares. */
export interface LabLoopSettings {
  optimizer: LabOptimizer;
  lr?: number;
  iterations: number;
  recordEvery?: number;
  /** Seed of the initial weights. */
  seed: number;
  /** Default 'pytorch' (PyTorch's nn.Linear defaults). */
  init?: InitScheme;
}

export const FIT_LIMITS = {
  iterations: [1, 1_000_000],
  recordEvery: [1, 100_000],
  lr: [1e-7, 10],
} as const satisfies Record<string, readonly [number, number]>;

/** Every problem with the shared training settings, in plain words. */
export function loopProblems(config: LabLoopSettings): string[] {
  const problems: string[] = [];
  if (config.optimizer !== 'adam' && config.optimizer !== 'gd') {
    problems.push(`unknown optimizer "${String(config.optimizer)}" (adam, gd)`);
  }
  const [minLr, maxLr] = FIT_LIMITS.lr;
  if (config.lr !== undefined && !(Number.isFinite(config.lr) && config.lr >= minLr && config.lr <= maxLr)) {
    problems.push(`learning rate must be in [${minLr}, ${maxLr}], got ${config.lr}`);
  }
  const intIn = (v: number, [lo, hi]: readonly [number, number]) => Number.isInteger(v) && v >= lo && v <= hi;
  if (!intIn(config.iterations, FIT_LIMITS.iterations)) {
    problems.push(
      `iterations must be an integer in [1, ${FIT_LIMITS.iterations[1]}], got ${config.iterations}`,
    );
  }
  if (config.recordEvery !== undefined && !intIn(config.recordEvery, FIT_LIMITS.recordEvery)) {
    problems.push(
      `the record interval must be an integer in [1, ${FIT_LIMITS.recordEvery[1]}], got ${config.recordEvery}`,
    );
  }
  if (!(Number.isInteger(config.seed) && config.seed >= 0 && config.seed <= 0xffffffff)) {
    problems.push(`the seed must be an integer in [0, 2^32), got ${config.seed}`);
  }
  if (config.init !== undefined && !INIT_SCHEMES.includes(config.init)) {
    problems.push(`unknown initialisation "${String(config.init)}" (${INIT_SCHEMES.join(', ')})`);
  }
  return problems;
}
