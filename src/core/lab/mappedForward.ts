/**
 * The MLP of spaces/mlp/mlpNetwork.ts applied to inputs that were mapped by γ beforehand (spaces/mlp/mlp.ts
 * mapInputs). The lab trains on a fixed grid, so the Fourier features are computed once instead of
 * every step: on wasm, sin and cos over [points, features] cost more than the whole small network.
 * Same parameter names, shapes and layer arithmetic as mlpNetwork's standard parameterisation
 * (mappedForward.test.ts checks values and gradients against mlpNetwork.forward).
 *
 * Each layer's gradient is written out with explicit transposes: tfjs-backend-wasm 4.22 runs a
 * matMul with a transposed operand (what tfjs's own MatMul gradient uses) about 7x slower than
 * transpose + plain matMul (measured on [1024, 128] x [128, 128]), and the backward pass dominates
 * a training step.
 */

import { getParam, type ParamTensors } from '../nn/network';
import { tf } from '../nn/tf';
import { type MlpArch, mapInputs, mappedDim } from '../spaces/mlp/mlp';
import { mlpLayerSizes } from '../spaces/mlp/mlpParamSpecs';

/** γ(v) for n points v (row-major [n, inputDim]) as a float32 tensor [n, mappedDim]; the caller disposes it. */
export function mappedInputTensor(arch: MlpArch, v: ArrayLike<number>, n: number): tf.Tensor2D {
  const mapped = mapInputs(arch.mapping, arch.inputDim, v, n);
  return tf.tensor2d(Float32Array.from(mapped), [n, mappedDim(arch.mapping, arch.inputDim)]);
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
      // Exact GELU x·Φ(x), as mlpNetwork.
      return tf.mul(tf.mul(h, 0.5), tf.add(tf.erf(tf.mul(h, Math.SQRT1_2)), 1));
  }
}

/** h = a·W + b; ∂/∂a = dy·Wᵀ, ∂/∂W = aᵀ·dy, ∂/∂b = Σ_rows dy (zero for the input when `constantInput`). */
function denseOp(constantInput: boolean) {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [a, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    save([a, w]);
    return {
      value: tf.add(tf.matMul(a, w), b),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [input, weight] = saved as [tf.Tensor2D, tf.Tensor2D];
        const dh = dy as tf.Tensor2D;
        return [
          constantInput ? tf.zerosLike(input) : tf.matMul(dh, tf.transpose(weight)),
          tf.matMul(tf.transpose(input), dh),
          tf.sum(dh, 0),
        ];
      },
    };
  });
}
const dense = denseOp(false);
/** The first layer: its input (the mapped grid) is data, so its gradient is never needed. */
const denseOnData = denseOp(true);

/** The network's outputs [n, outputs] for mapped inputs [n, mappedDim] (parameters fc0…fcL as mlpNetwork). */
export function forwardMapped(arch: MlpArch, mapped: tf.Tensor2D, params: ParamTensors): tf.Tensor2D {
  const layers = mlpLayerSizes(arch).length - 1;
  let a: tf.Tensor2D = mapped;
  for (let l = 0; l < layers; l++) {
    const h = (l === 0 ? denseOnData : dense)(
      a,
      getParam(params, `fc${l}.weight`),
      getParam(params, `fc${l}.bias`),
    ) as tf.Tensor2D;
    a = l === layers - 1 ? h : (activate(h, arch.activation) as tf.Tensor2D);
  }
  return a;
}
