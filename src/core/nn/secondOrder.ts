/**
 * Second derivatives in tfjs 4.22: the gradients a double backward (grasp's Hessian-vector product)
 * needs, swapped in while one is recorded.
 */
import { tf } from './tf';

/**
 * Gradients a double backward needs that tfjs 4.22 lacks or makes slow. They are swapped in only
 * while grasp builds its graph (the tape looks a gradient up when it records an op), then the
 * previous ones are put back, so nothing else in the app sees them.
 * - Conv2DBackpropFilter(x, dy) = Σ x-patches ⊗ dy has no gradient. It is bilinear: for an upstream
 *   G (filter-shaped) its adjoint in x is the input-gradient of a convolution with filter G,
 *   conv2dTranspose(dy, G), and in dy the convolution conv2d(x, G) (TensorFlow's own gradient).
 * - AvgPoolGrad(dy, input) = Aᵀ dy has none either: its gradient in dy is A G = avgPool(G), in input
 *   zero. Exact for 'valid' padding only (with 'same', tfjs's AvgPoolGrad divides by 9 at the
 *   borders while its AvgPool does not), so other paddings throw rather than mislead.
 * - Tile's gradient (which BatchNorm's gradient calls) adds one slice per repetition: 8 192 slices
 *   per BatchNorm at 32x32, batch 8, minutes of wasm time. Summing dy reshaped to
 *   [reps_i, size_i] along each tiled axis gives the same sums in a handful of ops.
 */
const SECOND_ORDER_GRADIENTS: tf.GradConfig[] = [
  {
    kernelName: tf.Conv2DBackpropFilter,
    inputsToSave: ['x', 'dy'],
    gradFunc: (upstream, saved, attrs) => {
      const [x, dy] = saved as [tf.Tensor4D, tf.Tensor4D];
      const g = upstream as tf.Tensor4D;
      const { strides, pad, dataFormat, dimRoundingMode } = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
      if (dataFormat === 'NCHW') throw new Error('second-order convolution gradients support NHWC only');
      return {
        x: () => tf.conv2dTranspose(dy, g, x.shape, strides, pad, dimRoundingMode),
        dy: () => tf.conv2d(x, g, strides, pad, 'NHWC', 1, dimRoundingMode),
      };
    },
  },
  {
    kernelName: tf.AvgPoolGrad,
    inputsToSave: ['input'],
    gradFunc: (upstream, saved, attrs) => {
      const [input] = saved as [tf.Tensor4D];
      const { filterSize, strides, pad } = attrs as unknown as tf.AvgPoolGradAttrs;
      if (pad !== 'valid' && pad !== 0) {
        throw new Error(
          `second-order gradient of average pooling is exact for 'valid' padding only, got ${String(pad)}`,
        );
      }
      return {
        dy: () => tf.avgPool(upstream as tf.Tensor4D, filterSize, strides, 'valid'),
        input: () => tf.zerosLike(input),
      };
    },
  },
  {
    kernelName: tf.Tile,
    inputsToSave: ['x'],
    gradFunc: (upstream, saved, attrs) => {
      const [x] = saved as [tf.Tensor];
      const { reps } = attrs as unknown as tf.TileAttrs;
      return {
        x: () => {
          let grad = upstream as tf.Tensor;
          x.shape.forEach((size, axis) => {
            const times = reps[axis]!;
            if (times === 1) return;
            const split = [...grad.shape.slice(0, axis), times, size, ...grad.shape.slice(axis + 1)];
            grad = tf.sum(tf.reshape(grad, split), axis);
          });
          return grad;
        },
      };
    },
  },
];

export function withSecondOrderGradients<T>(run: () => T): T {
  const previous = SECOND_ORDER_GRADIENTS.map((config) => tf.getGradient(config.kernelName));
  for (const config of SECOND_ORDER_GRADIENTS) tf.registerGradient(config);
  try {
    return run();
  } finally {
    SECOND_ORDER_GRADIENTS.forEach((config, i) => {
      tf.unregisterGradient(config.kernelName);
      const before = previous[i];
      if (before) tf.registerGradient(before);
    });
  }
}
