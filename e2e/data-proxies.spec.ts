/**
 * Data proxies in the browser: the workers fetch the CIFAR-10 shard, draw the seeded batch and
 * score; the values match the same core run in Node on cpu with the same batch.
 */
import { expect, test } from '@playwright/test';
import { nb201CellOf } from '../src/core/proxies/scoreJob';
import { jobsForView } from '../src/state/explorerScoring';
import { encodeViewState } from '../src/state/url';
import { DEFAULT_VIEW_STATE } from '../src/state/viewState';
import { scoreInNode } from './nodeScores';
import { jobKey, readScores, relativeDifference, waitForScores } from './readPage';

test('nwot, grad_norm and jacob_cov on CIFAR-10 batches match the core run in Node', async ({ page }) => {
  test.setTimeout(300_000);
  const view = {
    ...DEFAULT_VIEW_STATE,
    sampleSize: 3,
    seed: 5,
    proxies: ['nwot', 'grad_norm', 'jacob_cov'] as const,
  };
  const jobs = jobsForView({ ...view, proxies: [...view.proxies] });
  expect(jobs.every((j) => j.dataset.startsWith('cifar10-train n=32 seed=5'))).toBe(true);
  await page.goto(`/#${encodeViewState({ ...view, proxies: [...view.proxies] })}`);
  await waitForScores(page, jobs.length, 240_000);
  const shown = new Map((await readScores(page)).map((s) => [jobKey(s.cell, s.proxy), s]));
  const reference = await scoreInNode(jobs);
  jobs.forEach((job, i) => {
    const cell = nb201CellOf(job)!;
    const s = shown.get(jobKey(cell, job.proxy));
    expect(s, `cell ${cell} ${job.proxy}`).toBeDefined();
    // Both sides compute in float32 on different backends; log-det and gradient sums agree closely.
    expect(relativeDifference(s!.value, reference[i]!), `cell ${cell} ${job.proxy}`).toBeLessThan(1e-3);
  });
});
