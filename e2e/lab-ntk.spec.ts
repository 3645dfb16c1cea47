/**
 * The Spectral Lab's NTK panels (3–5) opened from their default links: the numbers the browser's lab
 * worker shows (data-* attributes, full precision) against the same core functions run here in Node
 * on tfjs's wasm backend, with configs written out by hand. A width changed on panel 3 survives a
 * copied link opened in a fresh browser context.
 *
 * Tolerance: the worker runs the wasm backend's single-threaded SIMD build (the badge is checked),
 * and Node loads the same .wasm files, also single-threaded with SIMD: the same float32 kernels on
 * the same inputs, and the float64 JavaScript after them (eigen-decompositions, projections) follows
 * IEEE 754 in both V8s. Measured: every number bit-identical except the closed-form kernel's
 * eigenvalues (Math.acos and friends of two V8 versions: 2e-14 relative). 1e-5 relative (plus 1e-6 of the
 * largest eigenvalue, for eigenvalues that are float32 rounding noise) leaves room for a different
 * summation order should either side ever pick another wasm build, and is still far below any
 * difference a wrong config would make (a seed or width change moves these numbers by percents).
 * Step counts to a loss threshold are compared exactly.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { register } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { ntkConvergence } from '../src/core/lab/ntkConvergence';
import { labNtkSpectrum } from '../src/core/lab/ntkSpectrum';
import { precondComparison } from '../src/core/lab/precondGd';
import { residualProjections } from '../src/core/lab/residualProjections';
import { tf } from '../src/core/nn/tf';
import { defaultLabState, type LabState } from '../src/state/labState';
import { encodeLabState } from '../src/state/labUrl';
import { precondConfig } from '../src/ui/lab/precondConfig';
import {
  pickDirections,
  residualConfig,
  residualProbeConfig,
  residualTarget,
} from '../src/ui/lab/residualConfig';
import { CONVERGENCE_WIDTHS, convergenceConfig, spectrumConfig } from '../src/ui/lab/spectrumConfig';

const RELATIVE = 1e-5;

/**
 * tfjs-backend-wasm's ES build imports '@tensorflow/tfjs-backend-cpu/dist/shared' without an extension,
 * which scripts/node/tfjs-esm-resolve.mjs does not complete (tsx does, so scripts/lab/measureNtk.ts
 * runs). This hook adds the '.js'; the backend is imported once it is registered. (Adding the same rule
 * to tfjs-esm-resolve.mjs would make this unnecessary.)
 */
const TFJS_SUBPATH_HOOK = `export async function resolve(specifier, context, next) {
  const tfjsFile = specifier.startsWith('@tensorflow/tfjs-') && specifier.includes('/dist/');
  if (tfjsFile && !specifier.endsWith('.js')) return next(specifier + '.js', context);
  return next(specifier, context);
}`;

let hookDir: string | undefined;

test.beforeAll(async () => {
  // A file: the same hook as a data: URL failed to parse through Playwright's loader.
  hookDir = mkdtempSync(join(tmpdir(), 'lab-ntk-'));
  const hook = join(hookDir, 'tfjs-subpath-resolve.mjs');
  writeFileSync(hook, TFJS_SUBPATH_HOOK);
  register(pathToFileURL(hook).href);
  await import('@tensorflow/tfjs-backend-wasm');
  // The lab's worker registers our WASM kernels (matrix product, convolution gradients): so does Node.
  const { registerWasmKernels } = await import('../src/runtime/backends/wasmKernels');
  registerWasmKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
  expect(tf.getBackend()).toBe('wasm');
});

test.afterAll(() => {
  if (hookDir) rmSync(hookDir, { recursive: true, force: true });
});

function labLink(patch: Partial<LabState>): string {
  return `/#${encodeLabState({ ...defaultLabState(), ...patch })}`;
}

async function numbers(locator: Locator, attribute: string): Promise<number[]> {
  const text = await locator.getAttribute(attribute);
  expect(text, attribute).toBeTruthy();
  return JSON.parse(text!) as number[];
}

async function number(locator: Locator, attribute: string): Promise<number> {
  const text = await locator.getAttribute(attribute);
  expect(text, attribute).toBeTruthy();
  return Number(text);
}

/** |a − b| ≤ RELATIVE·|b| + floor, element by element, with the index in the message. */
function expectClose(shown: readonly number[], reference: ArrayLike<number>, what: string, floor = 0) {
  expect(shown.length, `${what}: length`).toBe(reference.length);
  shown.forEach((a, i) => {
    const b = reference[i]!;
    expect(Math.abs(a - b), `${what}[${i}]: shown ${a}, Node ${b}`).toBeLessThanOrEqual(
      RELATIVE * Math.abs(b) + floor,
    );
  });
}

async function openLab(page: Page, link: string, run: string): Promise<number> {
  const start = Date.now();
  await page.goto(link);
  await expect(page.getByTestId('lab-backend')).toHaveAttribute('data-backend', 'wasm', { timeout: 60_000 });
  await expect(page.getByTestId(run)).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  return Date.now() - start;
}

async function readSpectrum(page: Page) {
  const eigs = page.getByTestId('spectrum-eigs');
  return {
    width: await number(eigs, 'data-width'),
    empirical: await numbers(eigs, 'data-values'),
    infinite: await numbers(eigs, 'data-infinite'),
    error: await number(page.getByTestId('spectrum-error'), 'data-value'),
  };
}

test('panel 3: the NTK spectrum and its convergence match Node; a width change survives a copied link', async ({
  page,
  browser,
}) => {
  const lab: LabState = { ...defaultLabState(), panel: 'spectrum' };
  const ms = await openLab(page, labLink({ panel: 'spectrum' }), 'spectrum-run');
  const config = {
    arch: { depth: 1, activation: 'relu', mapping: { kind: 'none' } },
    points: { kind: 'grid', n: 64 },
    seed: 0,
    width: 1024,
    topK: 6,
  } as const;
  expect(spectrumConfig(lab)).toEqual(config);
  const shown = await readSpectrum(page);
  const reference = await labNtkSpectrum(config);
  const floor = 1e-6 * reference.empirical.eigenvalues[0]!;
  expect(shown.width).toBe(1024);
  expectClose(shown.empirical, reference.empirical.eigenvalues, 'empirical eigenvalues', floor);
  expectClose(shown.infinite, reference.infinite!.eigenvalues, 'infinite-width eigenvalues', floor);
  expectClose([shown.error], [reference.relativeError!], 'relative Frobenius error');
  // Sanity of the reference itself: a width-1024 kernel is within a few percent of its limit.
  expect(reference.relativeError!).toBeGreaterThan(0.005);
  expect(reference.relativeError!).toBeLessThan(0.2);

  const strip = page.getByTestId('spectrum-convergence');
  await expect(strip).toHaveAttribute('data-count', String(CONVERGENCE_WIDTHS.length));
  const rows = JSON.parse((await strip.getAttribute('data-rows'))!) as {
    width: number;
    relativeFrobenius: number;
  }[];
  const convConfig = {
    arch: config.arch,
    points: config.points,
    inits: 4,
    seed: 0,
  } as const;
  expect(convergenceConfig(lab)).toEqual(convConfig);
  const convergence = await ntkConvergence(CONVERGENCE_WIDTHS, convConfig);
  expect(rows.map((r) => r.width)).toEqual([...CONVERGENCE_WIDTHS]);
  expectClose(
    rows.map((r) => r.relativeFrobenius),
    convergence.rows.map((r) => r.relativeFrobenius),
    'convergence rows',
  );
  console.log(`panel 3 default link: drawn ${ms} ms after navigation`);

  // Change the width mid-configuration: 2^8 = 256 on the log slider.
  await page.getByTestId('spectrum-width').fill('8');
  await expect(page.getByTestId('spectrum-width-value')).toHaveText('256');
  await expect(page.getByTestId('spectrum-eigs')).toHaveAttribute('data-width', '256', { timeout: 60_000 });
  await expect(page.getByTestId('spectrum-run')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  const narrow = await readSpectrum(page);
  const narrowReference = await labNtkSpectrum({ ...config, width: 256 });
  expectClose(narrow.empirical, narrowReference.empirical.eigenvalues, 'width-256 eigenvalues', floor);
  expectClose([narrow.error], [narrowReference.relativeError!], 'width-256 error');
  // A different width gives different numbers: the comparison above could fail.
  expect(Math.abs(narrow.error - shown.error)).toBeGreaterThan(1e-3);

  const link = page.url();
  expect(link).toContain('#lab1.');
  const context = await browser.newContext();
  const fresh = await context.newPage();
  await openLab(fresh, link, 'spectrum-run');
  await expect(fresh.getByTestId('lab-panel-spectrum')).toHaveAttribute('aria-pressed', 'true');
  await expect(fresh.getByTestId('spectrum-width')).toHaveValue('8');
  await expect(fresh.getByTestId('spectrum-width-value')).toHaveText('256');
  const again = await readSpectrum(fresh);
  expect(again).toEqual(narrow);
  await context.close();
});

test('panel 4: residual projections along NTK directions match Node', async ({ page }) => {
  const lab: LabState = { ...defaultLabState(), panel: 'residual' };
  const ms = await openLab(page, labLink({ panel: 'residual' }), 'residual-run');
  const result = page.getByTestId('residual-result');
  await expect(result).toHaveAttribute('data-state', 'done');

  const probe = {
    arch: { depth: 1, activation: 'relu', mapping: { kind: 'none' } },
    points: { kind: 'grid', n: 64 },
    seed: 0,
    width: 1024,
    topK: 64,
  } as const;
  expect(residualProbeConfig(lab)).toEqual(probe);
  // The default target, by hand: sin 2πz + sin 8πz on z = j/64.
  const target = Float64Array.from(
    { length: 64 },
    (_, j) => Math.sin((2 * Math.PI * j) / 64) + Math.sin((8 * Math.PI * j) / 64),
  );
  expectClose(Array.from(residualTarget([1, 4], 64)), target, 'target');
  const spectrum = await labNtkSpectrum(probe);
  const directions = pickDirections(spectrum.empirical.eigenvectors, target);
  expect(JSON.parse((await result.getAttribute('data-directions'))!)).toEqual(directions);

  const config = residualConfig(lab, target, 400, directions);
  expect(config).toMatchObject({ iterations: 400, recordEvery: 10, width: 1024, seed: 0 });
  const reference = await residualProjections(config);
  const last = reference.records.at(-1)!;
  expect(await number(result, 'data-iterations')).toBe(400);
  expect(await number(result, 'data-record-count')).toBe(reference.records.length);
  expectClose([await number(result, 'data-lr')], [reference.lr], 'η');
  expectClose(
    await numbers(result, 'data-eigenvalues'),
    directions.map((d) => reference.eigenvalues[d]!),
    'λ of the followed directions',
  );
  expectClose(await numbers(result, 'data-factors'), reference.factors, '|1 − ηλ/n|');
  expectClose(await numbers(result, 'data-final-measured'), last.measured, 'final measured projections');
  expectClose(await numbers(result, 'data-final-predicted'), last.predicted, 'final predicted projections');
  expectClose([await number(result, 'data-final-mse')], [last.mse], 'final MSE');
  // The physics the panel shows: the largest-eigenvalue direction followed shrinks the most.
  const shrink = Array.from(last.measured, (m, d) => m / reference.records[0]!.measured[d]!);
  expect(shrink[0]!).toBeLessThan(Math.min(...shrink.slice(1)));
  console.log(`panel 4 default link: done ${ms} ms after navigation`);
});

test('panel 5: steps to the threshold, GD and preconditioned, match Node', async ({ page }) => {
  const lab: LabState = { ...defaultLabState(), panel: 'precond' };
  const ms = await openLab(page, labLink({ panel: 'precond' }), 'precond-run');
  await expect(page.getByTestId('precond-label')).toContainText('our reading of the paper');
  await expect(page.getByTestId('precond-formula')).toContainText('S = I + Σ');
  const result = page.getByTestId('precond-result');
  await expect(result).toHaveAttribute('data-state', 'done');
  const rows = JSON.parse((await result.getAttribute('data-rows'))!) as {
    k: number;
    gd: number | null;
    pre: number | null;
    maxDifference: number;
    gdFinalMse: number;
  }[];

  const config = {
    n: 64,
    width: 1024,
    frequencies: [1, 2, 3, 4],
    flatten: 8,
    threshold: 1e-3,
    maxIterations: 2500,
    seed: 0,
  };
  expect(precondConfig(lab, [1, 2, 3, 4], 1e-3, 2500)).toEqual(config);
  const reference = await precondComparison(config);
  expect(rows.map((r) => r.k)).toEqual([1, 2, 3, 4]);
  expect(rows.map((r) => [r.gd, r.pre])).toEqual(
    reference.frequencies.map((f) => [f.gd.iterationsToThreshold, f.preconditioned.iterationsToThreshold]),
  );
  expectClose(
    rows.map((r) => r.maxDifference),
    reference.frequencies.map((f) => f.maxDifference),
    'max |f_GD − f_pre|',
    1e-6,
  );
  expectClose(
    rows.map((r) => r.gdFinalMse),
    reference.frequencies.map((f) => f.gd.finalMse),
    'final GD loss',
  );
  expectClose([await number(result, 'data-flat-value')], [reference.flatValue], 'λ_k′');
  // What the panel is for: preconditioning reaches the threshold sooner on every frequency shown.
  for (const f of reference.frequencies) {
    expect(f.preconditioned.iterationsToThreshold).not.toBeNull();
    expect(f.preconditioned.iterationsToThreshold!).toBeLessThan(f.gd.iterationsToThreshold ?? Infinity);
  }
  const capped = rows.filter((r) => r.gd === null).map((r) => r.k);
  for (const k of capped) {
    await expect(page.getByTestId('precond-table').locator(`tr[data-k="${k}"]`)).toContainText('> 2500');
  }
  console.log(`panel 5 default link: done ${ms} ms after navigation`);
});
