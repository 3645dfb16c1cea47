import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VitArch } from '../spaces/vit';
import { disposeParams, initParams } from './network';
import { tf } from './tf';
import { vitNetwork } from './vitNetwork';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const arch: VitArch = { space: 'browser', embed: 64, mlpRatio: [2, 4], heads: [2, 4] };
const net = vitNetwork(arch, { resolution: 16, classes: 10 });

describe('vitNetwork', () => {
  it('maps a batch of images to one logit vector each', () => {
    const params = initParams(net, 'pytorch', 0);
    const x = tf.randomNormal([3, 16, 16, 3], 0, 1, 'float32', 1);
    const y = net.forward(x, params, { batchNorm: 'train' });
    expect(y.shape).toEqual([3, 10]);
    expect(Array.from(y.dataSync()).every(Number.isFinite)).toBe(true);
    disposeParams(params);
  });

  it('with every weight zero returns the head bias (LayerNorm of zeros is β = 0)', () => {
    const params = new Map([...initParams(net, 'pytorch', 0)].map(([k, v]) => [k, tf.zerosLike(v)]));
    const bias = tf.range(0, 10, 1, 'float32');
    params.set('head.fc.bias', bias);
    const y = net.forward(tf.randomNormal([2, 16, 16, 3]), params, { batchNorm: 'train' });
    expect(Array.from(y.dataSync())).toEqual([
      ...Array.from(bias.dataSync()),
      ...Array.from(bias.dataSync()),
    ]);
  });

  it('reports the GELU pre-activations of every block and differentiates every parameter', () => {
    const params = initParams(net, 'pytorch', 1);
    const seen: string[] = [];
    const x = tf.randomNormal([2, 16, 16, 3], 0, 1, 'float32', 2);
    net.forward(x, params, {
      batchNorm: 'train',
      onActivation: (t, id, kind) => seen.push(`${id}:${kind}:${t.shape.at(-1)}`),
    });
    expect(seen).toEqual(['b0.gelu:gelu:128', 'b1.gelu:gelu:256']);
    const names = [...params.keys()];
    const grads = tf.grads((...ws: tf.Tensor[]) => {
      const local = new Map(names.map((n, i) => [n, ws[i]!]));
      return tf.sum(net.forward(x, local, { batchNorm: 'train' })) as tf.Scalar;
    })(names.map((n) => params.get(n)!));
    expect(grads).toHaveLength(names.length);
  });
});
