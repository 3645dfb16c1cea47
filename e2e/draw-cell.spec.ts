/**
 * Drawing a cell: clicking an edge of the selected cell's graph cycles its operation; the new cell
 * joins the view, is scored, appears in the scatter, and a share link carries it to a fresh context.
 */
import { expect, test } from '@playwright/test';
import { NB201_OPS, nb201FromIndex, nb201ToIndex } from '../src/core/spaces/nb201/nb201';
import { encodeViewState } from '../src/state/url';
import { DEFAULT_VIEW_STATE } from '../src/state/viewState';
import { importThroughDialog, readScores, shownCells, waitForScores } from './readPage';
import { nb201CsvFile } from './testFiles';

// NB201's table, written from the one that ships (e2e/testFiles.ts).
const NB201_CSV = nb201CsvFile();

test('a drawn cell is scored, plotted and shared', async ({ page, browser }) => {
  test.setTimeout(300_000);
  const view = { ...DEFAULT_VIEW_STATE, sampleSize: 4, seed: 21 };
  await page.goto(`/#${encodeViewState(view)}`);
  await waitForScores(page, 8);
  await importThroughDialog(page, NB201_CSV);
  await expect(page.locator('[data-testid="gt-table"][data-shipped="false"]')).toHaveAttribute(
    'data-rows',
    '15625',
    { timeout: 60_000 },
  );

  const cells = await shownCells(page);
  await page.locator(`[data-testid="result-row"][data-cell="${cells[0]}"]`).click();
  await page.getByTestId('selected-cell').getByTestId('edge-0').click();
  const ops = nb201FromIndex(cells[0]!).map((op, e) => (e === 0 ? (op + 1) % NB201_OPS.length : op));
  const drawn = nb201ToIndex(ops as unknown as Parameters<typeof nb201ToIndex>[0]);
  await expect(page.getByTestId('selected-cell')).toContainText(`Cell ${drawn}`);
  await waitForScores(page, 10);
  expect(await shownCells(page)).toEqual([...cells, drawn]);

  const synflow = (await readScores(page)).filter((s) => s.proxy === 'params');
  const plotted = synflow.filter((s) => Number.isFinite(s.value)).length;
  await page.getByTestId('pva-x').selectOption('params');
  await expect(page.getByTestId('scatter-plot')).toHaveAttribute('data-point-count', String(plotted));
  expect(synflow.map((s) => s.cell)).toContain(drawn);

  const link = page.url();
  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto(link);
  await waitForScores(fresh, 10);
  expect(await shownCells(fresh)).toEqual([...cells, drawn]);
  await expect(fresh.getByTestId('selected-cell')).toContainText(`Cell ${drawn}`);
  // The link names the ground-truth table but never carries it: the fresh context asks for it.
  await expect(fresh.getByTestId('gt-needed')).toHaveAttribute('data-table', 'nb201');
  await importThroughDialog(fresh, NB201_CSV);
  await expect(fresh.getByTestId('gt-needed')).toHaveCount(0, { timeout: 60_000 });
  await expect(fresh.getByTestId('pva-y')).toHaveValue(/cifar10_test$/);
});
