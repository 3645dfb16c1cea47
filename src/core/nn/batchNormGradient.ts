/**
 * The gradient of tfjs's FusedBatchNorm (tf.batchNorm), replacing tfjs-core 4.22's own.
 *
 * Why: tfjs's version tiles 1/√(variance + ε) to the full input shape before multiplying dy by it.
 * On the WASM backend that Tile took 5.0 s of a 14.4 s NB201 NTK (quick fidelity, BatchNorm in train
 * mode; docs/performance.md). Broadcasting does the same multiplications without the copy.
 *
 * y = (x − mean) · scale · r + offset with r = 1/√(variance + ε), so
 *   ∂/∂x = dy · r · scale,  ∂/∂mean = −Σ dy · scale · r,  ∂/∂variance = Σ dy · scale · (x − mean) · (−r³/2),
 *   ∂/∂scale = Σ dy · (x − mean) · r,  ∂/∂offset = Σ dy,
 * the sums over the axes that mean (and the others) broadcast along. The products are the ones
 * tfjs computes, in the same order, so gradients are bit-identical to before.
 */
import {
  add,
  broadcast_util,
  FusedBatchNorm,
  type FusedBatchNormAttrs,
  type GradConfig,
  mul,
  type NamedAttrMap,
  registerGradient,
  reshape,
  rsqrt,
  scalar,
  sub,
  sum,
  type Tensor,
} from '@tensorflow/tfjs-core';

/** Sums t over the axes that a parameter of `shape` broadcasts along, back to that shape. */
function reduceTo(t: Tensor, shape: number[], axes: number[]): Tensor {
  return reshape(axes.length > 0 ? sum(t, axes) : t, shape);
}

export const batchNormGradConfig: GradConfig = {
  kernelName: FusedBatchNorm,
  inputsToSave: ['x', 'mean', 'variance', 'scale'],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
    const grad = dy as Tensor;
    const { varianceEpsilon } = attrs as unknown as FusedBatchNormAttrs;
    const [x, mean, variance, scaleOrNull] = saved as [Tensor, Tensor, Tensor, Tensor | undefined];
    const scale = scaleOrNull ?? scalar(1);
    const axes = broadcast_util.getReductionAxes(mean.shape, x.shape);
    // A 1-D parameter [C] lines up with the last axis of x; as [1, …, 1, C] it broadcasts.
    const asChannels = (t: Tensor) =>
      t.rank === 1 ? reshape(t, [...x.shape.slice(0, -1).map(() => 1), t.shape[0]!]) : t;
    const r = rsqrt(add(variance, scalar(varianceEpsilon)));
    const centred = sub(x, mean);
    const gradTimesScale = mul(grad, scale);
    const minusHalfRCube = mul(mul(mul(r, r), r), scalar(-0.5));
    return {
      x: () => reshape(mul(mul(grad, asChannels(r)), scale), x.shape),
      mean: () => reduceTo(mul(mul(r, scalar(-1)), gradTimesScale), mean.shape, axes),
      variance: () => reduceTo(mul(mul(minusHalfRCube, centred), gradTimesScale), mean.shape, axes),
      scale: () => reduceTo(mul(grad, mul(centred, r)), mean.shape, axes),
      offset: () => reduceTo(grad, mean.shape, axes),
    };
  },
};

registerGradient(batchNormGradConfig);
