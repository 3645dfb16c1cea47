import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { empiricalNtk } from '../kernels/ntk';
import { reluNtk } from '../kernels/reluNtk';
import { disposeParams, initParams } from '../nn/network';
import { tf } from '../nn/tf';
import { mlpNetwork } from '../spaces/mlp/mlpNetwork';
import { ntkConvergence, ntkConvergenceProblems } from './ntkConvergence';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const TWO_LAYER_RELU = { depth: 1, activation: 'relu', mapping: { kind: 'none' } } as const;

describe('ntkConvergence', () => {
  it('the empirical NTK of a 2-layer ReLU net approaches the closed form as width grows (error at width 4096 < error at 64)', async () => {
    // 16 points on the circle, biases on (σ_b = 1), so the bias gradients must be counted for the
    // errors to shrink. Fluctuations fall like 1/√width: 8x from 64 to 4096. Measured with seeds
    // 0–3: Frobenius 0.131 → 0.023 (seeds 10–13: 0.138 → 0.016, 20–23: 0.152 → 0.020); a Θ̂ without
    // the bias gradients stays at 0.52 at both widths. We ask for a 3x drop and below 5% at 4096.
    const { rows } = await ntkConvergence([64, 4096], {
      arch: TWO_LAYER_RELU,
      points: { kind: 'circle', n: 16 },
    });
    const [narrow, wide] = rows;
    expect(wide!.relativeFrobenius).toBeLessThan(narrow!.relativeFrobenius);
    expect(wide!.relativeFrobenius).toBeLessThan(narrow!.relativeFrobenius / 3);
    expect(wide!.relativeFrobenius).toBeLessThan(0.05);
    expect(wide!.relativeMaxAbs).toBeLessThan(narrow!.relativeMaxAbs);
    expect(wide!.frobeniusPerInit).toHaveLength(4);
  });

  it('without biases reproduces, per initialisation, the comparison of kernels/ntk.test.ts', async () => {
    // Its 2-D inputs, σ_w = √2, σ_b = 0, 'normal' init: Θ̂ from empiricalNtk on mlpNetwork, Θ∞ from
    // reluNtk, compared with max |Θ̂ − Θ∞| / max |Θ∞| (that test measured a mean of 0.28 at width 64).
    const x = [1, 0, 0.6, 0.8, -1, 0.5, 0.3, -2, 0, 1];
    const out = await ntkConvergence([64], {
      arch: TWO_LAYER_RELU,
      points: { kind: 'inputs', values: x, dim: 2 },
      biasStd: 0,
      inits: 2,
      seed: 1,
    });
    const net = mlpNetwork(
      { inputDim: 2, depth: 1, width: 64, activation: 'relu', mapping: { kind: 'none' }, outputs: 1 },
      { parameterization: 'ntk', weightStd: Math.SQRT2 },
    );
    const infinite = reluNtk(x, null, 2, { hiddenLayers: 1, weightStd: Math.SQRT2 }).ntk;
    const input = tf.tensor2d(x, [5, 2]);
    for (const [k, seed] of [1, 2].entries()) {
      const params = initParams(net, 'normal', seed);
      const gram = await empiricalNtk(net, params, input, { batchNorm: 'none' });
      disposeParams(params);
      const scale = Math.max(...infinite.map(Math.abs));
      const expected = Math.max(...gram.map((v, i) => Math.abs(v - infinite[i]!))) / scale;
      expect(out.rows[0]!.maxAbsPerInit[k]).toBeCloseTo(expected, 6);
    }
    input.dispose();
    expect(out.rows[0]!.relativeMaxAbs).toBeGreaterThan(0.05); // width 64 is visibly off
  });

  it('names every problem of a bad request in plain words', () => {
    const problems = ntkConvergenceProblems([0, 64], {
      arch: { ...TWO_LAYER_RELU, activation: 'tanh' },
      points: { kind: 'grid', n: 1 },
      inits: 0,
    });
    expect(problems.join(' | ')).toMatch(/number of points/);
    expect(problems.join(' | ')).toMatch(/width must be an integer/);
    expect(problems.join(' | ')).toMatch(/ReLU networks only/);
    expect(problems.join(' | ')).toMatch(/initialisations per width/);
  });
});
