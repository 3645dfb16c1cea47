import { chromium, expect, type Page, test } from '@playwright/test';
import { encodeViewState } from '../src/state/url';
import { DEFAULT_VIEW_STATE } from '../src/state/viewState';
import { CHROMIUM_PATH, WEBGPU_ARGS } from './chromium';
import { jobKey, readScores, relativeDifference, waitForScores } from './readPage';

// SwiftShader's WebGPU is a CPU emulation and slow: a small sample keeps this test short.
const view = { ...DEFAULT_VIEW_STATE, sampleSize: 3, seed: 11 };
const hash = `#${encodeViewState(view)}`;
const jobCount = view.sampleSize * view.proxies.length;

/** Scores the view in a fresh page; `asked` is the ?backend= preference ('auto' = none). */
async function scoresBy(page: Page, asked: string, backend: string): Promise<Map<string, number>> {
  await page.goto(asked === 'auto' ? `/${hash}` : `/?backend=${asked}${hash}`);
  await waitForScores(page, jobCount, 170_000);
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', backend);
  const scores = await readScores(page);
  expect(scores.every((s) => s.backend === backend)).toBe(true);
  return new Map(scores.map((s) => [jobKey(s.cell, s.proxy), s.value]));
}

test('without a WebGPU adapter the badge says WASM and why, and how many workers score', async ({ page }) => {
  await page.goto(`/?workers=2${hash}`);
  const badge = page.getByTestId('backend-badge');
  await expect(badge).toHaveAttribute('data-backend', 'wasm');
  await expect(badge).toContainText('WASM');
  await expect(badge).toContainText('× 2 workers');
  await expect(badge).toContainText('no WebGPU adapter');
});

test('with --enable-unsafe-webgpu the badge says WebGPU and values match wasm and cpu', async ({
  browser,
}) => {
  test.setTimeout(400_000);
  const webgpuBrowser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: WEBGPU_ARGS });
  try {
    const page = await webgpuBrowser.newPage({ baseURL: 'http://localhost:4173' });
    const webgpu = await scoresBy(page, 'auto', 'webgpu');
    await expect(page.getByTestId('backend-badge')).toContainText('WebGPU');

    const inFreshContext = async (backend: string) => {
      const context = await browser.newContext();
      try {
        return await scoresBy(await context.newPage(), backend, backend);
      } finally {
        await context.close();
      }
    };
    const wasm = await inFreshContext('wasm');
    const cpu = await inFreshContext('cpu');
    expect(webgpu.size).toBe(jobCount);
    for (const [key, value] of webgpu) {
      expect(relativeDifference(value, wasm.get(key)!), `webgpu vs wasm ${key}`).toBeLessThan(1e-3);
      expect(relativeDifference(value, cpu.get(key)!), `webgpu vs cpu ${key}`).toBeLessThan(1e-3);
    }
  } finally {
    await webgpuBrowser.close();
  }
});
