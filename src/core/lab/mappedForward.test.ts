import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeParams, initParams } from '../nn/network';
import { tf } from '../nn/tf';
import { MLP_ACTIVATIONS, type MlpArch, type MlpMapping } from '../spaces/mlp/mlp';
import { mlpNetwork } from '../spaces/mlp/mlpNetwork';
import { forwardMapped, mappedInputTensor } from './mappedForward';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff / scale;
}

const MAPPINGS: MlpMapping[] = [
  { kind: 'none' },
  { kind: 'basic' },
  { kind: 'positional', levels: 3 },
  { kind: 'gaussian', sigma: 3, features: 8, seed: 1 },
];

describe('forwardMapped (fixed grid, Fourier features computed once)', () => {
  it('gives mlpNetwork.forward’s outputs and parameter gradients for every activation and mapping', () => {
    const points = Float64Array.from({ length: 2 * 12 }, (_, i) => ((i * 7) % 13) / 13);
    for (const activation of MLP_ACTIVATIONS) {
      for (const mapping of MAPPINGS) {
        const arch: MlpArch = { inputDim: 2, depth: 2, width: 6, activation, mapping, outputs: 3 };
        const net = mlpNetwork(arch);
        const params = initParams(net, 'pytorch', 4);
        const names = [...params.keys()];
        const raw = tf.tensor2d(Float32Array.from(points), [12, 2]);
        const mapped = mappedInputTensor(arch, points, 12);
        const loss =
          (forward: (p: Map<string, tf.Tensor>) => tf.Tensor) =>
          (...values: tf.Tensor[]) =>
            tf.sum(tf.square(forward(new Map(names.map((n, i) => [n, values[i]!])))));
        const theirs = tf.grads(loss((p) => net.forward(raw, p, { batchNorm: 'none' })))([
          ...params.values(),
        ]);
        const ours = tf.grads(loss((p) => forwardMapped(arch, mapped, p)))([...params.values()]);
        const outTheirs = net.forward(raw, params, { batchNorm: 'none' }).dataSync();
        const outOurs = forwardMapped(arch, mapped, params).dataSync();
        const label = `${activation} ${mapping.kind}`;
        expect(maxRelativeError(outOurs, outTheirs), label).toBeLessThan(1e-5);
        names.forEach((name, i) => {
          expect(
            maxRelativeError(ours[i]!.dataSync(), theirs[i]!.dataSync()),
            `${label} ${name}`,
          ).toBeLessThan(1e-4);
        });
        tf.dispose([...ours, ...theirs, raw, mapped]);
        disposeParams(params);
      }
    }
  });
});
