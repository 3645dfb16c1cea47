/**
 * Issue 16, item 8: two tabs of the app (one browser profile, one IndexedDB) each train a candidate
 * at the same time with the same schedule, so both results go into the same trained table. Each
 * save reads and writes the table in one transaction (src/compute/groundTruthStore.ts), so both
 * rows land; a tab writing back the table it held in memory would keep only the last one.
 */
import { expect, type Page, test } from '@playwright/test';
import { encodeViewState } from '../src/state/url';
import { DEFAULT_VIEW_STATE } from '../src/state/viewState';

// The table a training run writes to is named by its schedule and the view's seed.
const SEED = 7106;
const TABLE = `[data-testid="gt-table"][data-name="trained: nb201 short 10 steps seed ${SEED}"]`;

/** Opens a view of one NB201 cell (by index) and starts training it. */
async function startTraining(page: Page, cell: number): Promise<string> {
  const view = {
    ...DEFAULT_VIEW_STATE,
    sampleSize: 0,
    added: [cell],
    seed: SEED,
    proxies: ['params' as const],
  };
  await page.goto(`/?backend=wasm#${encodeViewState(view)}`);
  const arch = (await page.locator('[data-testid="result-row"]').first().getAttribute('data-arch')) ?? '';
  await page.getByTestId('train-panel').locator('summary').click();
  await page.getByTestId('train-count').fill('1');
  await page.getByTestId('train-steps').fill('10');
  await page.getByTestId('train-start').click();
  return arch;
}

test('two tabs saving trained rows into the same table at once keep both rows', async ({ context }) => {
  test.setTimeout(300_000);
  const [first, second] = [await context.newPage(), await context.newPage()];
  const archs = [await startTraining(first, 101), await startTraining(second, 9001)];
  expect(new Set(archs).size).toBe(2);
  const done = '[data-testid="train-run"][data-status="done"]';
  await Promise.all([
    expect(first.locator(done)).toHaveCount(1, { timeout: 240_000 }),
    expect(second.locator(done)).toHaveCount(1, { timeout: 240_000 }),
  ]);
  // A third tab reads the stored table: both trained candidates are in it.
  const third = await context.newPage();
  await third.goto('/');
  await expect(third.locator(TABLE)).toHaveAttribute('data-rows', '2');
});
