/**
 * Adding a proxy is one file (src/test/toyProxy.ts) plus one registry line (REGISTRY below): the
 * scoring path (runScoreJob), the space check, the parameter defaults and the cache key all follow
 * from the registry they are given. The toy's value is checked against the params proxy, which
 * reaches the same count from the parameter shapes instead of the initialised tensors.
 */
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { cacheKeyMaterial } from '../../compute/cacheKey';
import { toyProxy } from '../../test/toyProxy';
import { tf } from '../nn/tf';
import { defineProxyRegistry, isProxyId, PROXY_IDS, PROXY_REGISTRY } from './registry';
import { NO_DATASET, nb201Arch, runScoreJob, type ScoreJob } from './scoreJob';

const REGISTRY = defineProxyRegistry({ ...PROXY_REGISTRY, toy_weights: toyProxy });
type Id = (typeof REGISTRY.ids)[number];

const noBatch = async () => {
  throw new Error('a data-free proxy loads no batch');
};
const job = (proxy: Id, params = {}): ScoreJob<Id> => ({
  space: 'nb201',
  arch: nb201Arch(8_888),
  proxy,
  params,
  seed: 3,
  fidelity: 'quick',
  dataset: NO_DATASET,
});
const score = (j: ScoreJob<Id>) => runScoreJob(j, 'cpu', () => 0, noBatch, { proxies: REGISTRY });

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('a toy proxy added by one registry line', () => {
  it('is listed after every proxy of the app, and the app itself does not know it', () => {
    expect(REGISTRY.ids).toEqual([...PROXY_IDS, 'toy_weights']);
    expect(REGISTRY.has('toy_weights')).toBe(true);
    expect(isProxyId('toy_weights')).toBe(false);
  });

  it('scores through runScoreJob: the params count, reached from the initialised tensors', async () => {
    const toy = await score(job('toy_weights'));
    const params = await score(job('params'));
    expect(params.value).toBeGreaterThan(10_000);
    expect(toy.value).toBe(params.value);
    expect(toy.warnings).toEqual([]);
    // Its parameter's default (scale 1) is filled in, and a given one is used.
    expect((await score(job('toy_weights', { scale: 2 }))).value).toBe(2 * params.value);
  });

  it('is refused on a space it does not declare', async () => {
    const vit = { ...job('toy_weights'), space: 'autoformer-tiny' as const };
    const out = await score(vit);
    expect(out.value).toBeNaN();
    expect(out.warnings[0]).toMatch(/toy_weights does not apply to autoformer-tiny/);
  });

  it('keys its cached scores by its own parameters and version', () => {
    const material = JSON.parse(cacheKeyMaterial(job('toy_weights'), { proxies: REGISTRY }));
    expect(material).toMatchObject({ proxy: 'toy_weights', params: { scale: 1 }, version: 1 });
    const bumped = defineProxyRegistry({ ...PROXY_REGISTRY, toy_weights: { ...toyProxy, version: 2 } });
    expect(cacheKeyMaterial(job('toy_weights'), { proxies: bumped })).not.toBe(
      cacheKeyMaterial(job('toy_weights'), { proxies: REGISTRY }),
    );
  });

  it("is unknown to the app's own scoring path", async () => {
    await expect(runScoreJob(job('toy_weights'), 'cpu', () => 0, noBatch)).rejects.toThrow(
      /toy_weights" is not implemented/,
    );
  });
});
