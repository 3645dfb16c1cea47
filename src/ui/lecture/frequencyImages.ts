/**
 * The frequency panel's images: the first few images of the lecture's batch (the very batch the
 * proxies read), each with its low-pass and high-pass part at r (data/highPass.ts), as RGBA pixels.
 */

import { filterImage } from '../../core/data/highPass';
import type { ImageDataset } from '../../core/data/imageDataset';
import { parseBatchSpec } from '../../core/data/imageDataset';
import { batchForInput } from '../../core/data/shardDatasets';
import { dataFolderUrl } from '../../runtime/batchLoader';
import { createDatasetLoader } from '../../runtime/datasetLoader';

export const IMAGE_SHAPE = [32, 32, 3] as const;
const SIZE = IMAGE_SHAPE[0] * IMAGE_SHAPE[1] * IMAGE_SHAPE[2];

let loader: ((name: string) => Promise<ImageDataset>) | undefined;

/** The first `count` images (normalised HWC floats) of the batch a spec names. */
export async function batchImages(spec: string, count: number): Promise<Float32Array[]> {
  const request = parseBatchSpec(spec);
  if (!request.ok) throw new Error(request.error);
  loader ??= createDatasetLoader({
    fetch: (url) => fetch(url),
    dataUrl: dataFolderUrl(import.meta.env.BASE_URL, location.href),
  });
  const dataset = await loader(request.value.dataset);
  const batch = batchForInput(dataset, request.value, IMAGE_SHAPE);
  const out: Float32Array[] = [];
  for (let i = 0; i < Math.min(count, batch.n); i++) out.push(batch.x.slice(i * SIZE, (i + 1) * SIZE));
  return out;
}

export function filteredViews(
  image: Float32Array,
  r: number,
): { original: Float32Array; low: Float32Array; high: Float32Array } {
  return {
    original: image,
    low: filterImage(image, IMAGE_SHAPE, r, 'low'),
    high: filterImage(image, IMAGE_SHAPE, r, 'high'),
  };
}

/** RGBA bytes of an HWC RGB image, stretched to its own min..max (a flat image is mid-grey). */
export function toRgba(image: Float32Array): Uint8ClampedArray<ArrayBuffer> {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of image) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min;
  const pixels = image.length / 3;
  const out = new Uint8ClampedArray(new ArrayBuffer(pixels * 4));
  for (let p = 0; p < pixels; p++) {
    for (let c = 0; c < 3; c++) {
      const v = image[p * 3 + c]!;
      out[p * 4 + c] = span > 0 ? ((v - min) / span) * 255 : 128;
    }
    out[p * 4 + 3] = 255;
  }
  return out;
}
