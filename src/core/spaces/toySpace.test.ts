/**
 * Adding a search space is one file (src/test/toySpace.ts) plus one registry line (REGISTRY below):
 * scoring (runScoreJob), the proxy-space check, the cache key, the index codec and the link code
 * all follow from the registry they are given. The toy's networks are checked against the closed
 * form of a dense network's parameter count.
 */
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { cacheKeyMaterial } from '../../compute/cacheKey';
import { TOY_DEPTHS, TOY_WIDTHS, toySpace } from '../../test/toySpace';
import { tf } from '../nn/tf';
import { runScoreJob, type ScoreJob } from '../proxies/scoreJob';
import { buildNetwork } from './architecture';
import { SPACE_REGISTRY, SPACES } from './registry';
import { SPACE_IDS } from './spaceIds';
import { defineSpaceRegistry } from './spaceRegistry';

const REGISTRY = defineSpaceRegistry({ ...SPACES, toy: toySpace });
type Space = (typeof REGISTRY.ids)[number];

const noBatch = async () => {
  throw new Error('a data-free proxy loads no batch');
};
const job = (arch: string, proxy: ScoreJob['proxy'] = 'params'): ScoreJob<ScoreJob['proxy'], Space> => ({
  space: 'toy',
  arch,
  proxy,
  params: {},
  seed: 0,
  fidelity: 'quick',
  dataset: 'none',
});
const score = (j: ScoreJob<ScoreJob['proxy'], Space>) =>
  runScoreJob(j, 'cpu', () => 0, noBatch, { spaces: REGISTRY });

/** A tanh MLP 1 → w (×depth) → 1 has 2w weights and biases in, (depth − 1)(w² + w) between, w + 1 out. */
const closedFormParams = (depth: number, width: number) =>
  2 * width + (depth - 1) * (width * width + width) + width + 1;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('a toy space added by one registry line', () => {
  it('is listed after every space of the app, and the app itself does not know it', () => {
    expect(REGISTRY.ids).toEqual([...SPACE_IDS, 'toy']);
    expect(REGISTRY.get('toy').label).toBe('Toy');
    expect(SPACE_REGISTRY.has('toy')).toBe(false);
  });

  it('scores through runScoreJob: params equals the closed form on each of its nine networks', async () => {
    const { candidates } = REGISTRY.get('toy');
    expect(candidates.size).toBe(TOY_DEPTHS.length * TOY_WIDTHS.length);
    for (let index = 0; index < candidates.size; index++) {
      const arch = candidates.archOf(index);
      const [, d, w] = /^toy:d(\d):w(\d)$/.exec(arch) ?? [];
      const result = await score(job(arch));
      expect([arch, result.value]).toEqual([arch, closedFormParams(Number(d), Number(w))]);
      expect(candidates.indexOf(arch)).toEqual({ ok: true, value: index });
    }
    // d2 w4: 8 in, 20 between, 5 out, by hand.
    expect((await score(job('toy:d2:w4'))).value).toBe(33);
  });

  it('builds through buildNetwork with the registry given, and refuses text that is not its own', async () => {
    const built = await buildNetwork('toy', ' toy:d3:w8 ', 'quick', undefined, REGISTRY);
    expect(built.ok && built.value.arch).toBe('toy:d3:w8');
    expect(built.ok && built.value.network.inputShape).toEqual([1]);
    await expect(score(job('toy:d4:w8'))).rejects.toThrow(
      /toy architecture "toy:d4:w8": .*not toy:d<1\|2\|3>/,
    );
  });

  it('is refused by a proxy of another family, with the family in the message', async () => {
    const out = await score(job('toy:d1:w2', 'vintk'));
    expect(out.value).toBeNaN();
    expect(out.warnings[0]).toMatch(/vintk does not apply to toy \(mlp networks\)/);
  });

  it('keys its scores by its id and canonical text, and its links round-trip', () => {
    const a = JSON.parse(cacheKeyMaterial(job('toy:d1:w4'), { spaces: REGISTRY }));
    expect(a).toMatchObject({ space: 'toy', arch: 'toy:d1:w4', proxy: 'params' });
    expect(cacheKeyMaterial(job(' toy:d1:w4'), { spaces: REGISTRY })).toBe(
      cacheKeyMaterial(job('toy:d1:w4'), { spaces: REGISTRY }),
    );
    const { link, candidates } = REGISTRY.get('toy');
    for (const index of candidates.sample(20, 7)) expect(link.decode(link.encode(index))).toBe(index);
    expect(link.decode(candidates.size.toString(36))).toBeNull();
  });

  it("is unknown to the app's own scoring path", async () => {
    await expect(runScoreJob(job('toy:d1:w2'), 'cpu', () => 0, noBatch)).rejects.toThrow(
      /unknown search space "toy"/,
    );
  });

  it('refuses a registry line whose key is not its space', () => {
    expect(() => defineSpaceRegistry({ ...SPACES, other: toySpace })).toThrow(
      /the registry line "other" holds the space "toy"/,
    );
  });
});
