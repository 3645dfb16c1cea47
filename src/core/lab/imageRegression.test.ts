import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { onWasm } from '../../test/onWasm';
import { tf } from '../nn/tf';
import {
  type FitImageConfig,
  fitImage,
  fitImageProblems,
  type ImageRecord,
  imagePresetMapping,
  presetImageConfig,
  psnr,
} from './imageRegression';
import { imageCoordinates, testCardColour, testCardImage } from './testCard';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the built-in test card', () => {
  it('is the same picture at every resolution: the 32x32 grid is the even pixels of the 64x64 one', () => {
    const small = testCardImage(32);
    const large = testCardImage(64);
    expect(small.pixels).toHaveLength(32 * 32 * 3);
    for (let i = 0; i < 32; i++) {
      for (let j = 0; j < 32; j++) {
        for (let c = 0; c < 3; c++) {
          expect(small.pixels[(i * 32 + j) * 3 + c]).toBe(large.pixels[(2 * i * 64 + 2 * j) * 3 + c]);
        }
      }
    }
    for (const v of large.pixels) expect(v >= 0 && v <= 1).toBe(true);
    const coords = imageCoordinates(64);
    // Pixel (row 3, column 5) sits at (u, v) = (5/64, 3/64).
    expect([coords[(3 * 64 + 5) * 2], coords[(3 * 64 + 5) * 2 + 1]]).toEqual([5 / 64, 3 / 64]);
  });

  it('has the parts its documentation names (hand-picked points)', () => {
    expect(testCardColour(0.28, 0.3)).toEqual([0.9, 0.15, 0.15]); // disc centre
    expect(testCardColour(0.25, 0.85)).toEqual([0.1, 0.25, 0.85]); // inside the triangle
    // Stripes 1/8 wide: u = 0.6 and 0.7 fall on different stripes.
    expect(testCardColour(0.6, 0.2)).not.toEqual(testCardColour(0.7, 0.2));
    expect(testCardColour(0.6, 0.2)).toEqual(testCardColour(0.6, 0.4));
    // Checkerboard of 1/16 squares.
    expect(testCardColour(0.6, 0.6)).not.toEqual(testCardColour(0.6 + 1 / 16, 0.6));
    expect(testCardColour(0.6, 0.6)).toEqual(testCardColour(0.6 + 1 / 16, 0.6 + 1 / 16));
    // The background gradient at (0, 0).
    const corner = testCardColour(0, 0);
    expect(corner[0]).toBeCloseTo(0.2, 12);
    expect(corner[1]).toBeCloseTo(0.25, 12);
    expect(corner[2]).toBeCloseTo(0.55, 12);
  });
});

describe('fitImage (Tancik et al. 2020, 2-D)', () => {
  it('PSNR is −10·log10(MSE)', () => {
    expect(psnr(0.01)).toBeCloseTo(20, 12);
    expect(psnr(1e-3)).toBeCloseTo(30, 12);
  });

  it('(e) quick preset, 150 iterations: Gaussian features (σ = 4) pass 25 dB on the training pixels and beat no mapping, also on held-out pixels', async () => {
    const runs = await onWasm(async () => {
      const out: ImageRecord[] = [];
      for (const kind of ['gaussian', 'none'] as const) {
        out.push((await fitImage(presetImageConfig('quick', imagePresetMapping('quick', kind)))).last);
      }
      return out;
    });
    const [gaussian, none] = runs as [ImageRecord, ImageRecord];
    expect(gaussian.iteration).toBe(150);
    expect(gaussian.trainPsnr).toBeGreaterThan(25);
    expect(gaussian.trainPsnr).toBeGreaterThan(none.trainPsnr + 5);
    expect(gaussian.heldOutPsnr!).toBeGreaterThan(none.heldOutPsnr!);
    expect(gaussian.reconstruction).toHaveLength(64 * 64 * 3);
    expect(gaussian.evalSize).toBe(64);
  });

  it('records PSNRs that match the reconstruction, keeps the tensor count flat and frees everything', async () => {
    const config: FitImageConfig = {
      arch: { inputDim: 2, depth: 1, width: 8, activation: 'relu', mapping: { kind: 'basic' }, outputs: 3 },
      optimizer: 'adam',
      lr: 1e-2,
      iterations: 6,
      recordEvery: 2,
      seed: 0,
      trainSize: 8,
      evalFactor: 2,
    };
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const records: ImageRecord[] = [];
    const result = await fitImage(config, {
      onRecord: (r) => {
        records.push(r);
        counts.push(tf.memory().numTensors);
      },
    });
    expect(records.map((r) => r.iteration)).toEqual([0, 2, 4, 6]);
    expect(new Set(counts.slice(1)).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
    // Recompute both PSNRs from the reconstruction and the 16x16 reference.
    const last = result.last;
    let train = 0;
    let held = 0;
    for (let i = 0; i < 16; i++) {
      for (let j = 0; j < 16; j++) {
        for (let c = 0; c < 3; c++) {
          const k = (i * 16 + j) * 3 + c;
          const sq = (last.reconstruction[k]! - result.image.pixels[k]!) ** 2;
          if (i % 2 === 0 && j % 2 === 0) train += sq;
          else held += sq;
        }
      }
    }
    expect(last.loss).toBeCloseTo(train / (64 * 3), 10);
    expect(last.trainPsnr).toBeCloseTo(psnr(train / (64 * 3)), 8);
    expect(last.heldOutPsnr!).toBeCloseTo(psnr(held / (192 * 3)), 8);
    const same = await fitImage({ ...config, evalFactor: 1 });
    expect(same.last.heldOutPsnr).toBeNull();
  });

  it('names every problem with a config', () => {
    const bad: FitImageConfig = {
      ...presetImageConfig('quick'),
      arch: { inputDim: 1, depth: 2, width: 8, activation: 'relu', mapping: { kind: 'none' }, outputs: 3 },
      trainSize: 200,
      evalFactor: 5,
      iterations: 1.5,
    };
    expect(fitImageProblems(bad)).toEqual([
      'the image fit needs an MLP with two inputs (u, v) and three outputs (RGB)',
      'the training grid must be an integer in [8, 128] pixels, got 200',
      'the evaluation factor must be an integer in [1, 4], got 5',
      'iterations must be an integer in [1, 1000000], got 1.5',
    ]);
    expect(fitImageProblems({ ...presetImageConfig('class'), trainSize: 128, evalFactor: 4 })).toEqual([
      'the evaluation grid 512² is larger than 256²',
    ]);
    expect(fitImageProblems(presetImageConfig('class'))).toEqual([]);
  });
});
