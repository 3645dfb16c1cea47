import { expect, test } from '@playwright/test';
import { defaultLectureState } from '../src/state/lectureState';
import { encodeLectureState } from '../src/state/lectureUrl';
import { encodeViewState } from '../src/state/url';
import { DEFAULT_VIEW_STATE } from '../src/state/viewState';
import { longTasksSince, watchLongTasks } from './longTasks';
import { waitForScores } from './readPage';

// Playwright's trace snapshots the DOM in the page itself: that work would count as the app's.
test.use({ trace: 'off' });

test('the Explorer stays responsive while workers score NB201 cells with ntk_cond: no main-thread task over 50 ms', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await watchLongTasks(page);
  const view = {
    ...DEFAULT_VIEW_STATE,
    sampleSize: 4,
    seed: 5,
    proxies: ['params', 'synflow', 'ntk_cond'] as const,
  };
  await page.goto(`/#${encodeViewState({ ...view, proxies: [...view.proxies] })}`);
  // From the first result on: the page has painted, and workers are computing.
  await expect(page.locator('[data-testid="result-row"] td[data-state="done"]').first()).toBeVisible({
    timeout: 120_000,
  });
  const start = await page.evaluate(() => performance.now());
  await waitForScores(page, 4 * 3, 500_000);
  const tasks = await longTasksSince(page, start);
  expect(tasks, `long tasks: ${JSON.stringify(tasks)}`).toEqual([]);
});

test('the lecture stays responsive while workers score ntk_cond and vintk on ViTs: no main-thread task over 50 ms', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await watchLongTasks(page);
  const n = 4;
  await page.goto(
    `/#${encodeLectureState({ ...defaultLectureState(), present: false, source: 'shipped', n })}`,
  );
  const rhoNtk = page.getByTestId('lec-rho-ntk');
  const rhoVintk = page.getByTestId('lec-rho-vintk');
  // From the first score on: painted, and the workers are computing.
  await expect(rhoNtk).toHaveAttribute('data-n', /[1-9]/, { timeout: 300_000 });
  const start = await page.evaluate(() => performance.now());
  await expect(rhoNtk).toHaveAttribute('data-n', String(n), { timeout: 300_000 });
  await expect(rhoVintk).toHaveAttribute('data-n', String(n), { timeout: 300_000 });
  const tasks = await longTasksSince(page, start);
  expect(tasks, `long tasks: ${JSON.stringify(tasks)}`).toEqual([]);
});
