import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MNIST_SHARD_FILES } from '../../src/core/data/mnist';
import { encodeShard } from '../../src/core/data/shardFormat';
import { readShardDataset } from './data';
import { missingReferences } from './referenceData';

const folder = () => mkdtempSync(join(tmpdir(), 'kit-data-'));

/** Three 28x28 grey images, labelled 0, 1 and 2 of MNIST's 10 classes. */
function tinyMnistShard(): Uint8Array {
  return encodeShard({
    count: 3,
    height: 28,
    width: 28,
    channels: 1,
    classes: 10,
    pixels: new Uint8Array(3 * 28 * 28).fill(7),
    labels: Uint8Array.from([0, 1, 2]),
  });
}

describe('reading a dataset shard', () => {
  it('parses the file its name points to', () => {
    const dir = folder();
    writeFileSync(join(dir, MNIST_SHARD_FILES.test), tinyMnistShard());
    const dataset = readShardDataset('mnist-test', { dir });
    expect(dataset.name).toBe('mnist-test');
    expect(dataset.count).toBe(3);
    expect([...dataset.labels]).toEqual([0, 1, 2]);
  });

  it('names the missing file and the command that makes it, or passes the read error on', () => {
    const dir = folder();
    const path = join(dir, MNIST_SHARD_FILES.train);
    expect(() => readShardDataset('mnist-train', { dir })).toThrow(
      `${path} is missing: run \`npm run prepare-data\` first`,
    );
    expect(() => readShardDataset('mnist-train', { dir, missingHint: false })).toThrow(/^ENOENT/);
  });

  it('adds the rebuild command to a broken shard unless asked not to', () => {
    const dir = folder();
    writeFileSync(join(dir, MNIST_SHARD_FILES.test), 'not a shard');
    expect(() => readShardDataset('mnist-test', { dir })).toThrow(
      /^mnist-test\.bin: .*: run `npm run prepare-data` to rebuild it$/,
    );
    expect(() => readShardDataset('mnist-test', { dir, rebuildHint: false })).toThrow(
      /^mnist-test\.bin: (?!.*rebuild)/,
    );
  });

  it('refuses a dataset name no shard holds', () => {
    expect(() => readShardDataset('cifar100-train', { dir: folder() })).toThrow(
      'unknown dataset "cifar100-train"',
    );
  });
});

describe('missing reference files', () => {
  it('lists the names with no file in the folder, in the order given', () => {
    const dir = folder();
    writeFileSync(join(dir, 'b.csv'), 'x\n');
    expect(missingReferences(['a.csv', 'b.csv', 'c.json'], dir)).toEqual(['a.csv', 'c.json']);
  });
});
