/**
 * Issue 16, item 8: faults a real session meets, in a real browser with real workers and IndexedDB.
 * Each counts what was finished before the fault and checks none of it is lost after.
 */
import { expect, type Page, test } from '@playwright/test';
import { encodeViewState } from '../src/state/url';
import { DEFAULT_VIEW_STATE, type ViewState } from '../src/state/viewState';
import { jobKey, readScores, waitForScores } from './readPage';

/** Opens a 200-cell run on WASM and waits until `finished` of its scores are in; the run goes on. */
async function runUntil(page: Page, seed: number, finished: number) {
  const view: ViewState = { ...DEFAULT_VIEW_STATE, sampleSize: 200, seed };
  await page.goto(`/?backend=wasm#${encodeViewState(view)}`);
  const done = page.locator('[data-testid="result-row"] td[data-state="done"]');
  await expect.poll(() => done.count(), { timeout: 120_000 }).toBeGreaterThanOrEqual(finished);
  return { total: view.sampleSize * view.proxies.length, done };
}

test('a proxy worker killed mid-run is replaced and every job still finishes, none failed', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const { total, done } = await runUntil(page, 7101, 10);
  const proxyWorkers = page.workers().filter((w) => w.url().includes('proxy.worker'));
  expect(proxyWorkers.length).toBeGreaterThan(0);
  const victim = proxyWorkers[0]!;
  const closed = new Promise<void>((resolve) => victim.once('close', () => resolve()));
  expect(await done.count()).toBeLessThan(total);
  // An uncaught error inside the worker, as an out-of-memory abort or a crash would raise.
  await victim.evaluate(() => {
    setTimeout(() => {
      throw new Error('killed by the fault test');
    }, 0);
  });
  await closed; // the pool terminated it
  await waitForScores(page, total, 240_000);
  await expect(page.locator('[data-testid="result-row"] td[data-state="error"]')).toHaveCount(0);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'finished');
});

test('a reload mid-run loses no finished score: each comes back from the cache with its value', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const { total } = await runUntil(page, 7102, 20);
  const before = await readScores(page);
  expect(before.length).toBeLessThan(total);
  await page.reload();
  await waitForScores(page, total, 240_000);
  const after = new Map((await readScores(page)).map((s) => [jobKey(s.cell, s.proxy), s]));
  for (const s of before) {
    const again = after.get(jobKey(s.cell, s.proxy));
    expect(again?.cached, `${s.proxy} of cell ${s.cell} from the cache`).toBe(true);
    expect(again?.value).toBe(s.value);
  }
  console.log(
    `reload mid-run: ${before.length} scores finished before it, all ${before.length} served from the cache after`,
  );
});

test('a full disk (quota exceeded) keeps scores and imports working in memory, and says so', async ({
  page,
}) => {
  test.setTimeout(180_000);
  // Chromium's quota for the origin, set below what any write needs before the app opens its
  // databases (an override reaches connections opened after it): every write then fails.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: 'http://localhost:4173', quotaSize: 1 });
  const view = { ...DEFAULT_VIEW_STATE, sampleSize: 4, seed: 7103 };
  await page.goto(`/?backend=wasm#${encodeViewState(view)}`);
  await waitForScores(page, 8);
  await expect(page.getByTestId('cache-notice')).toContainText(
    /could not be kept in the score cache .*Quota/i,
  );
  const file = [
    'arch,acc',
    '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|,93.1',
  ];
  await page
    .getByTestId('gt-file')
    .setInputFiles({ name: 'kept.csv', mimeType: 'text/csv', buffer: Buffer.from(file.join('\n')) });
  await page.getByTestId('gt-map-import').click();
  await expect(page.locator('[data-testid="gt-table"][data-name="kept"]')).toHaveCount(1);
  await expect(page.getByTestId('ground-truth')).toContainText(
    /kept in memory and last until this page is closed/,
  );
});

test("the Explorer's Cancel stops scoring and leaves a training run going to its end", async ({ page }) => {
  test.setTimeout(300_000);
  const view = { ...DEFAULT_VIEW_STATE, sampleSize: 200, seed: 7105 };
  await page.goto(`/?backend=wasm#${encodeViewState(view)}`);
  await page.getByTestId('train-panel').locator('summary').click();
  await page.getByTestId('train-count').fill('1');
  await page.getByTestId('train-steps').fill('20');
  await page.getByTestId('train-start').click();
  await expect(page.locator('[data-testid="train-run"][data-status="training"]')).toHaveCount(1, {
    timeout: 120_000,
  });
  await page.getByTestId('cancel').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'cancelled');
  await expect(page.locator('[data-testid="train-run"][data-status="done"]')).toHaveCount(1, {
    timeout: 240_000,
  });
});
