import { expect, test } from '@playwright/test';
import { encodeViewState } from '../src/state/url';
import { DEFAULT_VIEW_STATE } from '../src/state/viewState';
import { readScores, shownCells, waitForScores } from './readPage';

/** The default view by its link ('/' alone opens the prepared first view, first-visit.spec.ts). */
const DEFAULT_LINK = `/#${encodeViewState(DEFAULT_VIEW_STATE)}`;

test('a copied link opened in a fresh browser context shows the same cells and numbers', async ({
  browser,
}) => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await page.goto(DEFAULT_LINK);
  // Change the view through the controls, as a user would.
  await page.getByTestId('input-cells').fill('6');
  await page.getByTestId('input-cells').press('Enter');
  await page.getByTestId('input-seed').fill('42');
  await page.getByTestId('input-seed').press('Enter');
  await waitForScores(page, 12);
  const cells = await shownCells(page);
  expect(cells).toHaveLength(6);
  await page.locator(`[data-testid="result-row"][data-cell="${cells[3]}"]`).click();
  await expect(page.getByTestId('selected-cell')).toContainText(`Cell ${cells[3]}`);
  const scores = await readScores(page);

  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link')).toHaveText('Link copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/^http:\/\/localhost:4173\/#v1\./);

  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto(link);
  await waitForScores(fresh, 12);
  expect(await shownCells(fresh)).toEqual(cells);
  const again = await readScores(fresh);
  expect(again.every((s) => !s.cached)).toBe(true); // a new context has its own, empty cache
  expect(again.map((s) => [s.cell, s.proxy, s.value])).toEqual(scores.map((s) => [s.cell, s.proxy, s.value]));
  await expect(fresh.getByTestId('selected-cell')).toContainText(`Cell ${cells[3]}`);
  await expect(fresh.locator('[data-testid="result-row"].selected')).toHaveAttribute(
    'data-cell',
    String(cells[3]),
  );
  await expect(fresh.getByTestId('input-seed')).toHaveValue('42');
  await expect(fresh.getByTestId('url-notice')).toHaveCount(0);
});
