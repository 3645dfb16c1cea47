/**
 * The backward pass of train-mode BatchNorm as two differentiable ops, for second derivatives
 * (grasp's Hessian-vector product). Differentiating the backward pass written as element-wise ops
 * kept about ten full-size tensors per layer on the tape (centred, x̂, dy·x̂, the correction, the
 * differences); these ops keep only dy and x, which the tape holds anyway, and their own gradients
 * are written out (as PyTorch's batchnorm_double_backward is).
 *
 * Per channel, over its M = N·H·W values: x̂ = (x − μ)·r, r = 1/√(σ² + ε), and for any c
 *   P(c) = c − mean(c) − x̂·mean(c·x̂),
 * the adjoint of x ↦ x̂ being c ↦ r·P(c) (P is symmetric), and ∂r/∂x = −r²·x̂/M.
 *
 * Input gradient: dx = γ·r·P(dy). For its cotangent G, with a = mean(dy), b = mean(dy·x̂):
 *   ∂/∂dy = γ·r·P(G)
 *   ∂/∂γ  = r·Σ G·P(dy)
 *   ∂/∂x  = r·P(c) − (r²/M)·c_r·x̂, where c = −γ·r·(b·G + mean(G·x̂)·dy) is the cotangent of x̂
 *           (x̂ directly, and through b) and c_r = γ·Σ G·P(dy) that of r.
 * Scale gradient: dγ = Σ dy·x̂. For its cotangent g (per channel):
 *   ∂/∂dy = g·x̂,   ∂/∂x = r·P(g·dy).
 * The shift gradient dβ = Σ dy needs no op of its own.
 */
import { tf } from './tf';

const AXES = [0, 1, 2];

interface Statistics {
  normalised: tf.Tensor;
  r: tf.Tensor;
  count: number;
}

function statistics(x: tf.Tensor4D, epsilon: number): Statistics {
  const { mean, variance } = tf.moments(x, AXES);
  const r = tf.rsqrt(tf.add(variance, epsilon));
  return { normalised: tf.mul(tf.sub(x, mean), r), r, count: x.size / x.shape[3] };
}

/** P(c) = c − mean(c) − x̂·mean(c·x̂), per channel. */
function project(c: tf.Tensor, s: Statistics): tf.Tensor {
  const meanC = tf.mean(c, AXES);
  const meanCX = tf.mean(tf.mul(c, s.normalised), AXES);
  return tf.sub(tf.sub(c, meanC), tf.mul(s.normalised, meanCX));
}

function makeInputGradient(epsilon: number) {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [dy, x, gamma, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.Tensor1D, tf.GradSaveFunc];
    save([dy, x, gamma]);
    const s = statistics(x, epsilon);
    return {
      value: tf.mul(project(dy, s), tf.mul(gamma, s.r)),
      gradFunc: (G: tf.Tensor, saved: tf.Tensor[]) => {
        const [dyS, xS, gammaS] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor1D];
        const t = statistics(xS, epsilon);
        const gammaR = tf.mul(gammaS, t.r);
        const projectedDy = project(dyS, t);
        const dDy = tf.mul(project(G, t), gammaR);
        const sumGP = tf.sum(tf.mul(G, projectedDy), AXES);
        const dGamma = tf.mul(t.r, sumGP);
        const b = tf.mean(tf.mul(dyS, t.normalised), AXES);
        const meanGX = tf.mean(tf.mul(G, t.normalised), AXES);
        const c = tf.mul(tf.add(tf.mul(G, b), tf.mul(dyS, meanGX)), tf.neg(gammaR));
        const cR = tf.mul(gammaS, sumGP);
        const dX = tf.sub(
          tf.mul(project(c, t), t.r),
          tf.mul(t.normalised, tf.div(tf.mul(tf.square(t.r), cR), t.count)),
        );
        return [dDy, dX, dGamma];
      },
    };
  });
}

function makeScaleGradient(epsilon: number) {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [dy, x, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    save([dy, x]);
    const s = statistics(x, epsilon);
    return {
      value: tf.sum(tf.mul(dy, s.normalised), AXES),
      gradFunc: (g: tf.Tensor, saved: tf.Tensor[]) => {
        const [dyS, xS] = saved as [tf.Tensor4D, tf.Tensor4D];
        const t = statistics(xS, epsilon);
        return [tf.mul(t.normalised, g), tf.mul(project(tf.mul(dyS, g), t), t.r)];
      },
    };
  });
}

const ops = new Map<
  number,
  { input: ReturnType<typeof makeInputGradient>; scale: ReturnType<typeof makeScaleGradient> }
>();

/**
 * [∂x, ∂γ, ∂β] of train-mode BatchNorm (NHWC x, γ [C]) for the output gradient dy, as ops whose
 * own gradients are exact and cheap to keep.
 */
export function batchNormBackward(
  dy: tf.Tensor4D,
  x: tf.Tensor4D,
  gamma: tf.Tensor1D,
  epsilon: number,
): [tf.Tensor4D, tf.Tensor1D, tf.Tensor1D] {
  let op = ops.get(epsilon);
  if (!op) {
    op = { input: makeInputGradient(epsilon), scale: makeScaleGradient(epsilon) };
    ops.set(epsilon, op);
  }
  return [
    op.input(dy, x, gamma) as tf.Tensor4D,
    op.scale(dy, x) as tf.Tensor1D,
    tf.sum(dy, AXES) as tf.Tensor1D,
  ];
}
