/**
 * Issue 6, "NTK versus ViNTK, for the lecture hall": the default lecture link (presentation mode,
 * sliders hidden, the shipped table's first 6 ViTs) opens as a presentation without the hidden
 * controls, scores ntk_cond and vintk for every cell in the browser's workers, and the ρ it shows
 * for each proxy is the ρ recomputed here from the per-cell numbers it shows. Arrow keys step the
 * screens and the link follows.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { importGroundTruth } from '../src/core/groundtruth';
import { defaultLectureState, type LectureState } from '../src/state/lectureState';
import { decodeLectureState, encodeLectureState } from '../src/state/lectureUrl';
import { spearmanHere } from './spearmanHere';

const N = 4;
const LECTURE: LectureState = {
  ...defaultLectureState(),
  present: true,
  hide: ['sliders'],
  source: 'shipped',
  n: N,
};

/** The shipped table's first N architectures and their accuracy, read here in Node. */
function shippedRows(): { arch: string; acc: number }[] {
  const file = 'public/data/groundtruth-vit-browser.csv';
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`${file} is missing: run \`npm run groundtruth\` (this test needs at least ${N} rows)`);
  }
  const imported = importGroundTruth(text, { fileName: 'groundtruth-vit-browser.csv' });
  if (!imported.ok) throw new Error(`${file} could not be read: ${imported.error.reason}`);
  const rows = [...imported.value.rows].map(([arch, values]) => ({ arch, acc: values.test_acc! }));
  if (rows.length < N)
    throw new Error(
      `${file} has ${rows.length} rows; this test needs at least ${N}: run \`npm run groundtruth\` longer`,
    );
  return rows.slice(0, N);
}

async function screenInLink(page: import('@playwright/test').Page): Promise<number> {
  const hash = await page.evaluate(() => location.hash);
  const decoded = decodeLectureState(hash);
  expect(decoded.notices).toEqual([]);
  return decoded.state.screen;
}

test('the default lecture link presents both proxies and the ρ it shows is the ρ of its numbers', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const expected = shippedRows();
  await page.goto(`/#${encodeLectureState(LECTURE)}`);
  const view = page.getByTestId('lecture-view');
  await expect(view).toHaveAttribute('data-present', 'true');
  await expect(page.getByTestId('lec-claim')).toBeVisible();
  // Hidden group absent, the other groups there.
  await expect(page.getByTestId('lec-sliders')).toHaveCount(0);
  await expect(page.getByTestId('lec-r')).toHaveCount(0);
  await expect(page.getByTestId('lec-source')).toHaveCount(1);
  await expect(page.getByTestId('lec-notice')).toHaveCount(0);
  await expect(page.getByTestId('lec-shipped-problem')).toHaveCount(0);

  // Screen 2: the images at r.
  await page.keyboard.press('ArrowRight');
  await expect(view).toHaveAttribute('data-screen', '1');
  expect(await screenInLink(page)).toBe(1);
  await expect(page.getByTestId('lec-img-high')).toHaveCount(3);
  await expect(page.getByTestId('lec-claim')).toHaveCount(0);

  // Screen 3: the scatters, once every cell has both scores.
  await page.keyboard.press('PageDown');
  await expect(view).toHaveAttribute('data-screen', '2');
  expect(await screenInLink(page)).toBe(2);
  const rhoNtk = page.getByTestId('lec-rho-ntk');
  const rhoVintk = page.getByTestId('lec-rho-vintk');
  await expect(rhoNtk).toHaveAttribute('data-n', String(N), { timeout: 200_000 });
  await expect(rhoVintk).toHaveAttribute('data-n', String(N), { timeout: 200_000 });
  await expect(page.getByTestId('lec-errors')).toHaveCount(0);
  const shownNtk = Number(await rhoNtk.getAttribute('data-rho'));
  const shownVintk = Number(await rhoVintk.getAttribute('data-rho'));

  // Screen 4: the numbers and the per-cell table.
  await page.keyboard.press('ArrowRight');
  await expect(view).toHaveAttribute('data-screen', '3');
  expect(await screenInLink(page)).toBe(3);
  const rows = await page.$$eval('[data-testid="lec-row"]', (trs) =>
    trs.map((tr) => {
      const d = (tr as HTMLElement).dataset;
      return {
        arch: d.arch ?? '',
        ntk: Number(d.ntk),
        vintk: Number(d.vintk),
        acc: Number(d.acc),
        ntkMs: Number(d.ntkMs),
        vintkMs: Number(d.vintkMs),
      };
    }),
  );
  expect(rows.map((r) => r.arch)).toEqual(expected.map((r) => r.arch));
  expect(rows.map((r) => r.acc)).toEqual(expected.map((r) => r.acc));
  for (const row of rows) {
    expect(Number.isFinite(row.ntk)).toBe(true);
    expect(Number.isFinite(row.vintk)).toBe(true);
  }
  const rhoNtkHere = spearmanHere(
    rows.map((r) => r.ntk),
    rows.map((r) => r.acc),
  );
  const rhoVintkHere = spearmanHere(
    rows.map((r) => r.vintk),
    rows.map((r) => r.acc),
  );
  expect(shownNtk).toBeCloseTo(rhoNtkHere, 12);
  expect(shownVintk).toBeCloseTo(rhoVintkHere, 12);
  const diff = Number(await page.getByTestId('lec-rho-diff').getAttribute('data-diff'));
  expect(diff).toBeCloseTo(rhoVintkHere - rhoNtkHere, 12);
  const better = await page.getByTestId('lec-explain').getAttribute('data-vintk-better');
  expect(better).toBe(String(rhoVintkHere - rhoNtkHere > 0));
  console.log(
    `lecture e2e: ρ(ntk_cond) = ${rhoNtkHere.toFixed(4)}, ρ(vintk) = ${rhoVintkHere.toFixed(4)}, n = ${N}; ` +
      `ms per cell ntk_cond ${rows.map((r) => Math.round(r.ntkMs)).join(', ')}; vintk ${rows.map((r) => Math.round(r.vintkMs)).join(', ')}`,
  );

  // Stepping back.
  await page.keyboard.press('ArrowLeft');
  await expect(view).toHaveAttribute('data-screen', '2');
  await page.keyboard.press('PageUp');
  await expect(view).toHaveAttribute('data-screen', '1');
  expect(await screenInLink(page)).toBe(1);
});
