/**
 * Every plot exports as SVG and PNG ready for a slide or a paper: on the Explorer, the Lab and the
 * Lecture, each plot's two buttons give an SVG that parses as an SVG document whose title and
 * header are the plot's title and whose caption starts with n (and says ρ and the data's source
 * where the plot has them), and a PNG with the PNG signature, its IHDR chunk first, drawn at twice
 * the SVG's size. Small views keep it quick: 4 NB201 cells with params and synflow, 2 cells with
 * ntk_cond, small lab networks, 2 lecture ViTs trained for 2 steps.
 */
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { getProxy } from '../src/core/proxies/registry';
import { defaultLabState, type LabState } from '../src/state/labState';
import { encodeLabState } from '../src/state/labUrl';
import { defaultLectureState, type LectureState } from '../src/state/lectureState';
import { encodeLectureState } from '../src/state/lectureUrl';
import { encodeViewState } from '../src/state/url';
import { DEFAULT_VIEW_STATE, type ViewState, viewCells } from '../src/state/viewState';
import { waitForScores } from './readPage';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_SCALE = 2;

interface ExportedSvg {
  title: string;
  header: string;
  caption: string[];
  width: number;
  height: number;
  circles: number;
  images: number;
}

/** Clicks a button that downloads a file; fails with the page's own message if the export reports one. */
async function downloadedFile(
  page: Page,
  button: string,
  plotId: string,
): Promise<{ name: string; path: string }> {
  const control = page.getByTestId(button);
  await control.scrollIntoViewIfNeeded();
  const downloading = page.waitForEvent('download', { timeout: 60_000 });
  await control.click();
  const download = await downloading.catch(async (error: unknown) => {
    const said = await page
      .getByTestId(`export-problem-${plotId}`)
      .textContent({ timeout: 1_000 })
      .catch(() => null);
    throw new Error(said ? `${button}: ${said}` : String(error));
  });
  const path = await download.path();
  expect(path, `${button} saved a file`).toBeTruthy();
  return { name: download.suggestedFilename(), path: path! };
}

/** Parses the SVG with the browser's XML parser, as an editor or a paper's toolchain would. */
async function readSvg(
  page: Page,
  markup: string,
): Promise<ExportedSvg & { error: string | null; root: string; ns: string | null }> {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    const texts = (selector: string) => [...doc.querySelectorAll(selector)].map((t) => t.textContent ?? '');
    const chart = doc.querySelector('g.plot-chart');
    return {
      error: doc.getElementsByTagName('parsererror')[0]?.textContent ?? null,
      root: root.localName,
      ns: root.namespaceURI,
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
      title: root.querySelector(':scope > title')?.textContent ?? '',
      header: texts('text.plot-title').join(' '),
      caption: texts('text.plot-caption'),
      circles: chart?.querySelectorAll('circle').length ?? 0,
      images: chart?.querySelectorAll('image').length ?? 0,
    };
  }, markup);
}

/**
 * Exports one plot both ways and checks both files; returns what the SVG says for plot-specific
 * checks. `title`: the plot's title, exactly or as a pattern.
 */
async function checkPlotExports(page: Page, plotId: string, title: string | RegExp): Promise<ExportedSvg> {
  const svgFile = await downloadedFile(page, `export-svg-${plotId}`, plotId);
  expect(svgFile.name, plotId).toMatch(/^[a-z0-9-]+\.svg$/);
  const svg = await readSvg(page, readFileSync(svgFile.path, 'utf8'));
  expect(svg.error, `${plotId}: the SVG parses`).toBeNull();
  expect([svg.root, svg.ns]).toEqual(['svg', 'http://www.w3.org/2000/svg']);
  expect(svg.width, plotId).toBeGreaterThan(0);
  expect(svg.height, plotId).toBeGreaterThan(0);
  if (typeof title === 'string') expect(svg.title, plotId).toBe(title);
  else expect(svg.title, plotId).toMatch(title);
  // The header shows the title, wrapped onto as many lines as it needs.
  expect(svg.header.replace(/\s+/g, ''), plotId).toBe(svg.title.replace(/\s+/g, ''));
  expect(svg.caption[0], `${plotId}: n comes first`).toMatch(/^n = \d/);

  const pngFile = await downloadedFile(page, `export-png-${plotId}`, plotId);
  expect(pngFile.name, plotId).toBe(svgFile.name.replace(/\.svg$/, '.png'));
  const png = readFileSync(pngFile.path);
  expect([...png.subarray(0, 8)], `${plotId}: PNG signature`).toEqual(PNG_SIGNATURE);
  expect(png.toString('ascii', 12, 16), `${plotId}: IHDR first`).toBe('IHDR');
  expect(png.readUInt32BE(16), `${plotId}: PNG width`).toBe(PNG_SCALE * svg.width);
  expect(png.readUInt32BE(20), `${plotId}: PNG height`).toBe(PNG_SCALE * svg.height);
  return svg;
}

/** The caption as one text: long lines wrap at spaces, so their pieces joined by spaces are the line. */
const captionHas = (svg: ExportedSvg, pattern: RegExp) => pattern.test(svg.caption.join(' '));

test('Explorer: the scatter and the heat map export with title, n, ρ and provenance', async ({ page }) => {
  test.setTimeout(240_000);
  const view: ViewState = {
    ...DEFAULT_VIEW_STATE,
    sampleSize: 6,
    seed: 0,
    proxies: ['params', 'synflow'],
    truth: { table: 'NAS-Bench-201', column: 'cifar10_test' },
  };
  await page.goto(`/#${encodeViewState(view)}`);
  await waitForScores(page, 6 * 2);
  await expect(page.getByTestId('pva-stats')).toHaveAttribute('data-n', '6', { timeout: 60_000 });
  // The caption reads the bootstrap summary, which the stats worker delivers after the estimates.
  await expect(page.getByTestId('pva-stats')).toHaveAttribute('data-intervals', 'done', { timeout: 60_000 });

  const scatter = await checkPlotExports(
    page,
    'scatter',
    `${getProxy('params').label} against cifar10_test (NAS-Bench-201)`,
  );
  expect(scatter.circles, 'one circle per plotted cell').toBe(6);
  expect(scatter.caption[0]).toMatch(/^n = 6 cells/);
  expect(captionHas(scatter, / Spearman ρ = [-−]?\d\.\d{3}/), scatter.caption.join(' | ')).toBe(true);
  expect(
    captionHas(scatter, /NAS-Bench-201 \(CIFAR-10 cells\) · 6 sampled cells \(seed 0\) · quick fidelity/),
  ).toBe(true);
  expect(captionHas(scatter, /ground truth: cifar10_test of the table "NAS-Bench-201"/)).toBe(true);

  const heatmap = await checkPlotExports(page, 'heatmap', 'Spearman ρ between proxies and ground truth');
  expect(heatmap.caption[0]).toMatch(/^n = 6 architectures/);
  expect(captionHas(heatmap, /Spearman ρ/)).toBe(true);
  expect(captionHas(heatmap, /seed 0/)).toBe(true);
});

test('Explorer: the NTK eigenspectra of the selected cell export', async ({ page }) => {
  test.setTimeout(300_000);
  const base: ViewState = { ...DEFAULT_VIEW_STATE, sampleSize: 2, seed: 201, proxies: ['ntk_cond'] };
  const view: ViewState = { ...base, selected: viewCells(base)[0]! };
  await page.goto(`/#${encodeViewState(view)}`);
  await expect(page.getByTestId('export-svg-spectra')).toBeVisible({ timeout: 240_000 });
  const spectra = await checkPlotExports(page, 'spectra', 'NTK eigenspectra λᵢ/λ₁ of the selected cells');
  expect(spectra.caption[0]).toBe(`n = 1 cell: ${view.selected}`);
  expect(captionHas(spectra, /quick fidelity · data: cifar10-train/)).toBe(true);
});

function labLink(patch: Partial<LabState>): string {
  return `/#${encodeLabState({ ...defaultLabState(), ...patch })}`;
}

async function openLab(page: Page, patch: Partial<LabState>, run: string): Promise<void> {
  await page.goto(labLink(patch));
  await expect(page.getByTestId(run)).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
}

test('Lab: every panel’s plots export with the panel’s settings', async ({ page }) => {
  test.setTimeout(600_000);
  const small = { width: 64, points: 32 };

  await openLab(page, { panel: 'bias', seed: 3 }, 'bias-run');
  const fit = await checkPlotExports(page, 'lab-bias-fit', 'Target and current fit');
  expect(captionHas(fit, /Spectral Lab, panel 1 · Frequency bias · seed 3 /)).toBe(true);
  const heat = await checkPlotExports(
    page,
    'lab-bias-heat',
    'What the network has learned of each frequency',
  );
  expect(heat.caption[0]).toMatch(/^n = 10 frequencies × \d+ records$/);
  expect(heat.images, 'the heat map’s canvas is in the picture').toBe(1);
  await checkPlotExports(page, 'lab-bias-curves', 'Per-frequency curves');

  await openLab(page, { panel: 'fourier', mapping: 'gaussian', sigma: 10 }, 'fourier-run');
  for (const [plotId, title] of [
    ['lab-fourier-fit', 'Target and current fit'],
    ['lab-fourier-heat', 'What the network has learned of each frequency'],
    ['lab-fourier-curves', 'Per-frequency curves'],
    ['lab-fourier-sweep', 'When the highest frequency is learned, by σ'],
  ] as const) {
    const exported = await checkPlotExports(page, plotId, title);
    expect(captionHas(exported, /Gaussian Fourier features, σ = 10, m = 256/), plotId).toBe(true);
  }

  await openLab(page, { panel: 'fourier', image: true }, 'image-run');
  await checkPlotExports(
    page,
    'lab-image-psnr',
    'PSNR of the reconstruction on training and held-out pixels',
  );

  await openLab(page, { panel: 'spectrum', ...small }, 'spectrum-run');
  const eigen = await checkPlotExports(page, 'lab-spectrum-eigenvalues', 'Eigenvalues of the NTK');
  expect(captionHas(eigen, /width 64 · no input mapping · 32 grid points/)).toBe(true);
  const vectors = await checkPlotExports(
    page,
    'lab-spectrum-eigenvectors',
    'Leading eigenvectors of the NTK as functions of z',
  );
  expect(vectors.caption[0]).toMatch(/^n = \d+ panels/);
  await checkPlotExports(
    page,
    'lab-spectrum-convergence',
    'Width → ∞: the empirical kernel converges to the infinite-width one',
  );

  await openLab(page, { panel: 'residual', ...small, steps: 100 }, 'residual-run');
  await checkPlotExports(page, 'lab-residual', 'Residual along each eigen-direction, relative to its start');
  await checkPlotExports(page, 'lab-residual-mse', 'Training loss, all directions');
  await checkPlotExports(
    page,
    'lab-residual-directions',
    'The followed eigen-directions of the NTK as functions of z',
  );

  await openLab(page, { panel: 'precond', ...small, frequencies: [1, 2], cap: 300 }, 'precond-run');
  const steps = await checkPlotExports(page, 'lab-precond-steps', /^Steps until mean squared error ≤ /);
  expect(captionHas(steps, /k = 1, 2 · .* at most 300 steps/)).toBe(true);
  await checkPlotExports(page, 'lab-precond-functions', /^Final functions for k = \d+$/);
  await checkPlotExports(page, 'lab-precond-loss', /^Loss during training, k = \d+$/);
  await checkPlotExports(
    page,
    'lab-precond-spectrum',
    'The spectrum the preconditioner gives gradient descent',
  );
});

test('Lecture: both scatters, the images, the spectra and the live training export', async ({ page }) => {
  test.setTimeout(600_000);
  const lecture: LectureState = {
    ...defaultLectureState(),
    present: false,
    source: 'shipped',
    n: 2,
    trainSteps: 2,
  };
  await page.goto(`/#${encodeLectureState(lecture)}`);
  await expect(page.getByTestId('lec-rho-ntk')).toHaveAttribute('data-n', '2', { timeout: 300_000 });
  await expect(page.getByTestId('lec-rho-vintk')).toHaveAttribute('data-n', '2', { timeout: 300_000 });

  for (const [plotId, proxy] of [
    ['lecture-ntk', 'ntk_cond'],
    ['lecture-vintk', 'vintk'],
  ] as const) {
    const exported = await checkPlotExports(page, plotId, `${proxy} against test accuracy (%)`);
    expect(exported.circles, plotId).toBe(2);
    expect(exported.caption[0], plotId).toBe('n = 2 networks with a score and an accuracy');
    expect(captionHas(exported, / Spearman ρ = /), plotId).toBe(true);
    expect(captionHas(exported, / Networks: the shipped table's browser-sized ViTs/), plotId).toBe(true);
    expect(captionHas(exported, /vintk \(r = 0\.25, α = 0\.5\) at quick fidelity · seed 0/), plotId).toBe(
      true,
    );
  }

  await expect(page.getByTestId('lec-images')).toBeVisible({ timeout: 60_000 });
  const images = await checkPlotExports(
    page,
    'lecture-images',
    /^Images as given, low-pass \(radius < 0\.25\)/,
  );
  expect(images.images, 'three images in three versions').toBe(9);

  await expect(page.getByTestId('export-svg-lecture-spectra')).toBeVisible({ timeout: 120_000 });
  await checkPlotExports(page, 'lecture-spectra', /^NTK eigenvalues λᵢ\/λ₁ of vit:/);

  await page.getByTestId('lec-train-pick').first().check();
  await page.getByTestId('lec-train-start').click();
  await expect(page.getByTestId('lec-train')).toHaveAttribute('data-status', 'finished', {
    timeout: 240_000,
  });
  const training = await checkPlotExports(page, 'lecture-training', 'Test accuracy of ViTs trained live');
  expect(training.caption[0]).toMatch(/^n = 1 network, test accuracy every 1 of 2 steps$/);
});
