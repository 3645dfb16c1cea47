/**
 * Bilinear resizing of a batch's images, for networks whose input resolution differs from the
 * dataset's (a ViT scored at 64 or 224 px sees upsampled 32x32 CIFAR images). The CLI and the
 * app's workers both call this, so the same batch spec gives the same pixels everywhere.
 */
import { tf } from '../nn/tf';
import type { Batch } from './batch';

/**
 * The batch's images resized to [h, w] (channels kept) by bilinear interpolation with half-pixel
 * centres, as torchvision's Resize (antialias off) does; the batch itself when it already fits.
 */
export function resizeBatch(batch: Batch, h: number, w: number): Batch {
  const [bh, bw, c] = batch.shape as [number, number, number];
  if (bh === h && bw === w) return batch;
  const x = tf.tidy(() =>
    tf.image.resizeBilinear(tf.tensor4d(batch.x, [batch.n, bh, bw, c]), [h, w], false, true).dataSync(),
  ) as Float32Array;
  return { ...batch, x, shape: [h, w, c], spec: `${batch.spec} resized ${h}x${w}` };
}
