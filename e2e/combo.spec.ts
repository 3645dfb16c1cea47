/**
 * The Explorer's combo as a researcher uses it: on the first view (the shipped pre-scored NB201 cells),
 * "AZ-NAS's four" adds AZ-NAS's proxies and combines them; the scatter's ρ of the combo against
 * CIFAR-10 test accuracy equals the one computed here from the shipped files with ranks written in
 * this test, no job runs (the four are pre-scored), and the share link reopens the same number.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { expect, type Page, test } from '@playwright/test';
import Papa from 'papaparse';
import { midranksHere, spearmanHere } from './spearmanHere';

const AZ_NAS = ['az_expressivity', 'az_progressivity', 'az_trainability', 'flops'];
const readGz = (path: string) => gunzipSync(readFileSync(path)).toString('utf8');

/** Shipped values by proxy and architecture; a non-finite value is kept as the number it names. */
function shippedValues(): Map<string, Map<string, number>> {
  const byProxy = new Map<string, Map<string, number>>();
  for (const line of readGz('public/data/prescored/nb201-quick.jsonl.gz').split('\n').filter(Boolean)) {
    const r = JSON.parse(line) as {
      job: { arch: string; proxy: string };
      value: number | null;
      nonFinite?: string;
    };
    const value = r.value ?? Number(r.nonFinite);
    if (!byProxy.has(r.job.proxy)) byProxy.set(r.job.proxy, new Map());
    byProxy.get(r.job.proxy)!.set(r.job.arch, value);
  }
  return byProxy;
}

function expectedComboRho(): { rho: number; n: number } {
  const values = shippedValues();
  const archs = [...values.get('flops')!.keys()];
  const truth = new Map(
    Papa.parse<Record<string, string>>(readGz('public/data/tables/nb201.csv.gz'), {
      header: true,
      skipEmptyLines: true,
    }).data.map((r) => [r.arch!, Number(r.cifar10_test)]),
  );
  const combo = archs.map(() => 0);
  for (const proxy of AZ_NAS) {
    // All four are higher-is-better: ascending ranks, rank N = best.
    const ranks = midranksHere(archs.map((a) => values.get(proxy)!.get(a)!));
    ranks.forEach((r, i) => {
      combo[i]! += Math.log(r / archs.length);
    });
  }
  return {
    rho: spearmanHere(
      combo,
      archs.map((a) => truth.get(a)!),
    ),
    n: archs.length,
  };
}

async function comboRhoOnScreen(page: Page): Promise<{ rho: number; n: number }> {
  const stats = page.getByTestId('pva-stats');
  return { rho: Number(await stats.getAttribute('data-rho')), n: Number(await stats.getAttribute('data-n')) };
}

test("AZ-NAS's four on the first view: the combo's ρ matches the shipped files, with no job, and survives the share link", async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const expected = expectedComboRho();
  expect(expected.n).toBe(383);

  await page.goto('/?backend=wasm');
  const status = page.getByTestId('run-status');
  await expect(status).toHaveAttribute('data-status', 'finished', { timeout: 30_000 });
  await page.getByTestId('combo-aznas').click();
  await expect(page.getByTestId('combo-status')).toHaveAttribute('data-components', AZ_NAS.join(','));
  await expect(page.getByTestId('combo-status')).toHaveAttribute('data-ranked', String(expected.n));
  await expect(page.getByTestId('combo-aznas')).toBeDisabled();
  // Pre-scored: nothing sent to the workers.
  await expect(status).toHaveAttribute('data-status', 'finished');
  await expect(status).toHaveAttribute('data-dispatched', '0');

  await page.getByTestId('pva-x').selectOption('combo');
  await expect(page.getByTestId('pva-stats')).toHaveAttribute('data-n', String(expected.n));
  const shown = await comboRhoOnScreen(page);
  expect(Math.abs(shown.rho - expected.rho)).toBeLessThan(1e-9);

  // The share link: a fresh page on the same URL shows the same combo.
  const link = page.url();
  const again = await page.context().newPage();
  await again.goto(link);
  await expect(again.getByTestId('combo-status')).toHaveAttribute('data-components', AZ_NAS.join(','), {
    timeout: 30_000,
  });
  await expect(again.getByTestId('run-status')).toHaveAttribute('data-status', 'finished', {
    timeout: 30_000,
  });
  await again.getByTestId('pva-x').selectOption('combo');
  await expect(again.getByTestId('pva-stats')).toHaveAttribute('data-n', String(expected.n));
  expect(Math.abs((await comboRhoOnScreen(again)).rho - expected.rho)).toBeLessThan(1e-9);
  expect(errors).toEqual([]);
});
