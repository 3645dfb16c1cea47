/**
 * AZ-NAS's expressivity, progressivity and trainability (Lee & Ham, CVPR 2024; cvlab-yonsei/AZ-NAS
 * NB201/ZeroShotProxy/compute_az_nas_score.py; docs/science.md §12). As the reference scores NB201:
 * Kaiming-normal fan-in weights, BatchNorm in train mode, a batch of standard-normal inputs
 * (torch.randn, its inputs for az_nas) the size of the fidelity's batch; the feature maps are the
 * stem's output and every cell's and reduction block's.
 */
import { largestSingularValue, symmetricEigenvalues } from '../kernels/eigen';
import { INIT_SCHEMES } from '../nn/init';
import { disposeParams, initParams, type Network, type ParamTensors } from '../nn/network';
import { tf } from '../nn/tf';
import { deriveSeed, mulberry32, normal } from '../util/prng';
import {
  type AzBatchNorm,
  blockFeatures,
  blockInputGradients,
  blockJacobian,
  blockProbes,
  channelCovariance,
} from './azNasFeatures';
import {
  expressivityOf,
  isotropyEntropy,
  progressivityOf,
  trainabilityOf,
  trainabilityTerm,
} from './azNasMath';
import { batchProblem } from './lossGradients';
import { AZ_NAS_DEFAULTS } from './paperDefaults';
import type { ProxyInput, ProxyOutput } from './types';

interface AzSetup {
  network: Network;
  params: ParamTensors;
  x: tf.Tensor;
  batchNorm: AzBatchNorm;
  details: Record<string, string | number>;
}

type AzRun = (setup: AzSetup) => Promise<ProxyOutput>;

const fail = (value: number, warning: string): ProxyOutput => ({ value, details: {}, warnings: [warning] });

/** The reference's input: standard normal, seeded, drawn in JS (the same on every backend). */
function gaussianInput(shape: readonly number[], seed: number): tf.Tensor {
  const rng = mulberry32(deriveSeed(seed, 'az_nas.input'));
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = normal(rng);
  return tf.tensor(values, [...shape]);
}

/** Checks the parameters, builds weights and input, runs `run`, and frees everything after. */
async function withAzSetup(id: string, input: ProxyInput, run: AzRun): Promise<ProxyOutput> {
  const { network, seed, params, batch } = input;
  if (network.deadReason) return fail(Number.NEGATIVE_INFINITY, `${network.deadReason}: ${id} set to −∞`);
  const problem = batchProblem(network, batch, 2, false);
  if (problem || !batch) return fail(Number.NaN, `${id} ${problem ?? 'needs a data batch'}`);
  const init = INIT_SCHEMES.find((s) => s === (params.init ?? AZ_NAS_DEFAULTS.init));
  if (!init) return fail(Number.NaN, `${id}: unknown init scheme ${String(params.init)}`);
  const batchNorm = params.batchNorm ?? AZ_NAS_DEFAULTS.batchNorm;
  if (batchNorm !== 'train' && batchNorm !== 'eval' && batchNorm !== 'none') {
    return fail(Number.NaN, `${id}: batchNorm must be train, eval or none, got ${String(batchNorm)}`);
  }
  const source = params.input ?? AZ_NAS_DEFAULTS.input;
  if (source !== 'gaussian' && source !== 'data') {
    return fail(Number.NaN, `${id}: input must be gaussian or data, got ${String(source)}`);
  }
  const shape = [batch.n, ...batch.shape];
  const x = source === 'data' ? tf.tensor(batch.x, shape) : gaussianInput(shape, seed);
  const weights = initParams(network, init, seed);
  try {
    return await run({
      network,
      params: weights,
      x,
      batchNorm,
      details: { init, batchNorm, input: source, samples: batch.n },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail(Number.NaN, `${id}: ${message}`);
  } finally {
    disposeParams(weights);
    x.dispose();
  }
}

/** Each feature map's entropy e_l (stem first), from one forward pass without a tape. */
async function featureEntropies({ network, params, x, batchNorm }: AzSetup): Promise<number[]> {
  const features = blockFeatures(network, params, x, batchNorm);
  try {
    const entropies: number[] = [];
    for (const feature of features) {
      const { values, channels } = await channelCovariance(feature);
      entropies.push(isotropyEntropy(symmetricEigenvalues(values, channels)));
    }
    return entropies;
  } finally {
    for (const f of features) f.dispose();
  }
}

function entropyOutput(
  id: string,
  value: number,
  entropies: number[],
  details: AzSetup['details'],
): ProxyOutput {
  const warnings = Number.isNaN(value)
    ? [
        `a feature map is constant (its covariance is 0), so its entropy is NaN: ${id} set to −∞, as AZ-NAS does`,
      ]
    : [];
  return {
    value: Number.isNaN(value) ? Number.NEGATIVE_INFINITY : value,
    details: { ...details, featureMaps: entropies.length, entropies },
    warnings,
  };
}

export function azExpressivityScore(input: ProxyInput): Promise<ProxyOutput> {
  return withAzSetup('az_expressivity', input, async (setup) => {
    const entropies = await featureEntropies(setup);
    return entropyOutput('az_expressivity', expressivityOf(entropies), entropies, setup.details);
  });
}

export function azProgressivityScore(input: ProxyInput): Promise<ProxyOutput> {
  return withAzSetup('az_progressivity', input, async (setup) => {
    const entropies = await featureEntropies(setup);
    return entropyOutput('az_progressivity', progressivityOf(entropies), entropies, setup.details);
  });
}

/** Each block's σ_max and term, or −∞ for a block that passes its input through unchanged. */
async function blockTerms(setup: AzSetup, seed: number): Promise<{ sigmas: number[]; terms: number[] }> {
  const { network, params, x, batchNorm } = setup;
  const features = blockFeatures(network, params, x, batchNorm);
  const probes = blockProbes(features, seed);
  let gIns: tf.Tensor[] = [];
  try {
    gIns = blockInputGradients(network, params, x, batchNorm, features, probes);
    const sigmas: number[] = [];
    const terms: number[] = [];
    for (let l = 0; l < probes.length; l++) {
      const jacobian = await blockJacobian(gIns[l]!, probes[l]!);
      if (jacobian.identity) {
        sigmas.push(1);
        terms.push(Number.NEGATIVE_INFINITY);
        continue;
      }
      const sigma = largestSingularValue(jacobian.values, jacobian.rows, jacobian.cols);
      sigmas.push(sigma);
      terms.push(trainabilityTerm(sigma));
    }
    return { sigmas, terms };
  } finally {
    for (const t of [...features, ...probes, ...gIns]) t.dispose();
  }
}

export function azTrainabilityScore(input: ProxyInput): Promise<ProxyOutput> {
  return withAzSetup('az_trainability', input, async (setup) => {
    const { sigmas, terms } = await blockTerms(setup, input.seed);
    const identities = terms.filter((t) => t === Number.NEGATIVE_INFINITY).length;
    const value = trainabilityOf(terms);
    return {
      value: Number.isNaN(value) ? Number.NEGATIVE_INFINITY : value,
      details: { ...setup.details, blocks: terms.length, sigmas, terms },
      warnings:
        identities > 0
          ? [
              `${identities} block(s) pass their input through unchanged (estimated Jacobian = I): az_trainability = −∞, as AZ-NAS scores them`,
            ]
          : [],
    };
  });
}
