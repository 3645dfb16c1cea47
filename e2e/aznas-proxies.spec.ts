/**
 * AZ-NAS's proxies computed live in the browser's workers (nothing pre-scored for these views): on
 * NB201 cells, and on ViTs reached through the combo's "AZ-NAS's own" button; the values match the
 * same core run in Node on cpu.
 */
import { expect, type Page, test } from '@playwright/test';
import type { ProxyId } from '../src/core/proxies/ids';
import { AZ_NAS_VIT_COMPONENTS } from '../src/core/stats/comboDefaults';
import { jobsForView } from '../src/state/explorerScoring';
import { encodeViewState } from '../src/state/url';
import { DEFAULT_VIEW_STATE, type ViewState } from '../src/state/viewState';
import { scoreInNode } from './nodeScores';
import { readScores, relativeDifference, waitForScores } from './readPage';

async function expectNodeValues(page: Page, view: ViewState): Promise<void> {
  const jobs = jobsForView(view);
  await waitForScores(page, jobs.length, 240_000);
  const shown = new Map((await readScores(page)).map((s) => [`${s.arch} ${s.proxy}`, s]));
  const reference = await scoreInNode(jobs);
  jobs.forEach((job, i) => {
    const s = shown.get(`${job.arch} ${job.proxy}`);
    expect(s, `${job.arch} ${job.proxy}`).toBeDefined();
    // Float32 forward and backward passes on different backends; the spectra are taken in float64.
    expect(relativeDifference(s!.value, reference[i]!), `${job.arch} ${job.proxy}`).toBeLessThan(1e-3);
  });
}

test("AZ-NAS's proxies on NB201 cells, computed in the workers, match the core run in Node", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const view: ViewState = {
    ...DEFAULT_VIEW_STATE,
    sampleSize: 2,
    seed: 7,
    proxies: ['az_expressivity', 'az_progressivity', 'az_trainability'],
  };
  await page.goto(`/?backend=wasm#${encodeViewState(view)}`);
  await expectNodeValues(page, view);
});

test('"AZ-NAS\'s own" on ViTs adds expressivity, trainability and FLOPs, scored in the workers as in Node', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const start: ViewState = {
    ...DEFAULT_VIEW_STATE,
    space: 'vit-browser',
    sampleSize: 2,
    seed: 3,
    proxies: ['params'],
  };
  await page.goto(`/?backend=wasm#${encodeViewState(start)}`);
  await waitForScores(page, 2, 60_000);
  await page.getByTestId('combo-aznas').click();
  await expect(page.getByTestId('combo-status')).toHaveAttribute(
    'data-components',
    AZ_NAS_VIT_COMPONENTS.join(','),
  );
  // The view's proxies in the registry's order, params kept: every job of it compared with Node.
  const proxies: ProxyId[] = ['az_expressivity', 'az_trainability', 'params', 'flops'];
  await expectNodeValues(page, { ...start, proxies, combo: [...AZ_NAS_VIT_COMPONENTS] });
  await expect(page.getByTestId('combo-status')).toHaveAttribute('data-ranked', '2');
});
