/**
 * swap and reg_swap (Peng et al., ICLR 2024; pym1024/SWAP src/metrics/swap.py and correlation.py,
 * pym1024/SWAP_Universal for GELU networks).
 *
 * A = sign of every nonlinearity's output, samples x neurons, all layers side by side. Each neuron
 * (column) has an S-sample pattern; swap = the number of distinct patterns (torch.unique(Aᵀ, dim=0)).
 * reg_swap = swap · exp(−(P − μ)²/σ), P = parameters in thousands (SWAP's count_parameters / 1e3),
 * dividing by σ, not 2σ² (cal_regular_factor); μ and σ by default from the job's space
 * (swapRegulariser.ts).
 * Released script: 32 re-initialisations (network_weight_gaussian_init: conv and linear weights
 * N(0, 1), biases 0, BatchNorm γ = 1, β = 0), the mean of their counts; BatchNorm in train mode
 * (the module default); 16 images. The ICLR script hooks ReLUs on 4-D feature maps, SWAP_Universal
 * every ReLU/GELU: on NB201 they agree (every ReLU acts on a feature map); we follow Universal.
 *
 * Counting, streaming layer by layer: digits d = sign + 1 ∈ {0, 1, 2} are packed base 3 on the
 * backend, 15 samples per float32 word (3^15 < 2^24, so the matmul is exact), giving [neurons,
 * ⌈S/15⌉] per layer; each layer is downloaded in turn into one hash set, keyed by a number while
 * 3^S < 2^53 (S ≤ 33) and by a string beyond. ReLU and GELU codes share that alphabet, so the
 * union over layers counts what torch.unique counts on the concatenation.
 */
import { INIT_SCHEMES, type InitScheme } from '../nn/init';
import { disposeParams, type ForwardOptions, initParams } from '../nn/network';
import { tf } from '../nn/tf';
import { paramsThousands } from '../spaces/spaceSize';
import { reduceActivations, signCodes } from './activationCodes';
import { batchProblem } from './lossGradients';
import { REG_SWAP_DEFAULTS, SWAP_DEFAULTS } from './paperDefaults';
import { derivedRegulariser, type Regulariser } from './swapRegulariser';
import type { ProxyInput, ProxyOutput, ProxyParams } from './types';

export const TRITS_PER_WORD = 15;
/** 3^33 < 2^53 < 3^34: up to 33 samples a pattern is one exact JS number. */
const MAX_NUMBER_KEY_SAMPLES = 33;

/** Packs sign codes [samples, units] into base-3 words [units, ⌈samples/15⌉] (digit = sign + 1). */
export function packPatterns(signs: tf.Tensor2D): tf.Tensor2D {
  const samples = signs.shape[0];
  const words = Math.ceil(samples / TRITS_PER_WORD);
  const place = new Float32Array(samples * words);
  for (let i = 0; i < samples; i++) {
    place[i * words + Math.floor(i / TRITS_PER_WORD)] = 3 ** (i % TRITS_PER_WORD);
  }
  return tf.tidy(() => tf.matMul(tf.add(signs, 1), tf.tensor2d(place, [samples, words]), true, false));
}

/** A hash set of packed patterns of a fixed sample count. */
export class PatternSet {
  private readonly numbers = new Set<number>();
  private readonly strings = new Set<string>();
  private readonly words: number;
  private readonly asNumber: boolean;

  constructor(samples: number) {
    this.words = Math.ceil(samples / TRITS_PER_WORD);
    this.asNumber = samples <= MAX_NUMBER_KEY_SAMPLES;
  }

  /** Adds the rows of a packed layer, row-major [units, words]. */
  add(packed: ArrayLike<number>): void {
    const { words } = this;
    for (let row = 0; row + words <= packed.length; row += words) {
      if (this.asNumber) {
        let key = 0;
        for (let w = words - 1; w >= 0; w--) key = key * 3 ** TRITS_PER_WORD + packed[row + w]!;
        this.numbers.add(key);
      } else {
        let key = '';
        for (let w = 0; w < words; w++) key += `${packed[row + w]!},`;
        this.strings.add(key);
      }
    }
  }

  get size(): number {
    return this.numbers.size + this.strings.size;
  }
}

/** Number of distinct neuron patterns across layers of sign codes, each [samples, units]. */
export async function distinctPatterns(layers: readonly tf.Tensor2D[]): Promise<number> {
  const set = new PatternSet(layers[0]?.shape[0] ?? 0);
  for (const signs of layers) {
    const packed = packPatterns(signs);
    set.add(await packed.data());
    packed.dispose();
  }
  return set.size;
}

export interface SwapSettings {
  init: InitScheme;
  batchNorm: ForwardOptions['batchNorm'];
  repeats: number;
}

function settingsOf(params: ProxyParams): SwapSettings | string {
  const init = INIT_SCHEMES.find((s) => s === (params.init ?? SWAP_DEFAULTS.init));
  if (!init) return `unknown init scheme ${String(params.init)}`;
  const batchNorm = params.batchNorm ?? SWAP_DEFAULTS.batchNorm;
  if (batchNorm !== 'train' && batchNorm !== 'eval' && batchNorm !== 'none') {
    return `batchNorm must be train, eval or none, got ${String(batchNorm)}`;
  }
  const repeats = params.repeats ?? SWAP_DEFAULTS.repeats;
  if (typeof repeats !== 'number' || !Number.isInteger(repeats) || repeats < 1 || repeats > 256) {
    return `repeats must be an integer in [1, 256], got ${String(repeats)}`;
  }
  return { init, batchNorm, repeats };
}

interface SwapRun {
  /** Distinct patterns per initialisation. */
  counts: number[];
  neurons: number;
  layers: number;
  settings: SwapSettings;
}

/** swap and reg_swap of one job share one count: the last few are kept, keyed by all it depends on. */
const recentCounts = new Map<string, Promise<SwapRun | string>>();
const RECENT_COUNTS = 4;

/** The counts of each initialisation (seeds seed, seed+1, …), or the output to return instead. */
async function swapRun(input: ProxyInput, id: string): Promise<SwapRun | ProxyOutput> {
  const { network, seed, params, batch } = input;
  const settings = settingsOf(params);
  if (typeof settings === 'string')
    return { value: Number.NaN, details: {}, warnings: [`${id}: ${settings}`] };
  if (network.deadReason) {
    return {
      value: 0,
      details: { sentinel: true },
      warnings: [`${network.deadReason}: ${id} set to 0 (no activation pattern reaches the output)`],
    };
  }
  const problem = batchProblem(network, batch, 1, false);
  if (problem || !batch)
    return { value: Number.NaN, details: {}, warnings: [`${id} ${problem ?? 'needs a batch'}`] };
  const shapes = network.specs.map((s) => `${s.name}:${s.shape.join('x')}`).join(',');
  const key = JSON.stringify([network.arch, shapes, network.inputShape, seed, settings, batch.spec]);
  // A batch without a spec cannot be told apart from another one: no sharing then.
  let run = batch.spec ? recentCounts.get(key) : undefined;
  if (!run) {
    run = countPatterns(network, seed, batch, settings);
    if (batch.spec) recentCounts.set(key, run);
    if (recentCounts.size > RECENT_COUNTS) recentCounts.delete(recentCounts.keys().next().value as string);
  }
  const result = await run;
  if (typeof result !== 'string') return result;
  return {
    value: result === NO_NONLINEARITY ? 0 : Number.NaN,
    details: result === NO_NONLINEARITY ? { sentinel: true } : {},
    warnings: [`${id}: ${result}`],
  };
}

const NO_NONLINEARITY = 'the network has no nonlinearity';

/** Distinct sign patterns per initialisation, or why they could not be counted. */
async function countPatterns(
  network: ProxyInput['network'],
  seed: number,
  batch: NonNullable<ProxyInput['batch']>,
  settings: SwapSettings,
): Promise<SwapRun | string> {
  const x = tf.tensor(batch.x, [batch.n, ...batch.shape]);
  const counts: number[] = [];
  let neurons = 0;
  let layers = 0;
  try {
    for (let r = 0; r < settings.repeats; r++) {
      const weights = initParams(network, settings.init, seed + r);
      try {
        const reduced = reduceActivations(network, weights, x, settings.batchNorm, (pre, layer) =>
          packPatterns(signCodes(pre, layer.kind)),
        );
        const set = new PatternSet(batch.n);
        neurons = 0;
        for (const { layer, reduced: packed } of reduced) {
          set.add(await packed.data());
          packed.dispose();
          neurons += layer.units;
        }
        layers = reduced.length;
        counts.push(set.size);
      } finally {
        disposeParams(weights);
      }
    }
  } catch (error) {
    return `forward pass failed: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    x.dispose();
  }
  if (layers === 0) return NO_NONLINEARITY;
  return { counts, neurons, layers, settings };
}

function isOutput(run: SwapRun | ProxyOutput): run is ProxyOutput {
  return 'value' in run;
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function runDetails(run: SwapRun, samples: number): ProxyOutput['details'] {
  return {
    samples,
    neurons: run.neurons,
    layers: run.layers,
    repeats: run.settings.repeats,
    init: run.settings.init,
    batchNorm: run.settings.batchNorm,
    countsPerInit: run.counts,
  };
}

export async function swapScore(input: ProxyInput): Promise<ProxyOutput> {
  const run = await swapRun(input, 'swap');
  if (isOutput(run)) return run;
  return { value: mean(run.counts), details: runDetails(run, input.batch?.n ?? 0), warnings: [] };
}

/** exp(−(P − μ)²/σ), P in thousands of parameters (SWAP's cal_regular_factor). */
export function regularFactor(paramsThousands: number, mu: number, sigma: number): number {
  return Math.exp(-((paramsThousands - mu) ** 2) / sigma);
}

type RegulariserParam = number | 'space';

/** 'space' (derive from the job's space) or a finite number; undefined when neither. */
function regulariserParam(value: unknown): RegulariserParam | undefined {
  if (value === 'space') return 'space';
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** μ and σ for the job: as given, or derived from its space (swapRegulariser.ts); else why not. */
function regulariserOf(
  input: ProxyInput,
  mu: RegulariserParam,
  sigma: RegulariserParam,
): (Regulariser & { derivedFrom?: string }) | string {
  if (typeof mu === 'number' && typeof sigma === 'number') return { mu, sigma };
  if (!input.space) return "μ and σ = 'space' need the job's space and fidelity; none was given";
  const derived = derivedRegulariser(input.space);
  if (!derived.ok) return `μ and σ of the space: ${derived.error}`;
  return {
    mu: typeof mu === 'number' ? mu : derived.value.mu,
    sigma: typeof sigma === 'number' ? sigma : derived.value.sigma,
    derivedFrom: derived.value.source,
  };
}

export async function regSwapScore(input: ProxyInput): Promise<ProxyOutput> {
  const muParam = regulariserParam(input.params.mu ?? REG_SWAP_DEFAULTS.mu);
  const sigmaParam = regulariserParam(input.params.sigma ?? REG_SWAP_DEFAULTS.sigma);
  if (
    muParam === undefined ||
    sigmaParam === undefined ||
    (typeof sigmaParam === 'number' && !(sigmaParam > 0))
  ) {
    const why = "μ must be a finite number or 'space', σ a positive number or 'space'";
    return { value: Number.NaN, details: {}, warnings: [`reg_swap: ${why}`] };
  }
  const run = await swapRun(input, 'reg_swap');
  if (isOutput(run)) return run;
  const regulariser = regulariserOf(input, muParam, sigmaParam);
  if (typeof regulariser === 'string') {
    return { value: Number.NaN, details: {}, warnings: [`reg_swap: ${regulariser}`] };
  }
  const { mu, sigma } = regulariser;
  // P of the network scored, counted as the space's networks are (swapRegulariser.ts).
  const paramsK = paramsThousands(input.network.specs);
  const factor = regularFactor(paramsK, mu, sigma);
  const swap = mean(run.counts);
  const warnings =
    factor === 0
      ? [`the factor exp(−(P − μ)²/σ) underflows to 0 at P = ${paramsK}k: set μ, σ for this network size`]
      : [];
  return {
    value: swap * factor,
    details: {
      ...runDetails(run, input.batch?.n ?? 0),
      swap,
      paramsThousands: paramsK,
      mu,
      sigma,
      factor,
      ...(regulariser.derivedFrom ? { regulariserFrom: regulariser.derivedFrom } : {}),
    },
    warnings,
  };
}
