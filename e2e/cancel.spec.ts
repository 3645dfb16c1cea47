import { expect, test } from '@playwright/test';
import { encodeViewState } from '../src/state/url';
import { DEFAULT_VIEW_STATE } from '../src/state/viewState';
import { dispatchedJobs, jobKey, readScores, waitForScores } from './readPage';

const view = { ...DEFAULT_VIEW_STATE, sampleSize: 200, seed: 3 };
const total = view.sampleSize * view.proxies.length;

test('cancel stops a 200-cell run at once, keeps finished rows, and a rerun computes only the rest', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await page.goto(`/#${encodeViewState(view)}`);
  const done = page.locator('[data-testid="result-row"] td[data-state="done"]');
  await expect.poll(() => done.count(), { timeout: 120_000 }).toBeGreaterThanOrEqual(20);

  const workers = page.workers();
  expect(workers.length).toBeGreaterThan(0);
  const closed = Promise.all(
    workers.map((w) => new Promise<void>((resolve) => w.once('close', () => resolve()))),
  );
  await page.getByTestId('cancel').click();
  // Cancel terminates the workers (their close events fire) instead of letting them drain.
  await closed;
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'cancelled');

  const kept = await readScores(page);
  expect(kept.length).toBeGreaterThanOrEqual(20);
  expect(kept.length).toBeLessThan(total);
  const sentBefore = await dispatchedJobs(page);
  // Nothing more arrives after cancel.
  await page.waitForTimeout(1500);
  expect(await readScores(page)).toHaveLength(kept.length);

  await page.getByTestId('run').click();
  await waitForScores(page, total, 500_000);
  const sentAfter = await dispatchedJobs(page);
  const all = await readScores(page);
  // A job that finished just as Cancel came is in the cache (scores are kept before they are shown)
  // but was not shown: the rerun serves it from the cache instead of computing it again.
  const keptKeys = new Set(kept.map((k) => jobKey(k.cell, k.proxy)));
  const savedUnshown = all.filter((s) => s.cached && !keptKeys.has(jobKey(s.cell, s.proxy))).length;
  expect(savedUnshown).toBeLessThanOrEqual(workers.length);
  // Every job ran once: those finished before Cancel and the rest after.
  expect(sentAfter - sentBefore).toBe(total - kept.length - savedUnshown);
  for (const k of kept) {
    expect(all.find((s) => s.cell === k.cell && s.proxy === k.proxy)?.value).toBe(k.value);
  }
});
