/** Reads what the Explorer shows, through the data-* attributes the results table carries. */
import { expect, type Locator, type Page } from '@playwright/test';

export interface ShownScore {
  cell: number;
  arch: string;
  proxy: string;
  value: number;
  backend: string;
  cached: boolean;
}

export async function readScores(page: Page): Promise<ShownScore[]> {
  return page.$$eval('[data-testid="result-row"] td[data-state="done"]', (cells) =>
    cells.map((td) => {
      const row = td.closest('tr') as HTMLElement;
      const el = td as HTMLElement;
      return {
        cell: Number(row.dataset.cell),
        arch: row.dataset.arch ?? '',
        proxy: el.dataset.proxy ?? '',
        value: Number(el.dataset.value),
        backend: el.dataset.backend ?? '',
        cached: el.dataset.cached === 'true',
      };
    }),
  );
}

export async function shownCells(page: Page): Promise<number[]> {
  return page.$$eval('[data-testid="result-row"]', (rows) =>
    rows.map((r) => Number((r as HTMLElement).dataset.cell)),
  );
}

/** Waits until `count` values are shown (cells x proxies). */
export async function waitForScores(page: Page, count: number, timeout = 120_000): Promise<void> {
  await expect(page.locator('[data-testid="result-row"] td[data-state="done"]')).toHaveCount(count, {
    timeout,
  });
}

export async function dispatchedJobs(page: Page): Promise<number> {
  return Number(await page.getByTestId('run-status').getAttribute('data-dispatched'));
}

export function relativeDifference(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

export function jobKey(cell: number, proxy: string): string {
  return `${cell}/${proxy}`;
}

/**
 * Picks a ground-truth file and accepts the column mapping the dialog proposes. The caller checks
 * the outcome (the table listed, or the dialog's error).
 */
export async function importThroughDialog(
  page: Page,
  files: Parameters<Locator['setInputFiles']>[0],
): Promise<void> {
  await page.getByTestId('gt-file').setInputFiles(files);
  const dialog = page.getByTestId('gt-mapping');
  await expect(dialog).toBeVisible({ timeout: 60_000 });
  await dialog.getByTestId('gt-map-import').click();
}

/**
 * Picks a ground-truth file through a button that opens the file chooser (the lecture's "Import a
 * table…"), then accepts the column mapping the dialog proposes.
 */
export async function importThroughButton(
  page: Page,
  buttonTestId: string,
  files: Parameters<Locator['setInputFiles']>[0],
): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId(buttonTestId).click();
  await (await chooser).setFiles(files);
  const dialog = page.getByTestId('gt-mapping');
  await expect(dialog).toBeVisible({ timeout: 60_000 });
  await dialog.getByTestId('gt-map-import').click();
}
