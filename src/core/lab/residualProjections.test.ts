import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { symmetricEigen } from '../kernels/eigen';
import { getParam } from '../nn/network';
import { linearSpecs } from '../nn/paramSpec';
import { tf } from '../nn/tf';
import type { DenseLayerNetwork } from '../spaces/mlp/mlpNetwork';
import { mulberry32, normal } from '../util/prng';
import { LAB_LR_FRACTION } from './ntkDescent';
import { labNtk } from './ntkModel';
import { residualProblems, residualProjections, residualProjectionsOn } from './residualProjections';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** f(x) = x·w + 0·b: one dense layer, d inputs, one output, a bias that does nothing (scale 0). */
function linearModel(d: number): DenseLayerNetwork {
  const layer = { weight: 'l0.weight', bias: 'l0.bias', inputs: d, outputs: 1 };
  const forwardDense: DenseLayerNetwork['forwardDense'] = (x, params, _opts, tap) => {
    const a = x as tf.Tensor2D;
    const h = tf.add(
      tf.matMul(a, getParam(params, layer.weight) as tf.Tensor2D),
      tf.mul(getParam(params, layer.bias), 0),
    );
    return tap(0, a, h as tf.Tensor2D);
  };
  return {
    arch: 'linear',
    specs: linearSpecs('l0', d, 1),
    inputShape: [d],
    classes: 1,
    forward: (x, params, opts) => forwardDense(x, params, opts, (_l, _a, h) => h),
    reachesOutput: () => true,
    denseLayers: [layer],
    forwardDense,
  };
}

describe('residual projections', () => {
  it('follow the linearised prediction exactly for a linear model f = Xw, whose NTK is XXᵀ', async () => {
    const n = 8;
    const d = 8;
    const rng = mulberry32(3);
    const xs = Array.from({ length: n * d }, () => normal(rng));
    const w0 = Array.from({ length: d }, () => normal(rng));
    const y = Array.from({ length: n }, (_, j) => Math.sin(j));
    const model = { net: linearModel(d), biasScale: 0 };
    const x = tf.tensor2d(xs, [n, d]);
    const params = new Map([
      ['l0.weight', tf.tensor2d(w0, [d, 1])],
      ['l0.bias', tf.zeros([1])],
    ]);
    // By hand: K = XXᵀ in float64.
    const k = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        for (let c = 0; c < d; c++) k[i * n + j] = k[i * n + j]! + xs[i * d + c]! * xs[j * d + c]!;
      }
    }
    const gram = await labNtk(model, params, x);
    gram.forEach((v, i) => {
      expect(Math.abs(v - k[i]!)).toBeLessThan(1e-5 * Math.abs(k[0]!));
    });
    const lambdas = symmetricEigen(k, n).values;

    const out = await residualProjectionsOn(model, params, x, y, {
      iterations: 60,
      recordEvery: 5,
      directions: [0, 1, 2, 3, 4, 5, 6, 7],
      subtractInitial: false,
    });
    expect(out.lrLimit).toBeCloseTo((2 * n) / lambdas[0]!, 4);
    expect(out.lr).toBeCloseTo(LAB_LR_FRACTION * out.lrLimit, 10);
    out.factors.forEach((f, i) => {
      expect(f).toBeCloseTo(Math.abs(1 - (out.lr * lambdas[i]!) / n), 5);
    });
    expect(out.records.map((r) => r.iteration)).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60]);
    // GD on a linear model is exactly linear: measured = predicted up to float32 rounding, which
    // over 60 steps stays below 1e-6 of ‖r_0‖ (measured: 5e-8 at most).
    let r0 = 0;
    for (let j = 0; j < n; j++) {
      let f = 0;
      for (let c = 0; c < d; c++) f += xs[j * d + c]! * w0[c]!;
      r0 += (f - y[j]!) ** 2;
    }
    const scale = Math.sqrt(r0);
    for (const record of out.records) {
      record.measured.forEach((m, i) => {
        expect(Math.abs(m - record.predicted[i]!)).toBeLessThan(1e-6 * scale);
      });
      expect(Math.abs(record.mse - record.predictedMse)).toBeLessThan(1e-6 * (r0 / n));
    }
    // And the prediction is not trivially flat: the slowest direction has not decayed, the fastest has.
    const last = out.records.at(-1)!;
    expect(last.predicted[0]!).toBeLessThan(1e-3 * out.records[0]!.predicted[0]!);
    expect(last.predicted[7]!).toBeGreaterThan(0.5 * out.records[0]!.predicted[7]!);
    x.dispose();
    for (const t of params.values()) t.dispose();
  });

  it('follow the prediction closely for the first directions of a wide 2-layer ReLU net', async () => {
    // Width 512, 16 circle points, y = cos 2t + ½ sin t, 100 steps at η = 0.25·2n/λ_max, the initial
    // function subtracted (r_0 = −y). Tolerance: |measured − predicted| ≤ 0.02·‖r_0‖ at every record
    // for the top 5 directions; the net's departure from its linearisation gave 0.0055, 0.0064 and
    // 0.0051 with seeds 0–2 (0.0046–0.0077 at width 2048). The predicted factors per step are
    // 0.5–0.98, so a wrong kernel shows within tens of steps.
    const n = 16;
    const target = Array.from(
      { length: n },
      (_, j) => Math.cos((4 * Math.PI * j) / n) + 0.5 * Math.sin((2 * Math.PI * j) / n),
    );
    const out = await residualProjections({
      arch: { depth: 1, activation: 'relu', mapping: { kind: 'none' } },
      width: 512,
      points: { kind: 'circle', n },
      seed: 0,
      target,
      iterations: 100,
      recordEvery: 10,
      directions: [0, 1, 2, 3, 4],
    });
    expect(out.records).toHaveLength(11);
    const first = out.records[0]!;
    const norm = Math.sqrt(target.reduce((s, v) => s + v * v, 0));
    // r_0 = −y, projected on the returned eigenvectors by hand.
    out.eigenvectors.forEach((v, i) => {
      expect(first.measured[i]!).toBeCloseTo(Math.abs(target.reduce((s, y, j) => s + y * v[j]!, 0)), 5);
    });
    for (const record of out.records) {
      record.measured.forEach((m, i) => {
        expect(Math.abs(m - record.predicted[i]!)).toBeLessThan(0.02 * norm);
      });
    }
    // The residual did shrink (so the comparison is not of two constants), and what was fitted is
    // returned: the prediction is y + r_T.
    expect(out.records.at(-1)!.mse).toBeLessThan(0.1 * first.mse);
    let mse = 0;
    out.prediction.forEach((f, j) => {
      mse += (f - target[j]!) ** 2 / n;
    });
    expect(mse).toBeCloseTo(out.records.at(-1)!.mse, 5);
  });

  it('refuses a learning rate at or above the stability limit, and names bad settings', async () => {
    const config = {
      arch: { depth: 1, activation: 'relu', mapping: { kind: 'none' } },
      width: 16,
      points: { kind: 'grid', n: 8 },
      seed: 0,
      target: [0, 1, 0, -1, 0, 1, 0, -1],
      iterations: 10,
      recordEvery: 5,
      lr: 1e6,
    } as const;
    await expect(residualProjections(config)).rejects.toThrow(/stability limit 2n\/λ_max/);
    const problems = residualProblems({
      ...config,
      target: [1, 2, 3],
      iterations: 0,
      recordEvery: 0.5,
      directions: [8],
      lrFraction: 2,
    }).join(' | ');
    expect(problems).toMatch(/iterations must be an integer/);
    expect(problems).toMatch(/record interval/);
    expect(problems).toMatch(/eigen-direction 8 does not exist: ranks go from 0 to 7/);
    expect(problems).toMatch(/fraction of the stability limit/);
    expect(problems).toMatch(/the target has 3 values for 8 points/);
  });
});
