/**
 * The empirical NTK Gram Θ = G Gᵀ at a network's current parameters (docs/science.md §1; TE-NAS,
 * VITA-Group/TENAS lib/procedures/ntk.py): row i of G is g_i = ∂s_i/∂θ with s_i = Σ_c f_c(x_i)
 * (TE-NAS's summed logits), or, as an option, one row per (sample, logit) pair: the full
 * (N·C)x(N·C) NTK with rows ordered i·C + c.
 *
 * θ = every tensor PyTorch would name "weight" (TE-NAS's `'weight' in name` rule): conv and linear
 * weights and the BatchNorm γ (LayerNorm γ too, in transformers); biases, BatchNorm β and
 * embeddings are left out.
 *
 * Two ways to get there:
 * - loop: one backward pass per row. With BatchNorm in train mode the batch statistics couple the
 *   samples, so row i differentiates Σ_c out[i, c] of the full-batch forward pass (as TE-NAS's
 *   `logit[i].backward(..., retain_graph=True)`): the forward pass is taped once per group of
 *   weights (nn/backprop.ts `taped`) and each row only pushes its one-hot seed back through it;
 *   otherwise each sample runs alone through the freeing `gradients`. Rows are stacked in groups of
 *   parameter tensors small enough for memory, and Θ = Σ_groups G Gᵀ.
 * - batched, for networks of dense layers (DenseLayerNetwork): a zero perturbation ε_l added to each
 *   pre-activation h_l; ONE backward pass of Σ_i s_i gives D_l = ∂/∂ε_l, whose row i is ∂s_i/∂h_l(x_i)
 *   because samples do not interact. A weight's per-sample gradient is the outer product a_l,i ⊗ D_l,i,
 *   so Θ = Σ_l (A_l A_lᵀ) ⊙ (D_l D_lᵀ) without forming G (docs/browser.md "Per-sample gradients").
 *   One backward pass per logit gives the per-logit variant.
 * - batched, for networks that report their layers (Network.perSampleLayers: NB201, ViTs) when samples
 *   do not interact (no train-mode BatchNorm): the same zero perturbations, now on every conv and
 *   linear output y, give D = ∂s_i/∂y_i in one backward pass. For a convolution (NHWC, weight
 *   [kh, kw, Cin, Cout], stride s, padding p) sample i's weight gradient is
 *   g_i[a, b, :, :] = Σ_p X_i[s·p + (a, b)]ᵀ ⊗ D_i[p], X_i the zero-padded input: per kernel tap
 *   (a, b) one batched product of the shifted input [positions, Cin] with D_i [positions, Cout], so
 *   G is built in column blocks of Cin·Cout and Θ = Σ_blocks G Gᵀ, without ever forming the patch
 *   matrix (addLayerGram reads the shifted inputs as contiguous windows). A linear layer is the
 *   1-position case, where Θ_l = (A Aᵀ) ⊙ (D Dᵀ). 'eval' BatchNorm gets one copy of γ per sample
 *   (shape [batch, 1, 1, C]), so autodiff returns its per-sample gradient Σ_spatial x̂ ⊙ ∂s_i/∂(BN
 *   output) directly. The per-logit variant runs the batch with each sample repeated C times, copy c
 *   seeded with logit c alone (rows i·C + c): C times the memory of the summed one.
 *   A weight applied at several positions of a sample (a ViT's tokens, its non-overlapping patches)
 *   goes through addPositionsGram, which forms G or, where cheaper, the token Grams; LayerNorm γ gets
 *   one copy per sample like 'eval' BatchNorm's ([batch, 1, C]). Rows run in chunks sized to the
 *   memory budget, since the backward pass keeps every intermediate of the forward pass.
 * All compute in float32 on the backend; the Gram is returned as float64.
 */

import { gradients, taped } from '../nn/backprop';
import { type DenseLayerNetwork, isDenseLayerNetwork } from '../nn/mlpNetwork';
import {
  type ConvGeometry,
  type ForwardOptions,
  getParam,
  type Network,
  type ParamTensors,
} from '../nn/network';
import { type ParamSpec, paramSize } from '../nn/paramSpec';
import { tf } from '../nn/tf';

export type NtkMethod = 'batched' | 'loop';

export interface NtkOptions {
  /** 'auto' (default) takes the batched method wherever it is valid, else the loop. */
  mode?: 'auto' | NtkMethod;
  batchNorm: ForwardOptions['batchNorm'];
  /** 'summed' (default, TE-NAS): N x N. 'per_logit': (N·C) x (N·C). */
  outputs?: 'summed' | 'per_logit';
  /**
   * Memory cap of the gradient matrix G held at once, in floats (default 2^25 = 128 MB; 2^27 for
   * the loop under train-mode BatchNorm): the loop's rows for a group of weights, or the batched
   * method's column blocks for conv nets.
   */
  maxGradientFloats?: number;
}

/** The parameters the NTK differentiates (see the file comment), minus those that cannot matter. */
export function ntkWeightSpecs(net: Network, batchNorm: ForwardOptions['batchNorm']): ParamSpec[] {
  return net.specs.filter((spec) => {
    if (!net.reachesOutput(spec)) return false; // autodiff sees no path; the gradient is 0
    switch (spec.role) {
      case 'conv':
      case 'linear_weight':
      case 'ln_gamma':
        return true;
      case 'bn_gamma':
        return batchNorm !== 'none'; // bypassed BatchNorm has no γ in the graph
      default:
        return false;
    }
  });
}

/** Rows (and columns) of the Gram for a batch of n samples. */
export function ntkSize(net: Network, n: number, outputs: NtkOptions['outputs'] = 'summed'): number {
  return outputs === 'per_logit' ? n * net.classes : n;
}

/**
 * True when the batched method is exact: a network of dense layers (each weight used once per
 * sample), or one that reports its layers (Network.perSampleLayers) with no BatchNorm in train mode
 * coupling the samples and no weights other than conv, linear and BatchNorm γ.
 */
export function supportsBatchedNtk(net: Network, batchNorm: ForwardOptions['batchNorm']): boolean {
  const weights = ntkWeightSpecs(net, batchNorm);
  if (isDenseLayerNetwork(net)) {
    const dense = new Set(net.denseLayers.map((layer) => layer.weight));
    return weights.length === dense.size && weights.every((spec) => dense.has(spec.name));
  }
  if (net.perSampleLayers !== true) return false;
  if (batchNorm === 'train' && net.specs.some((spec) => spec.role === 'bn_gamma')) return false;
  return weights.every(
    (spec) =>
      spec.role === 'conv' ||
      spec.role === 'linear_weight' ||
      spec.role === 'bn_gamma' ||
      spec.role === 'ln_gamma',
  );
}

export function chooseNtkMethod(net: Network, opts: NtkOptions): NtkMethod {
  const mode = opts.mode ?? 'auto';
  if (mode === 'loop') return 'loop';
  if (supportsBatchedNtk(net, opts.batchNorm)) return 'batched';
  if (mode === 'batched') {
    throw new Error(
      'the batched NTK needs independent samples (no BatchNorm in train mode) and a network of dense ' +
        'layers (DenseLayerNetwork) or one that reports its layers (Network.perSampleLayers)',
    );
  }
  return 'loop';
}

/** The empirical NTK Gram of `net` at `params` on inputs x [N, ...inputShape], row-major float64. */
export async function empiricalNtk(
  net: Network,
  params: ParamTensors,
  x: tf.Tensor,
  opts: NtkOptions,
): Promise<Float64Array> {
  const method = chooseNtkMethod(net, opts);
  const gram =
    method === 'loop'
      ? loopNtk(net, params, x, opts, ntkWeightSpecs(net, opts.batchNorm))
      : isDenseLayerNetwork(net)
        ? batchedNtk(net, params, x, opts)
        : layerBatchedNtk(net, params, x, opts);
  try {
    return Float64Array.from(await gram.data());
  } finally {
    gram.dispose();
  }
}

function batchedNtk(
  net: DenseLayerNetwork,
  params: ParamTensors,
  x: tf.Tensor,
  opts: NtkOptions,
): tf.Tensor2D {
  const n = x.shape[0]!;
  const classes = net.classes;
  const perLogit = opts.outputs === 'per_logit';
  const inputs: tf.Tensor2D[] = [];
  try {
    return tf.tidy(() => {
      const perturbations = net.denseLayers.map((layer) => tf.zeros([n, layer.outputs]));
      const seeds = perLogit
        ? Array.from({ length: classes }, (_, c) =>
            tf.cast(tf.oneHot(tf.fill([n], c, 'int32'), classes), 'float32'),
          )
        : [tf.ones([n, classes])];
      // outputGrads[k][l] = ∂(Σ_i seed_k · out_i)/∂ε_l, one backward pass per seed.
      const outputGrads = seeds.map((seed) =>
        gradients(
          (...eps: tf.Tensor[]) =>
            net.forwardDense(x, params, { batchNorm: opts.batchNorm }, (l, input, h) => {
              if (inputs.length === l) inputs.push(tf.keep(input.clone()));
              return tf.add(h, eps[l]!) as tf.Tensor2D;
            }),
          perturbations,
          seed,
        ),
      );
      const terms = net.denseLayers.map((_, l) => {
        let a = inputs[l]!;
        let d = outputGrads[0]![l]! as tf.Tensor2D;
        if (perLogit) {
          // Row i·C + c: sample i's layer input, and ∂out[i, c]/∂h_l(x_i).
          const width = a.shape[1];
          a = tf.reshape(tf.tile(tf.expandDims(a, 1), [1, classes, 1]), [n * classes, width]);
          d = tf.reshape(
            tf.stack(
              outputGrads.map((g) => g[l]!),
              1,
            ),
            [n * classes, d.shape[1]],
          );
        }
        return tf.mul(tf.matMul(a, a, false, true), tf.matMul(d, d, false, true));
      });
      return tf.addN(terms) as tf.Tensor2D;
    });
  } finally {
    for (const t of inputs) t.dispose();
  }
}

/** Accumulates Θ = Σ G Gᵀ over column blocks of G, joining blocks into one product up to a budget. */
class GramAccumulator {
  private gram: tf.Tensor2D;
  private blocks: tf.Tensor2D[] = [];
  private columns = 0;

  constructor(
    private readonly rows: number,
    private readonly budget: number,
  ) {
    this.gram = tf.zeros([rows, rows]);
  }

  /** Adds columns [rows, k] of G; takes ownership of the tensor. Call outside tf.tidy. */
  addColumns(block: tf.Tensor2D): void {
    if (this.blocks.length > 0 && (this.columns + block.shape[1]) * this.rows > this.budget) this.flush();
    this.blocks.push(block);
    this.columns += block.shape[1];
  }

  /** Adds a Gram term [rows, rows]; takes ownership of the tensor. Call outside tf.tidy. */
  addGram(term: tf.Tensor2D): void {
    const next = tf.add(this.gram, term) as tf.Tensor2D;
    term.dispose();
    this.gram.dispose();
    this.gram = next;
  }

  /** The Gram; the caller owns it, and the accumulator is spent. */
  result(): tf.Tensor2D {
    this.flush();
    const gram = this.gram;
    this.gram = tf.zeros([0, 0]);
    return gram;
  }

  dispose(): void {
    for (const block of this.blocks) block.dispose();
    this.blocks = [];
    this.gram.dispose();
  }

  private flush(): void {
    if (this.blocks.length === 0) return;
    const blocks = this.blocks;
    this.addGram(
      tf.tidy(() => {
        const g = blocks.length === 1 ? blocks[0]! : tf.concat(blocks, 1);
        return tf.matMul(g, g, false, true);
      }),
    );
    for (const block of blocks) block.dispose();
    this.blocks = [];
    this.columns = 0;
  }
}

/** A conv or linear weight's application in the forward pass: its output shape without the batch axis. */
interface LayerUse {
  name: string;
  shape: number[];
}

/**
 * Runs the first sample alone to learn which of `layers` the forward pass reports, in order, and
 * their output shapes (the perturbations must exist before the backward pass starts).
 */
function probeLayerOutputs(
  net: Network,
  params: ParamTensors,
  x: tf.Tensor,
  batchNorm: ForwardOptions['batchNorm'],
  layers: ReadonlyMap<string, ParamSpec>,
): LayerUse[] {
  const uses: LayerUse[] = [];
  tf.tidy(() => {
    net.forward(tf.slice(x, [0], [1]), params, {
      batchNorm,
      atLayerOutput: (y, name) => {
        if (!layers.has(name)) return y;
        if (uses.some((use) => use.name === name)) {
          throw new Error(`batched NTK: ${name} is applied twice in one forward pass; use the loop`);
        }
        uses.push({ name, shape: y.shape.slice(1) });
        return y;
      },
    });
  });
  for (const name of layers.keys()) {
    if (!uses.some((use) => use.name === name)) {
      throw new Error(`batched NTK: the forward pass never reports the output of ${name}`);
    }
  }
  return uses;
}

/** x [n, ...] → [n·copies, ...] with row i·copies + c = x[i]. */
function repeatEach(x: tf.Tensor, copies: number): tf.Tensor {
  const tiled = tf.tile(tf.expandDims(x, 1), [1, copies, ...x.shape.slice(1).map(() => 1)]);
  return tf.reshape(tiled, [x.shape[0]! * copies, ...x.shape.slice(1)]);
}

/**
 * Adds the columns of G for one weight slice applied at P positions: row i is vec(A_iᵀ D_i) with
 * A [rows, P, m] (layer inputs) and D [rows, P, c] (output gradients), split over output channels so
 * that a block stays within `budget` floats.
 */
function addProductColumns(acc: GramAccumulator, a: tf.Tensor3D, d: tf.Tensor3D, budget: number): void {
  const [rows, , m] = a.shape;
  const c = d.shape[2];
  const chunk = Math.max(1, Math.min(c, Math.floor(budget / (rows * m))));
  for (let start = 0; start < c; start += chunk) {
    const width = Math.min(chunk, c - start);
    acc.addColumns(
      tf.tidy(() => {
        const part = width === c ? d : tf.slice(d, [0, 0, start], [-1, -1, width]);
        return tf.reshape(tf.matMul(a, part, true, false), [rows, m * width]);
      }),
    );
  }
}

/**
 * Adds Θ_l for a weight applied at P positions (tokens, patches) of each sample, A [rows, P, m] and
 * D [rows, P, c], by the cheaper of two exact routes:
 * - columns: G_l with row i = vec(A_iᵀ D_i), then G_l G_lᵀ: about rows·P·m·c to form (written out,
 *   so weighted as memory traffic) plus rows²·m·c;
 * - positions: Θ_l[i, j] = Σ_{t,s} (a_it · a_js)(d_it · d_js), i.e. the (rows·P)² Grams of A and D
 *   multiplied element-wise and summed over each P x P block: (rows·P)²·(m + c), never forming G.
 *   It wins when P is small against m and c (a ViT at 64 px has 17 tokens and widths of 192-768).
 * Takes ownership of a and d.
 */
function addPositionsGram(acc: GramAccumulator, a: tf.Tensor3D, d: tf.Tensor3D, budget: number): void {
  const [rows, positions, m] = a.shape;
  const c = d.shape[2];
  try {
    if (!preferPositions(rows, positions, m, c, budget)) {
      addProductColumns(acc, a, d, budget);
      return;
    }
    acc.addGram(
      tf.tidy(() => {
        const a2 = tf.reshape(a, [rows * positions, m]);
        const d2 = tf.reshape(d, [rows * positions, c]);
        const both = tf.mul(tf.matMul(a2, a2, false, true), tf.matMul(d2, d2, false, true));
        return tf.sum(tf.reshape(both, [rows, positions, rows, positions]), [1, 3]) as tf.Tensor2D;
      }),
    );
  } finally {
    a.dispose(); // both are this function's to free
    d.dispose();
  }
}

/** Cost of writing one float of G relative to one multiply-add, for choosing a route above. */
const WRITE_COST = 8;

/** True where addPositionsGram takes the positions route (its three (rows·P)² Grams fit the budget). */
export function preferPositions(
  rows: number,
  positions: number,
  m: number,
  c: number,
  budget: number,
): boolean {
  const viaColumns = rows * positions * m * c * WRITE_COST + rows * rows * m * c;
  const viaPositions = (rows * positions) ** 2 * (m + c);
  return positions > 1 && viaPositions < viaColumns && 3 * (rows * positions) ** 2 <= budget;
}

/** Adds one layer's Θ_l = G_l G_lᵀ, from its input and the gradient D of Σ_i s_i at its output. */
function addLayerGram(
  acc: GramAccumulator,
  spec: ParamSpec,
  input: tf.Tensor,
  d: tf.Tensor,
  conv: ConvGeometry | undefined,
  budget: number,
): void {
  const rows = input.shape[0]!;
  if (conv === undefined) {
    // Linear, weight [in, out]: one position per sample, or per token when the input has more axes.
    const [inputs, outputs] = spec.shape as [number, number];
    if (input.rank === 2) {
      acc.addGram(tf.tidy(() => tf.mul(tf.matMul(input, input, false, true), tf.matMul(d, d, false, true))));
      return;
    }
    const a3 = tf.reshape(input, [rows, -1, inputs]) as tf.Tensor3D;
    addPositionsGram(acc, a3, tf.reshape(d, [rows, -1, outputs]) as tf.Tensor3D, budget);
    return;
  }
  const [kh, kw, cin, cout] = spec.shape as [number, number, number, number];
  const { stride, pad } = conv;
  const [, height, width, channels] = input.shape as [number, number, number, number];
  if (stride === kh && stride === kw && pad === 0 && height % stride === 0 && width % stride === 0) {
    // Non-overlapping patches (a ViT's patch embedding): each patch is one position of a linear map.
    const [a3, d3] = tf.tidy(() => {
      const [ph, pw] = [height / stride, width / stride];
      const patches = tf.transpose(
        tf.reshape(input, [rows, ph, stride, pw, stride, cin]),
        [0, 1, 3, 2, 4, 5],
      );
      return [
        tf.reshape(patches, [rows, ph * pw, kh * kw * cin]) as tf.Tensor3D,
        tf.reshape(d, [rows, ph * pw, cout]) as tf.Tensor3D,
      ];
    });
    addPositionsGram(acc, a3, d3, budget);
    return;
  }
  const [, outHeight, outWidth] = d.shape as [number, number, number, number];
  const outSize = (size: number, k: number) => Math.floor((size + 2 * pad - k) / stride) + 1;
  if (channels !== cin || outHeight !== outSize(height, kh) || outWidth !== outSize(width, kw)) {
    throw new Error(`batched NTK: the reported input and output of ${spec.name} do not fit its shape`);
  }
  // Kernel tap (a, b) = (stride·a′ + α, stride·b′ + β) reads, for output (r, c), the pixel
  // (r + a′, c + b′) of phase image (α, β): the padded input's rows ≡ α, columns ≡ β (mod stride).
  // Flattened with row pitch phaseWidth, that is ONE contiguous window per sample, starting at
  // a′·phaseWidth + b′, if the output is read at the same pitch: D gets zero columns from outWidth
  // to phaseWidth, so the window's wrapped-around pixels there add nothing. A spare phase row keeps
  // the last window inside the image.
  const phaseHeight = Math.ceil((height + 2 * pad) / stride) + 1;
  const phaseWidth = Math.ceil((width + 2 * pad) / stride);
  const positions = outHeight * phaseWidth;
  const dWide = tf.tidy(
    () =>
      tf.reshape(
        tf.pad(d, [
          [0, 0],
          [0, 0],
          [0, phaseWidth - outWidth],
          [0, 0],
        ]),
        [rows, positions, cout],
      ) as tf.Tensor3D,
  );
  const padded = tf.pad(input, [
    [0, 0],
    [pad, stride * phaseHeight - height - pad],
    [pad, stride * phaseWidth - width - pad],
    [0, 0],
  ]);
  try {
    for (let alpha = 0; alpha < Math.min(stride, kh); alpha++) {
      for (let beta = 0; beta < Math.min(stride, kw); beta++) {
        const phase = tf.tidy(() => {
          const image =
            stride === 1
              ? padded
              : tf.stridedSlice(
                  padded,
                  [0, alpha, beta, 0],
                  [rows, stride * phaseHeight, stride * phaseWidth, cin],
                  [1, stride, stride, 1],
                );
          return tf.reshape(image, [rows, phaseHeight * phaseWidth * cin]) as tf.Tensor2D;
        });
        try {
          for (let a = alpha; a < kh; a += stride) {
            for (let b = beta; b < kw; b += stride) {
              const offset = ((a - alpha) / stride) * phaseWidth + (b - beta) / stride;
              const shifted = tf.tidy(
                () =>
                  tf.reshape(sliceColumns(phase, offset * cin, positions * cin), [
                    rows,
                    positions,
                    cin,
                  ]) as tf.Tensor3D,
              );
              try {
                addProductColumns(acc, shifted, dWide, budget);
              } finally {
                shifted.dispose();
              }
            }
          }
        } finally {
          phase.dispose();
        }
      }
    }
  } finally {
    padded.dispose();
    dWide.dispose();
  }
}

/**
 * Columns [start, start + size) of every row of x (a copy). The cpu backend copies a slice that is
 * not one contiguous range element by element (about 30x slower here), but each row's range is
 * contiguous, so there it slices row by row and concatenates.
 */
function sliceColumns(x: tf.Tensor2D, start: number, size: number): tf.Tensor2D {
  if (tf.getBackend() !== 'cpu') return tf.slice(x, [0, start], [-1, size]);
  const rows = Array.from({ length: x.shape[0] }, (_, i) => tf.slice(x, [i, start], [1, size]));
  return rows.length === 1 ? rows[0]! : tf.concat(rows, 0);
}

/** The batched method for networks that report their layers (Network.perSampleLayers). */
function layerBatchedNtk(net: Network, params: ParamTensors, x: tf.Tensor, opts: NtkOptions): tf.Tensor2D {
  const n = x.shape[0]!;
  const classes = net.classes;
  const perLogit = opts.outputs === 'per_logit';
  const rows = ntkSize(net, n, opts.outputs);
  const budget = opts.maxGradientFloats ?? 2 ** 25;
  const weights = ntkWeightSpecs(net, opts.batchNorm);
  const isGamma = (spec: ParamSpec) => spec.role === 'bn_gamma' || spec.role === 'ln_gamma';
  const layers = new Map(weights.filter((spec) => !isGamma(spec)).map((spec) => [spec.name, spec]));
  const gammas = weights.filter(isGamma);
  if (weights.length === 0) return tf.zeros([rows, rows]);
  const uses = probeLayerOutputs(net, params, x, opts.batchNorm, layers);
  // The backward pass holds the forward pass's intermediates (a few per reported layer output) for
  // every row it runs: rows go in chunks so that this tape stays near the budget. Samples are
  // independent here, so a chunk's inputs and output gradients are exactly the full batch's rows.
  const perRow = uses.reduce((sum, use) => sum + use.shape.reduce((a, b) => a * b, 1), 0);
  const largest = Math.max(1, Math.min(rows, Math.floor(budget / (TAPE_FACTOR * perRow))));
  const chunk = Math.ceil(rows / Math.ceil(rows / largest)); // equal chunks: 16 + 16, not 31 + 1
  // Per reported layer (then per γ): its inputs and gradients, one tensor per chunk.
  const layerInputs: tf.Tensor[][] = uses.map(() => []);
  const convs: (ConvGeometry | undefined)[] = uses.map(() => undefined);
  const layerGrads: tf.Tensor[][] = [...uses, ...gammas].map(() => []);
  const acc = new GramAccumulator(rows, budget);
  // Row i·C + c of the per-logit batch is sample i, seeded with logit c alone.
  const [rowInputs, seeds] = tf.tidy(() =>
    perLogit
      ? [repeatEach(x, classes), tf.tile(tf.eye(classes), [n, 1])]
      : [x.clone(), tf.ones([rows, classes])],
  );
  const rowsOf = (t: tf.Tensor, start: number, size: number) =>
    size === t.shape[0] ? t : tf.slice(t, start, size);
  try {
    for (let start = 0; start < rows; start += chunk) {
      const size = Math.min(chunk, rows - start);
      const inputs: { name: string; x: tf.Tensor; conv: ConvGeometry | undefined }[] = [];
      try {
        const grads = tf.tidy(() => {
          const perturbations = uses.map((use) => tf.zeros([size, ...use.shape]));
          // One γ per sample: [size, 1, 1, C] for BatchNorm (NHWC), [size, 1, C] for LayerNorm.
          const gammaCopies = gammas.map((spec) => {
            const ones = spec.role === 'bn_gamma' ? [1, 1] : [1];
            return tf.tile(tf.reshape(getParam(params, spec.name), [1, ...ones, -1]), [size, ...ones, 1]);
          });
          return gradients(
            (...vars: tf.Tensor[]) => {
              const local = new Map(params);
              gammas.forEach((spec, k) => {
                local.set(spec.name, vars[uses.length + k]!);
              });
              let next = 0;
              return net.forward(rowsOf(rowInputs, start, size), local, {
                batchNorm: opts.batchNorm,
                atLayerInput: (a, name, conv) => {
                  if (layers.has(name)) inputs.push({ name, x: tf.keep(a.clone()), conv });
                },
                atLayerOutput: (y, name) => {
                  if (!layers.has(name)) return y;
                  if (uses[next]?.name !== name)
                    throw new Error(`batched NTK: layer order changed at ${name}`);
                  return tf.add(y, vars[next++]!);
                },
              });
            },
            [...perturbations, ...gammaCopies],
            rowsOf(seeds, start, size),
          );
        });
        grads.forEach((g, k) => {
          layerGrads[k]!.push(g);
        });
        uses.forEach((use, k) => {
          const input = inputs[k];
          if (input?.name !== use.name) {
            throw new Error(`batched NTK: the forward pass never reports the input of ${use.name}`);
          }
          layerInputs[k]!.push(input.x);
          convs[k] = input.conv;
        });
      } catch (error) {
        for (const input of inputs) input.x.dispose();
        throw error;
      }
    }
    /** One tensor of all rows from the chunks' pieces, which it disposes. */
    const joined = (parts: tf.Tensor[]): tf.Tensor => {
      if (parts.length === 1) return parts.pop()!;
      const whole = tf.concat(parts, 0);
      for (const t of parts.splice(0)) t.dispose();
      return whole;
    };
    uses.forEach((use, k) => {
      const input = joined(layerInputs[k]!);
      const grad = joined(layerGrads[k]!);
      try {
        addLayerGram(acc, layers.get(use.name)!, input, grad, convs[k], budget);
      } finally {
        input.dispose(); // free as we go
        grad.dispose();
      }
    });
    gammas.forEach((_, k) => {
      // Row i: ∂s_i/∂γ_c = Σ_positions x̂ ⊙ ∂s_i/∂(norm output), per channel.
      const grad = joined(layerGrads[uses.length + k]!);
      acc.addColumns(tf.reshape(grad, [rows, -1]));
      grad.dispose();
    });
    return acc.result();
  } finally {
    acc.dispose();
    for (const t of [...layerInputs.flat(), ...layerGrads.flat(), rowInputs, seeds]) t.dispose();
  }
}

/**
 * Floats the backward pass keeps per float of reported layer output (the intermediates of the
 * forward pass: norms, activations, attention), for sizing the chunks of rows.
 */
const TAPE_FACTOR = 4;

/**
 * Floats of gradient rows the loop holds at once, by default. Every group of weights after the first
 * costs each row another backward pass down to that group; with train-mode BatchNorm (coupled) that
 * is a pass over the whole batch, so there the rows may take more memory: NB201 at paper fidelity
 * (64 rows × 1.5 M weights, 390 MB) then fits in one group instead of three.
 */
const LOOP_ROW_FLOATS = 2 ** 25;
const COUPLED_LOOP_ROW_FLOATS = 2 ** 27;

/** Splits the weights into groups whose gradient rows fit in `budget` floats (one tensor at least). */
function groupByBudget(specs: ParamSpec[], rows: number, budget: number): ParamSpec[][] {
  const perGroup = Math.max(1, Math.floor(budget / Math.max(1, rows)));
  const groups: ParamSpec[][] = [];
  let current: ParamSpec[] = [];
  let size = 0;
  for (const spec of specs) {
    const s = paramSize(spec);
    if (current.length > 0 && size + s > perGroup) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push(spec);
    size += s;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

function loopNtk(
  net: Network,
  params: ParamTensors,
  x: tf.Tensor,
  opts: NtkOptions,
  weights: ParamSpec[],
): tf.Tensor2D {
  const n = x.shape[0]!;
  const classes = net.classes;
  const perLogit = opts.outputs === 'per_logit';
  const rows = ntkSize(net, n, opts.outputs);
  const coupled = opts.batchNorm === 'train' && net.specs.some((spec) => spec.role === 'bn_gamma');
  /** gram + G Gᵀ for one group of weight tensors, G = one gradient row per Gram row. */
  const addGroupGram = (gram: tf.Tensor2D, group: ParamSpec[]): tf.Tensor2D => {
    const tensors = group.map((spec) => {
      const t = params.get(spec.name);
      if (!t) throw new Error(`missing parameter ${spec.name}`);
      return t;
    });
    const gradientRows: tf.Tensor1D[] = [];
    const forwardOn =
      (input: tf.Tensor) =>
      (...ws: tf.Tensor[]): tf.Tensor => {
        const local = new Map(params);
        ws.forEach((w, k) => {
          local.set(group[k]!.name, w);
        });
        return net.forward(input, local, { batchNorm: opts.batchNorm });
      };
    /** dy picks what row r differentiates: Σ_c out[i, c], or out[i, c] alone (of the full batch when coupled). */
    const seedOf = (r: number): tf.Tensor2D => {
      const i = perLogit ? Math.floor(r / classes) : r;
      const dy = tf.buffer([coupled ? n : 1, classes], 'float32');
      for (let c = 0; c < classes; c++) {
        if (!perLogit || c === r % classes) dy.set(1, coupled ? i : 0, c);
      }
      return dy.toTensor() as tf.Tensor2D;
    };
    const flat = (grads: tf.Tensor[]) => tf.concat(grads.map((g) => tf.reshape(g, [-1]))) as tf.Tensor1D;
    // Coupled: every row differentiates the same full-batch forward pass, so it runs once (as TE-NAS's
    // retain_graph); otherwise each sample runs alone.
    const run = coupled ? taped(forwardOn(x), tensors) : undefined;
    try {
      for (let r = 0; r < rows; r++) {
        gradientRows.push(
          tf.tidy(() => {
            const seed = seedOf(r);
            if (run) return flat(run.grads(seed, r === rows - 1));
            const i = perLogit ? Math.floor(r / classes) : r;
            return flat(gradients(forwardOn(tf.slice(x, [i], [1])), tensors, seed));
          }),
        );
      }
      return tf.tidy(() => {
        const g = tf.stack(gradientRows) as tf.Tensor2D;
        return tf.add(gram, tf.matMul(g, g, false, true)) as tf.Tensor2D;
      });
    } finally {
      run?.value.dispose();
      run?.dispose();
      for (const t of gradientRows) t.dispose();
    }
  };
  let gram = tf.zeros([rows, rows]) as tf.Tensor2D;
  try {
    const budget = opts.maxGradientFloats ?? (coupled ? COUPLED_LOOP_ROW_FLOATS : LOOP_ROW_FLOATS);
    for (const group of groupByBudget(weights, rows, budget)) {
      const next = addGroupGram(gram, group);
      gram.dispose();
      gram = next;
    }
  } catch (error) {
    gram.dispose();
    throw error;
  }
  return gram;
}
