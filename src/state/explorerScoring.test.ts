import { describe, expect, it } from 'vitest';
import { nb201Sample, nb201ToString } from '../core/spaces/nb201/nb201';
import { jobFor, jobsForView } from './explorerScoring';
import { scoreSlot } from './explorerStore';
import { DEFAULT_VIEW_STATE, type ViewState } from './viewState';

describe('jobsForView', () => {
  it('gives each sampled cell its arch text, and data proxies the fidelity batch of CIFAR-10', () => {
    const view: ViewState = { ...DEFAULT_VIEW_STATE, sampleSize: 3, seed: 17, proxies: ['params', 'nwot'] };
    const jobs = jobsForView(view);
    const archs = nb201Sample(3, 17).map(nb201ToString);
    expect(jobs.map((j) => [j.space, j.arch, j.proxy, j.dataset])).toEqual(
      archs.flatMap((arch) => [
        ['nb201', arch, 'params', 'none'],
        ['nb201', arch, 'nwot', 'cifar10-train n=32 seed=17'],
      ]),
    );
    expect(jobs.every((j) => j.seed === 17 && j.fidelity === 'quick')).toBe(true);
    // The paper fidelity scores with NB201's batch of 64.
    expect(jobFor({ ...view, fidelity: 'paper' }, 5, 'nwot').dataset).toBe('cifar10-train n=64 seed=17');
  });

  it('gives different store slots to different cells, proxies, seeds, fidelities and batches', () => {
    const view: ViewState = { ...DEFAULT_VIEW_STATE, seed: 2 };
    const slots = new Set(
      [
        jobFor(view, 5, 'nwot'),
        jobFor(view, 6, 'nwot'),
        jobFor(view, 5, 'grad_norm'),
        jobFor({ ...view, seed: 3 }, 5, 'nwot'),
        jobFor({ ...view, fidelity: 'paper' }, 5, 'nwot'),
        { ...jobFor(view, 5, 'nwot'), dataset: 'cifar10-test n=32 seed=2' },
      ].map(scoreSlot),
    );
    expect(slots.size).toBe(6);
    expect(scoreSlot(jobFor(view, 5, 'nwot'))).toBe(scoreSlot(jobFor({ ...view }, 5, 'nwot')));
  });
});
