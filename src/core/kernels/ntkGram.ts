/**
 * The batched NTK's per-layer Gram terms (ntk.ts's file comment has the derivation): an accumulator
 * of Θ = Σ G Gᵀ over column blocks, and one layer's Θ_l from its input and its output gradient
 * (products, positions and convolution taps).
 */
import type { ConvGeometry } from '../nn/network';
import type { ParamSpec } from '../nn/paramSpec';
import { tf } from '../nn/tf';

/** Accumulates Θ = Σ G Gᵀ over column blocks of G, joining blocks into one product up to a budget. */
export class GramAccumulator {
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
export function addLayerGram(
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
