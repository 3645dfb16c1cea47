/**
 * Leaner gradients for two tfjs kernels, used while training; same derivatives, fewer or faster
 * kernels on the wasm backend.
 *
 * FusedBatchNorm (tf.batchNorm with per-channel mean, variance, γ, β): tfjs-core 4.22's registered
 * gradient tiles 1/√(v+ε) to the full [N, H, W, 1] shape before a
 * broadcasting multiply, and forms four full-size products for the four parameter gradients. On
 * the wasm backend the Tile kernel is a scalar index loop: it alone took ~40% of an NB201 training
 * step (scripts/train/measure.ts). The same derivatives, for y = γ·(x − μ)·r + β, r = (v + ε)^−½:
 *   ∂/∂x = dy·γr,  ∂/∂μ = −γr·Σdy,  ∂/∂v = −½γr³·Σdy(x − μ),  ∂/∂γ = r·Σdy(x − μ),  ∂/∂β = Σdy
 * (Σ over every axis but the channel) need one subtraction, two products and two reductions.
 *
 *
 * BatchMatMul: the stock gradient of a·b is dy·bᵀ and aᵀ·dy, asked of matMul with its transpose
 * flags. tfjs-backend-wasm 4.22 runs a flagged matMul about 5-10x slower than transposing first
 * and multiplying plainly (a [2080, 64]·[64, 128] product: ~80 ms flagged, ~8 ms explicit;
 * scripts/train/measure.ts times whole steps), and a ViT's backward pass is mostly these. The
 * lean gradient transposes explicitly (the last two axes) and multiplies without flags.
 *
 * They are installed only for the duration of one synchronous call (withTrainingGradients), so
 * no other code — the proxies, which keep the stock gradients — can ever see them: nothing else
 * runs in this thread while that call is on the stack. tfjs captures a node's gradient function
 * when the forward op runs, so the forward and the backward pass must both be inside the call.
 */
import { tf } from '../nn/tf';

function channelAxes(rank: number): number[] {
  return Array.from({ length: rank - 1 }, (_, i) => i);
}

/** The gradient config, falling back to `stock` for mean/variance that are not per-channel. */
export function leanBatchNormGradient(stock: tf.GradConfig | undefined): tf.GradConfig {
  return {
    kernelName: tf.FusedBatchNorm,
    inputsToSave: ['x', 'mean', 'variance', 'scale'],
    gradFunc: (dy, saved, attrs) => {
      const [x, mean, variance, scale] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor | undefined];
      const single = dy as tf.Tensor;
      if (mean.rank !== 1 || variance.rank !== 1 || (scale && scale.rank !== 1)) {
        if (!stock) throw new Error('FusedBatchNorm has no stock gradient to fall back to');
        return stock.gradFunc(dy, saved, attrs);
      }
      const { varianceEpsilon } = attrs as unknown as tf.FusedBatchNormAttrs;
      const axes = channelAxes(x.rank);
      const rstd = tf.rsqrt(tf.add(variance, varianceEpsilon));
      const gammaRstd = scale ? tf.mul(scale, rstd) : rstd;
      // Computed here, not in the thunks: tfjs runs each thunk in its own tidy, so a tensor one
      // thunk made and cached would be freed before the next one read it.
      const sumDy = tf.sum(single, axes);
      const sumDyCentred = tf.sum(tf.mul(single, tf.sub(x, mean)), axes);
      return {
        x: () => tf.mul(single, gammaRstd),
        mean: () => tf.neg(tf.mul(gammaRstd, sumDy)),
        variance: () => tf.mul(tf.mul(gammaRstd, tf.square(rstd)), tf.mul(sumDyCentred, -0.5)),
        scale: () => tf.mul(rstd, sumDyCentred),
        offset: () => tf.clone(sumDy),
      };
    },
  };
}

/** x with its last two axes swapped. */
function swapLast(x: tf.Tensor): tf.Tensor {
  const perm = Array.from({ length: x.rank }, (_, i) => i);
  perm[x.rank - 2] = x.rank - 1;
  perm[x.rank - 1] = x.rank - 2;
  return tf.transpose(x, perm);
}

/** x·y with optional transposes done as explicit Transpose kernels (never matMul's flags). */
function product(x: tf.Tensor, y: tf.Tensor, transposeX: boolean, transposeY: boolean): tf.Tensor {
  return tf.matMul(transposeX ? swapLast(x) : x, transposeY ? swapLast(y) : y);
}

/**
 * The gradient of c = op(a)·op(b) (op = identity or transpose of the last two axes), as the stock
 * one but without transpose flags: for c = a·b, ∂a = dy·bᵀ, ∂b = aᵀ·dy; the other three cases
 * follow by transposing. Operands of equal batch shape (no broadcasting), as the stock one.
 */
export function leanMatMulGradient(): tf.GradConfig {
  return {
    kernelName: tf.BatchMatMul,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved, attrs) => {
      const [a, b] = saved as [tf.Tensor, tf.Tensor];
      const d = dy as tf.Tensor;
      const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
      if (!transposeA && !transposeB) {
        return { a: () => product(d, b, false, true), b: () => product(a, d, true, false) };
      }
      if (!transposeA && transposeB) {
        return { a: () => product(d, b, false, false), b: () => product(d, a, true, false) };
      }
      if (transposeA && !transposeB) {
        return { a: () => product(b, d, false, true), b: () => product(a, d, false, false) };
      }
      return { a: () => product(b, d, true, true), b: () => product(d, a, true, true) };
    },
  };
}

/**
 * Runs `run` (synchronous: it must not await) with the lean FusedBatchNorm and BatchMatMul
 * gradients installed, then puts the stock ones back, whatever happens.
 */
export function withTrainingGradients<T>(run: () => T): T {
  const stock = [tf.FusedBatchNorm, tf.BatchMatMul].map((name) => ({ name, config: tf.getGradient(name) }));
  tf.registerGradient(leanBatchNormGradient(stock[0]!.config));
  tf.registerGradient(leanMatMulGradient());
  try {
    return run();
  } finally {
    for (const { name, config } of stock) {
      if (config) tf.registerGradient(config);
      else tf.unregisterGradient(name);
    }
  }
}
