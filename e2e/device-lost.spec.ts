/**
 * Issue 16, item 8: the WebGPU device is lost mid-run (a driver reset, a crashed GPU process). Here
 * Chromium's SwiftShader WebGPU runs the workers, and the test destroys each worker's device from
 * inside the worker on its next GPU call, as a loss would leave it. Every job must still finish (the
 * one in flight retried on WASM, the rest run there), none failed, none of the scores finished on
 * WebGPU lost, and the page must say that the backend changed.
 */
import { chromium, expect, test } from '@playwright/test';
import { encodeViewState } from '../src/state/url';
import { DEFAULT_VIEW_STATE, VIEW_STATE_LIMITS, type ViewState } from '../src/state/viewState';
import { CHROMIUM_PATH, WEBGPU_ARGS } from './chromium';
import { jobKey, readScores, waitForScores } from './readPage';

test('a lost WebGPU device moves the jobs to WASM: all finish, none fails, the page says so', async () => {
  test.setTimeout(400_000);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: WEBGPU_ARGS });
  try {
    const context = await browser.newContext({ baseURL: 'http://localhost:4173' });
    const page = await context.newPage();
    const view: ViewState = {
      ...DEFAULT_VIEW_STATE,
      sampleSize: 8,
      seed: 7104,
      fidelity: 'quick',
      batch: VIEW_STATE_LIMITS.batch.min,
      proxies: ['grad_norm', 'ntk_cond'],
    };
    const total = view.sampleSize * view.proxies.length;
    await page.goto(`/?backend=webgpu#${encodeViewState(view)}`);
    await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu');
    const done = page.locator('[data-testid="result-row"] td[data-state="done"]');
    await expect.poll(() => done.count(), { timeout: 240_000 }).toBeGreaterThanOrEqual(2);
    const before = await readScores(page);
    expect(before.length).toBeLessThan(total);
    expect(before.every((s) => s.backend === 'webgpu')).toBe(true);

    // Each proxy worker destroys its own device at its next GPU call (tfjs holds the device in a
    // module; its prototype is the one place reachable from outside).
    const workers = page.workers().filter((w) => w.url().includes('proxy.worker'));
    expect(workers.length).toBeGreaterThan(0);
    for (const worker of workers) {
      await worker.evaluate(() => {
        const proto = GPUDevice.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
        let struck = false;
        for (const name of ['createBuffer', 'createCommandEncoder', 'createBindGroup']) {
          const original = proto[name]!;
          proto[name] = function (this: GPUDevice, ...args: unknown[]) {
            if (!struck) {
              struck = true;
              this.destroy();
            }
            return original.apply(this, args);
          };
        }
      });
    }

    await waitForScores(page, total, 300_000);
    await expect(page.locator('[data-testid="result-row"] td[data-state="error"]')).toHaveCount(0);
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'finished');
    const after = await readScores(page);
    const byKey = new Map(after.map((s) => [jobKey(s.cell, s.proxy), s]));
    for (const s of before) expect(byKey.get(jobKey(s.cell, s.proxy))?.value).toBe(s.value);
    const moved = after.filter((s) => s.backend === 'wasm');
    expect(moved.length).toBeGreaterThan(0);
    await expect(page.getByTestId('backend-notice')).toContainText(/WebGPU device lost.*WASM/i);
    await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm');
    console.log(
      `device lost: ${before.length} scores on WebGPU before, ${moved.length} of ${total} on WASM after, 0 failed`,
    );
  } finally {
    await browser.close();
  }
});
