import { describe, expect, it } from 'vitest';
import { candidateCodec } from '../core/spaces/candidateIndex';
import { defaultViewState } from '../state/viewState';
import { jobFor } from './explorerScoring';
import { correlationOf, jobId, lectureCandidates, ntkJob, vintkJob } from './lectureScoring';

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

  it('key by every setting that changes the value', () => {
    const a = jobId(vintkJob(ARCH, { seed: 0, r: 0.25, alpha: 0.5 }));
    expect(jobId(vintkJob(ARCH, { seed: 0, r: 0.25, alpha: 0.5 }))).toBe(a);
    expect(jobId(vintkJob(ARCH, { seed: 0, r: 0.3, alpha: 0.5 }))).not.toBe(a);
    expect(jobId(vintkJob(ARCH, { seed: 0, r: 0.25, alpha: 0.6 }))).not.toBe(a);
    expect(jobId(vintkJob(ARCH, { seed: 1, r: 0.25, alpha: 0.5 }))).not.toBe(a);
    expect(jobId(ntkJob(ARCH, { seed: 0 }))).not.toBe(a);
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
    const ntk = correlationOf(rows, 'ntk');
    expect(ntk.rho.estimate).toBe(1);
    expect(ntk.rho.n).toBe(4);
    expect(ntk.tau.estimate).toBe(1);
    const vintk = correlationOf(rows, 'vintk');
    expect(vintk.rho.estimate).toBe(-1);
    expect(vintk.rho.n).toBe(5);
  });
});
