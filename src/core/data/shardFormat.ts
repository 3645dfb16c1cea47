/**
 * Binary layout of a dataset shard (public/data/*.bin), the project's own compact format: small,
 * read with one DataView, no parsing library, the same bytes in Node and in a browser worker.
 *
 *   offset  size          field (all integers little-endian uint32)
 *   0       4             magic, the ASCII bytes "SNXD"
 *   4       4             version (SHARD_VERSION)
 *   8       4             count N (images)
 *   12      4             height H
 *   16      4             width W
 *   20      4             channels C
 *   24      4             classes K (labels lie in [0, K))
 *   28      4             reserved, 0
 *   32      N·H·W·C       pixels, uint8, image-major NHWC (row-major, channels interleaved: R G B …)
 *   32+N·H·W·C  N         labels, uint8
 *
 * The file is exactly 32 + N·H·W·C + N bytes; anything else is rejected.
 */
import type { ParseResult } from '../util/parseResult';

export const SHARD_MAGIC = 'SNXD';
export const SHARD_VERSION = 1;
export const SHARD_HEADER_BYTES = 32;

export interface Shard {
  count: number;
  height: number;
  width: number;
  channels: number;
  classes: number;
  /** [count, height, width, channels] uint8. */
  pixels: Uint8Array;
  /** [count] uint8 class labels. */
  labels: Uint8Array;
}

export function shardByteLength(count: number, height: number, width: number, channels: number): number {
  return SHARD_HEADER_BYTES + count * height * width * channels + count;
}

function sizeProblem(shard: Shard): string | undefined {
  const dims = [shard.count, shard.height, shard.width, shard.channels, shard.classes];
  if (dims.some((d) => !Number.isInteger(d) || d < 1 || d > 0xffffffff)) {
    return `shard sizes must be positive integers, got ${dims.join('x')}`;
  }
  if (shard.classes > 256) return `uint8 labels allow at most 256 classes, got ${shard.classes}`;
  const imageBytes = shard.count * shard.height * shard.width * shard.channels;
  if (shard.pixels.length !== imageBytes) {
    return `shard has ${shard.pixels.length} pixel bytes, its sizes need ${imageBytes}`;
  }
  if (shard.labels.length !== shard.count) {
    return `shard has ${shard.labels.length} labels for ${shard.count} images`;
  }
  const bad = shard.labels.findIndex((label) => label >= shard.classes);
  if (bad !== -1) return `label ${shard.labels[bad]} of image ${bad} is not below ${shard.classes} classes`;
  return undefined;
}

export function encodeShard(shard: Shard): Uint8Array {
  const problem = sizeProblem(shard);
  if (problem) throw new RangeError(problem);
  const out = new Uint8Array(shardByteLength(shard.count, shard.height, shard.width, shard.channels));
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = SHARD_MAGIC.charCodeAt(i);
  const fields = [SHARD_VERSION, shard.count, shard.height, shard.width, shard.channels, shard.classes, 0];
  fields.forEach((value, i) => {
    view.setUint32(4 + 4 * i, value, true);
  });
  out.set(shard.pixels, SHARD_HEADER_BYTES);
  out.set(shard.labels, SHARD_HEADER_BYTES + shard.pixels.length);
  return out;
}

/** Reads a shard; a wrong or damaged file is an error value with a message, never an exception. */
export function decodeShard(data: ArrayBufferLike | Uint8Array): ParseResult<Shard> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.length < SHARD_HEADER_BYTES) {
    return { ok: false, error: `a shard has a ${SHARD_HEADER_BYTES}-byte header, file has ${bytes.length}` };
  }
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  if (magic !== SHARD_MAGIC) return { ok: false, error: `not a dataset shard (magic "${magic}")` };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = (offset: number) => view.getUint32(offset, true);
  const version = read(4);
  if (version !== SHARD_VERSION) {
    return { ok: false, error: `shard version ${version}, this app reads version ${SHARD_VERSION}` };
  }
  const [count, height, width, channels, classes] = [read(8), read(12), read(16), read(20), read(24)];
  const expected = shardByteLength(count, height, width, channels);
  if (bytes.length !== expected) {
    return {
      ok: false,
      error: `shard of ${count} images should be ${expected} bytes, file has ${bytes.length}`,
    };
  }
  const pixelEnd = SHARD_HEADER_BYTES + count * height * width * channels;
  const shard: Shard = {
    count,
    height,
    width,
    channels,
    classes,
    pixels: bytes.subarray(SHARD_HEADER_BYTES, pixelEnd),
    labels: bytes.subarray(pixelEnd, pixelEnd + count),
  };
  const problem = sizeProblem(shard);
  return problem ? { ok: false, error: problem } : { ok: true, value: shard };
}
