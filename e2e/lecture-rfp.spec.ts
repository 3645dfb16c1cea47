/**
 * The lecture with docs/science.md §2's documented alternative: a link choosing vintk_rfp (σ = 2) for the
 * shipped table's first 3 ViTs shows vintk_rfp in the second column everywhere it is named, its
 * numbers are vintk_rfp computed by the same core in Node for the same jobs, and the ρ it shows for
 * each proxy is the ρ recomputed here from the per-cell numbers it shows.
 */
import { expect, test } from '@playwright/test';
import { getProxy } from '../src/core/proxies/registry';
import { hfJob, type LectureSettings } from '../src/state/lectureScoring';
import { defaultLectureState, type LectureState } from '../src/state/lectureState';
import { encodeLectureState } from '../src/state/lectureUrl';
import { scoreInNode } from './nodeScores';
import { relativeDifference } from './readPage';
import { spearmanHere } from './spearmanHere';

const N = 3;
const LECTURE: LectureState = {
  ...defaultLectureState(),
  source: 'shipped',
  n: N,
  hf: 'vintk_rfp',
  sigma: 2,
};

test('a lecture link choosing vintk_rfp scores it in the second column, as Node does, and names it', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`/#${encodeLectureState(LECTURE)}`);
  await expect(page.getByTestId('lecture-view')).toBeVisible();
  await expect(page.getByTestId('lec-notice')).toHaveCount(0);
  // The control group shows the choice and σ, not r and α.
  await expect(page.getByTestId('lec-hf')).toHaveValue('vintk_rfp');
  await expect(page.getByTestId('lec-sigma')).toHaveCount(1);
  await expect(page.getByTestId('lec-r')).toHaveCount(0);
  await expect(page.getByTestId('lec-alpha')).toHaveCount(0);

  const settings: LectureSettings & { hf: 'vintk_rfp'; sigma: number } = {
    seed: LECTURE.seed,
    r: LECTURE.r,
    alpha: LECTURE.alpha,
    hf: 'vintk_rfp',
    sigma: LECTURE.sigma,
  };
  // The rows name their architectures before any score arrives: Node computes its reference for
  // them while the page's worker computes (two cores, one each) instead of after it.
  await expect(page.getByTestId('lec-row')).toHaveCount(N);
  const archs = await page.$$eval('[data-testid="lec-row"]', (trs) =>
    trs.map((tr) => (tr as HTMLElement).dataset.arch ?? ''),
  );
  const jobs = archs.map((arch) => hfJob(arch, settings));
  expect(jobs.every((j) => j.proxy === 'vintk_rfp' && j.params.sigma === 2)).toBe(true);
  const referenceLater = scoreInNode(jobs);

  const rhoNtk = page.getByTestId('lec-rho-ntk');
  const rhoHf = page.getByTestId('lec-rho-vintk');
  await expect(rhoNtk).toHaveAttribute('data-n', String(N), { timeout: 280_000 });
  await expect(rhoHf).toHaveAttribute('data-n', String(N), { timeout: 280_000 });
  await expect(page.getByTestId('lec-errors')).toHaveCount(0);

  // Every label of the second column follows the choice.
  await expect(page.getByTestId('lec-scatters')).toHaveAttribute('data-hf', 'vintk_rfp');
  await expect(page.locator('.lec-scatter[data-proxy="vintk_rfp"] h3')).toContainText('vintk_rfp');
  await expect(page.getByTestId('lec-rho-diff')).toContainText('ρ(vintk_rfp) − ρ(ntk_cond)');
  await expect(page.getByTestId('lec-table').locator('th').nth(2)).toHaveText('vintk_rfp');
  await expect(page.getByTestId('lec-explain')).toContainText('vintk_rfp (σ = 2)');
  await expect(page.getByTestId('lec-definition-hf')).toHaveAttribute('data-hf', 'vintk_rfp');
  await expect(page.getByTestId('lec-definition-hf')).toContainText(getProxy('vintk_rfp').formula);
  await expect(page.getByTestId('lec-definition-hf')).toContainText('(σ = 2)');

  const rows = await page.$$eval('[data-testid="lec-row"]', (trs) =>
    trs.map((tr) => {
      const d = (tr as HTMLElement).dataset;
      return { arch: d.arch ?? '', ntk: Number(d.ntk), hf: Number(d.vintk), acc: Number(d.acc) };
    }),
  );
  expect(rows).toHaveLength(N);
  expect(rows.map((r) => r.arch)).toEqual(archs);
  const reference = await referenceLater;
  rows.forEach((row, i) => {
    expect(Number.isFinite(row.hf), row.arch).toBe(true);
    // Browser (wasm or webgpu) and Node (cpu) both compute in float32: −log10 κ agrees closely.
    expect(relativeDifference(row.hf, reference[i]!), row.arch).toBeLessThan(1e-3);
  });

  const shownNtk = Number(await rhoNtk.getAttribute('data-rho'));
  const shownHf = Number(await rhoHf.getAttribute('data-rho'));
  const rhoNtkHere = spearmanHere(
    rows.map((r) => r.ntk),
    rows.map((r) => r.acc),
  );
  const rhoHfHere = spearmanHere(
    rows.map((r) => r.hf),
    rows.map((r) => r.acc),
  );
  expect(shownNtk).toBeCloseTo(rhoNtkHere, 12);
  expect(shownHf).toBeCloseTo(rhoHfHere, 12);
  const diff = Number(await page.getByTestId('lec-rho-diff').getAttribute('data-diff'));
  expect(diff).toBeCloseTo(rhoHfHere - rhoNtkHere, 12);
  // When it does not beat ntk_cond, the strip says so by name.
  if (!(rhoHfHere - rhoNtkHere > 0))
    await expect(page.getByTestId('lec-explain')).toContainText('Here vintk_rfp does not beat ntk_cond');
  console.log(
    `lecture rfp e2e: ρ(ntk_cond) = ${rhoNtkHere.toFixed(4)}, ρ(vintk_rfp, σ = 2) = ${rhoHfHere.toFixed(4)}, n = ${N}; ` +
      `vintk_rfp page ${rows.map((r) => r.hf.toFixed(6)).join(', ')}; Node ${reference.map((v) => v.toFixed(6)).join(', ')}`,
  );
  expect(errors).toEqual([]);
});
