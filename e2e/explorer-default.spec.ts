import { expect, test } from '@playwright/test';
import { nb201CellOf, type ScoreJob } from '../src/core/proxies/scoreJob';
import { jobsForView } from '../src/state/explorerScoring';
import { encodeViewState } from '../src/state/url';
import { DEFAULT_VIEW_STATE } from '../src/state/viewState';
import { scoreInNode } from './nodeScores';
import {
  dispatchedJobs,
  jobKey,
  readScores,
  relativeDifference,
  shownCells,
  waitForScores,
} from './readPage';

/** The default view by its link ('/' alone opens the prepared first view, first-visit.spec.ts). */
const DEFAULT_LINK = `/#${encodeViewState(DEFAULT_VIEW_STATE)}`;

const expectedJobs = jobsForView(DEFAULT_VIEW_STATE);
/** The explorer's jobs are NB201 jobs: their cell index is what the table shows. */
const cellOf = (job: ScoreJob): number => nb201CellOf(job)!;

test('the default view scores every cell in a worker, matching the core run in Node', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(DEFAULT_LINK);
  await waitForScores(page, expectedJobs.length);

  // The same 20 seeded cells as the core samples in Node.
  const cells = [...new Set(expectedJobs.map(cellOf))];
  expect(await shownCells(page)).toEqual(cells);
  // Computed off the UI thread: a worker exists and every job went through it.
  expect(page.workers().length).toBeGreaterThan(0);
  expect(await dispatchedJobs(page)).toBe(expectedJobs.length);
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', /^(wasm|webgpu|cpu)$/);

  const shown = new Map((await readScores(page)).map((s) => [jobKey(s.cell, s.proxy), s]));
  const reference = await scoreInNode(expectedJobs);
  expectedJobs.forEach((job, i) => {
    const s = shown.get(jobKey(cellOf(job), job.proxy));
    expect(s, `cell ${cellOf(job)} ${job.proxy}`).toBeDefined();
    expect(s!.cached).toBe(false);
    expect(relativeDifference(s!.value, reference[i]!), `cell ${cellOf(job)} ${job.proxy}`).toBeLessThan(
      1e-4,
    );
  });
  expect(errors).toEqual([]);
});

test('after a reload every number comes back from the cache and no job runs', async ({ page }) => {
  await page.goto(DEFAULT_LINK);
  await waitForScores(page, expectedJobs.length);
  const first = await readScores(page);
  expect(first.every((s) => !s.cached)).toBe(true);

  await page.reload();
  await waitForScores(page, expectedJobs.length);
  const second = await readScores(page);
  expect(second.every((s) => s.cached)).toBe(true);
  expect(second.map((s) => s.value)).toEqual(first.map((s) => s.value));
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'finished');
  expect(await dispatchedJobs(page)).toBe(0);

  // Clearing the cache makes the next load compute again.
  await page.getByTestId('clear-cache').click();
  await page.reload();
  await waitForScores(page, expectedJobs.length);
  expect(await dispatchedJobs(page)).toBe(expectedJobs.length);
});
