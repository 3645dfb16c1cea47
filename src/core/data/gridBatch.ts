/**
 * Inputs for coordinate networks (the MLP space): the dataset "grid" is n points evenly spaced on
 * [0, 1) — x_i = i / n in 1-D, a √n x √n lattice in 2-D — the domain the spectral-bias experiments
 * sample (Rahaman et al. 2019 fit functions on [0, 1]). It is made, not loaded, so the worker and
 * the command line build the same batch without a file. Labels are all 0 (there are no classes);
 * the seed of the spec is accepted for a uniform job format and does not change the grid.
 */
import type { Batch } from './batch';
import type { BatchRequest } from './imageDataset';

export const GRID_DATASET = 'grid';

/** The grid batch a request names for an input of `inputShape`, or an error message. */
export function gridBatch(request: BatchRequest, inputShape: readonly number[]): Batch {
  if (request.dataset !== GRID_DATASET) throw new Error(`not a grid request: ${request.dataset}`);
  const dim = inputShape.length === 1 ? inputShape[0] : undefined;
  if (dim !== 1 && dim !== 2) {
    throw new Error(
      `the grid feeds 1-D or 2-D coordinate inputs; this network takes [${inputShape.join(', ')}]`,
    );
  }
  const n = request.n;
  if (!Number.isInteger(n) || n < 1) throw new Error(`a grid needs at least one point, got n=${n}`);
  const x = new Float32Array(n * dim);
  if (dim === 1) {
    for (let i = 0; i < n; i++) x[i] = i / n;
  } else {
    const side = Math.round(Math.sqrt(n));
    if (side * side !== n) throw new Error(`a 2-D grid needs a square number of points, got n=${n}`);
    for (let r = 0; r < side; r++) {
      for (let c = 0; c < side; c++) {
        x[2 * (r * side + c)] = c / side;
        x[2 * (r * side + c) + 1] = r / side;
      }
    }
  }
  return {
    x,
    y: new Int32Array(n),
    n,
    shape: [dim],
    spec: `grid n=${n} seed=${request.seed}`,
  };
}
