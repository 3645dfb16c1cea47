/** A batch of inputs (and labels) as plain arrays, so it crosses worker boundaries cheaply. */
export interface Batch {
  /** Inputs, row-major [n, ...shape], already normalised. */
  x: Float32Array;
  /** Class labels [n]. */
  y: Int32Array;
  n: number;
  /** Shape of one sample, e.g. [32, 32, 3]. */
  shape: readonly number[];
  /** What the batch is, for cache keys and the UI, e.g. "cifar10 train, 64 images, seed 0". */
  spec: string;
}
