import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { initParams } from '../../nn/network';
import { paramSize } from '../../nn/paramSpec';
import { tf } from '../../nn/tf';
import {
  type MlpArch,
  mapInputs,
  mappedDim,
  mappingMatrix,
  mlpFromString,
  mlpSample,
  mlpToString,
} from './mlp';
import { mlpNetwork } from './mlpNetwork';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const gaussian: MlpArch = {
  inputDim: 2,
  depth: 3,
  width: 64,
  activation: 'tanh',
  mapping: { kind: 'gaussian', sigma: 2.5, features: 16, seed: 7 },
  outputs: 3,
};

describe('MLP architecture strings', () => {
  it('round-trips every mapping kind', () => {
    const archs: MlpArch[] = [
      gaussian,
      { inputDim: 1, depth: 1, width: 8, activation: 'relu', mapping: { kind: 'none' }, outputs: 1 },
      { inputDim: 1, depth: 5, width: 256, activation: 'sin', mapping: { kind: 'basic' }, outputs: 1 },
      {
        inputDim: 2,
        depth: 2,
        width: 32,
        activation: 'gelu',
        mapping: { kind: 'positional', levels: 6 },
        outputs: 4,
      },
      { ...gaussian, mapping: { kind: 'gaussian', sigma: 0.001, features: 1, seed: 4294967295 } },
    ];
    for (const arch of archs) {
      const parsed = mlpFromString(mlpToString(arch));
      expect(parsed).toEqual({ ok: true, value: arch });
    }
    expect(mlpToString(gaussian)).toBe('mlp:in2:d3:w64:tanh:o3:gauss-s2.5-m16-seed7');
  });

  it('rejects malformed and out-of-range strings with a message', () => {
    const bad = [
      'mlp:in3:d3:w64:relu:o1:none',
      'mlp:in1:d0:w64:relu:o1:none',
      'mlp:in1:d3:w64:swish:o1:none',
      'mlp:in1:d3:w64:relu:o1:pos-l17',
      'mlp:in1:d3:w64:relu:o1:gauss-s0-m16-seed1',
      'mlp:in1:d3:w64:relu:o1:fourier',
      'vit:ti:e192',
    ];
    for (const text of bad) {
      const parsed = mlpFromString(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error.length).toBeGreaterThan(5);
    }
  });

  it('samples reproducibly per seed, and every sample is valid', () => {
    const a = mlpSample(20, 3).map(mlpToString);
    expect(mlpSample(20, 3).map(mlpToString)).toEqual(a);
    expect(mlpSample(20, 4).map(mlpToString)).not.toEqual(a);
    for (const text of a) expect(mlpFromString(text).ok).toBe(true);
  });
});

describe('Fourier-feature mappings', () => {
  it('basic: γ(v) = [sin 2πv, cos 2πv]', () => {
    const out = mapInputs({ kind: 'basic' }, 1, [0.25, 0.5], 2);
    const want = [1, 0, 0, -1]; // sin(π/2), cos(π/2); sin(π), cos(π)
    out.forEach((v, i) => {
      expect(v).toBeCloseTo(want[i]!, 12);
    });
  });

  it('positional: frequencies 2^j per coordinate, sines then cosines', () => {
    const mapping = { kind: 'positional', levels: 3 } as const;
    expect(mappedDim(mapping, 2)).toBe(12);
    const v = [0.1, 0.3];
    const out = mapInputs(mapping, 2, v, 1);
    for (let j = 0; j < 3; j++) {
      for (let d = 0; d < 2; d++) {
        expect(out[j * 2 + d]).toBeCloseTo(Math.sin(2 * Math.PI * 2 ** j * v[d]!), 12);
        expect(out[6 + j * 2 + d]).toBeCloseTo(Math.cos(2 * Math.PI * 2 ** j * v[d]!), 12);
      }
    }
  });

  it('gaussian: B ~ N(0, σ²) from its seed, and ‖γ(v)‖² = m', () => {
    const mapping = { kind: 'gaussian', sigma: 4, features: 20000, seed: 1 } as const;
    const b = mappingMatrix(mapping, 1)!;
    const mean = b.reduce((s, x) => s + x, 0) / b.length;
    const std = Math.sqrt(b.reduce((s, x) => s + (x - mean) ** 2, 0) / b.length);
    expect(Math.abs(mean)).toBeLessThan(0.1); // standard error 4/√20000 ≈ 0.03
    expect(Math.abs(std - 4)).toBeLessThan(0.1);
    expect(mappingMatrix(mapping, 1)).toEqual(b);
    expect(mappingMatrix({ ...mapping, seed: 2 }, 1)).not.toEqual(b);
    const out = mapInputs({ ...mapping, features: 50 }, 1, [0.37], 1);
    expect(out.reduce((s, x) => s + x * x, 0)).toBeCloseTo(50, 10);
  });
});

describe('mlpNetwork', () => {
  it('has depth + 1 linear layers over the mapped input', () => {
    const net = mlpNetwork(gaussian);
    expect(net.denseLayers.map((l) => [l.inputs, l.outputs])).toEqual([
      [32, 64],
      [64, 64],
      [64, 64],
      [64, 3],
    ]);
    const count = net.specs.reduce((s, spec) => s + paramSize(spec), 0);
    expect(count).toBe(32 * 64 + 64 + 2 * (64 * 64 + 64) + 64 * 3 + 3);
  });

  it('computes the same logits as a plain JS forward pass', () => {
    for (const activation of ['relu', 'tanh', 'gelu', 'sin'] as const) {
      const arch: MlpArch = { ...gaussian, activation, depth: 2, width: 5 };
      const net = mlpNetwork(arch);
      const params = initParams(net, 'pytorch', 11);
      const v = [0.2, -0.7, 0.9, 0.05];
      const logits = tf.tidy(() =>
        net.forward(tf.tensor2d(v, [2, 2]), params, { batchNorm: 'none' }).arraySync(),
      );
      const phi = {
        relu: (h: number) => Math.max(0, h),
        tanh: Math.tanh,
        sin: Math.sin,
        // Exact GELU x·Φ(x), Φ from the erf series below.
        gelu: (h: number) => h * normalCdf(h),
      }[activation];
      for (let i = 0; i < 2; i++) {
        let a = Array.from(mapInputs(arch.mapping, 2, v.slice(2 * i, 2 * i + 2), 1));
        net.denseLayers.forEach((layer, l) => {
          const w = params.get(layer.weight)!.dataSync();
          const b = params.get(layer.bias)!.dataSync();
          const h = Array.from({ length: layer.outputs }, (_, o) =>
            a.reduce((s, x, k) => s + x * w[k * layer.outputs + o]!, b[o]!),
          );
          a = l === net.denseLayers.length - 1 ? h : h.map(phi);
        });
        a.forEach((value, c) => {
          expect(logits[i]![c]).toBeCloseTo(value, 4);
        });
      }
      for (const t of params.values()) t.dispose();
    }
  });

  it('reports each pre-activation, as relu for ReLU and as gelu otherwise', () => {
    for (const [activation, kind] of [
      ['relu', 'relu'],
      ['sin', 'gelu'],
    ] as const) {
      const net = mlpNetwork({ ...gaussian, activation });
      const params = initParams(net, 'kaiming_fan_in', 0);
      const seen: string[] = [];
      tf.tidy(() => {
        net.forward(tf.zeros([4, 2]), params, {
          batchNorm: 'none',
          onActivation: (h, id, k) => {
            expect(h.shape).toEqual([4, 64]);
            seen.push(`${id}:${k}`);
          },
        });
      });
      expect(seen).toEqual([0, 1, 2].map((l) => `fc${l}.${activation}:${kind}`));
      for (const t of params.values()) t.dispose();
    }
  });
});

/** Φ(x) = ½(1 + erf(x/√2)) with erf by its Maclaurin series (|x| small here). */
function normalCdf(x: number): number {
  const z = x / Math.SQRT2;
  let term = z;
  let sum = z;
  for (let n = 1; n < 60; n++) {
    term *= (-z * z) / n;
    sum += term / (2 * n + 1);
  }
  return 0.5 * (1 + (2 / Math.sqrt(Math.PI)) * sum);
}
