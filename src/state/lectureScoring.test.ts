import { describe, expect, it } from 'vitest';
import { resolvedParams } from '../core/proxies/registry';
import type { ScoreJob, ScoreResult } from '../core/proxies/scoreJob';
import { candidateCodec } from '../core/spaces/candidateIndex';
import { correlationWithIntervals } from '../core/stats/correlationSummary';
import { jobFor } from './explorerScoring';
import {
  correlationPairs,
  hfJob,
  jobId,
  lectureCandidates,
  ntkJob,
  sharingScorer,
  vintkJob,
  vintkRfpJob,
} from './lectureScoring';
import { defaultViewState } from './viewState';

const ARCH = 'vit:web:e64:m2,2:h2,4';

describe('lecture jobs', () => {
  it('are the jobs the Explorer builds for a quick vit-browser view (so they share the cache)', () => {
    const view = {
      ...defaultViewState(),
      space: 'vit-browser' as const,
      fidelity: 'quick' as const,
      seed: 5,
    };
    const cell = candidateCodec('vit-browser').indexOf(ARCH);
    if (!cell.ok) throw new Error(cell.error);
    expect(ntkJob(ARCH, { seed: 5 })).toEqual(jobFor({ ...view, batch: null }, cell.value, 'ntk_cond'));
    const explorer = jobFor({ ...view, batch: null }, cell.value, 'vintk');
    expect(vintkJob(ARCH, { seed: 5, r: 0.5, alpha: 0.25 })).toEqual({
      ...explorer,
      params: { r: 0.5, alpha: 0.25 },
    });
  });

  it("are the Explorer's jobs for an imported table's AutoFormer-Ti rows too (quick fidelity: 64 px)", () => {
    const arch = `vit:ti:e192:m${Array(12).fill(3.5).join(',')}:h${Array(12).fill(3).join(',')}`;
    const view = {
      ...defaultViewState(),
      space: 'autoformer-tiny' as const,
      fidelity: 'quick' as const,
      seed: 2,
    };
    const cell = candidateCodec('autoformer-tiny').indexOf(arch);
    if (!cell.ok) throw new Error(cell.error);
    const ntk = ntkJob(arch, { seed: 2 }, 'autoformer-tiny');
    expect(ntk).toEqual(jobFor({ ...view, batch: null }, cell.value, 'ntk_cond'));
    expect(ntk.space).toBe('autoformer-tiny');
    expect(vintkJob(arch, { seed: 2, r: 0.25, alpha: 0.5 }, 'autoformer-tiny')).toEqual({
      ...jobFor({ ...view, batch: null }, cell.value, 'vintk'),
      params: { r: 0.25, alpha: 0.5 },
    });
    // The same text in another space is another job.
    expect(jobId(ntk)).not.toBe(jobId(ntkJob(arch, { seed: 2 })));
  });

  it('key by every setting that changes the value', () => {
    const a = jobId(vintkJob(ARCH, { seed: 0, r: 0.25, alpha: 0.5 }));
    expect(jobId(vintkJob(ARCH, { seed: 0, r: 0.25, alpha: 0.5 }))).toBe(a);
    expect(jobId(vintkJob(ARCH, { seed: 0, r: 0.3, alpha: 0.5 }))).not.toBe(a);
    expect(jobId(vintkJob(ARCH, { seed: 0, r: 0.25, alpha: 0.6 }))).not.toBe(a);
    expect(jobId(vintkJob(ARCH, { seed: 1, r: 0.25, alpha: 0.5 }))).not.toBe(a);
    expect(jobId(ntkJob(ARCH, { seed: 0 }))).not.toBe(a);
  });
});

describe("the high-frequency column's job", () => {
  const settings = { seed: 3, r: 0.5, alpha: 0.25, sigma: 2 };

  it('is for vintk exactly the vintk job, field for field, whatever σ says', () => {
    const job = hfJob(ARCH, { ...settings, hf: 'vintk' });
    expect(job).toEqual({
      space: 'vit-browser',
      arch: ARCH,
      proxy: 'vintk',
      params: { r: 0.5, alpha: 0.25 },
      seed: 3,
      fidelity: 'quick',
      dataset: 'cifar10-train n=32 seed=3',
    });
    expect(job).toEqual(vintkJob(ARCH, settings));
    expect(jobId(job)).toBe(jobId(hfJob(ARCH, { ...settings, sigma: 7, hf: 'vintk' })));
  });

  it("is for vintk_rfp ntk_cond's job with proxy vintk_rfp and params { sigma } only", () => {
    const ntk = ntkJob(ARCH, { seed: 3 });
    const job = hfJob(ARCH, { ...settings, hf: 'vintk_rfp' });
    expect(job).toEqual({ ...ntk, proxy: 'vintk_rfp', params: { sigma: 2 } });
    expect(job.dataset).toBe(ntk.dataset);
    expect(job.seed).toBe(3);
    expect(job.fidelity).toBe('quick');
    expect(job).toEqual(vintkRfpJob(ARCH, { seed: 3, sigma: 2 }));
    // r and α do not enter it; σ does.
    expect(jobId(hfJob(ARCH, { ...settings, r: 1, alpha: 1, hf: 'vintk_rfp' }))).toBe(jobId(job));
    expect(jobId(hfJob(ARCH, { ...settings, sigma: 0.5, hf: 'vintk_rfp' }))).not.toBe(jobId(job));
    const tiny = hfJob('vit:ti:x', { ...settings, hf: 'vintk_rfp' }, 'autoformer-tiny');
    expect(tiny).toEqual({
      ...ntkJob('vit:ti:x', { seed: 3 }, 'autoformer-tiny'),
      proxy: 'vintk_rfp',
      params: { sigma: 2 },
    });
  });

  it("is for vintk_ff ntk_cond's job with proxy vintk_ff and params { sigma }, B's other settings at their defaults", () => {
    const job = hfJob(ARCH, { ...settings, hf: 'vintk_ff' });
    expect(job).toEqual({ ...ntkJob(ARCH, { seed: 3 }), proxy: 'vintk_ff', params: { sigma: 2 } });
    expect(resolvedParams(job.proxy, job.params, job.space)).toMatchObject({
      m: 64,
      alpha: 1,
      ffSeed: 0,
      init: 'vit',
    });
    expect(jobId(hfJob(ARCH, { ...settings, hf: 'vintk_ff' }))).not.toBe(
      jobId(hfJob(ARCH, { ...settings, hf: 'vintk_rfp' })),
    );
  });

  it('name a number of initialisations only when it is not the default 3, in both columns', () => {
    expect(ntkJob(ARCH, { seed: 3, repeats: 3 })).toEqual(ntkJob(ARCH, { seed: 3 }));
    expect(ntkJob(ARCH, { seed: 3, repeats: 5 }).params).toEqual({ repeats: 5 });
    expect(hfJob(ARCH, { ...settings, repeats: 5, hf: 'vintk' }).params).toEqual({
      r: 0.5,
      alpha: 0.25,
      repeats: 5,
    });
    expect(hfJob(ARCH, { ...settings, repeats: 1, hf: 'vintk_rfp' }).params).toEqual({
      sigma: 2,
      repeats: 1,
    });
    expect(hfJob(ARCH, { ...settings, repeats: 2, hf: 'vintk_ff' }).params).toEqual({ sigma: 2, repeats: 2 });
  });

  it("is the Explorer's vintk_rfp job at σ = 1 once the registry's defaults are filled in (same cache)", () => {
    const view = {
      ...defaultViewState(),
      space: 'vit-browser' as const,
      fidelity: 'quick' as const,
      seed: 3,
    };
    const cell = candidateCodec('vit-browser').indexOf(ARCH);
    if (!cell.ok) throw new Error(cell.error);
    const explorer = jobFor({ ...view, batch: null }, cell.value, 'vintk_rfp');
    const job = hfJob(ARCH, { ...settings, sigma: 1, hf: 'vintk_rfp' });
    expect({ ...job, params: resolvedParams(job.proxy, job.params) }).toEqual({
      ...explorer,
      params: resolvedParams(explorer.proxy, explorer.params),
    });
  });
});

describe('lecture candidates', () => {
  it("take the shipped table's first n rows", () => {
    expect(lectureCandidates('shipped', 2, 0, ['a', 'b', 'c'])).toEqual(['a', 'b']);
    expect(lectureCandidates('shipped', 5, 0, ['a'])).toEqual(['a']);
  });

  it('draw n distinct, reproducible vit-browser architectures', () => {
    const first = lectureCandidates('sample', 12, 3, []);
    expect(first).toHaveLength(12);
    expect(new Set(first).size).toBe(12);
    expect(lectureCandidates('sample', 12, 3, [])).toEqual(first);
    for (const arch of first) expect(arch.startsWith('vit:web:')).toBe(true);
  });
});

describe('lecture correlations', () => {
  it('use only rows with both numbers, and follow the ranks', () => {
    const rows = [
      { arch: 'a', ntk: 1, vintk: 4, acc: 10 },
      { arch: 'b', ntk: 2, vintk: 3, acc: 20 },
      { arch: 'c', ntk: 3, vintk: 2, acc: 30 },
      { arch: 'd', ntk: 4, vintk: 1, acc: 40 },
      { arch: 'e', ntk: undefined, vintk: 0, acc: 50 },
      { arch: 'f', ntk: 5, vintk: 5, acc: undefined },
    ];
    const correlationOf = (proxy: 'ntk' | 'vintk') => {
      const { xs, ys } = correlationPairs(rows, proxy);
      return correlationWithIntervals(xs, ys);
    };
    const ntk = correlationOf('ntk');
    expect(ntk.rho.estimate).toBe(1);
    expect(ntk.rho.n).toBe(4);
    expect(ntk.tau.estimate).toBe(1);
    const vintk = correlationOf('vintk');
    expect(vintk.rho.estimate).toBe(-1);
    expect(vintk.rho.n).toBe(5);
  });
});

describe('the lecture scorer', () => {
  it('computes a job asked for again while it runs only once, and again once it has finished', async () => {
    const calls: string[] = [];
    const waiting: ((result: ScoreResult) => void)[] = [];
    const inner = {
      score(job: ScoreJob) {
        calls.push(jobId(job));
        return new Promise<ScoreResult>((resolve) => waiting.push(resolve));
      },
    };
    const scorer = sharingScorer(inner);
    const a = ntkJob(ARCH, { seed: 0 });
    const b = vintkJob(ARCH, { seed: 0, r: 0.25, alpha: 0.5 });
    const first = scorer.score(a);
    const second = scorer.score({ ...a, params: {} });
    const other = scorer.score(b);
    expect(calls).toEqual([jobId(a), jobId(b)]);
    const result = { value: 3, backend: 'cpu', ms: 5 } as ScoreResult;
    waiting[0]!(result);
    expect(await first).toBe(result);
    expect(await second).toBe(result);
    waiting[1]!({ ...result, value: 4 });
    expect((await other).value).toBe(4);
    void scorer.score(a);
    expect(calls).toEqual([jobId(a), jobId(b), jobId(a)]);
  });

  it('forgets a job whose computation failed, so asking again tries again', async () => {
    let n = 0;
    const scorer = sharingScorer({
      score: () =>
        ++n === 1 ? Promise.reject(new Error('boom')) : Promise.resolve({ value: 1 } as ScoreResult),
    });
    const job = ntkJob(ARCH, { seed: 0 });
    await expect(scorer.score(job)).rejects.toThrow('boom');
    expect((await scorer.score(job)).value).toBe(1);
    expect(n).toBe(2);
  });
});
