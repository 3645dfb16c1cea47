/**
 * Scoring throughput in the browser with 1 and 2 workers (`?workers=N`), and the page's long tasks
 * meanwhile: Debian's Chromium, the built app (`vite preview`), real workers on wasm, a fresh
 * browser context (empty cache) per run. Writes bench/results/browser-workers.json.
 *
 * npx tsx bench/browserWorkers.ts [--cells 8] [--proxies ntk_cond] [--workers 1,2]
 * Needs `npx vite build` first (dist/).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { longTasksSince, watchLongTasks } from '../e2e/longTasks';
import { isProxyId, type ProxyId } from '../src/core/proxies/ids';
import { encodeViewState } from '../src/state/url';
import { DEFAULT_VIEW_STATE } from '../src/state/viewState';

const PORT = 4181;
const args = parseArgs({
  options: {
    cells: { type: 'string', default: '8' },
    proxies: { type: 'string', default: 'ntk_cond' },
    workers: { type: 'string', default: '1,2' },
  },
}).values;
const cells = Number(args.cells);
const proxies = args.proxies!.split(',');
if (!proxies.every(isProxyId)) throw new Error(`unknown proxy in ${args.proxies}`);
const workerCounts = args.workers!.split(',').map(Number);
if (!existsSync('dist/index.html')) {
  console.error('browserWorkers: no dist/: run `npx vite build` first');
  process.exit(2);
}

async function startPreview(): Promise<ChildProcess> {
  const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], {
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://localhost:${PORT}/`)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  server.kill();
  throw new Error('vite preview did not start');
}

const view = { ...DEFAULT_VIEW_STATE, sampleSize: cells, seed: 3, proxies: proxies as ProxyId[] };
const hash = encodeViewState(view);
const server = await startPreview();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const browserVersion = browser.version();
const rows: Record<string, unknown>[] = [];
try {
  for (const workers of workerCounts) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await watchLongTasks(page);
    await page.goto(`http://localhost:${PORT}/?workers=${workers}&backend=wasm#${hash}`);
    const done = page.locator('[data-testid="result-row"] td[data-state="done"]');
    // Timed from the first result (workers up, first job done) to the last.
    await done.first().waitFor({ timeout: 600_000 });
    const t0 = Date.now();
    const pageT0 = await page.evaluate(() => performance.now());
    const firstCount = await done.count();
    const total = cells * proxies.length;
    while ((await done.count()) < total) await page.waitForTimeout(250);
    const seconds = (Date.now() - t0) / 1000;
    const perJob = seconds / (total - firstCount);
    // Main-thread tasks over 50 ms while the workers computed (loading the page is not counted).
    const longTasks = (await longTasksSince(page, pageT0)).map((t) => Math.round(t.duration));
    rows.push({
      workers,
      jobs: total,
      timedJobs: total - firstCount,
      seconds,
      secondsPerJob: perJob,
      longTasksMs: longTasks,
    });
    console.log(
      `${workers} worker(s): ${total - firstCount} jobs in ${seconds.toFixed(1)} s (${perJob.toFixed(2)} s/job), long tasks while scoring ${JSON.stringify(longTasks)}`,
    );
    await context.close();
  }
} finally {
  await browser.close();
  server.kill();
}
const base = rows.find((r) => r.workers === 1)?.secondsPerJob as number | undefined;
for (const r of rows) if (base) r.speedupVs1 = Math.round((base / (r.secondsPerJob as number)) * 100) / 100;
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/browser-workers.json',
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: `${cpus().length} cores, ${cpus()[0]?.model ?? '?'}`,
      browser: `${CHROMIUM_PATH} ${browserVersion}`,
      view: { space: view.space, cells, proxies, fidelity: view.fidelity, seed: view.seed },
      rows,
    },
    null,
    2,
  )}\n`,
);
