/**
 * 3x3, stride 1, padding 1 average pooling that divides by the number of real (non-padding)
 * pixels, as PyTorch's AvgPool2d(count_include_pad=False) in NB201.
 *
 * Why not tf.avgPool(x, 3, 1, 'same')? Its forward pass excludes padding from the count but its
 * gradient (AvgPoolGrad, tfjs 4.22 cpu and wasm) divides by the full 9 at the borders, so
 * gradients through it are wrong. Pooling an explicitly zero-padded input with 'valid' and
 * rescaling by a constant 9/count is exact both ways.
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

export function avgPool3x3ExcludePad(x: tf.Tensor4D): tf.Tensor4D {
  const [, height, width] = x.shape;
  const padded = tf.pad(x, [
    [0, 0],
    [1, 1],
    [1, 1],
    [0, 0],
  ]);
  return tf.mul(tf.avgPool(padded, 3, 1, 'valid'), borderCorrection(height, width));
}
