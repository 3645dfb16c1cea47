import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { CIFAR10_NORMALISATION } from '../data/cifar10';
import type { ImageDataset } from '../data/imageDataset';
import { importGroundTruth } from '../groundtruth';
import { tf } from '../nn/tf';
import { groundTruthCsv, groundTruthJob, groundTruthPlan, parseShard } from './groundTruthPlan';
import { runTrainJob } from './trainJob';

describe('groundTruthPlan', () => {
  it('shards partition the plan: every (arch, seed) exactly once', () => {
    const all = groundTruthPlan('vit-browser', 30, 0, [0, 1]);
    expect(all).toHaveLength(60);
    const parts = [0, 1, 2].flatMap((index) =>
      groundTruthPlan('vit-browser', 30, 0, [0, 1], { index, count: 3 }),
    );
    const key = (i: { arch: string; seed: number }) => `${i.arch}/${i.seed}`;
    expect(parts.map(key).sort()).toEqual(all.map(key).sort());
    expect(groundTruthPlan('vit-browser', 30, 0, [0, 1])).toEqual(all);
  });

  it('reads shards and says what is wrong with bad ones', () => {
    expect(parseShard('2/4')).toEqual({ ok: true, value: { index: 2, count: 4 } });
    expect(parseShard('4/4').ok).toBe(false);
    expect(parseShard('x').ok).toBe(false);
  });

  it('writes a table with the seed mean that the app imports as it is', () => {
    const r = (arch: string, seed: number, acc: number) => ({
      arch,
      seed,
      testAccuracy: acc,
      steps: 1,
      ms: 1,
      backend: 'wasm',
      label: '',
    });
    const csv = groundTruthCsv(
      [
        r('vit:web:e64:m2,2:h2,2', 0, 0.3),
        r('vit:web:e64:m2,2:h2,2', 1, 0.4),
        r('vit:web:e96:m3,4:h4,2', 0, 0.5),
      ],
      [0, 1],
    );
    const table = importGroundTruth(csv, { fileName: 'groundtruth-vit-browser.csv' });
    expect(table.ok).toBe(true);
    if (!table.ok) return;
    expect(table.value.rows.get('vit:web:e64:m2,2:h2,2')?.test_acc).toBeCloseTo(35, 10);
    expect(table.value.rows.get('vit:web:e96:m3,4:h4,2')?.seeds).toBe(1);
    expect(Number.isNaN(table.value.rows.get('vit:web:e96:m3,4:h4,2')?.test_acc_seed1)).toBe(true);
  });
});

describe('groundTruthJob', () => {
  /** Two 32x32 images per class, a grey level per class plus a per-image stripe. */
  function fakeCifar(name: string): ImageDataset {
    const count = 20;
    const pixels = new Uint8Array(count * 3072);
    for (let i = 0; i < count; i++) {
      for (let p = 0; p < 3072; p++)
        pixels[i * 3072 + p] = (12 * (i % 10) + (p % 96 < 48 ? 40 * Math.floor(i / 10) : 0)) % 256;
    }
    return {
      name,
      count,
      shape: [32, 32, 3],
      classes: 10,
      pixels,
      labels: Int32Array.from({ length: count }, (_, i) => i % 10),
      normalisation: CIFAR10_NORMALISATION,
    };
  }
  const tiny = {
    length: { steps: 2 },
    batchSize: 10,
    trainSubset: { perClass: 2 },
    testSubset: { perClass: 2 },
    evalBatchSize: 20,
  };

  it('is deterministic per seed on a tiny setting (the smallest browser ViT), and the seed matters', async () => {
    await tf.setBackend('cpu');
    const item = { arch: 'vit:web:e64:m2,2:h2,2', seed: 3 };
    const run = async (seed: number) =>
      runTrainJob(groundTruthJob('vit-browser', { ...item, seed }, 'quick', tiny), async (n) => fakeCifar(n));
    const a = await run(3);
    const b = await run(3);
    const c = await run(4);
    expect(b.trainLoss).toEqual(a.trainLoss);
    expect(b.testAccuracy).toBe(a.testAccuracy);
    expect(c.trainLoss).not.toEqual(a.trainLoss);
    expect(a.label).toContain('2 steps');
  }, 60_000);
});
