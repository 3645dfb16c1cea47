import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { onWasm } from '../../test/onWasm';
import { avgPool2x2, avgPool3x3ExcludePad } from './avgPool';
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

  for (const backend of ['cpu', 'wasm'] as const) {
    it(`its written-out gradient equals autodiff through pad, 'valid' pooling and the rescale (${backend})`, async () => {
      const run = async () => {
        const x = tf.randomUniform([2, 7, 6, 3], -1, 1, 'float32', 5) as tf.Tensor4D;
        const dy = tf.randomUniform([2, 7, 6, 3], -1, 1, 'float32', 6);
        const composed = (t: tf.Tensor) => {
          const padded = tf.pad(t as tf.Tensor4D, [
            [0, 0],
            [1, 1],
            [1, 1],
            [0, 0],
          ]);
          // The counts of real pixels, 4 at corners, 6 on edges, 9 inside, from pooling ones.
          const counts = tf.mul(
            tf.avgPool(
              tf.pad(tf.onesLike(t) as tf.Tensor4D, [
                [0, 0],
                [1, 1],
                [1, 1],
                [0, 0],
              ]),
              3,
              1,
              'valid',
            ),
            9,
          );
          return tf.div(tf.mul(tf.avgPool(padded, 3, 1, 'valid'), 9), counts);
        };
        const ours = tf
          .grad((t: tf.Tensor) => avgPool3x3ExcludePad(t as tf.Tensor4D))(x, dy)
          .dataSync();
        const theirs = tf.grad(composed)(x, dy).dataSync();
        for (let i = 0; i < ours.length; i++) expect(ours[i]).toBeCloseTo(theirs[i]!, 5);
        const forward = avgPool3x3ExcludePad(x).dataSync();
        const expected = composed(x).dataSync();
        for (let i = 0; i < forward.length; i++) expect(forward[i]).toBeCloseTo(expected[i]!, 5);
      };
      if (backend === 'wasm') await onWasm(run);
      else await run();
    });
  }

  for (const backend of ['cpu', 'wasm'] as const) {
    const on = (run: () => Promise<void>) => (backend === 'wasm' ? onWasm(run) : run());

    it(`avgPool2x2 equals tf.avgPool 2x2 stride 2, forward and backward (${backend})`, async () => {
      await on(async () => {
        const x = tf.randomUniform([2, 6, 8, 3], -1, 1, 'float32', 7) as tf.Tensor4D;
        const dy = tf.randomUniform([2, 3, 4, 3], -1, 1, 'float32', 8);
        const reference = (t: tf.Tensor) => tf.avgPool(t as tf.Tensor4D, 2, 2, 'valid');
        expect(Array.from(avgPool2x2(x).dataSync())).toEqual(Array.from(reference(x).dataSync()));
        const ours = tf
          .grad((t: tf.Tensor) => avgPool2x2(t as tf.Tensor4D))(x, dy)
          .dataSync();
        const theirs = tf.grad(reference)(x, dy).dataSync();
        for (let i = 0; i < ours.length; i++) expect(ours[i]).toBeCloseTo(theirs[i]!, 6);
      });
    });

    // grasp differentiates the gradient itself. The reference pools by a reshape and a mean,
    // ops whose second derivatives tfjs builds from saved inputs.
    it(`avgPool2x2 gives the Hessian-vector product of a reshape-and-mean pool (${backend})`, async () => {
      await on(async () => {
        const x = tf.randomUniform([2, 4, 6, 3], -1, 1, 'float32', 9) as tf.Tensor4D;
        const w = tf.randomUniform([2, 2, 3, 3], -1, 1, 'float32', 10);
        const v = tf.randomUniform([2, 4, 6, 3], -1, 1, 'float32', 11);
        const byMean = (t: tf.Tensor4D) => tf.mean(tf.reshape(t, [2, 2, 2, 3, 2, 3]), [2, 4]) as tf.Tensor4D;
        const hv = (pool: (t: tf.Tensor4D) => tf.Tensor4D) => {
          const loss = (t: tf.Tensor) => tf.sum(tf.mul(tf.square(pool(tf.mul(t, t) as tf.Tensor4D)), w));
          return tf
            .grad((t: tf.Tensor) => tf.sum(tf.mul(tf.grad(loss)(t), v)))(x)
            .dataSync();
        };
        const ours = hv(avgPool2x2);
        const theirs = hv(byMean);
        expect(Math.max(...Array.from(theirs, Math.abs))).toBeGreaterThan(0.1);
        for (let i = 0; i < ours.length; i++) expect(ours[i]).toBeCloseTo(theirs[i]!, 5);
      });
    });
  }
});
