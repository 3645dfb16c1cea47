/**
 * zico (Li et al., ICLR 2023; SLDGroup/ZiCo ZeroShotProxy/compute_zico.py, and NASLib's port, which
 * splits one batch into two halves: split_data = 2): the gradient of the mean cross-entropy of each
 * half-batch with respect to every conv/linear weight, BatchNorm in train mode; per weight
 * mean_b|G_b| / std_b(G_b) over the two recorded gradients (numpy's population std), summed over the
 * weights of a layer whose std is non-zero; score = Σ_layers log of that sum, layers with no non-zero
 * std skipped.
 *
 * The released code never zeroes gradients between the two backward passes, so what it records for
 * the second half is the running sum g₁ + g₂, not g₂. `accumulate: true` (default) reproduces that;
 * `accumulate: false` is the paper's per-batch statistic (std over g₁, g₂).
 */
import { tf } from '../nn/tf';
import { type LossProblem, weightLossGradients, withLossSetup } from './lossGradients';
import type { ProxyInput, ProxyOutput } from './types';

export interface ZicoLayers {
  /** log Σ mean|G|/std per layer; NaN for a layer skipped because every std is zero. */
  perLayer: number[];
  value: number;
  skipped: number;
}

/** ZiCo from the two recorded gradients of each layer (compute_zico.py caculate_zico). */
export function zicoFromGradients(
  first: readonly Float32Array[],
  second: readonly Float32Array[],
): ZicoLayers {
  let value = 0;
  let skipped = 0;
  const perLayer = first.map((a, layer) => {
    const b = second[layer]!;
    let sum = 0;
    for (let j = 0; j < a.length; j++) {
      const std = Math.abs(a[j]! - b[j]!) / 2;
      if (std !== 0) sum += (Math.abs(a[j]!) + Math.abs(b[j]!)) / 2 / std;
    }
    if (sum === 0) {
      skipped++;
      return Number.NaN;
    }
    value += Math.log(sum);
    return Math.log(sum);
  });
  return { perLayer, value, skipped };
}

/** The gradients the reference records for the two halves of the batch, per weight. */
export async function zicoHalfGradients(
  problem: LossProblem,
  accumulate: boolean,
): Promise<{ first: Float32Array[]; second: Float32Array[] }> {
  const { network, params, weights, x, labels } = problem;
  const n = x.shape[0]!;
  const half = Math.floor(n / 2); // NASLib: st = sp·N//2, en = (sp+1)·N//2
  const [g1, recorded] = tf.tidy(() => {
    const first = weightLossGradients(
      network,
      params,
      weights,
      tf.slice(x, 0, half),
      tf.slice(labels, 0, half),
    );
    const g2 = weightLossGradients(
      network,
      params,
      weights,
      tf.slice(x, half, n - half),
      tf.slice(labels, half, n - half),
    );
    return [first, accumulate ? first.map((g, i) => tf.add(g, g2[i]!)) : g2];
  });
  const read = async (ts: tf.Tensor[]) => Promise.all(ts.map(async (t) => (await t.data()) as Float32Array));
  try {
    return { first: await read(g1), second: await read(recorded) };
  } finally {
    tf.dispose([...g1, ...recorded]);
  }
}

export async function zicoOf(problem: LossProblem, accumulate = true): Promise<ProxyOutput> {
  const { first, second } = await zicoHalfGradients(problem, accumulate);
  const { perLayer, value, skipped } = zicoFromGradients(first, second);
  const warnings = skipped > 0 ? [`zico: ${skipped} layer(s) with zero gradient spread skipped`] : [];
  return { value, details: { perLayer, skipped, samples: problem.x.shape[0]!, accumulate }, warnings };
}

export async function zicoScore(input: ProxyInput): Promise<ProxyOutput> {
  const accumulate = input.params.accumulate ?? true;
  if (typeof accumulate !== 'boolean') {
    return { value: Number.NaN, details: {}, warnings: ['zico: accumulate must be true or false'] };
  }
  const rules = {
    id: 'zico',
    deadValue: 0,
    deadMeaning: 'every gradient is zero, every layer is skipped, zico = 0',
    minSamples: 2,
    usesLabels: true,
  };
  return withLossSetup(input, rules, (setup) => zicoOf(setup, accumulate));
}
