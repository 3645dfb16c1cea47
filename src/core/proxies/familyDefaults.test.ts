/**
 * Defaults by space family: a ViT job starts from the ViT initialisation unless it names another,
 * NB201 and MLP jobs keep each proxy's own default, and SWAP keeps its paper's Gaussian everywhere.
 */
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomNormalBatch } from '../data/synthetic';
import { tf } from '../nn/tf';
import { PROXY_IDS } from './ids';
import { getProxy, PROXY_REGISTRY, resolvedParams } from './registry';
import { runScoreJob, type ScoreJob } from './scoreJob';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('family defaults', () => {
  it("resolve init to 'vit' for every ViT job of a proxy that takes an init, SWAP apart", () => {
    for (const id of PROXY_IDS) {
      const proxy = getProxy(id);
      if (!('init' in proxy.defaults) || !proxy.spaces.includes('vit')) continue;
      const own = proxy.defaults.init;
      const expected = id === 'swap' || id === 'reg_swap' ? own : 'vit';
      expect([id, resolvedParams(id, {}, 'autoformer-tiny').init]).toEqual([id, expected]);
      expect([id, resolvedParams(id, {}, 'vit-browser').init]).toEqual([id, expected]);
      expect([id, resolvedParams(id, {}, 'nb201').init]).toEqual([id, own]);
      expect([id, resolvedParams(id, {}, 'mlp').init]).toEqual([id, own]);
      // Without a space (the Lab's direct calls), and a job naming its init, nothing is replaced.
      expect(resolvedParams(id, {}).init).toBe(own);
      expect(resolvedParams(id, { init: 'kaiming_fan_in' }, 'autoformer-tiny').init).toBe('kaiming_fan_in');
    }
    expect(PROXY_REGISTRY.ntk_cond?.defaults.init).toBe('kaiming_fan_out');
  });

  it('score a ViT job from the ViT initialisation: its value is the explicit vit job, not the Kaiming one', async () => {
    const batch = randomNormalBatch(4, [32, 32, 3], 1);
    const load = async () => batch;
    const now = () => 0;
    const job: ScoreJob = {
      space: 'vit-browser',
      arch: 'vit:web:e64:m2,3:h2,4',
      proxy: 'ntk_cond',
      params: { repeats: 1 },
      seed: 5,
      fidelity: 'quick',
      dataset: 'cifar10-train n=4 seed=1',
    };
    const plain = await runScoreJob(job, 'cpu', now, load);
    const vit = await runScoreJob({ ...job, params: { repeats: 1, init: 'vit' } }, 'cpu', now, load);
    const kaiming = await runScoreJob(
      { ...job, params: { repeats: 1, init: 'kaiming_fan_out' } },
      'cpu',
      now,
      load,
    );
    expect(plain.details.init).toBe('vit');
    expect(plain.value).toBe(vit.value);
    expect(Number.isFinite(plain.value)).toBe(true);
    expect(Math.abs(plain.value - kaiming.value)).toBeGreaterThan(1e-3);
  });
});
