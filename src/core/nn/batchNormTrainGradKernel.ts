/**
 * An optional fused kernel for train-mode BatchNorm's first-order gradient: inputs x, dy (NHWC), the
 * saved per-channel mean and r = 1/√(σ² + ε), and γ; outputs [∂x, ∂γ, ∂β]. A backend may register
 * it (the WASM backend does: src/runtime/backends/wasmBatchNormGrad.ts); where none is registered
 * batchNormTrain.ts composes the same formula from tfjs ops. The core only names it.
 */
import { tf } from './tf';

export const BATCH_NORM_TRAIN_GRAD = 'SnxBatchNormTrainGrad';

/** The fused gradient on the current backend, or null where that backend has no such kernel. */
export function fusedBatchNormTrainGrad(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  mean: tf.Tensor,
  r: tf.Tensor,
  gamma: tf.Tensor1D,
): [tf.Tensor4D, tf.Tensor1D, tf.Tensor1D] | null {
  if (!tf.getKernel(BATCH_NORM_TRAIN_GRAD, tf.getBackend())) return null;
  const out = tf.engine().runKernel(BATCH_NORM_TRAIN_GRAD, { x, dy, mean, r, gamma }, {});
  return out as unknown as [tf.Tensor4D, tf.Tensor1D, tf.Tensor1D];
}
