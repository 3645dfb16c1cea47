/**
 * The Spectral Lab's panels 1 and 2 opened from their links. Panel 1's default link (quick preset)
 * starts by itself; when it is done, the lowest frequency has reached 0.9 before the highest, and
 * the final loss and magnitudes the page shows (data-*, full precision) agree with the same
 * fitSignal config run in Node (scripts/lab/fitOne.ts in a tsx child process: tfjs-backend-wasm
 * does not load under Playwright's module loader). Panel 2 with Gaussian features σ = 10 learns the
 * highest frequency sooner; its σ and m survive a copied link; the image variant runs briefly.
 *
 * Tolerance: both sides run the same core on tfjs's wasm backend (single-threaded SIMD build, same
 * .wasm files) with weights drawn in JS from the same seed, so the same float32 kernels see the same
 * inputs. 1e-4 relative on the loss and 1e-4 absolute on the normalised magnitudes leaves room for a
 * different summation order should either side pick another wasm build, while a wrong config (another
 * seed, preset or mapping) moves these numbers by far more (percents to whole units). Iterations to
 * 0.9 are record iterations (multiples of 20) and are compared exactly.
 */
import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, type Locator, type Page, test } from '@playwright/test';
import type { FitSignalConfig } from '../src/core/lab/fitSignal';
import { defaultLabState, type LabState } from '../src/state/labState';
import { encodeLabState } from '../src/state/labUrl';
import { biasFitConfig, fourierFitConfig } from '../src/ui/lab/biasConfig';

const LOSS_RELATIVE = 1e-4;
const MAGNITUDE_ABSOLUTE = 1e-4;

interface NodeFit {
  status: string;
  iterations: number;
  loss: number;
  magnitudes: (number | null)[];
  reach: (number | null)[];
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The same config fitted in Node on wasm, in a child process (started now, awaited later). */
async function fitInNode(config: FitSignalConfig): Promise<NodeFit> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      './scripts/node/register-tfjs-esm.mjs',
      'scripts/lab/fitOne.ts',
      JSON.stringify(config),
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, maxBuffer: 1 << 24 },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? '') as NodeFit;
}

function labLink(patch: Partial<LabState>): string {
  return `/#${encodeLabState({ ...defaultLabState(), ...patch })}`;
}

async function json<T>(locator: Locator, attribute: string): Promise<T> {
  const text = await locator.getAttribute(attribute);
  expect(text, attribute).toBeTruthy();
  return JSON.parse(text!) as T;
}

/** Opens a link and waits until the run of `prefix` is done; returns the milliseconds it took. */
async function openAndRun(page: Page, link: string, prefix: string): Promise<number> {
  const start = Date.now();
  await page.goto(link);
  await expect(page.getByTestId('lab-backend')).toHaveAttribute('data-backend', 'wasm', { timeout: 60_000 });
  await expect(page.getByTestId(`${prefix}-run`)).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  return Date.now() - start;
}

/** Iterations to 0.9 of the lowest and the highest frequency (null: not within the run). */
async function reachLowHigh(page: Page, prefix: string) {
  const reach = page.getByTestId(`${prefix}-reach`);
  const ks = await json<number[]>(reach, 'data-ks');
  const values = await json<(number | null)[]>(reach, 'data-values');
  const low = ks.indexOf(Math.min(...ks));
  const high = ks.indexOf(Math.max(...ks));
  return { ks, values, low: values[low] ?? null, high: values[high] ?? null };
}

function expectAgrees(page: { loss: number; magnitudes: (number | null)[] }, node: NodeFit, what: string) {
  expect(
    Math.abs(page.loss - node.loss),
    `${what} loss: page ${page.loss}, Node ${node.loss}`,
  ).toBeLessThanOrEqual(LOSS_RELATIVE * Math.abs(node.loss));
  expect(page.magnitudes.length).toBe(node.magnitudes.length);
  const worst = Math.max(...page.magnitudes.map((m, i) => Math.abs(m! - node.magnitudes[i]!)));
  console.log(`${what}: loss page ${page.loss} Node ${node.loss}; largest magnitude difference ${worst}`);
  page.magnitudes.forEach((m, i) => {
    const n = node.magnitudes[i]!;
    expect(Math.abs(m! - n), `${what} magnitude ${i}: page ${m}, Node ${n}`).toBeLessThanOrEqual(
      MAGNITUDE_ABSOLUTE,
    );
  });
}

async function shownLast(page: Page, prefix: string) {
  const last = page.getByTestId(`${prefix}-last`);
  return {
    loss: Number(await last.getAttribute('data-loss')),
    magnitudes: await json<(number | null)[]>(last, 'data-magnitudes'),
    iteration: Number(await last.getAttribute('data-iteration')),
  };
}

let panel1HighReach: number | null | undefined;

test('panel 1: low frequencies are learned first, and the page agrees with Node', async ({ page }) => {
  const lab = defaultLabState();
  const config = biasFitConfig(lab);
  const node = fitInNode(config);
  const ms = await openAndRun(page, labLink({ panel: 'bias' }), 'bias');
  const run = page.getByTestId('bias-run');
  console.log(
    `panel 1 (quick): link to done ${ms} ms, run ${await run.getAttribute('data-seconds')} s, ${Number(await run.getAttribute('data-it-per-sec')).toFixed(0)} it/s`,
  );
  const reach = await reachLowHigh(page, 'bias');
  expect(reach.low, 'the lowest frequency reaches 0.9').not.toBeNull();
  if (reach.high !== null) expect(reach.high).toBeGreaterThan(reach.low!);
  panel1HighReach = reach.high;
  const shown = await shownLast(page, 'bias');
  expect(shown.iteration).toBe(config.iterations);
  const reference = await node;
  expect(reference.status).toBe('done');
  expectAgrees(shown, reference, 'panel 1');
  expect(reach.values).toEqual(reference.reach);
  await expect(page.getByTestId('bias-heat')).toHaveAttribute(
    'data-columns',
    String(config.iterations / 20 + 1),
  );
  await expect(page.getByTestId('bias-last')).toContainText(`k=5 reached 0.9 at iteration ${reach.low}`);
});

test('panel 2: Gaussian features σ = 10 learn the highest frequency sooner than panel 1', async ({
  page,
}) => {
  const patch: Partial<LabState> = { panel: 'fourier', mapping: 'gaussian', sigma: 10 };
  const config = fourierFitConfig({ ...defaultLabState(), ...patch });
  expect(config.arch.mapping).toEqual({ kind: 'gaussian', sigma: 10, features: 256, seed: 0 });
  const node = fitInNode(config);
  const ms = await openAndRun(page, labLink(patch), 'fourier');
  console.log(`panel 2 (quick, σ=10): link to done ${ms} ms`);
  const reach = await reachLowHigh(page, 'fourier');
  expect(reach.high, 'the highest frequency reaches 0.9 behind Gaussian features').not.toBeNull();
  // Panel 1 did not get there within its 1 000 iterations, or later than here.
  expect(panel1HighReach === undefined, 'panel 1 ran first').toBe(false);
  expect(reach.high!).toBeLessThan(panel1HighReach ?? Number.POSITIVE_INFINITY);
  const reference = await node;
  expectAgrees(await shownLast(page, 'fourier'), reference, 'panel 2');
  expect(reach.values).toEqual(reference.reach);
});

test('panel 2: σ and m survive a copied link; the image variant trains briefly', async ({
  page,
  browser,
}) => {
  await page.goto(labLink({ panel: 'fourier', mapping: 'gaussian', preset: 'quick' }));
  await expect(page.getByTestId('fourier-mapping')).toHaveValue('gaussian');
  await page.getByTestId('fourier-sigma').fill('4.5');
  await page.getByTestId('fourier-sigma').press('Enter');
  await page.getByTestId('fourier-features').fill('64');
  await page.getByTestId('fourier-features').press('Enter');
  // A value out of range stays in its box with a message, and is not used.
  await page.getByTestId('fourier-seed').fill('-3');
  await page.getByTestId('fourier-seed').press('Enter');
  await expect(page.getByTestId('fourier-seed-problem')).toContainText('Seed must be from 0');
  await expect(page.getByTestId('fourier-seed')).toHaveValue('-3');
  await expect.poll(() => page.url()).toContain('lab1.');
  const link = page.url();
  const fresh = await browser.newContext();
  try {
    const other = await fresh.newPage();
    await other.goto(link);
    await expect(other.getByTestId('lab-current')).toHaveAttribute('data-panel', 'fourier');
    await expect(other.getByTestId('fourier-mapping')).toHaveValue('gaussian');
    await expect(other.getByTestId('fourier-sigma')).toHaveValue('4.5');
    await expect(other.getByTestId('fourier-features')).toHaveValue('64');
    await expect(other.getByTestId('fourier-seed')).toHaveValue('0');
    // The image variant on the same mapping: the quick image preset (150 iterations).
    await other.getByTestId('fourier-image').check();
    await expect(other.getByTestId('image-run')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    const psnr = other.getByTestId('image-psnr');
    const train = Number(await psnr.getAttribute('data-train'));
    const firstTrain = Number(await psnr.getAttribute('data-first-train'));
    const held = Number(await psnr.getAttribute('data-value'));
    const firstHeld = Number(await psnr.getAttribute('data-first-value'));
    console.log(
      `image (quick, σ=4.5, m=64): train PSNR ${firstTrain.toFixed(2)} → ${train.toFixed(2)} dB, held-out ${firstHeld.toFixed(2)} → ${held.toFixed(2)} dB`,
    );
    expect(train).toBeGreaterThan(firstTrain + 3);
    expect(held).toBeGreaterThan(firstHeld + 3);
    await expect(other).toHaveURL(/lab1\./);
  } finally {
    await fresh.close();
  }
});
