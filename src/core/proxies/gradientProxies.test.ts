/**
 * Known answers for the gradient proxies on hand-built networks whose loss gradients have closed
 * forms. For a linear softmax classifier z = Wᵀx with mean cross-entropy,
 *   ∂L/∂W = Xᵀ R,  R = (softmax(XW) − onehot(y)) / N,
 *   H·V   = (1/N) Σ_n x_n [(diag p_n − p_n p_nᵀ) Vᵀ x_n]ᵀ,
 * all evaluated here in float64 without autodiff.
 */
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { freeProblem, GENERIC_LINEAR_CASE, handProblem, linearNet } from '../../test/linearLossProblem';
import type { Batch } from '../data/batch';
import { type ForwardOptions, getParam, initParams, type Network } from '../nn/network';
import type { ParamSpec } from '../nn/paramSpec';
import { tf } from '../nn/tf';
import { fisherProxy } from './fisher';
import { fisherOf } from './fisherScore';
import { gradAlignDetProxy, gradAlignNormProxy, gradAlignProxy } from './gradAlign';
import { alignmentFromGram, gradAlignDetOf, gradAlignOf, logDetFromGram } from './gradAlignScore';
import { gradNormProxy } from './gradNorm';
import { gradNormOf } from './gradNormScore';
import { graspProxy } from './grasp';
import { graspOf } from './graspScore';
import { jacobCovProxy } from './jacobCov';
import { jacobCovOf } from './jacobCovScore';
import { snipProxy } from './snip';
import { snipOf } from './snipScore';
import { zicoProxy } from './zico';
import { zicoFromGradients, zicoOf } from './zicoScore';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Mat = number[][];

const matMul = (a: Mat, b: Mat): Mat =>
  a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
const transpose = (a: Mat): Mat => a[0]!.map((_, j) => a.map((row) => row[j]!));
const sumAll = (a: Mat, f: (v: number) => number = (v) => v) =>
  a.reduce((s, row) => s + row.reduce((t, v) => t + f(v), 0), 0);
const hadamard = (a: Mat, b: Mat): Mat => a.map((row, i) => row.map((v, j) => v * b[i]![j]!));

function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** R = (softmax(Z) − onehot(y)) / N. */
function residual(z: Mat, y: number[]): Mat {
  return z.map((row, n) => softmax(row).map((p, k) => (p - (k === y[n] ? 1 : 0)) / z.length));
}

/** H·V of the mean cross-entropy of a linear softmax model (closed form above). */
function linearHessianTimes(x: Mat, w: Mat, v: Mat): Mat {
  const z = matMul(x, w);
  const out = w.map((row) => row.map(() => 0));
  z.forEach((zn, n) => {
    const p = softmax(zn);
    const xn = x[n]!;
    const u = matMul([xn], v)[0]!; // Vᵀ x_n
    const pu = p.reduce((s, pk, k) => s + pk * u[k]!, 0);
    const ju = p.map((pk, k) => pk * (u[k]! - pu)); // (diag p − p pᵀ) u
    for (let i = 0; i < xn.length; i++) {
      for (let k = 0; k < ju.length; k++) out[i]![k]! += (xn[i]! * ju[k]!) / x.length;
    }
  });
  return out;
}

const frobenius = (a: Mat) => Math.sqrt(sumAll(a, (v) => v * v));

function layerOutput(opts: unknown, y: tf.Tensor, name: string): tf.Tensor {
  const hook = (opts as ForwardOptions).atLayerOutput;
  return hook ? hook(y, name) : y;
}

function linearSpec(name: string, inputs: number, outputs: number): ParamSpec {
  return { name, shape: [inputs, outputs], role: 'linear_weight', fanIn: inputs, fanOut: outputs };
}

/** z = W2ᵀ W1ᵀ x: two linear layers, no nonlinearity. */
function twoLayerNet(d: number, h: number, c: number): Network {
  return {
    arch: `linear ${d}→${h}→${c}`,
    specs: [linearSpec('l1.weight', d, h), linearSpec('l2.weight', h, c)],
    inputShape: [d],
    classes: c,
    forward: (x, params, opts) => {
      const a1 = layerOutput(
        opts,
        tf.matMul(x as tf.Tensor2D, getParam(params, 'l1.weight') as tf.Tensor2D),
        'l1.weight',
      );
      return layerOutput(
        opts,
        tf.matMul(a1 as tf.Tensor2D, getParam(params, 'l2.weight') as tf.Tensor2D),
        'l2.weight',
      ) as tf.Tensor2D;
    },
    reachesOutput: () => true,
  };
}

/** 3x3 'same' convolution (cin→c) on 4x4 maps, 2x2 average pooling, global mean: logits [N, c]. */
function convNet(cin: number, c: number): Network {
  return {
    arch: `conv3x3 ${cin}→${c}, avgpool, mean`,
    specs: [{ name: 'conv.weight', shape: [3, 3, cin, c], role: 'conv', fanIn: 9 * cin, fanOut: 9 * c }],
    inputShape: [4, 4, cin],
    classes: c,
    forward: (x, params, opts) => {
      const y = layerOutput(
        opts,
        tf.conv2d(x as tf.Tensor4D, getParam(params, 'conv.weight') as tf.Tensor4D, 1, 'same'),
        'conv.weight',
      );
      return tf.mean(tf.avgPool(y as tf.Tensor4D, 2, 2, 'valid'), [1, 2]) as tf.Tensor2D;
    },
    reachesOutput: () => true,
  };
}

/**
 * The conv net is linear in its weight: z_n = Φ_n W with Φ_n[(kh·3 + kw)·cin + ci] the mean over
 * the 16 output positions of the zero-padded input at offset (kh, kw), channel ci.
 */
function convFeatures(images: number[][][][], cin: number): Mat {
  return images.map((img) => {
    const phi: number[] = [];
    for (let kh = 0; kh < 3; kh++) {
      for (let kw = 0; kw < 3; kw++) {
        for (let ci = 0; ci < cin; ci++) {
          let s = 0;
          for (let i = 0; i < 4; i++) {
            for (let j = 0; j < 4; j++) s += img[i + kh - 1]?.[j + kw - 1]?.[ci] ?? 0;
          }
          phi.push(s / 16);
        }
      }
    }
    return phi;
  });
}

const relClose = (actual: number, expected: number, tol = 1e-5) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
/** Relative agreement, for values far from 1 in size. */
const strictlyClose = (actual: number, expected: number, tol: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.abs(expected));

const X: Mat = GENERIC_LINEAR_CASE.X.map((row) => [...row]);
const Y = [...GENERIC_LINEAR_CASE.Y];
const W: Mat = GENERIC_LINEAR_CASE.W.map((row) => [...row]);
const G = matMul(transpose(X), residual(matMul(X, W), Y)); // ∂L/∂W

describe('grad_norm', () => {
  it('is 0.5 for W = 0, X = I₂, y = (0, 1): ∂L/∂W = [[−¼, ¼], [¼, −¼]]', async () => {
    const p = handProblem(linearNet(2, 2), { 'fc.weight': [0, 0, 0, 0] }, [1, 0, 0, 1], [0, 1]);
    expect((await gradNormOf(p)).value).toBeCloseTo(0.5, 6);
    freeProblem(p);
  });

  it('equals ‖Xᵀ R‖_F for a linear softmax model', async () => {
    const p = handProblem(linearNet(3, 4), { 'fc.weight': W.flat() }, X.flat(), Y);
    relClose((await gradNormOf(p)).value, frobenius(G));
    freeProblem(p);
  });

  it('sums the per-layer norms of a two-layer network', async () => {
    const w1: Mat = [
      [0.4, -0.3],
      [0.2, 0.6],
      [-0.5, 0.1],
    ];
    const w2: Mat = [
      [0.7, -0.2, 0.3, 0.5],
      [-0.6, 0.4, 0.1, -0.3],
    ];
    const h = matMul(X, w1);
    const r = residual(matMul(h, w2), Y);
    const g1 = matMul(transpose(X), matMul(r, transpose(w2)));
    const g2 = matMul(transpose(h), r);
    const p = handProblem(
      twoLayerNet(3, 2, 4),
      { 'l1.weight': w1.flat(), 'l2.weight': w2.flat() },
      X.flat(),
      Y,
    );
    const out = await gradNormOf(p);
    relClose(out.value, frobenius(g1) + frobenius(g2));
    relClose((out.details.perLayer as number[])[1]!, frobenius(g2));
    freeProblem(p);
  });
});

describe('snip', () => {
  it('equals Σ |W ⊙ Xᵀ R| for a linear softmax model', async () => {
    const p = handProblem(linearNet(3, 4), { 'fc.weight': W.flat() }, X.flat(), Y);
    relClose((await snipOf(p)).value, sumAll(hadamard(W, G), Math.abs));
    freeProblem(p);
  });
});

describe('grasp', () => {
  it('equals −Σ W ⊙ (H g) with the closed-form Hessian of a linear softmax model', async () => {
    const p = handProblem(linearNet(3, 4), { 'fc.weight': W.flat() }, X.flat(), Y);
    const expected = -sumAll(hadamard(W, linearHessianTimes(X, W, G)));
    expect(Math.abs(expected)).toBeGreaterThan(1e-2);
    strictlyClose((await graspOf(p)).value, expected, 1e-4);
    freeProblem(p);
  });

  it('divides the logits by T before the loss', async () => {
    const p = handProblem(linearNet(3, 4), { 'fc.weight': W.flat() }, X.flat(), Y);
    // Logits/2 are the logits of W/2: g_T = ½ g(W/2), H_T = ¼ H(W/2), so −Σ W ⊙ H_T g_T = ¼ grasp(W/2).
    const half = W.map((row) => row.map((v) => v / 2));
    const gHalf = matMul(transpose(X), residual(matMul(X, half), Y));
    const expected = -sumAll(hadamard(half, linearHessianTimes(X, half, gHalf))) / 4;
    expect(Math.abs(expected)).toBeGreaterThan(1e-3);
    strictlyClose((await graspOf(p, 2)).value, expected, 1e-4);
    freeProblem(p);
  });

  it('differentiates twice through a padded convolution and average pooling (closed form on Φ)', async () => {
    const cin = 2;
    const c = 3;
    const images = [0, 1, 2].map((n) =>
      Array.from({ length: 4 }, (_, i) =>
        Array.from({ length: 4 }, (_, j) =>
          Array.from(
            { length: cin },
            (_, ci) => (n - 1) * (ci + 1) + Math.sin(1 + n * 7 + i * 3 + j * 1.3 + ci * 0.7),
          ),
        ),
      ),
    );
    const labels = [1, 0, 2];
    const wConv = Array.from({ length: 9 * cin * c }, (_, i) => Math.cos(i * 0.9));
    const wMat: Mat = Array.from({ length: 9 * cin }, (_, r) => wConv.slice(r * c, r * c + c));
    const phi = convFeatures(images, cin);
    const g = matMul(transpose(phi), residual(matMul(phi, wMat), labels));
    const p = handProblem(convNet(cin, c), { 'conv.weight': wConv }, images.flat(3), labels);
    relClose((await gradNormOf(p)).value, frobenius(g));
    const tileGradient = tf.getGradient(tf.Tile);
    const expected = -sumAll(hadamard(wMat, linearHessianTimes(phi, wMat, g)));
    expect(Math.abs(expected)).toBeGreaterThan(1e-3);
    strictlyClose((await graspOf(p)).value, expected, 1e-3);
    // grasp's extra gradients are scoped to its own computation.
    expect(tf.getGradient(tf.Tile)).toBe(tileGradient);
    expect(tf.getGradient(tf.AvgPoolGrad)).toBeUndefined();
    freeProblem(p);
  });
});

describe('fisher', () => {
  /** fan_in · Σ_k ½ mean_n (a_nk δ_nk)² for one layer with output a and output gradient δ. */
  const fisherLayer = (fanIn: number, a: Mat, delta: Mat) =>
    fanIn *
    sumAll([
      a[0]!.map((_, k) => 0.5 * (a.reduce((s, an, n) => s + (an[k]! * delta[n]![k]!) ** 2, 0) / a.length)),
    ]);

  it('equals D · Σ_k ½ mean_n (z_nk R_nk)² for a linear softmax model', async () => {
    const z = matMul(X, W);
    const p = handProblem(linearNet(3, 4), { 'fc.weight': W.flat() }, X.flat(), Y);
    relClose((await fisherOf(p)).value, fisherLayer(3, z, residual(z, Y)));
    freeProblem(p);
  });

  it('adds the layers of a two-layer network, each weighted by its fan-in', async () => {
    const w1: Mat = [
      [0.4, -0.3],
      [0.2, 0.6],
      [-0.5, 0.1],
    ];
    const w2: Mat = [
      [0.7, -0.2, 0.3, 0.5],
      [-0.6, 0.4, 0.1, -0.3],
    ];
    const a1 = matMul(X, w1);
    const a2 = matMul(a1, w2);
    const r = residual(a2, Y);
    const expected = fisherLayer(3, a1, matMul(r, transpose(w2))) + fisherLayer(2, a2, r);
    const p = handProblem(
      twoLayerNet(3, 2, 4),
      { 'l1.weight': w1.flat(), 'l2.weight': w2.flat() },
      X.flat(),
      Y,
    );
    relClose((await fisherOf(p)).value, expected);
    freeProblem(p);
  });

  it('sums a·∂L/∂a over space for a convolution: g_nk = z_nk R_nk, weighted by 9·C_in', async () => {
    const cin = 2;
    const c = 3;
    const images = [0, 1].map((n) =>
      Array.from({ length: 4 }, (_, i) =>
        Array.from({ length: 4 }, (_, j) =>
          Array.from({ length: cin }, (_, ci) => Math.cos(n * 5 + i * 2.1 + j + ci)),
        ),
      ),
    );
    const labels = [2, 1];
    const wConv = Array.from({ length: 9 * cin * c }, (_, i) => 0.25 * Math.sin(i * 1.7));
    const wMat: Mat = Array.from({ length: 9 * cin }, (_, r) => wConv.slice(r * c, r * c + c));
    const z = matMul(convFeatures(images, cin), wMat);
    // δ = R/16 at every one of the 16 positions, so Σ_space a·δ = R · mean_space a = R · z.
    const p = handProblem(convNet(cin, c), { 'conv.weight': wConv }, images.flat(3), labels);
    relClose((await fisherOf(p)).value, fisherLayer(9 * cin, z, residual(z, labels)));
    freeProblem(p);
  });

  it('returns NaN with a warning when the network does not report its layer outputs', async () => {
    const silent: Network = {
      ...linearNet(3, 4),
      forward: (x, params) => tf.matMul(x as tf.Tensor2D, getParam(params, 'fc.weight') as tf.Tensor2D),
    };
    const p = handProblem(silent, { 'fc.weight': W.flat() }, X.flat(), Y);
    const out = await fisherOf(p);
    expect(out.value).toBeNaN();
    expect(out.warnings[0]).toMatch(/atLayerOutput/);
    freeProblem(p);
  });
});

/** z = (x ⊙ x) w: one output, input Jacobian J_n = 2 w ⊙ x_n, different for every sample. */
function squareNet(d: number): Network {
  return {
    arch: `square ${d}→1`,
    specs: [linearSpec('w.weight', d, 1)],
    inputShape: [d],
    classes: 1,
    forward: (x, params) =>
      tf.matMul(tf.square(x as tf.Tensor2D), getParam(params, 'w.weight') as tf.Tensor2D),
    reachesOutput: () => true,
  };
}

describe('jacob_cov', () => {
  const k = 1e-5;
  const score = (eigenvalues: number[]) =>
    -eigenvalues.reduce((s, l) => s + Math.log(l + k) + 1 / (l + k), 0);

  it('gives −3[log(1+k) + 1/(1+k)] when the centred Jacobian rows are orthogonal (R = I)', async () => {
    const rows = [
      [1, -1, 0, 0],
      [0, 0, 1, -1],
      [1, 1, -1, -1],
    ];
    const p = handProblem(squareNet(4), { 'w.weight': [1, 1, 1, 1] }, rows.flat(), [0, 0, 0]);
    relClose((await jacobCovOf(p)).value, score([1, 1, 1]), 1e-9);
    freeProblem(p);
  });

  it('gives eigenvalues 1 ± r for two samples with correlation r = ½', async () => {
    // J = 2x: centred (−1, 0, 1) and (−1, 1, 0), correlation 1/2.
    const p = handProblem(squareNet(3), { 'w.weight': [1, 1, 1] }, [1, 2, 3, 1, 3, 2], [0, 0]);
    const out = await jacobCovOf(p);
    relClose(out.value, score([1.5, 0.5]), 1e-7);
    expect((out.details.eigenvalues as number[])[0]).toBeCloseTo(1.5, 6);
    freeProblem(p);
  });

  it('handles a linear map: every J_n = W·1, R = all ones, eigenvalues N, 0, …, 0', async () => {
    // z = Wᵀx with W = (1, 2, 3)ᵀ: J_n = (1, 2, 3) for every sample.
    const p = handProblem(linearNet(3, 1), { 'fc.weight': [1, 2, 3] }, X.flat(), [0, 0, 0, 0, 0]);
    relClose((await jacobCovOf(p)).value, score([5, 0, 0, 0, 0]), 1e-7);
    freeProblem(p);
  });

  it('returns NaN with a warning when a Jacobian row is constant (corrcoef undefined)', async () => {
    const p = handProblem(linearNet(3, 1), { 'fc.weight': [1, 1, 1] }, X.flat(), [0, 0, 0, 0, 0]);
    const out = await jacobCovOf(p);
    expect(out.value).toBeNaN();
    expect(out.warnings[0]).toMatch(/constant/);
    freeProblem(p);
  });
});

describe('zico', () => {
  it('follows compute_zico.py on listed gradients: log Σ mean|g|/std over non-zero std, zero-std layers skipped', () => {
    // Layer 1: std = (1, 0, 1), mean|g| = (2, ·, 1): 2 + 1 = 3. Layer 2: std 0 everywhere, skipped.
    const out = zicoFromGradients(
      [Float32Array.from([1, -1, 2]), Float32Array.from([0.5])],
      [Float32Array.from([3, -1, 0]), Float32Array.from([0.5])],
    );
    expect(out.value).toBeCloseTo(Math.log(3), 12);
    expect(out.skipped).toBe(1);
  });

  it('records g₁ and g₁ + g₂ of the two half-batches (accumulate) or g₁ and g₂ (per batch)', async () => {
    const halfGradient = (rows: number[]) =>
      matMul(
        transpose(rows.map((i) => X[i]!)),
        residual(
          matMul(
            rows.map((i) => X[i]!),
            W,
          ),
          rows.map((i) => Y[i]!),
        ),
      ).flat();
    const g1 = halfGradient([0, 1]); // N = 5: halves of 2 and 3 (N//2)
    const g2 = halfGradient([2, 3, 4]);
    const expected = (second: number[]) => {
      let sum = 0;
      g1.forEach((a, j) => {
        const b = second[j]!;
        if (a !== b) sum += (Math.abs(a) + Math.abs(b)) / Math.abs(a - b);
      });
      return Math.log(sum);
    };
    const p = handProblem(linearNet(3, 4), { 'fc.weight': W.flat() }, X.flat(), Y);
    relClose((await zicoOf(p, true)).value, expected(g1.map((a, j) => a + g2[j]!)), 1e-4);
    relClose((await zicoOf(p, false)).value, expected(g2), 1e-4);
    freeProblem(p);
  });
});

describe('gradalign and gradalign_det', () => {
  // W = 0, two classes: g_n = x_n ⊗ (p − e_y) with p = (½, ½), so (x, y=0) and (x, y=1) give
  // opposite gradients and inputs (1, 0), (0, 1) orthogonal ones of equal norm.
  const run = async (x: number[], y: number[]) => {
    const p = handProblem(linearNet(2, 2), { 'fc.weight': [0, 0, 0, 0] }, x, y);
    const out = { align: await gradAlignOf(p), det: await gradAlignDetOf(p) };
    freeProblem(p);
    return out;
  };
  const ridge = 1e-6;

  it('gives 1 and log((1+ε)² − 1) for identical gradients', async () => {
    const { align, det } = await run([1, 0, 1, 0], [0, 0]);
    relClose(align.value, 1, 1e-6);
    relClose(det.value, Math.log((1 + ridge) ** 2 - 1), 1e-6);
  });

  it('gives 1/3 and log(3+ε) + 2 log ε for gradients g, g, −g', async () => {
    const { align, det } = await run([1, 0, 1, 0, 1, 0], [0, 0, 1]);
    relClose(align.value, 1 / 3, 1e-6);
    relClose(det.value, Math.log(3 + ridge) + 2 * Math.log(ridge), 1e-6);
  });

  it('gives 1/√2 and 2 log(1+ε) for two orthogonal gradients of equal norm', async () => {
    const { align, det } = await run([1, 0, 0, 1], [0, 0]);
    relClose(align.value, Math.SQRT1_2, 1e-6);
    relClose(det.value, 2 * Math.log(1 + ridge), 1e-6);
  });

  it('returns NaN with a warning when the mean gradient is zero (g, −g)', async () => {
    const { align } = await run([1, 0, 1, 0], [0, 1]);
    expect(align.value).toBeNaN();
    expect(align.warnings[0]).toMatch(/mean gradient is zero/);
  });

  it('reads cosines and the ridge log-det straight from a Gram matrix', () => {
    // g₁ = (1, 0), g₂ = (1, 1): K = [[1, 1], [1, 2]]; ḡ = (1, ½); cos = 2/√5 and 3/√10.
    const k = [1, 1, 1, 2];
    relClose(alignmentFromGram(k, 2).meanCosine, (2 / Math.sqrt(5) + 3 / Math.sqrt(10)) / 2, 1e-12);
    // Unit rows: off-diagonal 1/√2, det = (1+ε)² − ½.
    relClose(logDetFromGram(k, 2), Math.log((1 + ridge) ** 2 - 0.5), 1e-12);
  });
});

describe('registry entries', () => {
  const all = [
    gradNormProxy,
    snipProxy,
    graspProxy,
    fisherProxy,
    jacobCovProxy,
    zicoProxy,
    gradAlignProxy,
    gradAlignDetProxy,
    gradAlignNormProxy,
  ];

  it('carry the fixed ids, need data, and flag only GradAlign as our reading', () => {
    expect(all.map((p) => p.id)).toEqual([
      'grad_norm',
      'snip',
      'grasp',
      'fisher',
      'jacob_cov',
      'zico',
      'gradalign',
      'gradalign_det',
      'gradalign_norm',
    ]);
    for (const p of all) expect(p.needsData).toBe(true);
    expect(all.filter((p) => p.ourReading).map((p) => p.id)).toEqual([
      'gradalign',
      'gradalign_det',
      'gradalign_norm',
    ]);
    expect(jacobCovProxy.needsLabels).toBe(false);
    expect(gradAlignProxy.formula).toContain('mean_i cos(g_i, ḡ)');
  });

  it('compute() initialises the weights from the seed and scores the given batch', async () => {
    const net = linearNet(3, 4);
    const batch: Batch = {
      x: Float32Array.from(X.flat()),
      y: Int32Array.from(Y),
      n: 5,
      shape: [3],
      spec: 'hand',
    };
    const init = initParams(net, 'pytorch', 7);
    const w0 = Array.from(init.get('fc.weight')!.dataSync());
    init.get('fc.weight')!.dispose();
    const w0Mat: Mat = [0, 1, 2].map((i) => w0.slice(i * 4, i * 4 + 4));
    const g0 = matMul(transpose(X), residual(matMul(X, w0Mat), Y));
    const out = await gradNormProxy.compute({ network: net, seed: 7, params: { init: 'pytorch' }, batch });
    relClose(out.value, frobenius(g0));
    relClose(
      (await snipProxy.compute({ network: net, seed: 7, params: {}, batch })).value,
      sumAll(hadamard(w0Mat, g0), Math.abs),
    );
  });

  it('returns NaN with a warning when no batch is given or the init scheme is unknown', async () => {
    const net = linearNet(3, 4);
    for (const proxy of all) {
      const out = await proxy.compute({ network: net, seed: 0, params: {} });
      expect(out.value).toBeNaN();
      expect(out.warnings[0]).toMatch(/batch/);
    }
    const batch: Batch = {
      x: Float32Array.from(X.flat()),
      y: Int32Array.from(Y),
      n: 5,
      shape: [3],
      spec: 'hand',
    };
    const out = await gradNormProxy.compute({ network: net, seed: 0, params: { init: 'xavier' }, batch });
    expect(out.value).toBeNaN();
    expect(out.warnings[0]).toMatch(/init/);
  });
});
