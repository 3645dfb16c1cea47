/**
 * fisher never hands back a NaN as a score: a layer sum that is NaN (what a backend computing on a
 * heap it lost produces; here a NaN weight stands in for that garbage) makes the job fail with the
 * reason, and runScoreJob passes the failure on (the CLI then writes an error record, the app shows
 * the message) instead of a record with value NaN.
 */
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { freeProblem, handProblem, linearNet } from '../../test/linearLossProblem';
import { tf } from '../nn/tf';
import { fisherOf } from './fisherScore';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const problem = (weight: number[]) =>
  handProblem(linearNet(2, 2, { bias: true }), { 'fc.weight': weight }, [1, 0, 0, 1], [0, 1]);

describe('fisher and NaN', () => {
  it('scores finite weights: a finite value and no warning', async () => {
    const p = problem([0.5, -0.25, 0.1, 0.3]);
    const out = await fisherOf(p);
    freeProblem(p);
    expect(Number.isFinite(out.value)).toBe(true);
    expect(out.value).toBeGreaterThan(0);
    expect(out.warnings).toEqual([]);
  });

  it('fails with the reason when a layer comes out NaN, instead of returning NaN', async () => {
    const p = problem([Number.NaN, -0.25, 0.1, 0.3]);
    await expect(fisherOf(p)).rejects.toThrow(/fisher: layer 1 of 1 gave NaN .*no score/);
    freeProblem(p);
  });
});
