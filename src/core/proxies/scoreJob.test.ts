/**
 * runScoreJob: the network is built from the job's arch text, data proxies get their batch from
 * the injected loader, and the value is exactly the proxy's own on the same network and batch.
 */
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Batch } from '../data/batch';
import { randomNormalBatch } from '../data/synthetic';
import type { Network } from '../nn/network';
import { tf } from '../nn/tf';
import { FIDELITY_PRESETS } from '../spaces/fidelity';
import { nb201FromIndex } from '../spaces/nb201/nb201';
import { nb201Network } from '../spaces/nb201/nb201Network';
import type { ProxyId } from './ids';
import { getProxy, resolvedParams } from './registry';
import { type BatchLoader, nb201Arch, nb201CellOf, nb201Job, runScoreJob, type ScoreJob } from './scoreJob';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Base-5 digits 3 2 4 1 3 2: every op but none, so the cell has a path and every layer is live. */
const CELL = ((((3 * 5 + 2) * 5 + 4) * 5 + 1) * 5 + 3) * 5 + 2;
const SPEC = 'cifar10-train n=2 seed=7';

/** A loader that hands out one fixed batch and records what it was asked for. */
function fixedLoader(batch: Batch) {
  const calls: { spec: string; inputShape: readonly number[] }[] = [];
  const load: BatchLoader = async (spec, network) => {
    calls.push({ spec, inputShape: network.inputShape });
    return batch;
  };
  return { calls, load };
}

const tick = () => {
  let t = 0;
  return () => (t += 5);
};

function job(proxy: ProxyId, extra: Partial<ScoreJob> = {}): ScoreJob {
  return { ...nb201Job(CELL, { proxy, params: {}, seed: 3, fidelity: 'quick', dataset: SPEC }), ...extra };
}

describe('runScoreJob', () => {
  it('describes NB201 jobs by cell index and reads the index back', () => {
    const j = job('nwot');
    expect(j.space).toBe('nb201');
    expect(j.arch).toBe(
      '|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|',
    );
    expect(nb201CellOf(j)).toBe(CELL);
    expect(nb201CellOf({ space: 'mlp', arch: nb201Arch(CELL) })).toBeNull();
  });

  for (const proxy of ['nwot', 'grad_norm'] as const) {
    it(`gives exactly the value of calling ${proxy} directly, with the injected batch`, async () => {
      const batch = randomNormalBatch(2, [32, 32, 3], 5);
      const loader = fixedLoader(batch);
      const result = await runScoreJob(job(proxy), 'cpu', tick(), loader.load);
      expect(loader.calls).toEqual([{ spec: SPEC, inputShape: [32, 32, 3] }]);

      // The network built independently of buildNetwork, from the index.
      const network: Network = nb201Network(nb201FromIndex(CELL), FIDELITY_PRESETS.quick);
      const direct = await getProxy(proxy).compute({
        network,
        seed: 3,
        params: resolvedParams(proxy, {}),
        batch,
      });
      expect(Number.isFinite(direct.value)).toBe(true);
      expect(result.value).toBe(direct.value);
      expect(result.warnings).toEqual(direct.warnings);
      expect(result.backend).toBe('cpu');
      // Clock read around building (5) and around computing (5); the loader's time is left out.
      expect(result.ms).toBe(10);
    });
  }

  it('changes with the batch it is given (the loader is what supplies data)', async () => {
    const run = (seed: number) =>
      runScoreJob(job('nwot'), 'cpu', tick(), fixedLoader(randomNormalBatch(4, [32, 32, 3], seed)).load);
    const [a, b] = [await run(5), await run(6)];
    expect(a.value).not.toBe(b.value);
  });

  it('never asks data-free proxies for a batch', async () => {
    const loader = fixedLoader(randomNormalBatch(1, [32, 32, 3], 0));
    const result = await runScoreJob(job('params', { dataset: 'none' }), 'cpu', tick(), loader.load);
    expect(loader.calls).toEqual([]);
    expect(result.value).toBeGreaterThan(0);
  });

  it("builds a ViT for the job's classes: the head grows by (classes − 10)·(embed + 1) weights", async () => {
    const loader = fixedLoader(randomNormalBatch(1, [32, 32, 3], 0));
    const vit = {
      ...job('params', { dataset: 'none' }),
      space: 'vit-browser' as const,
      arch: 'vit:web:e64:m2,3:h2,4',
    };
    const own = await runScoreJob(vit, 'cpu', tick(), loader.load);
    const hundred = await runScoreJob({ ...vit, classes: 100 }, 'cpu', tick(), loader.load);
    expect(hundred.value - own.value).toBe(90 * 65);
  });

  it('gives NaN and a warning, not a throw, when the proxy does not apply to the space', async () => {
    const loader = fixedLoader(randomNormalBatch(1, [32, 32, 3], 0));
    const cases: ScoreJob[] = [
      { ...job('az_progressivity'), space: 'vit-browser', arch: 'vit:web:e64:m2,3:h2,4' },
      {
        ...job('grasp'),
        space: 'autoformer-tiny',
        arch: 'vit:ti:e192:m4,4,4,4,4,4,4,4,4,4,4,4:h3,3,3,3,3,3,3,3,3,3,3,3',
      },
      { ...job('grad_norm'), space: 'mlp', arch: 'mlp:in1:d2:w16:relu:o1:none' },
    ];
    for (const c of cases) {
      const result = await runScoreJob(c, 'cpu', tick(), loader.load);
      expect(result.value).toBeNaN();
      expect(result.warnings).toHaveLength(1);
      expect(result.warnings[0]).toContain(`${c.proxy} does not apply to ${c.space}`);
    }
    expect(loader.calls).toEqual([]);
  });

  it('rejects unreadable arch text, a data proxy without a batch and a batch of the wrong shape', async () => {
    const loader = fixedLoader(randomNormalBatch(2, [32, 32, 3], 0));
    await expect(runScoreJob(job('nwot', { arch: '|bogus|' }), 'cpu', tick(), loader.load)).rejects.toThrow(
      /nb201 architecture "\|bogus\|": not an NB201 cell string/,
    );
    await expect(runScoreJob(job('nwot', { dataset: 'none' }), 'cpu', tick(), loader.load)).rejects.toThrow(
      'nwot needs a data batch; the job names none',
    );
    const small = fixedLoader(randomNormalBatch(2, [16, 16, 3], 0));
    await expect(runScoreJob(job('nwot'), 'cpu', tick(), small.load)).rejects.toThrow(
      'has samples of shape [16, 16, 3], the network wants [32, 32, 3]',
    );
  });
});
