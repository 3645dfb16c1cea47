/**
 * The NAS-Bench-201 network (xautodl TinyNetwork), as explicit parameter specs and a functional
 * tfjs forward pass. Skeleton: stem conv3x3(C)+BN; three stages of N cells at C, 2C, 4C with a
 * residual reduction block between stages; BN+ReLU, global average pool, linear classifier.
 * Cell ops: nor_conv_kxk = ReLU→Conv(k, bias-free)→BN; avg_pool_3x3 = 3x3, stride 1, padding 1,
 * padding not counted (as PyTorch's count_include_pad=False); skip = identity; none = zero.
 */

import { avgPool2x2, avgPool3x3ExcludePad } from '../../nn/avgPool';
import { batchNormTrain } from '../../nn/batchNormTrain';
import { type ForwardOptions, getParam, type Network, type ParamTensors } from '../../nn/network';
import { relu } from '../../nn/relu';
import { tf } from '../../nn/tf';
import type { Nb201Fidelity } from '../fidelity';
import { NB201_EDGES, type Nb201Cell, nb201EdgesReachingOutput, nb201HasPath, nb201ToString } from './nb201';
import { nb201ParamSpecs } from './nb201ParamSpecs';

type Tensor4D = tf.Tensor4D;
type Nb201ForwardOptions = ForwardOptions;
const param = getParam;

function batchNorm(x: Tensor4D, params: ParamTensors, name: string, opts: Nb201ForwardOptions): Tensor4D {
  if (opts.batchNorm === 'none') return x;
  const gamma = param(params, `${name}.gamma`) as tf.Tensor1D;
  const beta = param(params, `${name}.beta`) as tf.Tensor1D;
  if (opts.batchNorm === 'eval') {
    // A fresh network's running statistics are mean 0, variance 1. γ broadcasts, so it may also be
    // [batch, 1, 1, channels], one copy per sample (Network.perSampleLayers).
    return tf.add(tf.mul(x, tf.div(gamma, Math.sqrt(1 + 1e-5))), beta);
  }
  // PyTorch's BatchNorm2d eps; train mode normalises with the biased batch variance.
  return batchNormTrain(x, gamma, beta, 1e-5);
}

function layerOutput<T extends tf.Tensor>(y: T, weightName: string, opts: Nb201ForwardOptions): T {
  return opts.atLayerOutput ? (opts.atLayerOutput(y, weightName) as T) : y;
}

/** conv2d with explicit zero padding, reported to the layer input and output hooks. */
function conv(
  x: Tensor4D,
  params: ParamTensors,
  weightName: string,
  stride: number,
  pad: number,
  opts: Nb201ForwardOptions,
): Tensor4D {
  opts.atLayerInput?.(x, weightName, { stride, pad });
  return layerOutput(tf.conv2d(x, param(params, weightName) as Tensor4D, stride, pad), weightName, opts);
}

function reluConvBn(
  x: Tensor4D,
  params: ParamTensors,
  name: string,
  stride: number,
  opts: Nb201ForwardOptions,
): Tensor4D {
  const k = param(params, `${name}.conv`).shape[0]!;
  opts.onActivation?.(x, `${name}.relu`, 'relu');
  const y = conv(relu(x), params, `${name}.conv`, stride, (k - 1) / 2, opts);
  return batchNorm(y, params, `${name}.bn`, opts);
}

function cellForward(
  x: Tensor4D,
  cell: Nb201Cell,
  params: ParamTensors,
  prefix: string,
  opts: Nb201ForwardOptions,
): Tensor4D {
  const nodes: Tensor4D[] = [x];
  for (let node = 1; node < 4; node++) {
    const terms: Tensor4D[] = [];
    NB201_EDGES.forEach(([from, to], e) => {
      if (to !== node) return;
      const input = nodes[from]!;
      switch (cell[e]) {
        case 1:
          terms.push(input);
          break;
        case 2:
        case 3:
          terms.push(reluConvBn(input, params, `${prefix}.e${e}`, 1, opts));
          break;
        case 4:
          terms.push(avgPool3x3ExcludePad(input));
          break;
        default:
          break; // 'none' contributes zero
      }
    });
    nodes.push(
      terms.length === 0 ? tf.zerosLike(x) : terms.length === 1 ? terms[0]! : (tf.addN(terms) as Tensor4D),
    );
  }
  return nodes[3]!;
}

function reductionForward(
  x: Tensor4D,
  params: ParamTensors,
  prefix: string,
  opts: Nb201ForwardOptions,
): Tensor4D {
  const a = reluConvBn(x, params, `${prefix}.a`, 2, opts);
  const b = reluConvBn(a, params, `${prefix}.b`, 1, opts);
  const pooled = avgPool2x2(x);
  const shortcut = conv(pooled, params, `${prefix}.shortcut.conv`, 1, 0, opts);
  return tf.add(shortcut, b);
}

/** Logits [batch, classes] for NHWC input x. */
export function nb201Forward(
  x: Tensor4D,
  cell: Nb201Cell,
  fid: Nb201Fidelity,
  params: ParamTensors,
  opts: Nb201ForwardOptions,
): tf.Tensor2D {
  const bottleneck = (t: Tensor4D, id: string) => {
    const kept = opts.atBottleneck ? (opts.atBottleneck(t, id) as Tensor4D) : t;
    return opts.atBlockOutput ? (opts.atBlockOutput(kept, id) as Tensor4D) : kept;
  };
  let h = conv(x, params, 'stem.conv', 1, 1, opts);
  h = bottleneck(batchNorm(h, params, 'stem.bn', opts), 'stem');
  for (let s = 0; s < 3; s++) {
    if (s > 0) h = bottleneck(reductionForward(h, params, `s${s}.reduce`, opts), `s${s}.reduce`);
    for (let k = 0; k < fid.cellsPerStage; k++) {
      h = bottleneck(cellForward(h, cell, params, `s${s}.c${k}`, opts), `s${s}.c${k}`);
    }
  }
  h = batchNorm(h, params, 'head.bn', opts);
  opts.onActivation?.(h, 'head.relu', 'relu');
  h = relu(h);
  const pooled = tf.mean(h, [1, 2]) as tf.Tensor2D;
  opts.atLayerInput?.(pooled, 'head.fc.weight');
  const logits = tf.add(
    tf.matMul(pooled, param(params, 'head.fc.weight') as tf.Tensor2D),
    param(params, 'head.fc.bias'),
  ) as tf.Tensor2D;
  return layerOutput(logits, 'head.fc.weight', opts);
}

/** The NB201 network of a cell at a fidelity, as a generic Network. */
export function nb201Network(cell: Nb201Cell, fid: Nb201Fidelity): Network {
  const live = nb201EdgesReachingOutput(cell);
  return {
    arch: nb201ToString(cell),
    specs: nb201ParamSpecs(cell, fid),
    inputShape: [fid.resolution, fid.resolution, 3],
    classes: fid.classes,
    forward: (x, params, opts) => nb201Forward(x as Tensor4D, cell, fid, params, opts),
    reachesOutput: (spec) => spec.edge === undefined || live[spec.edge] === true,
    perSampleLayers: true,
    ...(nb201HasPath(cell) ? {} : { deadReason: 'no path from input to output' }),
  };
}
