/**
 * Every proxy on WebGPU against WASM, in the real app (issue 13 item 6): the Explorer's workers score
 * a share-link view once on Chromium's WebGPU (SwiftShader here) and once with ?backend=wasm, each in
 * a fresh browser context (its own empty score cache), and every value must agree.
 *
 * SwiftShader is a CPU emulation and slow, so each space scores one architecture at the quick
 * fidelity with the smallest batch the link accepts (2), and the spaces run side by side in two
 * WebGPU browsers (each browser has one GPU process, where SwiftShader's work runs).
 */
import { type Browser, chromium, expect, type Page, test } from '@playwright/test';
import { PROXY_IDS, type ProxyId } from '../src/core/proxies/ids';
import { candidateCodec } from '../src/core/spaces/candidateIndex';
import { encodeViewState } from '../src/state/url';
import {
  DEFAULT_VIEW_STATE,
  proxyApplies,
  type SpaceId,
  VIEW_STATE_LIMITS,
  type ViewState,
} from '../src/state/viewState';
import { CHROMIUM_PATH, WEBGPU_ARGS } from './chromium';
import { jobKey, readScores, relativeDifference } from './readPage';

type Backend = 'webgpu' | 'wasm';

/** One architecture per space, chosen to exercise every kind of layer the space has. */
const ARCHITECTURES: Record<'nb201' | 'vit-browser' | 'mlp', string> = {
  // All five NB201 operations: 3x3 and 1x1 convolutions, 3x3 average pooling, skip and none.
  nb201: '|nor_conv_3x3~0|+|skip_connect~0|nor_conv_1x1~1|+|avg_pool_3x3~0|none~1|skip_connect~2|',
  // The smallest browser ViT: 64 tokens, embedding 64, two blocks.
  'vit-browser': 'vit:web:e64:m2,2:h2,2',
  // Fourier features (positional, 4 levels) into two GELU layers.
  mlp: 'mlp:in1:d2:w32:gelu:o1:pos-l4',
};

/**
 * Relative tolerance of WebGPU against WASM, per proxy. Both compute in float32 with different
 * kernels (summation order, fused multiply-add); what is read back is summed, inverted or
 * decomposed in float64 on the CPU. Largest relative difference measured at the settings above,
 * over the three spaces (SwiftShader WebGPU in Chromium 156, tfjs 4.22):
 *   ntk_cond 1.1e-6, ntk_trace 3.5e-7, ntk_spectrum 1.7e-7, vintk 8.2e-7, vintk_rfp 2.2e-5,
 *   gradalign 3.7e-8, gradalign_det 7.5e-6, grad_norm 7.0e-7, snip 2.7e-7, fisher 6.6e-7,
 *   jacob_cov 4.8e-8, synflow 6.8e-7, zico 4.4e-5; swap, reg_swap, nwot, params, flops exactly 0.
 * So 1e-3 holds every proxy with at least 20x headroom, the condition numbers and log-dets
 * (ntk_cond, vintk, vintk_rfp, gradalign_det, jacob_cov, nwot) included: none needs a looser bound
 * here. Counts (params, flops, swap's distinct patterns) must agree exactly.
 */
const DEFAULT_TOLERANCE = 1e-3;
const TOLERANCE: Partial<Record<ProxyId, number>> = {
  params: 0,
  flops: 0,
  swap: 0,
};

function viewOf(space: keyof typeof ARCHITECTURES, proxies: readonly ProxyId[]): ViewState {
  const index = candidateCodec(space).indexOf(ARCHITECTURES[space]);
  if (!index.ok) throw new Error(`${ARCHITECTURES[space]}: ${index.error}`);
  return {
    ...DEFAULT_VIEW_STATE,
    space,
    sampleSize: 0,
    seed: 3,
    fidelity: 'quick',
    batch: VIEW_STATE_LIMITS.batch.min,
    proxies: [...proxies],
    added: [index.value],
  };
}

function applicable(space: SpaceId): ProxyId[] {
  return PROXY_IDS.filter((p) => proxyApplies(p, space));
}

/** Waits until every value of the view is done or failed; fails with the workers' messages. */
async function waitForAll(page: Page, count: number): Promise<void> {
  const timeout = 280_000;
  await expect(page.locator('[data-testid="result-row"] td[data-proxy]')).toHaveCount(count, { timeout });
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'finished', { timeout });
  const failed = await page.$$eval('[data-testid="result-row"] td[data-state="error"]', (cells) =>
    cells.map((td) => `${(td as HTMLElement).dataset.proxy}: ${td.textContent ?? ''}`),
  );
  expect(failed, 'jobs that failed').toEqual([]);
}

/** Scores the view in a fresh context of `browser` on `backend`; values by cell/proxy. */
async function scoresOn(browser: Browser, view: ViewState, backend: Backend): Promise<Map<string, number>> {
  const context = await browser.newContext({ baseURL: 'http://localhost:4173' });
  try {
    const page = await context.newPage();
    await page.goto(`/?backend=${backend}#${encodeViewState(view)}`);
    const count = view.added.length * view.proxies.length;
    await waitForAll(page, count);
    await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', backend);
    const scores = await readScores(page);
    expect(scores).toHaveLength(count);
    expect(scores.filter((s) => s.backend !== backend || s.cached)).toEqual([]);
    return new Map(scores.map((s) => [jobKey(s.cell, s.proxy), s.value]));
  } finally {
    await context.close();
  }
}

/** Asserts every value of the view agrees; returns each proxy's relative difference. */
function compare(
  view: ViewState,
  webgpu: Map<string, number>,
  wasm: Map<string, number>,
): Map<ProxyId, number> {
  const differences = new Map<ProxyId, number>();
  for (const cell of view.added) {
    for (const proxy of view.proxies) {
      const key = jobKey(cell, proxy);
      const a = webgpu.get(key) ?? Number.NaN;
      const b = wasm.get(key) ?? Number.NaN;
      const difference = relativeDifference(a, b);
      differences.set(proxy, Math.max(differences.get(proxy) ?? 0, difference));
      const tolerance = TOLERANCE[proxy] ?? DEFAULT_TOLERANCE;
      // A NaN difference (NaN on one side) fails this too.
      expect.soft(difference, `${view.space} ${key}: webgpu ${a}, wasm ${b}`).toBeLessThanOrEqual(tolerance);
    }
  }
  return differences;
}

/** Scores `space` on WebGPU in `gpuBrowser` and on WASM in `cpuBrowser`, then compares. */
async function checkSpace(
  space: keyof typeof ARCHITECTURES,
  proxies: readonly ProxyId[],
  gpuBrowser: Browser,
  cpuBrowser: Browser,
): Promise<string> {
  const view = viewOf(space, proxies);
  const [webgpu, wasm] = await Promise.all([
    scoresOn(gpuBrowser, view, 'webgpu'),
    scoresOn(cpuBrowser, view, 'wasm'),
  ]);
  const differences = compare(view, webgpu, wasm);
  return `${space}: ${[...differences].map(([p, d]) => `${p} ${d.toExponential(1)}`).join(', ')}`;
}

function launchWebGpu(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: WEBGPU_ARGS });
}

test('every proxy of NB201, the browser ViT and the MLP space agrees on WebGPU and WASM', async ({
  browser,
}) => {
  test.setTimeout(600_000);
  const started = Date.now();
  const [first, second] = await Promise.all([launchWebGpu(), launchWebGpu()]);
  try {
    // NB201 in one GPU process; the ViT, then the MLP (about as long together) in the other.
    const lines = await Promise.all([
      checkSpace('nb201', applicable('nb201'), first, browser),
      (async () => [
        await checkSpace('vit-browser', applicable('vit-browser'), second, browser),
        await checkSpace('mlp', applicable('mlp'), second, browser),
      ])(),
    ]);
    console.log(
      `webgpu vs wasm, largest relative difference per proxy (${((Date.now() - started) / 1000).toFixed(0)} s):`,
    );
    console.log(lines.flat().join('\n'));
  } finally {
    await Promise.all([first.close(), second.close()]);
  }
});
