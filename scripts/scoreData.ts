/** Data batches for the command line (filled in by the data layer). */
import type { Batch } from '../src/core/data/batch';
import type { Network } from '../src/core/nn/network';

export async function loadBatchForCli(
  dataset: string,
  n: number,
  seed: number,
  network: Network,
): Promise<Batch> {
  throw new Error(
    `dataset "${dataset}" (${n} images, seed ${seed}) for ${network.arch} is not available yet`,
  );
}
