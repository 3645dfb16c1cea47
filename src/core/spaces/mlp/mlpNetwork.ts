/**
 * The MLP of an MlpArch as a Network: the fixed input mapping γ (spaces/mlp/mlp.ts, not trained), then
 * depth hidden linear layers with the chosen activation, then a linear read-out.
 *
 * Parameterisations (Jacot et al. 2018; neural-tangents stax.Dense):
 * - 'standard': h = a·W + b, the scale lives in the initialisation (kaiming, pytorch, …).
 * - 'ntk': h = (σ_w/√fan_in)·a·W + σ_b·b with W, b meant to be drawn N(0, 1) (init scheme 'normal';
 *   its biases are 0). Its empirical NTK tends to the infinite-width kernel of kernels/reluNtk.ts.
 *
 * onActivation reports every pre-activation: kind 'relu' for ReLU; every other activation (tanh,
 * GELU, sin) reports 'gelu', whose consumers read the sign pattern {−1, 0, +1} of the pre-activation.
 *
 * The network also exposes its dense layers (DenseLayerNetwork), so the empirical NTK can be built
 * from per-layer inputs and output gradients in one backward pass (kernels/ntk.ts).
 */

import { type ForwardOptions, getParam, type Network, type ParamTensors } from '../../nn/network';
import { tf } from '../../nn/tf';
import { type MlpArch, mappingMatrix, mlpToString } from './mlp';
import { mlpLayerSizes, mlpParamSpecs } from './mlpParamSpecs';

export interface DenseLayer {
  /** Parameter names of the layer's weight [inputs, outputs] and bias [outputs]. */
  weight: string;
  bias: string;
  inputs: number;
  outputs: number;
}

/**
 * Sees each dense layer during a forward pass and returns its pre-activation, possibly replaced
 * (the NTK adds a zero perturbation there). `input` is the layer's effective input: the tensor
 * a_eff [batch, inputs] with ∂s/∂W = a_effᵀ · ∂s/∂h for any scalar s (a itself under the standard
 * parameterisation, (σ_w/√fan_in)·a under the NTK one).
 */
export type DenseTap = (layer: number, input: tf.Tensor2D, preActivation: tf.Tensor2D) => tf.Tensor2D;

/** A network whose only weights are dense layers applied once per sample (no BatchNorm, no sharing). */
export interface DenseLayerNetwork extends Network {
  denseLayers: readonly DenseLayer[];
  forwardDense(x: tf.Tensor, params: ParamTensors, opts: ForwardOptions, tap: DenseTap): tf.Tensor2D;
}

export function isDenseLayerNetwork(net: Network): net is DenseLayerNetwork {
  const candidate = net as Partial<DenseLayerNetwork>;
  return Array.isArray(candidate.denseLayers) && typeof candidate.forwardDense === 'function';
}

export interface MlpNetworkOptions {
  parameterization?: 'standard' | 'ntk';
  /** σ_w of the NTK parameterisation (neural-tangents' W_std); default 1. */
  weightStd?: number;
  /** σ_b of the NTK parameterisation (neural-tangents' b_std); default 0. */
  biasStd?: number;
}

function activate(h: tf.Tensor, activation: MlpArch['activation']): tf.Tensor {
  switch (activation) {
    case 'relu':
      return tf.relu(h);
    case 'tanh':
      return tf.tanh(h);
    case 'sin':
      return tf.sin(h);
    case 'gelu':
      // Exact GELU, x·Φ(x) (Hendrycks & Gimpel), as PyTorch's default.
      return tf.mul(tf.mul(h, 0.5), tf.add(tf.erf(tf.mul(h, Math.SQRT1_2)), 1));
  }
}

/** γ(x) in tfjs: [sin 2πxBᵀ, cos 2πxBᵀ], or x itself without a mapping. */
function mapInput(x: tf.Tensor2D, arch: MlpArch): tf.Tensor2D {
  const b = mappingMatrix(arch.mapping, arch.inputDim);
  if (!b) return x;
  const rows = b.length / arch.inputDim;
  const frequencies = tf.tensor2d(Float32Array.from(b), [rows, arch.inputDim]);
  const proj = tf.mul(tf.matMul(x, frequencies, false, true), 2 * Math.PI);
  return tf.concat([tf.sin(proj), tf.cos(proj)], 1) as tf.Tensor2D;
}

export function mlpNetwork(arch: MlpArch, options: MlpNetworkOptions = {}): DenseLayerNetwork {
  const ntkParam = options.parameterization === 'ntk';
  const weightStd = options.weightStd ?? 1;
  const biasStd = options.biasStd ?? 0;
  const sizes = mlpLayerSizes(arch);
  const denseLayers: DenseLayer[] = sizes.slice(1).map((outputs, l) => ({
    weight: `fc${l}.weight`,
    bias: `fc${l}.bias`,
    inputs: sizes[l]!,
    outputs,
  }));
  const forwardDense = (
    x: tf.Tensor,
    params: ParamTensors,
    opts: ForwardOptions,
    tap?: DenseTap,
  ): tf.Tensor2D => {
    let a = mapInput(tf.reshape(x, [-1, arch.inputDim]) as tf.Tensor2D, arch);
    denseLayers.forEach((layer, l) => {
      const input = ntkParam ? (tf.mul(a, weightStd / Math.sqrt(layer.inputs)) as tf.Tensor2D) : a;
      const bias = getParam(params, layer.bias);
      let h = tf.add(
        tf.matMul(input, getParam(params, layer.weight) as tf.Tensor2D),
        ntkParam ? tf.mul(bias, biasStd) : bias,
      ) as tf.Tensor2D;
      if (opts.atLayerOutput) h = opts.atLayerOutput(h, layer.weight) as tf.Tensor2D;
      if (tap) h = tap(l, input, h);
      if (l === denseLayers.length - 1) {
        a = h;
        return;
      }
      opts.onActivation?.(h, `fc${l}.${arch.activation}`, arch.activation === 'relu' ? 'relu' : 'gelu');
      a = activate(h, arch.activation) as tf.Tensor2D;
    });
    return a;
  };
  return {
    arch: mlpToString(arch),
    specs: mlpParamSpecs(arch),
    inputShape: [arch.inputDim],
    classes: arch.outputs,
    forward: (x, params, opts) => forwardDense(x, params, opts),
    reachesOutput: () => true,
    denseLayers,
    forwardDense,
  };
}
