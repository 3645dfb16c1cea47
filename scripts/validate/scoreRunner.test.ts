import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Scorer } from '../../src/compute/scoreRun';
import { tf } from '../../src/core/nn/tf';
import { runScoreJob } from '../../src/core/proxies/scoreJob';
import { nb201Sample, nb201ToString } from '../../src/core/spaces/nb201/nb201';
import { planJob, proxyGroups, readRecords, runScorePlan, type ScorePlan } from './scoreRunner';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const plan = (out: string, extra: Partial<ScorePlan> = {}): ScorePlan => ({
  space: 'nb201',
  fidelity: 'quick',
  archs: nb201Sample(6, 1).map(nb201ToString),
  proxies: ['params', 'flops'],
  dataset: 'cifar10',
  batch: 8,
  seed: 0,
  backend: 'cpu',
  out,
  budgetMs: Number.POSITIVE_INFINITY,
  ...extra,
});

describe('the resumable score runner', () => {
  it('groups proxies that share a computation and keeps the order otherwise', () => {
    expect(proxyGroups(['params', 'ntk_trace', 'swap', 'ntk_cond', 'reg_swap'])).toEqual([
      ['params'],
      ['ntk_cond', 'ntk_trace'],
      ['swap', 'reg_swap'],
    ]);
  });

  it('skips the pairs the file holds, rescoring a torn last line', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'runner-')), 'scores.jsonl');
    const first = await runScorePlan(plan(out, { archs: plan(out).archs.slice(0, 3) }));
    expect(first.scored).toBe(6);
    appendFileSync(out, '{"arch": "|nor_conv'); // a kill mid-write
    const second = await runScorePlan(plan(out));
    expect(second).toMatchObject({ scored: 6, alreadyThere: 6, left: 0 });
    const records = readRecords(out);
    expect(records).toHaveLength(12);
    expect(new Set(records.map((r) => `${r.arch} ${r.proxy}`)).size).toBe(12);
  });

  it('scores tranche by tranche, proxy-major inside each, and stops after one when asked', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'runner-')), 'scores.jsonl');
    const summary = await runScorePlan(plan(out, { tranche: 2, onlyOneTranche: true }));
    expect(summary).toMatchObject({ scored: 4, moreTranches: true });
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((r) => r.proxy)).toEqual(['params', 'params', 'flops', 'flops']);
  });

  it('stops starting work once the budget is spent and says what is left', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'runner-')), 'scores.jsonl');
    writeFileSync(out, '');
    const summary = await runScorePlan(plan(out, { budgetMs: 0 }));
    expect(summary).toMatchObject({ scored: 0, left: 12, stoppedByBudget: true });
  });

  it('scores each pair as the job a worker runs, with the same value', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'runner-')), 'scores.jsonl');
    const small = plan(out, { archs: plan(out).archs.slice(0, 2), proxies: ['synflow'] });
    await runScorePlan(small);
    for (const record of readRecords(out)) {
      const job = planJob(small, record.arch, record.proxy);
      const direct = await runScoreJob(
        job,
        'cpu',
        () => 0,
        async () => {
          throw new Error('synflow reads no data');
        },
      );
      expect(record.value).toBe(direct.value);
      expect(record.backend).toBe('cpu');
    }
  });

  it('retries a job that ran out of memory once, then records the failure without a value', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'runner-')), 'scores.jsonl');
    const calls = new Map<string, number>();
    // The first cell runs out of memory once (then fits on the fresh heap), the second every time.
    const [first, second] = plan(out).archs;
    const scorer: Scorer = {
      async score(job) {
        const n = (calls.get(job.arch) ?? 0) + 1;
        calls.set(job.arch, n);
        if (job.arch === second || n === 1) throw new Error('out of memory (wasm heap): Aborted()');
        return { value: 42, details: {}, warnings: [], backend: 'cpu', ms: 1 };
      },
    };
    await runScorePlan(plan(out, { archs: [first!, second!], proxies: ['params'], scorer }));
    expect(calls.get(first!)).toBe(2);
    expect(calls.get(second!)).toBe(2);
    const records = readRecords(out);
    expect(records.map((r) => [r.arch, r.value, r.error ?? null])).toEqual([
      [first, 42, null],
      [second, null, 'out of memory (wasm heap): Aborted()'],
    ]);
  });
});
