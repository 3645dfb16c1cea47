import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { nb201Build } from '../spaces/nb201/nb201Build';
import { mulberry32, normal } from '../util/prng';
import { gradients, taped } from './backprop';
import { initParams, type Network } from './network';
import { withSecondOrderGradients } from './secondOrder';
import { tf } from './tf';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function random(shape: number[], seed: number): tf.Tensor {
  const rng = mulberry32(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: size }, () => normal(rng)),
    shape,
  );
}

/** An NB201 network at a tiny size and resolution (BatchNorm in train mode couples the samples), and its weights. */
function setup() {
  const built = nb201Build(
    '|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|',
    'quick',
  );
  if (!built.ok) throw new Error(built.error);
  const net: Network = built.value.network;
  const params = initParams(net, 'kaiming_fan_out', 3);
  const names = net.specs.filter((s) => s.role === 'conv' || s.role === 'bn_gamma').map((s) => s.name);
  // 16 px rather than 32: the same graph (both reductions, pooling, BatchNorm) at a quarter of the work.
  const x = random([4, 16, 16, 3], 9);
  const f = (...ws: tf.Tensor[]) => {
    const local = new Map(params);
    for (const [k, name] of names.entries()) local.set(name, ws[k]!);
    return net.forward(x, local, { batchNorm: 'train' });
  };
  return { f, weights: names.map((name) => params.get(name)!), classes: net.classes };
}

describe('backprop: tf.grads with the tape freed as it goes, and one forward for many backward passes', () => {
  it('equals tf.grads bit for bit on an NB201 network, and leaves no tensor behind', () => {
    const { f, weights, classes } = setup();
    const dy = random([4, classes], 4);
    const expected = tf.grads(f)(weights, dy);
    const before = tf.memory().numTensors;
    const ours = gradients(f, weights, dy);
    expect(tf.memory().numTensors - before).toBe(ours.length);
    ours.forEach((g, k) => {
      expect(Array.from(g.dataSync())).toEqual(Array.from(expected[k]!.dataSync()));
    });
    tf.dispose([...ours, ...expected]);
  });

  it('gives each seed of one taped forward pass what a separate tf.grads call gives', () => {
    const { f, weights, classes } = setup();
    const before = tf.memory().numTensors;
    const run = taped(f, weights);
    const seeds = [0, 2, 3].map((i) =>
      tf.tidy(() => tf.mul(tf.reshape(tf.oneHot([i], 4), [4, 1]), tf.ones([4, classes]))),
    );
    for (const [k, seed] of seeds.entries()) {
      const ours = run.grads(seed, k === seeds.length - 1);
      const expected = tf.grads(f)(weights, seed);
      ours.forEach((g, j) => {
        expect(Array.from(g.dataSync())).toEqual(Array.from(expected[j]!.dataSync()));
      });
      tf.dispose([...ours, ...expected]);
    }
    expect(() => run.grads(seeds[0]!)).toThrow(/released/);
    run.value.dispose();
    tf.dispose(seeds);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('holds fewer buffers at the end of the backward pass than tf.grads', () => {
    const { f, weights, classes } = setup();
    const dy = tf.ones([4, classes]);
    // A probe at the input end: its gradient runs last, when the most has been released.
    let buffersAtEnd = 0;
    const probe = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const w = args[0] as tf.Tensor;
      return {
        value: tf.clone(w),
        gradFunc: (g: tf.Tensor) => {
          buffersAtEnd = tf.memory().numDataBuffers;
          return [g];
        },
      };
    });
    const probed = (...ws: tf.Tensor[]) => f(probe(ws[0]!) as tf.Tensor, ...ws.slice(1));
    tf.dispose(tf.grads(probed)(weights, dy));
    const withTfGrads = buffersAtEnd;
    tf.dispose(gradients(probed, weights, dy));
    expect(buffersAtEnd).toBeLessThan(0.5 * withTfGrads);
  });

  it('inside another gradient computation records on its tape: second derivatives as tf.grads gives them', () => {
    const x = tf.tensor1d([0.5, -1.5, 2]);
    // d/dx Σ (d/dx x³) = d/dx Σ 3x² = 6x.
    const second = tf.grad((a: tf.Tensor) => tf.sum(gradients((b) => tf.sum(tf.pow(b, 3)), [a])[0]!))(x);
    expect(Array.from(second.dataSync())).toEqual([3, -9, 12]);
  });

  it("gives grasp's Hessian-vector product on an NB201 network bit for bit as nested tf.grads", () => {
    const { f, weights } = setup();
    const v = weights.map((w, k) => random(w.shape, 20 + k));
    const loss = (...ws: tf.Tensor[]) => tf.sum(tf.square(f(...ws)));
    const hvp = (inner: (...ws: tf.Tensor[]) => tf.Tensor[]) =>
      tf.grads((...ws: tf.Tensor[]) => tf.addN(inner(...ws).map((g, k) => tf.sum(tf.mul(g, v[k]!)))))(
        weights,
      );
    const expected = withSecondOrderGradients(() => hvp((...ws) => tf.grads(loss)(ws)));
    const before = tf.memory().numTensors;
    const ours = withSecondOrderGradients(() => hvp((...ws) => gradients(loss, ws)));
    expect(tf.memory().numTensors - before).toBe(ours.length);
    expect(Math.max(...ours.map((h) => tf.max(tf.abs(h)).dataSync()[0]!))).toBeGreaterThan(0);
    ours.forEach((h, k) => {
      expect(Array.from(h.dataSync())).toEqual(Array.from(expected[k]!.dataSync()));
    });
    tf.dispose([...ours, ...expected, ...v]);
  });

  it('says so when the output does not depend on the inputs', () => {
    const a = tf.scalar(1);
    expect(() => gradients(() => tf.scalar(2), [a])).toThrow(/no operation connects/);
  });
});
