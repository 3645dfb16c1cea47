/**
 * vintk_ff (docs/science.md §2, reading B; our reading of ViNTK, Zhou & Zhu, arXiv 2405.04536, whose
 * formula and code are not public: "integrating the Fourier features from inputs" as Tancik et al.,
 * NeurIPS 2020, integrate them):
 *   γ(p)     = [p, cos 2πBp, sin 2πBp]   for each flattened patch p ∈ [0, 1]^(3P²)
 *   vintk_ff = −[(1−α)·log10 κ(Θ_plain) + α·log10 κ(Θ_ff)]
 * Θ_ff is the NTK Gram of the candidate whose own learned patch embedding reads γ(p): patch.conv
 * becomes a [3P² + 2m, e] matrix (plus patch.bias), initialised as the patch convolution is under
 * the same scheme with the fan-in grown to 3P² + 2m; the rest of the network is unchanged. Θ_plain
 * is ntk_cond's Gram of the candidate as it is. Each −log10 κ is ntk_cond's own score (ntkCondScore:
 * mean over re-initialisations seed, seed+1, …, λ_min floored at 1e-7·λ_max, κ = 1e5 for a dead
 * network, the weights TE-NAS differentiates: linear and patch weights and LayerNorm γ), so α = 0
 * gives ntk_cond exactly. Only the sides with a weight above 0 are computed.
 *
 * p is flattened in (row, column, channel) order, the patch convolution's [P, P, 3] layout, so the
 * first 3P² rows of the grown matrix act on p as the convolution would. The pixels are those before
 * the dataset normalisation: batches arrive normalised per channel, x' = (x − mean_c)/std_c
 * (data/imageDataset.ts), and the map undoes it, x = x'·std_c + mean_c, with the statistics of the
 * dataset the batch spec names (bilinear resizing commutes with this affine map, so resized batches
 * are undone exactly too).
 *
 * B ∈ R^(m × 3P²) is drawn once from ffSeed, not from the job seed: row-major,
 * B_jk = σ·z, z the Box–Muller normals of mulberry32(deriveSeed(ffSeed, 'vintk_ff.B')). It depends
 * on ffSeed, m, σ and the patch size only, so every candidate of a space scored with the same
 * parameters gets the same B, and σ only scales one draw.
 */

import { CIFAR10_NORMALISATION } from '../data/cifar10';
import type { Normalisation } from '../data/imageDataset';
import { MNIST_NORMALISATION } from '../data/mnist';
import type { Network } from '../nn/network';
import { vitFromString } from '../spaces/vit/vit';
import { ntkCondScore } from './ntkCondScore';
import { VINTK_FF_DEFAULTS } from './paperDefaults';
import type { ProxyInput, ProxyOutput, ProxyParams, ProxyParamValue } from './types';
import { type PixelScale, type VintkFfSettings, vintkFfNetwork } from './vintkFfFeatures';

export const VINTK_FF_M_MAX = 512;
export const VINTK_FF_SIGMA_MAX = 100;
/** ffSeed goes through 32-bit seed arithmetic: larger seeds would repeat smaller ones' B. */
export const VINTK_FF_SEED_MAX = 0xffffffff;

/** A number, or a string holding one (share links and the command line carry strings). */
function numberOf(value: ProxyParamValue): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}

export function vintkFfSettings(
  params: ProxyParams,
): { ok: true; value: VintkFfSettings } | { ok: false; errors: string[] } {
  const given = {
    m: params.m ?? VINTK_FF_DEFAULTS.m,
    sigma: params.sigma ?? VINTK_FF_DEFAULTS.sigma,
    alpha: params.alpha ?? VINTK_FF_DEFAULTS.alpha,
    ffSeed: params.ffSeed ?? VINTK_FF_DEFAULTS.ffSeed,
  };
  const m = numberOf(given.m);
  const sigma = numberOf(given.sigma);
  const alpha = numberOf(given.alpha);
  const ffSeed = numberOf(given.ffSeed);
  const errors: string[] = [];
  // Each test is false for NaN.
  if (!(Number.isInteger(m) && m >= 1 && m <= VINTK_FF_M_MAX)) {
    errors.push(
      `vintk_ff: m (the number of Fourier features per patch) must be an integer from 1 to ${VINTK_FF_M_MAX}, got "${String(given.m)}"`,
    );
  }
  if (!(sigma > 0 && sigma <= VINTK_FF_SIGMA_MAX)) {
    errors.push(
      `vintk_ff: σ (sigma, the standard deviation of the Fourier frequencies B) must be a number above 0 and at most ${VINTK_FF_SIGMA_MAX}, got "${String(given.sigma)}"`,
    );
  }
  if (!(alpha >= 0 && alpha <= 1)) {
    errors.push(
      `vintk_ff: α (alpha, the weight of the Fourier-feature NTK) must be a number in [0, 1], got "${String(given.alpha)}"`,
    );
  }
  if (!(Number.isInteger(ffSeed) && ffSeed >= 0 && ffSeed <= VINTK_FF_SEED_MAX)) {
    errors.push(
      `vintk_ff: ffSeed (the seed of the Fourier frequencies B) must be an integer from 0 to ${VINTK_FF_SEED_MAX}, got "${String(given.ffSeed)}"`,
    );
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { m, sigma, alpha, ffSeed } };
}

/**
 * The datasets whose batches can be un-normalised, by the name a batch spec starts with
 * (data/shardDatasets.ts; "cifar10-train n=64 seed=0 resized 64x64").
 */
const PIXEL_SCALES: Readonly<Record<string, Normalisation>> = {
  'cifar10-train': CIFAR10_NORMALISATION,
  'cifar10-test': CIFAR10_NORMALISATION,
  'mnist-train': MNIST_NORMALISATION,
  'mnist-test': MNIST_NORMALISATION,
};

/** The normalisation of the dataset a batch spec names, or why there is none. */
export function batchNormalisation(spec: string): Normalisation | string {
  const name = /^([a-z0-9][a-z0-9-]*) n=\d+/.exec(spec)?.[1];
  const scale = name !== undefined && Object.hasOwn(PIXEL_SCALES, name) ? PIXEL_SCALES[name] : undefined;
  return (
    scale ??
    `vintk_ff maps pixel values in [0, 1], so it must undo the batch's normalisation: the batch "${spec.slice(0, 60)}" is not drawn from a dataset whose normalisation is known (${Object.keys(PIXEL_SCALES).join(', ')})`
  );
}

/** Pixel values outside [0, 1] after undoing the normalisation: a sign the statistics are not the batch's. */
function rangeWarning(x: Float32Array, scale: Normalisation): string | null {
  let [low, high] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (let i = 0; i < x.length; i++) {
    const c = i % 3;
    const v = x[i]! * scale.std[c]! + scale.mean[c]!;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  const slack = 1e-3;
  return low < -slack || high > 1 + slack
    ? `after undoing the normalisation (${scale.reference}) the pixel values span [${low.toFixed(3)}, ${high.toFixed(3)}], not [0, 1]`
    : null;
}

function failure(message: string): ProxyOutput {
  return { value: Number.NaN, details: {}, warnings: [message] };
}

/** The Fourier-feature network of the ViT `network` is, or why there is none. */
function ffNetworkOf(network: Network, settings: VintkFfSettings, scale: PixelScale): Network | string {
  const parsed = vitFromString(network.arch);
  if (!parsed.ok) {
    return `vintk_ff applies to ViT networks only; "${network.arch.slice(0, 60)}" is not one (${parsed.error})`;
  }
  const [height, width, channels] = network.inputShape;
  if (network.inputShape.length !== 3 || height !== width || channels !== 3 || height === undefined) {
    return `vintk_ff needs square RGB inputs [size, size, 3], the network takes [${network.inputShape}]`;
  }
  let ff: Network;
  try {
    ff = vintkFfNetwork(parsed.value, { resolution: height, classes: network.classes }, settings, scale);
  } catch (error) {
    return `vintk_ff: ${error instanceof Error ? error.message : String(error)}`;
  }
  // The rebuilt network must be the given one with its patch embedding grown.
  const same =
    network.specs.length === ff.specs.length &&
    network.specs.every(
      (s, i) =>
        s.name === ff.specs[i]!.name &&
        (s.name === 'patch.conv' || s.shape.join('x') === ff.specs[i]!.shape.join('x')),
    );
  if (!same) return `vintk_ff: the network's parameters are not those of ${network.arch}`;
  return network.deadReason === undefined ? ff : { ...ff, deadReason: network.deadReason };
}

/** ntk_cond's settings alone: the plain run then shares ntk_cond's cache key. */
function ntkParams(params: ProxyParams): ProxyParams {
  const { m: _m, sigma: _sigma, alpha: _alpha, ffSeed: _ffSeed, ...rest } = params;
  return rest;
}

function numbersIn(details: ProxyOutput['details'], key: string): number[] {
  const value = details[key];
  return Array.isArray(value) ? value : [];
}

/** One side's details under a suffix, as vintk's Lo/Hi. */
function sideDetails(out: ProxyOutput, suffix: 'Plain' | 'Ff'): ProxyOutput['details'] {
  const side: ProxyOutput['details'] = {
    [`score${suffix}`]: out.value,
    [`log10Kappa${suffix}`]: -out.value,
    [`eigenvalues${suffix}`]: numbersIn(out.details, 'eigenvalues'),
    [`log10KappaPerInit${suffix}`]: numbersIn(out.details, 'log10KappaPerInit'),
    [`sentinel${suffix}`]: out.details.sentinel === true,
  };
  for (const key of ['lambdaMax', 'lambdaMin', 'trace', 'effectiveRank', 'rankDeficient'] as const) {
    const value = out.details[key];
    if (value !== undefined) side[`${key}${suffix}`] = value;
  }
  return side;
}

/** The Fourier-feature network and the batch's normalisation, or why there are none. */
function ffSetup(
  input: ProxyInput,
  settings: VintkFfSettings,
): { network: Network; scale: Normalisation; warnings: string[] } | string {
  const { batch } = input;
  if (!batch) return 'vintk_ff needs a batch of images; none was given';
  const scale = batchNormalisation(batch.spec);
  if (typeof scale === 'string') return scale;
  const network = ffNetworkOf(input.network, settings, scale);
  if (typeof network === 'string') return network;
  const range = rangeWarning(batch.x, scale);
  return { network, scale, warnings: range ? [range] : [] };
}

export async function vintkFfScore(input: ProxyInput): Promise<ProxyOutput> {
  const settings = vintkFfSettings(input.params);
  if (!settings.ok) return { value: Number.NaN, details: {}, warnings: settings.errors };
  const { m, sigma, alpha, ffSeed } = settings.value;
  const params = ntkParams(input.params);
  const details: ProxyOutput['details'] = { m, sigma, alpha, ffSeed };
  // Checked before any NTK runs, so a batch that cannot be mapped costs nothing.
  const setup = alpha > 0 ? ffSetup(input, settings.value) : undefined;
  if (typeof setup === 'string') return failure(setup);
  const warnings = setup?.warnings ?? [];
  const plain = alpha < 1 ? await ntkCondScore({ ...input, params }) : undefined;
  let ff: ProxyOutput | undefined;
  if (setup) {
    // m, σ and ffSeed stay in the params: ntk_cond ignores them, and they keep the shared-run cache
    // key apart per B (the network's arch string and shapes do not tell two B apart).
    ff = await ntkCondScore({ ...input, network: setup.network, params: { ...params, m, sigma, ffSeed } });
    const ffInputs = setup.network.specs.find((s) => s.name === 'patch.conv')?.shape[0] ?? Number.NaN;
    Object.assign(details, { normalisation: setup.scale.reference, patchInputs: ffInputs - 2 * m, ffInputs });
  }
  const sides = [plain, ff].filter((s): s is ProxyOutput => s !== undefined);
  for (const key of ['method', 'samples', 'rows', 'init', 'repeats', 'batchNorm', 'outputs'] as const) {
    const value = sides.map((s) => s.details[key]).find((v) => v !== undefined);
    if (value !== undefined) details[key] = value;
  }
  const shared = sides.length === 2 ? plain!.warnings.filter((w) => ff!.warnings.includes(w)) : [];
  warnings.push(...shared);
  if (plain) {
    warnings.push(...plain.warnings.filter((w) => !shared.includes(w)).map((w) => `Θ_plain: ${w}`));
    Object.assign(details, sideDetails(plain, 'Plain'));
  }
  if (ff) {
    warnings.push(...ff.warnings.filter((w) => !shared.includes(w)).map((w) => `Θ_ff (σ = ${sigma}): ${w}`));
    Object.assign(details, sideDetails(ff, 'Ff'));
  }
  // A side of weight 0 is left out, so its NaN cannot leak into the score.
  const value =
    plain && ff ? (1 - alpha) * plain.value + alpha * ff.value : ((ff ?? plain)?.value ?? Number.NaN);
  return { value, details, warnings };
}
