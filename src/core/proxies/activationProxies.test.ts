/**
 * Known answers for the activation-pattern proxies: NASWOT's kernel and log-det on hand-made codes,
 * SWAP's count on crafted sign matrices (binary, ternary, several packed words), and on tiny real
 * networks a second, naive computation (codes read straight from onActivation, Hamming distances
 * and distinct columns counted in plain JS, the determinant by Gaussian elimination).
 */
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Batch } from '../data/batch';
import { disposeParams, initParams, type Network } from '../nn/network';
import { paramSize } from '../nn/paramSpec';
import { tf } from '../nn/tf';
import type { Nb201Fidelity } from '../spaces/fidelity';
import { mlpNetwork } from '../spaces/mlp/mlpNetwork';
import { type Nb201Cell, nb201FromString } from '../spaces/nb201/nb201';
import { nb201Network } from '../spaces/nb201/nb201Network';
import { mulberry32, normal } from '../util/prng';
import { binaryCodes, signCodes } from './activationCodes';
import { nwotProxy } from './nwot';
import { hammingKernel, nwotFromKernel } from './nwotScore';
import { regSwapProxy, swapProxy } from './swap';
import { distinctPatterns, regularFactor } from './swapScore';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Row-major [samples, units] from rows. */
const rows = (values: number[][]) => tf.tensor2d(values);

/** Columns (neuron patterns) given as lists over samples → [samples, units]. */
const fromColumns = (columns: number[][]) => rows(columns[0]!.map((_, s) => columns.map((c) => c[s]!)));

async function kernelOf(layers: number[][][]): Promise<{ kernel: Float64Array; units: number }> {
  const n = layers[0]!.length;
  const kernel = new Float64Array(n * n);
  let units = 0;
  for (const codes of layers) {
    const t = rows(codes);
    const k = hammingKernel(t);
    (await k.data()).forEach((v, i) => {
      kernel[i]! += v;
    });
    units += codes[0]!.length;
    t.dispose();
    k.dispose();
  }
  return { kernel, units };
}

/** log|det A| by Gaussian elimination with partial pivoting (float64). */
function logAbsDetByElimination(a: Float64Array, n: number): number {
  const m = Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, i * n + n)));
  let sum = 0;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]![col]!;
    if (p === 0) return Number.NEGATIVE_INFINITY;
    sum += Math.log(Math.abs(p));
    for (let r = col + 1; r < n; r++) {
      const f = m[r]![col]! / p;
      for (let c = col; c < n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  return sum;
}

describe('NASWOT kernel and log-det on hand-made codes', () => {
  it('gives K_ij = units − Hamming distance', async () => {
    // a = 10110, b = 11010, c = 00001: H(a,b) = 2, H(a,c) = 4, H(b,c) = 4; 5 units.
    const { kernel } = await kernelOf([
      [
        [1, 0, 1, 1, 0],
        [1, 1, 0, 1, 0],
        [0, 0, 0, 0, 1],
      ],
    ]);
    expect(Array.from(kernel)).toEqual([5, 3, 1, 3, 5, 1, 1, 1, 5]);
  });

  it('binarises pre-activations at > 0 (zero is off)', async () => {
    const codes = binaryCodes(rows([[-1, 0, 2.5, 1e-30]]));
    expect(Array.from(await codes.data())).toEqual([0, 0, 1, 1]);
    codes.dispose();
  });

  it('log-det of a 2x2 case by hand: K = [[3,1],[1,3]], det 8', async () => {
    // 101 vs 110: Hamming 2 of 3 units.
    const { kernel, units } = await kernelOf([
      [
        [1, 0, 1],
        [1, 1, 0],
      ],
    ]);
    expect(Array.from(kernel)).toEqual([3, 1, 1, 3]);
    const result = nwotFromKernel(kernel, 2, units);
    expect(result.value).toBeCloseTo(Math.log(8), 12);
    expect(result.sign).toBe(1);
  });

  it('sums layers: a 3x3 case by hand, det 44', async () => {
    // Layer 1 (2 units): a = 10, b = 00, c = 11. Layer 2 (2 units): a = 11, b = 10, c = 00.
    // Hamming over 4 units: (a,b) = 1+1 = 2, (a,c) = 1+2 = 3, (b,c) = 2+1 = 3.
    // K = [[4,2,1],[2,4,1],[1,1,4]]: det = 4·15 − 2·7 + 1·(−2) = 44.
    const { kernel, units } = await kernelOf([
      [
        [1, 0],
        [0, 0],
        [1, 1],
      ],
      [
        [1, 1],
        [1, 0],
        [0, 0],
      ],
    ]);
    expect(units).toBe(4);
    expect(Array.from(kernel)).toEqual([4, 2, 1, 2, 4, 1, 1, 1, 4]);
    expect(nwotFromKernel(kernel, 3, units).value).toBeCloseTo(Math.log(44), 12);
  });

  it('returns −∞ when two codes coincide over all layers', async () => {
    // b and c agree on both layers (they differ nowhere), so rows 2 and 3 of K are equal.
    const { kernel, units } = await kernelOf([
      [
        [1, 0],
        [0, 1],
        [0, 1],
      ],
      [[1], [0], [0]],
    ]);
    const result = nwotFromKernel(kernel, 3, units);
    expect(result.coincidingPairs).toBe(1);
    expect(result.value).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('SWAP counts on crafted activation matrices', () => {
  it('counts distinct neuron patterns across layers (binary, by hand)', async () => {
    // 3 samples. Layer 1 neurons: 101, 101, 000, 011 → 3 distinct. Layer 2: 000 (seen), 111 (new).
    const layer1 = fromColumns([
      [1, 0, 1],
      [1, 0, 1],
      [0, 0, 0],
      [0, 1, 1],
    ]);
    const layer2 = fromColumns([
      [0, 0, 0],
      [1, 1, 1],
    ]);
    expect(await distinctPatterns([layer1])).toBe(3);
    expect(await distinctPatterns([layer1, layer2])).toBe(4);
    tf.dispose([layer1, layer2]);
  });

  it('reads ReLU codes as the sign of the output: {0, 1}, zero is off', async () => {
    // Pre-activations of 4 neurons over 3 samples; ReLU outputs' signs: 101, 101, 000, 011.
    const pre = fromColumns([
      [2, -1, 0.5],
      [7, 0, 3],
      [-2, -3, 0],
      [-1, 4, 9],
    ]);
    const codes = signCodes(pre, 'relu');
    expect(await distinctPatterns([codes])).toBe(3);
    tf.dispose([pre, codes]);
  });

  it('uses the ternary sign {−1, 0, +1} for GELU-kind layers (SWAP_Universal)', async () => {
    // Patterns (−,0,+), (+,0,−), (−,0,+) again, (0,0,0): 3 distinct.
    const pre = fromColumns([
      [-2, 0, 3],
      [5, 0, -1],
      [-0.5, 0, 7],
      [0, 0, 0],
    ]);
    const ternary = signCodes(pre, 'gelu');
    expect(Array.from(await ternary.data())).toEqual([-1, 1, -1, 0, 0, 0, 0, 0, 1, -1, 1, 0]);
    expect(await distinctPatterns([ternary])).toBe(3);
    // A ReLU layer with 000 (already seen as a ternary pattern) and 101 (new): one alphabet, 4 in all.
    const binary = fromColumns([
      [0, 0, 0],
      [1, 0, 1],
    ]);
    expect(await distinctPatterns([ternary, binary])).toBe(4);
    tf.dispose([pre, ternary, binary]);
  });

  it('packs long patterns exactly (1 to 3 words, number and string keys)', async () => {
    // A pool of distinct columns; draw neurons from it; the count is the number of pool entries used.
    for (const samples of [3, 15, 16, 20, 33, 34, 40]) {
      const rng = mulberry32(samples);
      const draw = () => Array.from({ length: samples }, () => Math.floor(rng() * 3) - 1);
      // pool[1] differs from pool[0] only in the last sample, the one packed into the top word.
      const first = draw();
      const pool = [first, first.map((d, i) => (i === samples - 1 ? (d === 1 ? 0 : 1) : d))];
      const seen = new Set(pool.map((c) => c.join()));
      // 20 of the 3^samples possible columns (27 for 3 samples).
      while (pool.length < 20) {
        const column = draw();
        if (!seen.has(column.join())) {
          seen.add(column.join());
          pool.push(column);
        }
      }
      const picks = [0, 1, ...Array.from({ length: 300 }, () => Math.floor(rng() * pool.length))];
      const used = new Set(picks);
      const columns = picks.map((i) => pool[i]!);
      const signs = fromColumns(columns);
      expect(await distinctPatterns([signs])).toBe(used.size);
      signs.dispose();
    }
  });
});

const TINY: Nb201Fidelity = { channels: 2, cellsPerStage: 1, batch: 8, classes: 10, resolution: 8 };
const CELL_TEXT =
  '|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|';

function cell(text: string): Nb201Cell {
  const parsed = nb201FromString(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

function randomBatch(n: number, shape: readonly number[], seed: number): Batch {
  const rng = mulberry32(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return {
    x: Float32Array.from({ length: n * size }, () => normal(rng)),
    y: new Int32Array(n),
    n,
    shape,
    spec: `random normal, ${n} samples, seed ${seed}`,
  };
}

/** Pre-activations per layer as [samples][units] arrays, read straight from onActivation. */
function preActivations(net: Network, batch: Batch, init: 'pytorch' | 'normal', seed: number) {
  const params = initParams(net, init, seed);
  const layers: { kind: 'relu' | 'gelu'; values: number[][] }[] = [];
  tf.tidy(() => {
    const x = tf.tensor(batch.x, [batch.n, ...batch.shape]);
    net.forward(x, params, {
      batchNorm: 'train',
      onActivation: (pre, _id, kind) => {
        const flat = tf.reshape(pre, [batch.n, -1]).arraySync() as number[][];
        layers.push({ kind, values: flat });
      },
    });
  });
  disposeParams(params);
  return layers;
}

describe('on a tiny NB201 network (C=2, 1 cell a stage, 8x8, 8 random inputs)', () => {
  const network = nb201Network(cell(CELL_TEXT), TINY);
  const batch = randomBatch(8, network.inputShape, 11);
  const input = (seed: number, params = {}) => ({ network, seed, params, batch });

  it('nwot equals a naive computation (JS Hamming kernel, determinant by elimination)', async () => {
    const layers = preActivations(network, batch, 'pytorch', 3);
    const n = batch.n;
    const kernel = new Float64Array(n * n);
    for (const { values } of layers) {
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let agree = 0;
          values[i]!.forEach((v, u) => {
            if (v > 0 === values[j]![u]! > 0) agree++;
          });
          kernel[i * n + j]! += agree;
        }
      }
    }
    const expected = logAbsDetByElimination(kernel, n);
    const out = await nwotProxy.compute(input(3));
    expect(out.warnings).toEqual([]);
    expect(Number.isFinite(out.value)).toBe(true);
    expect(Math.abs(out.value - expected)).toBeLessThan(1e-9 * Math.abs(expected));
    // 17 ReLUs: 4 cell convs x 3 stages, 2 x 2 in the reductions, the head. Units = C·H·W of each
    // ReLU's input: 4·(2·8·8) + (2·8·8 + 4·4·4) + 4·(4·4·4) + (4·4·4 + 8·2·2) + 4·(8·2·2) + 8·2·2 = 1216.
    expect(layers).toHaveLength(17);
    expect(out.details.layers).toBe(17);
    expect(out.details.units).toBe(1216);
    expect(layers.reduce((s, l) => s + l.values[0]!.length, 0)).toBe(1216);
  });

  it('nwot is deterministic per seed and changes with the seed', async () => {
    const a = (await nwotProxy.compute(input(5))).value;
    expect((await nwotProxy.compute(input(5))).value).toBe(a);
    expect((await nwotProxy.compute(input(6))).value).not.toBe(a);
  });

  it('nwot is −∞ with a warning when two inputs are identical', async () => {
    const twin = { ...batch, x: batch.x.slice() };
    const size = batch.x.length / batch.n;
    twin.x.copyWithin(7 * size, 0, size); // sample 7 := sample 0
    const out = await nwotProxy.compute({ network, seed: 1, params: {}, batch: twin });
    expect(out.value).toBe(Number.NEGATIVE_INFINITY);
    expect(out.details.coincidingPairs).toBe(1);
    expect(out.warnings[0]).toMatch(/identical codes/);
  });

  it('swap equals a naive count of distinct columns of the sign matrix (one init)', async () => {
    const layers = preActivations(network, batch, 'normal', 9);
    const patterns = new Set<string>();
    let neurons = 0;
    for (const { values } of layers) {
      const units = values[0]!.length;
      neurons += units;
      for (let u = 0; u < units; u++) patterns.add(values.map((row) => (row[u]! > 0 ? 1 : 0)).join(''));
    }
    const out = await swapProxy.compute(input(9, { repeats: 1 }));
    expect(out.warnings).toEqual([]);
    expect(out.value).toBe(patterns.size);
    expect(out.details.neurons).toBe(neurons);
    expect(patterns.size).toBeGreaterThan(1);
  });

  it('swap averages the re-initialisations (seeds seed, seed+1, …) and is deterministic', async () => {
    const one = await Promise.all(
      [9, 10, 11].map(async (s) => (await swapProxy.compute(input(s, { repeats: 1 }))).value),
    );
    const out = await swapProxy.compute(input(9, { repeats: 3 }));
    expect(out.details.countsPerInit).toEqual(one);
    expect(out.value).toBeCloseTo((one[0]! + one[1]! + one[2]!) / 3, 12);
    const byDefault = await swapProxy.compute(input(4));
    expect(byDefault.details.repeats).toBe(32);
    expect(Number.isFinite(byDefault.value)).toBe(true);
    expect((await swapProxy.compute(input(4))).value).toBe(byDefault.value);
  });

  it('reg_swap = swap · exp(−(P − μ)²/σ) with P in thousands of parameters', async () => {
    const params = network.specs.reduce((s, spec) => s + paramSize(spec), 0);
    const swap = (await swapProxy.compute(input(2, { repeats: 2 }))).value;
    let reg: Awaited<ReturnType<typeof regSwapProxy.compute>> | undefined;
    // reg_swap reuses swap's pattern count of the same job: no tfjs kernel runs again.
    const profile = await tf.profile(async () => {
      reg = await regSwapProxy.compute(input(2, { repeats: 2, mu: 0.5, sigma: 2 }));
    });
    expect(profile.kernels).toHaveLength(0);
    if (!reg) throw new Error('no reg_swap result');
    expect(reg.details.paramsThousands).toBe(params / 1000);
    expect(reg.value).toBeCloseTo(swap * Math.exp(-((params / 1000 - 0.5) ** 2) / 2), 9);
    expect(regularFactor(3, 3, 1)).toBe(1);
    expect(regularFactor(4, 3, 2)).toBeCloseTo(Math.exp(-0.5), 15);
    const far = await regSwapProxy.compute(input(2, { repeats: 1, mu: 1e6, sigma: 1 }));
    expect(far.value).toBe(0);
    expect(far.warnings[0]).toMatch(/underflows/);
  });

  it('returns sentinels with warnings: dead network, missing batch, bad parameters', async () => {
    const dead = nb201Network(cell('|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|'), TINY);
    const deadInput = { network: dead, seed: 0, params: {}, batch };
    const nwot = await nwotProxy.compute(deadInput);
    expect(nwot.value).toBe(Number.NEGATIVE_INFINITY);
    expect(nwot.warnings[0]).toMatch(/no path/);
    for (const proxy of [swapProxy, regSwapProxy]) {
      const out = await proxy.compute(deadInput);
      expect(out.value).toBe(0);
      expect(out.warnings[0]).toMatch(/no path/);
    }
    for (const proxy of [nwotProxy, swapProxy, regSwapProxy]) {
      const out = await proxy.compute({ network, seed: 0, params: {} });
      expect(out.value).toBeNaN();
      expect(out.warnings[0]).toMatch(/batch/);
    }
    expect((await swapProxy.compute(input(0, { repeats: 0 }))).value).toBeNaN();
    expect((await regSwapProxy.compute(input(0, { sigma: 0 }))).value).toBeNaN();
    expect((await nwotProxy.compute(input(0, { init: 'xavier' }))).value).toBeNaN();
  });
});

describe('on a tanh MLP (GELU-kind codes)', () => {
  it('swap counts ternary sign patterns, as a naive count does', async () => {
    const network = mlpNetwork({
      inputDim: 2,
      depth: 2,
      width: 24,
      activation: 'tanh',
      mapping: { kind: 'none' },
      outputs: 1,
    });
    const batch = randomBatch(6, network.inputShape, 5);
    const layers = preActivations(network, batch, 'normal', 1);
    expect(layers.every((l) => l.kind === 'gelu')).toBe(true);
    const patterns = new Set<string>();
    for (const { values } of layers) {
      for (let u = 0; u < values[0]!.length; u++)
        patterns.add(values.map((row) => Math.sign(row[u]!)).join());
    }
    const out = await swapProxy.compute({ network, seed: 1, params: { repeats: 1 }, batch });
    expect(out.value).toBe(patterns.size);
    const nwot = await nwotProxy.compute({ network, seed: 1, params: {}, batch });
    expect(Number.isFinite(nwot.value)).toBe(true);
  });
});
