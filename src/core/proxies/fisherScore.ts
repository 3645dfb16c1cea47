/**
 * fisher (Theis et al. 2018 and Turner et al., ICLR 2020, as a proxy by Abdelfattah et al., ICLR 2021;
 * SamsungLabs/zero-cost-nas foresight/pruners/measures/fisher.py). The reference puts an identity
 * "dummy" after every nn.Conv2d and nn.Linear and hooks its backward pass: with a = the layer's output
 * (before BatchNorm; a linear layer's includes its bias) and ∂L/∂a its gradient,
 *   g_nk  = Σ_spatial a·∂L/∂a   for sample n and output channel k,
 *   del_k = ½ · mean_n g_nk²,
 * one backward pass of the mean cross-entropy of the whole batch, BatchNorm in train mode.
 * find_measures then broadcasts |del_k| to every weight of channel k (reshape_elements) before
 * summing, so each layer contributes (weights per output channel) · Σ_k |del_k|, with weights per
 * output channel = k_h·k_w·C_in for a convolution and the input width for a linear layer.
 *
 * The network exposes its conv/linear outputs through ForwardOptions.atLayerOutput (NB201, ViT and
 * MLP all do). A network that never calls it gets NaN with a warning; the pre-activation hook
 * (onActivation) cannot stand in: it sees ReLU inputs, not layer outputs.
 */

import { gradients } from '../nn/backprop';
import type { ForwardOptions, Network } from '../nn/network';
import { type ParamSpec, paramSize } from '../nn/paramSpec';
import { tf } from '../nn/tf';
import { crossEntropyLoss, failure, type LossProblem, sumFloat64, withLossSetup } from './lossGradients';
import type { ProxyInput, ProxyOutput } from './types';

interface HookedLayer {
  spec: ParamSpec;
  /** The layer's output a, [N, ..., channels]. */
  output: tf.Tensor;
}

/** Reached conv/linear weights by name: the layers the hook may report. */
function hookableWeights(network: Network): Map<string, ParamSpec> {
  return new Map(
    network.specs
      .filter((s) => (s.role === 'conv' || s.role === 'linear_weight') && network.reachesOutput(s))
      .map((s) => [s.name, s]),
  );
}

/**
 * Per hooked layer, in forward order: (weights per output channel) · Σ_k |½ mean_n g_nk²|.
 * Undefined when the network reports no layer output.
 */
export async function fisherPerLayer(problem: LossProblem): Promise<Float32Array | undefined> {
  const { network, params, x, labels } = problem;
  const known = hookableWeights(network);
  const layers: HookedLayer[] = [];
  try {
    // Pass 1: the layer outputs a (kept), which also fixes the perturbations' shapes.
    tf.tidy(() => {
      const opts: ForwardOptions = {
        batchNorm: 'train',
        atLayerOutput: (y, name) => {
          const spec = known.get(name);
          if (spec) layers.push({ spec, output: tf.keep(y) });
          return y;
        },
      };
      network.forward(x, params, opts);
    });
    if (layers.length === 0) return undefined;
    // Pass 2: ∂L/∂a as the gradient with respect to a zero added to each output (the dummy layer).
    const sums = tf.tidy(() => {
      const zeros = layers.map((l) => tf.zerosLike(l.output));
      const grads = gradients((...perturbations: tf.Tensor[]) => {
        let k = 0;
        const opts: ForwardOptions = {
          batchNorm: 'train',
          atLayerOutput: (y, name) => {
            if (!known.has(name)) return y;
            const layer = layers[k];
            if (layer?.spec.name !== name) throw new Error(`fisher: layer order changed at ${name}`);
            return tf.add(y, perturbations[k++]!);
          },
        };
        return crossEntropyLoss(network.forward(x, params, opts), labels);
      }, zeros);
      return tf.stack(
        layers.map(({ spec, output }, i) => {
          const spatial = output.shape.slice(1, -1).map((_, d) => d + 1);
          const product = tf.mul(output, grads[i]!);
          const g = spatial.length > 0 ? tf.sum(product, spatial) : product; // [N, channels]
          const perChannel = tf.mul(tf.mean(tf.square(g), 0), 0.5);
          const weightsPerChannel = paramSize(spec) / spec.shape[spec.shape.length - 1]!;
          return tf.mul(tf.sum(tf.abs(perChannel)), weightsPerChannel);
        }),
      );
    });
    const values = (await sums.data()) as Float32Array;
    sums.dispose();
    return values;
  } finally {
    for (const l of layers) l.output.dispose();
  }
}

export async function fisherOf(problem: LossProblem): Promise<ProxyOutput> {
  const perLayer = await fisherPerLayer(problem);
  if (!perLayer) {
    return failure(
      Number.NaN,
      'fisher needs the conv/linear layer outputs (ForwardOptions.atLayerOutput), which this network does not expose',
    );
  }
  // A NaN is no score: a backend that computed on memory it no longer holds (a WASM heap that ran
  // out), or float32 overflow (∞ − ∞) under an extreme init. The job fails and says so, so that no
  // table counts it as a scored cell.
  const broken = perLayer.findIndex(Number.isNaN);
  if (broken >= 0) {
    throw new Error(
      `fisher: layer ${broken + 1} of ${perLayer.length} gave NaN (a backend failure such as running out of memory, or float32 overflow); no score`,
    );
  }
  return {
    value: sumFloat64(perLayer),
    details: { perLayer: Array.from(perLayer), samples: problem.x.shape[0]! },
    warnings: [],
  };
}

export async function fisherScore(input: ProxyInput): Promise<ProxyOutput> {
  const rules = {
    id: 'fisher',
    deadValue: 0,
    deadMeaning: 'every activation gradient is zero, fisher = 0',
    minSamples: 1,
    usesLabels: true,
  };
  return withLossSetup(input, rules, fisherOf);
}
