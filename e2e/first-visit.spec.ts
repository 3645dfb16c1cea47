/**
 * A first visit, as a new user makes it: a fresh browser profile, no link. The Explorer opens on the
 * pre-scored NB201 cells against NAS-Bench-201's CIFAR-10 test accuracy, both shipped with the app;
 * the lecture opens on Auto-Prox's AutoFormer-Ti table with both scatters filled. Expected ρ values
 * are computed here from the shipped files (public/data), with a rank correlation written in this test.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { expect, type Page, type Request, test } from '@playwright/test';
import Papa from 'papaparse';
import { preparedLectureState } from '../src/state/firstVisit';
import { encodeLectureState } from '../src/state/lectureUrl';
import { spearmanHere } from './spearmanHere';

const readGz = (path: string) => gunzipSync(readFileSync(path)).toString('utf8');
const csv = (path: string) =>
  Papa.parse<Record<string, string>>(readGz(path), { header: true, skipEmptyLines: true }).data;
const prescored = JSON.parse(readFileSync('public/data/prescored/prescored.json', 'utf8')) as {
  sets: { id: string; file: string; archs: string[]; proxies: string[]; records: number }[];
};
const setOf = (id: string) => prescored.sets.find((s) => s.id === id)!;
/** Shipped scores of one proxy, by architecture. */
function shippedScores(id: string, proxy: string): Map<string, number> {
  const lines = readGz(`public/data/prescored/${setOf(id).file}`)
    .split('\n')
    .filter(Boolean);
  const out = new Map<string, number>();
  for (const line of lines) {
    const r = JSON.parse(line) as { job: { arch: string; proxy: string }; value: number | null };
    if (r.job.proxy === proxy && r.value !== null) out.set(r.job.arch, r.value);
  }
  return out;
}
function expectedRho(scores: Map<string, number>, truth: Map<string, number>): { rho: number; n: number } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [arch, x] of scores) {
    const y = truth.get(arch);
    if (y === undefined || !Number.isFinite(y) || !Number.isFinite(x)) continue;
    xs.push(x);
    ys.push(y);
  }
  return { rho: spearmanHere(xs, ys), n: xs.length };
}

/** Bytes of every response that finished before the first request for a data table. */
function transferBeforeTables(page: Page): () => number {
  let bytes = 0;
  let tablesAsked = false;
  page.on('request', (r: Request) => {
    if (/\/data\/(tables|prescored)\/.+\.gz$/.test(r.url())) tablesAsked = true;
  });
  page.on('requestfinished', async (r: Request) => {
    if (tablesAsked) return;
    const sizes = await r.sizes().catch(() => null);
    if (sizes) bytes += sizes.responseBodySize + sizes.responseHeadersSize;
  });
  return () => bytes;
}

test('no link, fresh profile: ρ against NB201 CIFAR-10 test within 10 s, heat map and spectra with no job run', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const before = transferBeforeTables(page);
  const nb201 = new Map(csv('public/data/tables/nb201.csv.gz').map((r) => [r.arch!, Number(r.cifar10_test)]));
  const set = setOf('nb201-quick');
  const expected = expectedRho(shippedScores('nb201-quick', 'ntk_cond'), nb201);
  expect(expected.n).toBe(set.archs.length);

  await page.goto('/?backend=wasm');
  const stats = page.getByTestId('pva-stats');
  // The bound: ρ on screen within 10 s of load, on wasm.
  await expect(stats).toHaveAttribute('data-n', String(expected.n), { timeout: 10_000 });
  expect(Math.abs(Number(await stats.getAttribute('data-rho')) - expected.rho)).toBeLessThan(1e-9);
  await expect(page.getByTestId('pva-y')).toHaveValue(/cifar10_test$/);

  const status = page.getByTestId('run-status');
  await expect(status).toHaveAttribute('data-status', 'finished');
  await expect(status).toHaveAttribute('data-prescored', String(set.records));
  await expect(status).toHaveAttribute('data-dispatched', '0');
  await expect(page.locator('[data-testid="result-row"] td[data-origin="prescored"]').first()).toBeVisible();
  // Every proxy and the accuracy in the heat map; the selected cell's NTK spectrum.
  await expect(page.getByTestId('correlation-matrix')).toHaveAttribute(
    'data-size',
    String(set.proxies.length + 1),
  );
  await expect(page.locator('[data-testid="spectrum-table"] tbody tr')).toHaveCount(1);
  // Published scores beside ours, on the cells NAS-Bench-Suite-Zero also scored.
  await expect(page.locator('[data-testid="published-row"]').first()).toBeVisible();
  const nwot = page.locator('[data-testid="published-row"][data-column="nbsz_naslib.cifar10.nwot"]');
  await expect(nwot).toHaveAttribute('data-n', String(set.archs.length));
  expect(Math.abs(Number(await nwot.getAttribute('data-rho-ours-published')))).toBeGreaterThan(0.9);

  expect(before()).toBeGreaterThan(0);
  expect(before()).toBeLessThan(3 * 1024 * 1024);
  expect(errors).toEqual([]);
});

test('the lecture opens prepared: both scatters filled from the shipped scores, and a live recomputation matches', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const lecture = preparedLectureState();
  const autoprox = new Map(
    csv('public/data/tables/autoformer-autoprox.csv.gz').map((r) => [
      r.arch!,
      Number(r[lecture.column] || Number.NaN),
    ]),
  );
  await page.goto('/?backend=wasm');
  await page.getByTestId('page-lecture').click();
  const prepared = page.getByTestId('lec-prepared');
  await expect(prepared).toHaveAttribute('data-prescored', String(2 * lecture.n), { timeout: 20_000 });
  for (const [id, proxy] of [
    ['lec-rho-ntk', 'ntk_cond'],
    ['lec-rho-vintk', 'vintk'],
  ] as const) {
    const scores = new Map(
      [...shippedScores('autoformer-ti-quick', proxy)].filter(([a]) => Number.isFinite(autoprox.get(a))),
    );
    const expected = expectedRho(new Map([...scores].slice(0, lecture.n)), autoprox);
    await expect(page.getByTestId(id)).toHaveAttribute('data-n', String(lecture.n));
    expect(
      Math.abs(Number(await page.getByTestId(id).getAttribute('data-rho')) - expected.rho),
      id,
    ).toBeLessThan(1e-9);
  }
  await expect(page.getByTestId('lec-run')).toHaveAttribute('data-status', 'finished');

  // "Recompute live" on two networks (the same link with n = 2, the fewest a lecture shows): computed in the workers, past the cache.
  await page.goto(`/?backend=wasm#${encodeLectureState({ ...lecture, n: 2 })}`);
  await expect(prepared).toHaveAttribute('data-prescored', '4', { timeout: 20_000 });
  await page.getByTestId('lec-recompute').click();
  await expect(prepared).toHaveAttribute('data-live-status', 'finished', { timeout: 200_000 });
  await expect(prepared).toHaveAttribute('data-live-compared', '4');
  expect(Number(await prepared.getAttribute('data-live-max-rel-diff'))).toBeLessThan(1e-4);
});

test('a shipped file that fails leaves the app working and names the table; an import never replaces a shipped table', async ({
  page,
}) => {
  await page.route('**/data/tables/published-nb201-scores.csv.gz', (route) =>
    route.fulfill({ status: 200, body: Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255, 1, 2, 3]) }),
  );
  await page.route('**/data/prescored/autoformer-ti-quick.jsonl.gz', (route) =>
    route.abort('blockedbyclient'),
  );
  await page.goto('/?backend=wasm');
  const problems = page.getByTestId('gt-shipped-problems');
  await expect(problems).toContainText('Published NB201 proxy scores');
  // The rest still works: the NB201 table and the Explorer's scatter.
  await expect(page.getByTestId('pva-stats')).toHaveAttribute(
    'data-n',
    String(setOf('nb201-quick').archs.length),
  );
  await expect(page.getByTestId('published-scores')).toHaveCount(0);

  await page.getByTestId('gt-file').setInputFiles({
    name: 'mine.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'arch,acc\n|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|,50\n',
    ),
  });
  const dialog = page.getByTestId('gt-mapping');
  await dialog.getByTestId('gt-map-name').fill('NAS-Bench-201');
  await dialog.getByTestId('gt-map-import').click();
  await expect(dialog.getByTestId('gt-map-error')).toContainText('ships with the app');
  await dialog.getByTestId('gt-map-cancel').click();
  await expect(page.locator('[data-testid="gt-table"][data-name="NAS-Bench-201"]')).toHaveAttribute(
    'data-rows',
    '15625',
  );

  // A pre-scored set loads when a view needs it: the lecture's, blocked here, is named there.
  await page.getByTestId('page-lecture').click();
  await expect(page.getByTestId('gt-shipped-problems')).toContainText('Auto-Prox AutoFormer-Ti subnets');
  await expect(page.getByTestId('lec-rho-ntk')).toBeVisible();
});
