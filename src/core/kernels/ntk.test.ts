import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeParams, initParams, type ParamTensors } from '../nn/network';
import { linearSpecs } from '../nn/paramSpec';
import { tf } from '../nn/tf';
import type { MlpArch } from '../spaces/mlp/mlp';
import { type DenseLayerNetwork, mlpNetwork } from '../spaces/mlp/mlpNetwork';
import { nb201Network } from '../spaces/nb201/nb201Network';
import { chooseNtkMethod, empiricalNtk, type NtkOptions, ntkWeightSpecs } from './ntk';
import { reluNtk } from './reluNtk';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** max |a − b| / max |b|. */
function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff / scale;
}

async function gram(net: DenseLayerNetwork, params: ParamTensors, x: number[], opts: NtkOptions) {
  const input = tf.tensor2d(x, [x.length / net.inputShape[0]!, net.inputShape[0]!]);
  try {
    return await empiricalNtk(net, params, input, opts);
  } finally {
    input.dispose();
  }
}

/** f(x) = x·W1·W2: two linear layers, no activation, one output (row-vector convention). */
function linearNetwork(d: number, h: number): DenseLayerNetwork {
  const layers = [
    { weight: 'l0.weight', bias: 'l0.bias', inputs: d, outputs: h },
    { weight: 'l1.weight', bias: 'l1.bias', inputs: h, outputs: 1 },
  ];
  const forwardDense: DenseLayerNetwork['forwardDense'] = (x, params, _opts, tap) => {
    let a = x as tf.Tensor2D;
    layers.forEach((layer, l) => {
      const h = tf.add(tf.matMul(a, params.get(layer.weight) as tf.Tensor2D), params.get(layer.bias)!);
      a = tap ? tap(l, a, h as tf.Tensor2D) : (h as tf.Tensor2D);
    });
    return a;
  };
  return {
    arch: 'linear',
    specs: [...linearSpecs('l0', d, h), ...linearSpecs('l1', h, 1)],
    inputShape: [d],
    classes: 1,
    forward: (x, params, opts) => forwardDense(x, params, opts, (_l, _a, h) => h),
    reachesOutput: () => true,
    denseLayers: layers,
    forwardDense,
  };
}

describe('empirical NTK: known answers', () => {
  it('matches the closed form of a linear network: Θ = ‖W2‖²·xᵀx′ + (xW1)·(x′W1)', async () => {
    // ∂f/∂W1[k, j] = x_k W2[j] and ∂f/∂W2[j] = (xW1)_j; summing products over k, j gives the two terms.
    const d = 3;
    const h = 7;
    const net = linearNetwork(d, h);
    const params = initParams(net, 'kaiming_fan_in', 5); // biases 0, so f = x·W1·W2 exactly
    const w1 = Array.from(params.get('l0.weight')!.dataSync());
    const w2 = Array.from(params.get('l1.weight')!.dataSync());
    const x = [0.5, -1, 2, 1.5, 0.25, -0.75, -2, 1, 0, 0.3, 0.3, 0.3, 1, 0, 0];
    const n = x.length / d;
    const w2Norm = w2.reduce((s, v) => s + v * v, 0);
    const hidden = (i: number) =>
      Array.from({ length: h }, (_, j) => [0, 1, 2].reduce((s, k) => s + x[i * d + k]! * w1[k * h + j]!, 0));
    const expected = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const xx = [0, 1, 2].reduce((s, k) => s + x[i * d + k]! * x[j * d + k]!, 0);
        const hh = hidden(i).reduce((s, v, k) => s + v * hidden(j)[k]!, 0);
        expected[i * n + j] = w2Norm * xx + hh;
      }
    }
    for (const mode of ['batched', 'loop'] as const) {
      const got = await gram(net, params, x, { mode, batchNorm: 'none' });
      expect(relativeError(got, expected)).toBeLessThan(1e-6);
    }
    disposeParams(params);
  });

  it('of a wide 2-layer ReLU net (NTK parameterisation) approaches the arc-cosine kernel', async () => {
    // Inputs in 2-D at several angles and norms, and in 1-D on both sides of 0.
    const cases: { dim: 1 | 2; x: number[] }[] = [
      { dim: 2, x: [1, 0, 0.6, 0.8, -1, 0.5, 0.3, -2, 0, 1] },
      { dim: 1, x: [1, -0.5, 2, 0.25] },
    ];
    for (const { dim, x } of cases) {
      const errors = [64, 4096].map(async (width) => {
        const arch: MlpArch = {
          inputDim: dim,
          depth: 1,
          width,
          activation: 'relu',
          mapping: { kind: 'none' },
          outputs: 1,
        };
        const net = mlpNetwork(arch, { parameterization: 'ntk', weightStd: Math.SQRT2 });
        const infinite = reluNtk(x, null, dim, { hiddenLayers: 1, weightStd: Math.SQRT2 }).ntk;
        // Mean over 4 initialisations, so that one lucky draw at width 64 cannot win.
        let sum = 0;
        for (let seed = 0; seed < 4; seed++) {
          const params = initParams(net, 'normal', seed);
          sum += relativeError(await gram(net, params, x, { batchNorm: 'none' }), infinite) / 4;
          disposeParams(params);
        }
        return sum;
      });
      const [narrow, wide] = await Promise.all(errors);
      // Fluctuations shrink like 1/√width (8x from 64 to 4096). Measured with these seeds: 2-D 0.28 →
      // 0.023, 1-D 0.15 → 0.034; over three other seed sets the ratio stayed between 4.6 and 13.
      expect(wide).toBeLessThan(0.05);
      expect(wide).toBeLessThan(narrow! / 3);
    }
  });
});

describe('empirical NTK: batched method against the per-sample loop', () => {
  const x = Array.from({ length: 24 }, (_, i) => Math.sin(1.7 * i + 0.3)); // 12 points in 2-D
  for (const activation of ['relu', 'tanh', 'gelu', 'sin'] as const) {
    it(`agrees to 1e-5 on a ${activation} MLP with Fourier features, summed and per logit`, async () => {
      const arch: MlpArch = {
        inputDim: 2,
        depth: 3,
        width: 24,
        activation,
        mapping: { kind: 'gaussian', sigma: 2, features: 8, seed: 3 },
        outputs: 3,
      };
      const net = mlpNetwork(arch);
      expect(chooseNtkMethod(net, { batchNorm: 'train' })).toBe('batched');
      const params = initParams(net, 'kaiming_fan_out', 9);
      for (const outputs of ['summed', 'per_logit'] as const) {
        const batched = await gram(net, params, x, { mode: 'batched', batchNorm: 'train', outputs });
        const loop = await gram(net, params, x, { mode: 'loop', batchNorm: 'train', outputs });
        expect(batched.length).toBe(outputs === 'summed' ? 144 : 1296);
        expect(relativeError(batched, loop)).toBeLessThan(1e-5);
      }
      disposeParams(params);
    });
  }

  it('per-logit Gram summed over logit pairs equals the summed-logit Gram', async () => {
    // s_i = Σ_c f_c(x_i), so g_i = Σ_c g_ic and Θ_ij = Σ_{c,c′} Θ[(i,c),(j,c′)].
    const net = mlpNetwork({
      inputDim: 2,
      depth: 2,
      width: 16,
      activation: 'tanh',
      mapping: { kind: 'basic' },
      outputs: 3,
    });
    const params = initParams(net, 'pytorch', 2);
    const summed = await gram(net, params, x, { batchNorm: 'none' });
    const perLogit = await gram(net, params, x, { batchNorm: 'none', outputs: 'per_logit' });
    const n = 12;
    const folded = new Float64Array(n * n);
    for (let r = 0; r < 3 * n; r++) {
      for (let s = 0; s < 3 * n; s++)
        folded[Math.floor(r / 3) * n + Math.floor(s / 3)]! += perLogit[r * 3 * n + s]!;
    }
    expect(relativeError(folded, summed)).toBeLessThan(1e-5);
    disposeParams(params);
  });

  it('leaves no tensor behind, whichever method runs', async () => {
    const net = mlpNetwork({
      inputDim: 2,
      depth: 2,
      width: 8,
      activation: 'gelu',
      mapping: { kind: 'positional', levels: 2 },
      outputs: 2,
    });
    const params = initParams(net, 'pytorch', 1);
    const before = tf.memory().numTensors;
    for (const mode of ['batched', 'loop'] as const) {
      for (const outputs of ['summed', 'per_logit'] as const) {
        await gram(net, params, x, { mode, batchNorm: 'none', outputs, maxGradientFloats: 500 });
      }
    }
    expect(tf.memory().numTensors).toBe(before);
    disposeParams(params);
  });

  it('splits the loop into parameter groups under a small memory cap without changing Θ', async () => {
    const net = mlpNetwork({
      inputDim: 2,
      depth: 3,
      width: 16,
      activation: 'relu',
      mapping: { kind: 'none' },
      outputs: 2,
    });
    const params = initParams(net, 'kaiming_fan_in', 4);
    const whole = await gram(net, params, x, { mode: 'loop', batchNorm: 'none' });
    const grouped = await gram(net, params, x, {
      mode: 'loop',
      batchNorm: 'none',
      maxGradientFloats: 12 * 300,
    });
    expect(relativeError(grouped, whole)).toBeLessThan(1e-6);
    disposeParams(params);
  });
});

describe('empirical NTK: the per-sample loop with BatchNorm in train mode', () => {
  it('keeps the samples coupled: 1ᵀΘ1 = ‖∇θ Σ_i s_i‖² of one full-batch backward pass', async () => {
    // Σ_i g_i is the gradient of Σ_i s_i when every s_i comes from the same full-batch forward pass,
    // batch statistics included; rows computed from single-sample passes would not add up to it.
    const fidelity = { channels: 2, cellsPerStage: 1, batch: 6, classes: 4, resolution: 8 };
    const net = nb201Network([3, 2, 1, 4, 3, 1], fidelity);
    const params = initParams(net, 'kaiming_fan_out', 3);
    const x = tf.randomNormal([6, 8, 8, 3], 0, 1, 'float32', 17);
    for (const batchNorm of ['train', 'eval'] as const) {
      const theta = await empiricalNtk(net, params, x, { batchNorm });
      const specs = ntkWeightSpecs(net, batchNorm);
      const squaredNorm = tf.tidy(() => {
        const grads = tf.grads((...ws: tf.Tensor[]) => {
          const local = new Map(params);
          ws.forEach((w, k) => {
            local.set(specs[k]!.name, w);
          });
          return tf.sum(net.forward(x, local, { batchNorm }));
        })(specs.map((spec) => params.get(spec.name)!));
        return tf.addN(grads.map((g) => tf.sum(tf.square(g)))).dataSync()[0]!;
      });
      const total = theta.reduce((a, b) => a + b, 0);
      expect(Math.abs(total / squaredNorm - 1)).toBeLessThan(1e-4);
    }
    x.dispose();
    disposeParams(params);
  });
});
