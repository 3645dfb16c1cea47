import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeParams, initParams } from '../../nn/network';
import { tf } from '../../nn/tf';
import type { VitArch } from './vit';
import { vitForward, vitNetwork } from './vitNetwork';

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

describe('vitNetwork with a fixed patch embedding (VitOptions.patchEmbedding)', () => {
  const x = tf.randomNormal([2, 16, 16, 3], 0, 1, 'float32', 3) as tf.Tensor4D;

  it('without the option is the plain ViT: the same output with no options, {} or an undefined map', () => {
    const params = initParams(net, 'kaiming_fan_out', 4);
    const opts = { batchNorm: 'train' } as const;
    const plain = Array.from(vitForward(x, arch, params, opts).dataSync());
    expect(Array.from(vitForward(x, arch, params, opts, {}).dataSync())).toEqual(plain);
    expect(Array.from(vitForward(x, arch, params, opts, { patchEmbedding: undefined }).dataSync())).toEqual(
      plain,
    );
    const built = vitNetwork(arch, { resolution: 16, classes: 10 }, { patchEmbedding: undefined });
    expect(built.specs).toEqual(net.specs);
    expect(Array.from(built.forward(x, params, opts).dataSync())).toEqual(plain);
    disposeParams(params);
  });

  it('puts the map exactly where the learned embedding was, and drops patch.conv and patch.bias', () => {
    const params = initParams(net, 'kaiming_fan_out', 5);
    // The learned embedding written as a fixed map: the same network, the same logits.
    const conv = params.get('patch.conv')! as tf.Tensor4D;
    const bias = params.get('patch.bias')!;
    const fixed = vitNetwork(
      arch,
      { resolution: 16, classes: 10 },
      {
        patchEmbedding: (input, patch) => tf.add(tf.conv2d(input, conv, patch, 'valid'), bias) as tf.Tensor4D,
      },
    );
    expect(fixed.specs.map((s) => s.name)).toEqual(
      net.specs.map((s) => s.name).filter((n) => n !== 'patch.conv' && n !== 'patch.bias'),
    );
    const rest = new Map([...params].filter(([name]) => !name.startsWith('patch.')));
    const seen: string[] = [];
    const y = fixed.forward(x, rest, {
      batchNorm: 'train',
      atLayerOutput: (t, name) => {
        seen.push(name);
        return t;
      },
    });
    expect(Array.from(y.dataSync())).toEqual(
      Array.from(net.forward(x, params, { batchNorm: 'train' }).dataSync()),
    );
    expect(seen).not.toContain('patch.conv');
    expect(seen).toContain('head.fc.weight');
    // A constant map: the logits no longer depend on the image.
    const constant = vitNetwork(
      arch,
      { resolution: 16, classes: 10 },
      { patchEmbedding: (input) => tf.ones([input.shape[0], 4, 4, 64]) as tf.Tensor4D },
    );
    const a = constant.forward(x, rest, { batchNorm: 'train' });
    const b = constant.forward(tf.mul(x, -3), rest, { batchNorm: 'train' });
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    disposeParams(params);
  });
});
