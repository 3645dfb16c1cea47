/**
 * The empirical NTK Gram Θ = G Gᵀ at a network's current parameters (SCIENCE.md §1; TE-NAS,
 * VITA-Group/TENAS lib/procedures/ntk.py): row i of G is g_i = ∂s_i/∂θ with s_i = Σ_c f_c(x_i)
 * (TE-NAS's summed logits), or, as an option, one row per (sample, logit) pair: the full
 * (N·C)x(N·C) NTK with rows ordered i·C + c.
 *
 * θ = every tensor PyTorch would name "weight" (TE-NAS's `'weight' in name` rule): conv and linear
 * weights and the BatchNorm γ (LayerNorm γ too, in transformers); biases, BatchNorm β and
 * embeddings are left out.
 *
 * Two ways to get there:
 * - loop: one tf.grads call per row. With BatchNorm in train mode the batch statistics couple the
 *   samples, so row i differentiates Σ_c out[i, c] of the full-batch forward pass (as TE-NAS's
 *   `logit[i].backward(...)`); otherwise each sample runs alone. Rows are stacked in groups of
 *   parameter tensors small enough for memory, and Θ = Σ_groups G Gᵀ.
 * - batched, for networks of dense layers (DenseLayerNetwork): a zero perturbation ε_l added to each
 *   pre-activation h_l; ONE backward pass of Σ_i s_i gives D_l = ∂/∂ε_l, whose row i is ∂s_i/∂h_l(x_i)
 *   because samples do not interact. A weight's per-sample gradient is the outer product a_l,i ⊗ D_l,i,
 *   so Θ = Σ_l (A_l A_lᵀ) ⊙ (D_l D_lᵀ) without forming G (BROWSER.md "Per-sample gradients").
 *   One backward pass per logit gives the per-logit variant.
 * Both compute in float32 on the backend; the Gram is returned as float64.
 */
import { type DenseLayerNetwork, isDenseLayerNetwork } from '../nn/mlpNetwork';
import type { ForwardOptions, Network, ParamTensors } from '../nn/network';
import { type ParamSpec, paramSize } from '../nn/paramSpec';
import { tf } from '../nn/tf';

export type NtkMethod = 'batched' | 'loop';

export interface NtkOptions {
  /** 'auto' (default) takes the batched method wherever it is valid, else the loop. */
  mode?: 'auto' | NtkMethod;
  batchNorm: ForwardOptions['batchNorm'];
  /** 'summed' (default, TE-NAS): N x N. 'per_logit': (N·C) x (N·C). */
  outputs?: 'summed' | 'per_logit';
  /** Memory cap of the loop's gradient matrix, in floats (default 2^25 = 128 MB). */
  maxGradientFloats?: number;
}

/** The parameters the NTK differentiates (see the file comment), minus those that cannot matter. */
export function ntkWeightSpecs(net: Network, batchNorm: ForwardOptions['batchNorm']): ParamSpec[] {
  return net.specs.filter((spec) => {
    if (!net.reachesOutput(spec)) return false; // autodiff sees no path; the gradient is 0
    switch (spec.role) {
      case 'conv':
      case 'linear_weight':
      case 'ln_gamma':
        return true;
      case 'bn_gamma':
        return batchNorm !== 'none'; // bypassed BatchNorm has no γ in the graph
      default:
        return false;
    }
  });
}

/** Rows (and columns) of the Gram for a batch of n samples. */
export function ntkSize(net: Network, n: number, outputs: NtkOptions['outputs'] = 'summed'): number {
  return outputs === 'per_logit' ? n * net.classes : n;
}

/** True when the batched method is exact: only dense-layer weights, each used once per sample. */
export function supportsBatchedNtk(net: Network, batchNorm: ForwardOptions['batchNorm']): boolean {
  if (!isDenseLayerNetwork(net)) return false;
  const dense = new Set(net.denseLayers.map((layer) => layer.weight));
  const weights = ntkWeightSpecs(net, batchNorm);
  return weights.length === dense.size && weights.every((spec) => dense.has(spec.name));
}

export function chooseNtkMethod(net: Network, opts: NtkOptions): NtkMethod {
  const mode = opts.mode ?? 'auto';
  if (mode === 'loop') return 'loop';
  if (supportsBatchedNtk(net, opts.batchNorm)) return 'batched';
  if (mode === 'batched') {
    throw new Error('the batched NTK needs a network made only of dense layers (DenseLayerNetwork)');
  }
  return 'loop';
}

/** The empirical NTK Gram of `net` at `params` on inputs x [N, ...inputShape], row-major float64. */
export async function empiricalNtk(
  net: Network,
  params: ParamTensors,
  x: tf.Tensor,
  opts: NtkOptions,
): Promise<Float64Array> {
  const method = chooseNtkMethod(net, opts);
  const gram =
    method === 'batched'
      ? batchedNtk(net as DenseLayerNetwork, params, x, opts)
      : loopNtk(net, params, x, opts, ntkWeightSpecs(net, opts.batchNorm));
  try {
    return Float64Array.from(await gram.data());
  } finally {
    gram.dispose();
  }
}

function batchedNtk(
  net: DenseLayerNetwork,
  params: ParamTensors,
  x: tf.Tensor,
  opts: NtkOptions,
): tf.Tensor2D {
  const n = x.shape[0]!;
  const classes = net.classes;
  const perLogit = opts.outputs === 'per_logit';
  const inputs: tf.Tensor2D[] = [];
  try {
    return tf.tidy(() => {
      const perturbations = net.denseLayers.map((layer) => tf.zeros([n, layer.outputs]));
      const seeds = perLogit
        ? Array.from({ length: classes }, (_, c) =>
            tf.cast(tf.oneHot(tf.fill([n], c, 'int32'), classes), 'float32'),
          )
        : [tf.ones([n, classes])];
      // outputGrads[k][l] = ∂(Σ_i seed_k · out_i)/∂ε_l, one backward pass per seed.
      const outputGrads = seeds.map((seed) =>
        tf.grads((...eps: tf.Tensor[]) =>
          net.forwardDense(x, params, { batchNorm: opts.batchNorm }, (l, input, h) => {
            if (inputs.length === l) inputs.push(tf.keep(input.clone()));
            return tf.add(h, eps[l]!) as tf.Tensor2D;
          }),
        )(perturbations, seed),
      );
      const terms = net.denseLayers.map((_, l) => {
        let a = inputs[l]!;
        let d = outputGrads[0]![l]! as tf.Tensor2D;
        if (perLogit) {
          // Row i·C + c: sample i's layer input, and ∂out[i, c]/∂h_l(x_i).
          const width = a.shape[1];
          a = tf.reshape(tf.tile(tf.expandDims(a, 1), [1, classes, 1]), [n * classes, width]);
          d = tf.reshape(
            tf.stack(
              outputGrads.map((g) => g[l]!),
              1,
            ),
            [n * classes, d.shape[1]],
          );
        }
        return tf.mul(tf.matMul(a, a, false, true), tf.matMul(d, d, false, true));
      });
      return tf.addN(terms) as tf.Tensor2D;
    });
  } finally {
    for (const t of inputs) t.dispose();
  }
}

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

function loopNtk(
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
    try {
      for (let r = 0; r < rows; r++) {
        const i = perLogit ? Math.floor(r / classes) : r;
        gradientRows.push(
          tf.tidy(() => {
            const input = coupled ? x : tf.slice(x, [i], [1]);
            // dy picks what row r differentiates: Σ_c out[i, c], or out[i, c] alone.
            const dy = tf.buffer([coupled ? n : 1, classes], 'float32');
            const at = coupled ? i : 0;
            for (let c = 0; c < classes; c++) {
              if (!perLogit || c === r % classes) dy.set(1, at, c);
            }
            const grads = tf.grads((...ws: tf.Tensor[]) => {
              const local = new Map(params);
              ws.forEach((w, k) => {
                local.set(group[k]!.name, w);
              });
              return net.forward(input, local, { batchNorm: opts.batchNorm });
            })(tensors, dy.toTensor());
            return tf.concat(grads.map((g) => tf.reshape(g, [-1]))) as tf.Tensor1D;
          }),
        );
      }
      return tf.tidy(() => {
        const g = tf.stack(gradientRows) as tf.Tensor2D;
        return tf.add(gram, tf.matMul(g, g, false, true)) as tf.Tensor2D;
      });
    } finally {
      for (const t of gradientRows) t.dispose();
    }
  };
  let gram = tf.zeros([rows, rows]) as tf.Tensor2D;
  try {
    for (const group of groupByBudget(weights, rows, opts.maxGradientFloats ?? 2 ** 25)) {
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
