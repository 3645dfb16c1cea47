/**
 * The two batched NTK methods (ntk.ts's file comment): dense-layer networks, from the products of
 * inputs and pre-activation gradients; networks that report their layers, per layer with ntkGram.ts.
 */

import { gradients } from '../nn/backprop';
import {
  type ConvGeometry,
  type ForwardOptions,
  getParam,
  type Network,
  type ParamTensors,
} from '../nn/network';
import type { ParamSpec } from '../nn/paramSpec';
import { tf } from '../nn/tf';
import type { DenseLayerNetwork } from '../spaces/mlp/mlpNetwork';
import { addLayerGram, GramAccumulator } from './ntkGram';
import { type NtkOptions, ntkSize, ntkWeightSpecs } from './ntkOptions';

/** A conv or linear weight's application in the forward pass: its output shape without the batch axis. */
interface LayerUse {
  name: string;
  shape: number[];
}

/**
 * Runs the first sample alone to learn which of `layers` the forward pass reports, in order, and
 * their output shapes (the perturbations must exist before the backward pass starts).
 */
function probeLayerOutputs(
  net: Network,
  params: ParamTensors,
  x: tf.Tensor,
  batchNorm: ForwardOptions['batchNorm'],
  layers: ReadonlyMap<string, ParamSpec>,
): LayerUse[] {
  const uses: LayerUse[] = [];
  tf.tidy(() => {
    net.forward(tf.slice(x, [0], [1]), params, {
      batchNorm,
      atLayerOutput: (y, name) => {
        if (!layers.has(name)) return y;
        if (uses.some((use) => use.name === name)) {
          throw new Error(`batched NTK: ${name} is applied twice in one forward pass; use the loop`);
        }
        uses.push({ name, shape: y.shape.slice(1) });
        return y;
      },
    });
  });
  for (const name of layers.keys()) {
    if (!uses.some((use) => use.name === name)) {
      throw new Error(`batched NTK: the forward pass never reports the output of ${name}`);
    }
  }
  return uses;
}

/** x [n, ...] → [n·copies, ...] with row i·copies + c = x[i]. */
function repeatEach(x: tf.Tensor, copies: number): tf.Tensor {
  const tiled = tf.tile(tf.expandDims(x, 1), [1, copies, ...x.shape.slice(1).map(() => 1)]);
  return tf.reshape(tiled, [x.shape[0]! * copies, ...x.shape.slice(1)]);
}

export function batchedNtk(
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
        gradients(
          (...eps: tf.Tensor[]) =>
            net.forwardDense(x, params, { batchNorm: opts.batchNorm }, (l, input, h) => {
              if (inputs.length === l) inputs.push(tf.keep(input.clone()));
              return tf.add(h, eps[l]!) as tf.Tensor2D;
            }),
          perturbations,
          seed,
        ),
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
/** The batched method for networks that report their layers (Network.perSampleLayers). */
export function layerBatchedNtk(
  net: Network,
  params: ParamTensors,
  x: tf.Tensor,
  opts: NtkOptions,
): tf.Tensor2D {
  const n = x.shape[0]!;
  const classes = net.classes;
  const perLogit = opts.outputs === 'per_logit';
  const rows = ntkSize(net, n, opts.outputs);
  const budget = opts.maxGradientFloats ?? 2 ** 25;
  const weights = ntkWeightSpecs(net, opts.batchNorm);
  const isGamma = (spec: ParamSpec) => spec.role === 'bn_gamma' || spec.role === 'ln_gamma';
  const layers = new Map(weights.filter((spec) => !isGamma(spec)).map((spec) => [spec.name, spec]));
  const gammas = weights.filter(isGamma);
  if (weights.length === 0) return tf.zeros([rows, rows]);
  const uses = probeLayerOutputs(net, params, x, opts.batchNorm, layers);
  // The backward pass holds the forward pass's intermediates (a few per reported layer output) for
  // every row it runs: rows go in chunks so that this tape stays near the budget. Samples are
  // independent here, so a chunk's inputs and output gradients are exactly the full batch's rows.
  const perRow = uses.reduce((sum, use) => sum + use.shape.reduce((a, b) => a * b, 1), 0);
  const largest = Math.max(1, Math.min(rows, Math.floor(budget / (TAPE_FACTOR * perRow))));
  const chunk = Math.ceil(rows / Math.ceil(rows / largest)); // equal chunks: 16 + 16, not 31 + 1
  // Per reported layer (then per γ): its inputs and gradients, one tensor per chunk.
  const layerInputs: tf.Tensor[][] = uses.map(() => []);
  const convs: (ConvGeometry | undefined)[] = uses.map(() => undefined);
  const layerGrads: tf.Tensor[][] = [...uses, ...gammas].map(() => []);
  const acc = new GramAccumulator(rows, budget);
  // Row i·C + c of the per-logit batch is sample i, seeded with logit c alone.
  const [rowInputs, seeds] = tf.tidy(() =>
    perLogit
      ? [repeatEach(x, classes), tf.tile(tf.eye(classes), [n, 1])]
      : [x.clone(), tf.ones([rows, classes])],
  );
  const rowsOf = (t: tf.Tensor, start: number, size: number) =>
    size === t.shape[0] ? t : tf.slice(t, start, size);
  try {
    for (let start = 0; start < rows; start += chunk) {
      const size = Math.min(chunk, rows - start);
      const inputs: { name: string; x: tf.Tensor; conv: ConvGeometry | undefined }[] = [];
      try {
        const grads = tf.tidy(() => {
          const perturbations = uses.map((use) => tf.zeros([size, ...use.shape]));
          // One γ per sample: [size, 1, 1, C] for BatchNorm (NHWC), [size, 1, C] for LayerNorm.
          const gammaCopies = gammas.map((spec) => {
            const ones = spec.role === 'bn_gamma' ? [1, 1] : [1];
            return tf.tile(tf.reshape(getParam(params, spec.name), [1, ...ones, -1]), [size, ...ones, 1]);
          });
          return gradients(
            (...vars: tf.Tensor[]) => {
              const local = new Map(params);
              gammas.forEach((spec, k) => {
                local.set(spec.name, vars[uses.length + k]!);
              });
              let next = 0;
              return net.forward(rowsOf(rowInputs, start, size), local, {
                batchNorm: opts.batchNorm,
                atLayerInput: (a, name, conv) => {
                  if (layers.has(name)) inputs.push({ name, x: tf.keep(a.clone()), conv });
                },
                atLayerOutput: (y, name) => {
                  if (!layers.has(name)) return y;
                  if (uses[next]?.name !== name)
                    throw new Error(`batched NTK: layer order changed at ${name}`);
                  return tf.add(y, vars[next++]!);
                },
              });
            },
            [...perturbations, ...gammaCopies],
            rowsOf(seeds, start, size),
          );
        });
        grads.forEach((g, k) => {
          layerGrads[k]!.push(g);
        });
        uses.forEach((use, k) => {
          const input = inputs[k];
          if (input?.name !== use.name) {
            throw new Error(`batched NTK: the forward pass never reports the input of ${use.name}`);
          }
          layerInputs[k]!.push(input.x);
          convs[k] = input.conv;
        });
      } catch (error) {
        for (const input of inputs) input.x.dispose();
        throw error;
      }
    }
    /** One tensor of all rows from the chunks' pieces, which it disposes. */
    const joined = (parts: tf.Tensor[]): tf.Tensor => {
      if (parts.length === 1) return parts.pop()!;
      const whole = tf.concat(parts, 0);
      for (const t of parts.splice(0)) t.dispose();
      return whole;
    };
    uses.forEach((use, k) => {
      const input = joined(layerInputs[k]!);
      const grad = joined(layerGrads[k]!);
      try {
        addLayerGram(acc, layers.get(use.name)!, input, grad, convs[k], budget);
      } finally {
        input.dispose(); // free as we go
        grad.dispose();
      }
    });
    gammas.forEach((_, k) => {
      // Row i: ∂s_i/∂γ_c = Σ_positions x̂ ⊙ ∂s_i/∂(norm output), per channel.
      const grad = joined(layerGrads[uses.length + k]!);
      acc.addColumns(tf.reshape(grad, [rows, -1]));
      grad.dispose();
    });
    return acc.result();
  } finally {
    acc.dispose();
    for (const t of [...layerInputs.flat(), ...layerGrads.flat(), rowInputs, seeds]) t.dispose();
  }
}
/**
 * Floats the backward pass keeps per float of reported layer output (the intermediates of the
 * forward pass: norms, activations, attention), for sizing the chunks of rows.
 */
const TAPE_FACTOR = 4;
