/**
 * Ground truth made in the page: two candidates trained briefly in a worker; their accuracies
 * match the same schedule run in Node, and they become a table the plots compare against.
 */
import { expect, test } from '@playwright/test';
import { explorerSchedule } from '../src/core/train/trainedTable';
import { encodeViewState } from '../src/state/url';
import { DEFAULT_VIEW_STATE } from '../src/state/viewState';
import { trainInNode } from './nodeScores';

test('two cells trained briefly in a worker match Node and become a ground-truth table', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(`/#${encodeViewState({ ...DEFAULT_VIEW_STATE, sampleSize: 4, proxies: ['params'] })}`);
  const archs = await page.$$eval('[data-testid="result-row"]', (rows) =>
    rows.slice(0, 2).map((r) => (r as HTMLElement).dataset.arch ?? ''),
  );
  expect(archs).toHaveLength(2);
  await page.getByTestId('train-panel').locator('summary').click();
  await page.getByTestId('train-count').fill('2');
  await page.getByTestId('train-steps').fill('10');
  await page.getByTestId('train-start').click();
  const runs = page.locator('[data-testid="train-run"][data-status="done"]');
  await expect(runs).toHaveCount(2, { timeout: 240_000 });
  await expect(page.getByTestId('train-label')).toContainText('10 steps');

  const schedule = explorerSchedule('nb201', 0, 10);
  const cells = await runs.evaluateAll((els) =>
    els.map((e) => ({
      cell: Number((e as HTMLElement).dataset.cell),
      accuracy: Number((e as HTMLElement).dataset.accuracy),
    })),
  );
  const rowArch = async (cell: number) =>
    (await page.locator(`[data-testid="result-row"][data-cell="${cell}"]`).getAttribute('data-arch')) ?? '';
  for (const { cell, accuracy } of cells) {
    const arch = await rowArch(cell);
    expect(archs).toContain(arch);
    const node = trainInNode({ space: 'nb201', arch, fidelity: 'quick', dataset: 'cifar10', schedule });
    // wasm in the page and in Node; the page may pick the SIMD build or not, so sums may differ in order.
    expect(Math.abs(accuracy - node), `${arch}: page ${accuracy}, Node ${node}`).toBeLessThanOrEqual(0.01);
  }

  const table = page.locator('[data-testid="gt-table"][data-name="trained: nb201 short 10 steps seed 0"]');
  await expect(table).toHaveAttribute('data-rows', '2');
  await expect(page.getByTestId('pva-y')).toHaveValue(/short_test_acc$/);
  await expect(page.getByTestId('pva-stats')).toHaveAttribute('data-n', '2');
});
