/**
 * The NTK's loop method (ntk.ts's file comment): one backward pass per row, in groups of weights whose
 * gradient rows fit the memory budget; under train-mode BatchNorm the forward pass is taped once per
 * group and each row pushes its seed back through it.
 */

import { gradients, taped } from '../nn/backprop';
import type { Network, ParamTensors } from '../nn/network';
import { type ParamSpec, paramSize } from '../nn/paramSpec';
import { tf } from '../nn/tf';
import { type NtkOptions, ntkSize } from './ntkOptions';

/**
 * Floats of gradient rows the loop holds at once, by default. Every group of weights after the first
 * costs each row another backward pass down to that group; with train-mode BatchNorm (coupled) that
 * is a pass over the whole batch, so there the rows may take more memory: NB201 at paper fidelity
 * (64 rows × 1.5 M weights, 390 MB) then fits in one group instead of three.
 */
const LOOP_ROW_FLOATS = 2 ** 25;
const COUPLED_LOOP_ROW_FLOATS = 2 ** 27;

/** Splits the weights into groups whose gradient rows fit in `budget` floats (one tensor at least). */
function groupByBudget(specs: ParamSpec[], rows: number, budget: number): ParamSpec[][] {
  const perGroup = Math.max(1, Math.floor(budget / Math.max(1, rows)));
  const groups: ParamSpec[][] = [];
  let current: ParamSpec[] = [];
  let size = 0;
  for (const spec of specs) {
    const s = paramSize(spec);
    if (current.length > 0 && size + s > perGroup) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push(spec);
    size += s;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

export function loopNtk(
  net: Network,
  params: ParamTensors,
  x: tf.Tensor,
  opts: NtkOptions,
  weights: ParamSpec[],
): tf.Tensor2D {
  const n = x.shape[0]!;
  const classes = net.classes;
  const perLogit = opts.outputs === 'per_logit';
  const rows = ntkSize(net, n, opts.outputs);
  const coupled = opts.batchNorm === 'train' && net.specs.some((spec) => spec.role === 'bn_gamma');
  /** gram + G Gᵀ for one group of weight tensors, G = one gradient row per Gram row. */
  const addGroupGram = (gram: tf.Tensor2D, group: ParamSpec[]): tf.Tensor2D => {
    const tensors = group.map((spec) => {
      const t = params.get(spec.name);
      if (!t) throw new Error(`missing parameter ${spec.name}`);
      return t;
    });
    const gradientRows: tf.Tensor1D[] = [];
    const forwardOn =
      (input: tf.Tensor) =>
      (...ws: tf.Tensor[]): tf.Tensor => {
        const local = new Map(params);
        ws.forEach((w, k) => {
          local.set(group[k]!.name, w);
        });
        return net.forward(input, local, { batchNorm: opts.batchNorm });
      };
    /** dy picks what row r differentiates: Σ_c out[i, c], or out[i, c] alone (of the full batch when coupled). */
    const seedOf = (r: number): tf.Tensor2D => {
      const i = perLogit ? Math.floor(r / classes) : r;
      const dy = tf.buffer([coupled ? n : 1, classes], 'float32');
      for (let c = 0; c < classes; c++) {
        if (!perLogit || c === r % classes) dy.set(1, coupled ? i : 0, c);
      }
      return dy.toTensor() as tf.Tensor2D;
    };
    const flat = (grads: tf.Tensor[]) => tf.concat(grads.map((g) => tf.reshape(g, [-1]))) as tf.Tensor1D;
    // Coupled: every row differentiates the same full-batch forward pass, so it runs once (as TE-NAS's
    // retain_graph); otherwise each sample runs alone.
    const run = coupled ? taped(forwardOn(x), tensors) : undefined;
    try {
      for (let r = 0; r < rows; r++) {
        gradientRows.push(
          tf.tidy(() => {
            const seed = seedOf(r);
            if (run) return flat(run.grads(seed, r === rows - 1));
            const i = perLogit ? Math.floor(r / classes) : r;
            return flat(gradients(forwardOn(tf.slice(x, [i], [1])), tensors, seed));
          }),
        );
      }
      return tf.tidy(() => {
        const g = tf.stack(gradientRows) as tf.Tensor2D;
        return tf.add(gram, tf.matMul(g, g, false, true)) as tf.Tensor2D;
      });
    } finally {
      run?.value.dispose();
      run?.dispose();
      for (const t of gradientRows) t.dispose();
    }
  };
  let gram = tf.zeros([rows, rows]) as tf.Tensor2D;
  try {
    const budget = opts.maxGradientFloats ?? (coupled ? COUPLED_LOOP_ROW_FLOATS : LOOP_ROW_FLOATS);
    for (const group of groupByBudget(weights, rows, budget)) {
      const next = addGroupGram(gram, group);
      gram.dispose();
      gram = next;
    }
  } catch (error) {
    gram.dispose();
    throw error;
  }
  return gram;
}
