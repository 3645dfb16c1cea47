/**
 * 3x3, stride 1, padding 1 average pooling that divides by the number of real (non-padding)
 * pixels, as PyTorch's AvgPool2d(count_include_pad=False) in NB201.
 *
 * Why not tf.avgPool(x, 3, 1, 'same')? Its forward pass excludes padding from the count but its
 * gradient (AvgPoolGrad, tfjs 4.22 cpu and wasm) divides by the full 9 at the borders, so
 * gradients through it are wrong. Pooling an explicitly zero-padded input with 'valid' and
 * rescaling by a constant 9/count is exact both ways.
 *
 * The gradient is written out: the map is y = c ⊙ P(pad(x)) with P the 3x3 'valid' box mean, whose
 * adjoint is again a 3x3 box mean, of the zero-padded dy: dx = P(pad(c ⊙ dy)). That is one fast
 * forward pooling, where autodiff ran tfjs-wasm's AvgPoolGrad (a scalar loop: 2.7 ms a call, 12% of
 * an NB201 NTK) and the Slice that undoes the padding.
 */
import { tf } from './tf';

function borderCorrection(height: number, width: number): tf.Tensor4D {
  const values = new Float32Array(height * width);
  for (let i = 0; i < height; i++) {
    const rows = 3 - (i === 0 ? 1 : 0) - (i === height - 1 ? 1 : 0);
    for (let j = 0; j < width; j++) {
      const cols = 3 - (j === 0 ? 1 : 0) - (j === width - 1 ? 1 : 0);
      values[i * width + j] = 9 / (rows * cols);
    }
  }
  return tf.tensor4d(values, [1, height, width, 1]);
}

const PAD_ONE: [number, number][] = [
  [0, 0],
  [1, 1],
  [1, 1],
  [0, 0],
];

/** The 3x3 box mean of the zero-padded t, as big as t. */
function boxMean(t: tf.Tensor4D): tf.Tensor4D {
  return tf.avgPool(tf.pad(t, PAD_ONE), 3, 1, 'valid');
}

const pool = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const x = args[0] as tf.Tensor4D;
  const [, height, width] = x.shape;
  return {
    value: tf.mul(boxMean(x), borderCorrection(height, width)),
    // Linear in x: the gradient reads nothing saved, so a second derivative through it is exact.
    gradFunc: (dy: tf.Tensor) => boxMean(tf.mul(dy, borderCorrection(height, width)) as tf.Tensor4D),
  };
});

export function avgPool3x3ExcludePad(x: tf.Tensor4D): tf.Tensor4D {
  return pool(x) as tf.Tensor4D;
}

/**
 * dy [n, h, w, c] spread over 2x2 blocks and scaled by ¼: [n, 2h, 2w, c]. Two broadcast products of
 * rank-3 views (repeat along w, then along h), not tf.image.resizeNearestNeighbor: tfjs 4.22's cpu
 * ResizeNearestNeighborGrad is wrong, and grasp's second derivative runs through it.
 */
function spread2x2(dy: tf.Tensor4D): tf.Tensor4D {
  const [n, h, w, c] = dy.shape;
  const alongW = tf.mul(tf.reshape(dy, [n * h * w, 1, c]), tf.fill([1, 2, 1], 0.25));
  const alongH = tf.mul(tf.reshape(alongW, [n * h, 1, 2 * w * c]), tf.ones([1, 2, 1]));
  return tf.reshape(alongH, [n, 2 * h, 2 * w, c]);
}

const pool2x2 = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const x = args[0] as tf.Tensor4D;
  return {
    value: tf.avgPool(x, 2, 2, 'valid'),
    // Each input pixel feeds exactly one output, with weight 1/4: dy spread over its 2x2 block.
    gradFunc: (dy: tf.Tensor) => spread2x2(dy as tf.Tensor4D),
  };
});

/**
 * 2x2, stride 2 average pooling (NB201's reduction shortcut). Same forward pass as
 * tf.avgPool(x, 2, 2, 'valid'); for even sizes its gradient spreads dy/4 over each 2x2 block by
 * broadcasting instead of tfjs-wasm's AvgPoolGrad loop (1.6 ms a call).
 */
export function avgPool2x2(x: tf.Tensor4D): tf.Tensor4D {
  const [, height, width] = x.shape;
  if (height % 2 !== 0 || width % 2 !== 0) return tf.avgPool(x, 2, 2, 'valid');
  return pool2x2(x) as tf.Tensor4D;
}
