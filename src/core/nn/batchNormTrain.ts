/**
 * BatchNorm in train mode (batch statistics, PyTorch's BatchNorm2d in .train()) as ONE
 * differentiable op over NHWC input, with its gradient written out.
 *
 * Why: built from tf.moments and tf.batchNorm4d, autodiff keeps four full-size tensors per
 * BatchNorm on its tape (the input, x − mean, its square, and the input again for each reduction)
 * and runs about fifteen element-wise kernels backwards. On the largest NB201 cell at paper fidelity
 * that tape held 44 MB per image, so batch 64 overflowed WASM's 4 GB heap (docs/performance.md).
 * Here the tape holds the input and the per-channel statistics alone.
 *
 * With x̂ = (x − μ)·r, r = 1/√(σ² + ε), μ and σ² (biased) over the M = N·H·W values of a channel:
 *   y = γ·x̂ + β,
 *   ∂/∂β = Σ dy,  ∂/∂γ = Σ dy·x̂,  ∂/∂x = (γ·r)·(dy − (Σ dy)/M − x̂·(Σ dy·x̂)/M).
 * When a second derivative is being taken (grasp's Hessian-vector product), the gradient is built
 * by batchNormBackward.ts's ops, whose own gradients are written out, from x, γ and dy, which the
 * tape connects: exact too.
 */
import { batchNormBackward } from './batchNormBackward';
import { fusedBatchNormTrainGrad } from './batchNormTrainGradKernel';
import { tf } from './tf';

const AXES = [0, 1, 2];

/** μ and r = 1/√(σ² + ε) of NHWC x, per channel (the last axis), and x − μ. */
function statistics(x: tf.Tensor, epsilon: number): { mean: tf.Tensor; centred: tf.Tensor; r: tf.Tensor } {
  const mean = tf.mean(x, AXES);
  const centred = tf.sub(x, mean);
  const variance = tf.mean(tf.square(centred), AXES);
  return { mean, centred, r: tf.rsqrt(tf.add(variance, epsilon)) };
}

/** True while a gradient is itself being recorded for differentiation (a second derivative). */
function recordingGradients(): boolean {
  return (tf.engine().state as unknown as { gradientDepth: number }).gradientDepth > 0;
}

function makeOp(epsilon: number) {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, gamma, beta, save] = args as [tf.Tensor4D, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    const { mean, centred, r } = statistics(x, epsilon);
    // μ and r are per channel (tiny): a first derivative reuses them. A second derivative must
    // recompute them from x, so that the tape connects them to x.
    save([x, gamma, mean, r]);
    return {
      value: tf.add(tf.mul(centred, tf.mul(r, gamma)), beta),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [input, scale, savedMean, savedR] = saved as [tf.Tensor4D, tf.Tensor1D, tf.Tensor, tf.Tensor];
        // Under a second derivative the backward pass itself is differentiated: ops that keep
        // little on the tape, with exact gradients of their own.
        if (recordingGradients()) return batchNormBackward(dy as tf.Tensor4D, input, scale, epsilon);
        // One fused kernel where the backend has it (two passes instead of about twelve kernels).
        const fused = fusedBatchNormTrainGrad(input, dy as tf.Tensor4D, savedMean, savedR, scale);
        if (fused) return fused;
        const count = input.size / input.shape[3];
        const stats = { centred: tf.sub(input, savedMean), r: savedR };
        const normalised = tf.mul(stats.centred, stats.r);
        const sumDy = tf.sum(dy, AXES);
        const sumDyNormalised = tf.sum(tf.mul(dy, normalised), AXES);
        const correction = tf.add(tf.div(sumDy, count), tf.mul(normalised, tf.div(sumDyNormalised, count)));
        const dx = tf.mul(tf.sub(dy, correction), tf.mul(scale, stats.r));
        return [dx, sumDyNormalised, sumDy];
      },
    };
  });
}

const ops = new Map<number, ReturnType<typeof makeOp>>();

/** Train-mode BatchNorm of NHWC x with per-channel γ and β [C]. */
export function batchNormTrain(
  x: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  epsilon: number,
): tf.Tensor4D {
  let op = ops.get(epsilon);
  if (!op) {
    op = makeOp(epsilon);
    ops.set(epsilon, op);
  }
  return op(x, gamma, beta) as tf.Tensor4D;
}
