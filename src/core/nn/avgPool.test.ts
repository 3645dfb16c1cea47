import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { avgPool3x3ExcludePad } from './avgPool';
import { tf } from './tf';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('avgPool3x3ExcludePad', () => {
  it('averages only real pixels (corner of a 3x3 ramp by hand)', () => {
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
    const y = avgPool3x3ExcludePad(x).dataSync();
    expect(y[0]).toBeCloseTo((1 + 2 + 4 + 5) / 4, 6); // corner: 4 real pixels
    expect(y[1]).toBeCloseTo((1 + 2 + 3 + 4 + 5 + 6) / 6, 6); // edge: 6 real pixels
    expect(y[4]).toBeCloseTo(45 / 9, 6); // centre: all 9
  });

  it('has the gradient of a linear map: Σ x·∂y/∂x = Σ y (Euler), unlike tf.avgPool same', () => {
    const x = tf.randomUniform([2, 6, 5, 3], 0, 1, 'float32', 4) as tf.Tensor4D;
    const f = (t: tf.Tensor) => tf.sum(avgPool3x3ExcludePad(t as tf.Tensor4D)) as tf.Scalar;
    const g = tf.grad(f)(x);
    const lhs = tf.sum(tf.mul(x, g)).dataSync()[0]!;
    expect(lhs / f(x).dataSync()[0]! - 1).toBeCloseTo(0, 5);
  });
});
