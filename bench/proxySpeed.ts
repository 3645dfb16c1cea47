/**
 * npm run bench -- --proxy-speed (also part of the full npm run bench): each paper-fidelity zero-cost
 * proxy on two NB201 networks (C = 16, N = 5; the largest cell and a medium one), ours on Node's wasm
 * backend (1 thread) beside a PyTorch reference (bench/torch_proxies.py) at 1 and 2 threads, on the
 * same network, the same weights (PyTorch's default init, seed 0, as `npm run score` draws them) and
 * the same images (the CLI's CIFAR-10 training batch, 64 images, seed 0). Per proxy: seconds, the
 * ratio, both values and their relative difference (two independent implementations of one
 * definition), GFLOP/s beside the machine's 1024³ matMul rate, and our peak wasm heap.
 *
 * Our side runs each (cell, proxy) in a fresh process, as `npm run score` computes it (the registry's
 * compute with its default parameters and seed 0): tfjs-wasm's heap only grows, so the heap after the
 * runs is the proxy's peak, and a proxy that exhausts the 4 GB heap (which breaks the module for
 * everything after it) fails alone and is reported with its error. Timing on both sides: one warm-up,
 * then the median of up to 3 runs (fewer once a proxy has spent BUDGET_S seconds).
 *
 * Proxies: grad_norm, snip, grasp, fisher, jacob_cov, synflow, nwot (docs/science.md §5–6), zico and
 * gradalign (§3). Not here: swap (32 re-initialisations by default), the NTK family (bench/ntkSpeed.ts).
 * Writes bench/results/proxy-speed.json after every cell. Without PyTorch our side still runs and
 * the report says how to get it. Options: --no-torch, --cells 1,2, --proxies a,b, --case-dir DIR (keep the cases).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import '@tensorflow/tfjs-backend-wasm';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { failWith, startNodeBackend } from '../scripts/kit/cli';
import { loadBatchForCli } from '../scripts/kit/data';
import { disposeParams, initParams, type Network } from '../src/core/nn/network';
import { tf } from '../src/core/nn/tf';
import type { ProxyId } from '../src/core/proxies/ids';
import { gradientWeights } from '../src/core/proxies/lossGradients';
import { PROXY_REGISTRY, resolvedParams } from '../src/core/proxies/registry';
import { nb201Build } from '../src/core/spaces/nb201/nb201Build';
import { nb201Flops } from '../src/core/spaces/nb201/nb201Flops';
import { matMulPeak, packParams } from './ntkSpeed';

const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const REPORT = 'bench/results/proxy-speed.json';
const REPS = 3;
/** Seconds a proxy may spend (warm-up included) before it stops repeating. */
const BUDGET_S = 60;
/** A child that runs longer than this is stopped and its proxy reported as failed. */
const CHILD_TIMEOUT_MS = 20 * 60 * 1000;
const BATCH = 64;
const SEED = 0;
const RESULT_TAG = 'PROXY_RESULT ';

const CELLS = [
  {
    name: 'largest (every edge nor_conv_3x3)',
    arch: '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|',
  },
  {
    name: 'medium (every op type)',
    arch: '|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|',
  },
];
const PROXIES: ProxyId[] = [
  'grad_norm',
  'snip',
  'grasp',
  'fisher',
  'jacob_cov',
  'synflow',
  'nwot',
  'zico',
  'gradalign',
];

const args = parseArgs({
  options: {
    'no-torch': { type: 'boolean' },
    cells: { type: 'string' },
    proxies: { type: 'string' },
    /** Keep the written cases in this folder (to rerun bench/torch_proxies.py by hand). */
    'case-dir': { type: 'string' },
    /** Internal: run one (cell, proxy) of ours in this process and print its result. */
    child: { type: 'boolean' },
    cell: { type: 'string' },
    proxy: { type: 'string' },
  },
  strict: true,
}).values;

/** What one of our (cell, proxy) runs gives back to the parent. */
interface OurResult {
  seconds?: number;
  secondsAll?: number[];
  value?: number | null;
  perLayer?: number[];
  warnings?: string[];
  heapBytes?: number;
  wasmThreads?: number;
  error?: string;
}

interface TorchProxyResult {
  value?: number | null;
  seconds?: number;
  per_layer?: (number | null)[] | null;
  error?: string;
}

interface TorchRun {
  torch: string;
  blas: string;
  threads: number;
  matmul_gflops: number;
  proxies: Record<string, TorchProxyResult>;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

const wasmHeapBytes = (): number =>
  (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.length;

function paperNetwork(arch: string): Network {
  const built = nb201Build(arch, 'paper');
  if (!built.ok) throw new Error(built.error);
  return built.value.network;
}

/** The child: one proxy of ours on one cell, timed as `npm run score` would compute it. */
async function runChild(cellIndex: number, id: ProxyId): Promise<OurResult> {
  await startNodeBackend('wasm', (message) => {
    throw new Error(message);
  });
  const network = paperNetwork(CELLS[cellIndex]!.arch);
  const proxy = PROXY_REGISTRY[id];
  if (!proxy) return { error: `proxy ${id} is not implemented` };
  const batch = proxy.needsData ? await loadBatchForCli('cifar10', BATCH, SEED, network) : undefined;
  const input = { network, seed: SEED, params: resolvedParams(id, {}), ...(batch ? { batch } : {}) };
  const times: number[] = [];
  try {
    let t0 = performance.now();
    let output = await proxy.compute(input); // warm-up
    let spent = performance.now() - t0;
    while (times.length < REPS && (times.length === 0 || spent < BUDGET_S * 1000)) {
      t0 = performance.now();
      output = await proxy.compute(input);
      times.push(performance.now() - t0);
      spent += times[times.length - 1]!;
    }
    const perLayer = output.details.perLayer;
    return {
      seconds: median(times) / 1000,
      secondsAll: times.map((t) => t / 1000),
      value: Number.isFinite(output.value) ? output.value : null,
      ...(Array.isArray(perLayer) ? { perLayer: perLayer.map(Number) } : {}),
      warnings: output.warnings,
      heapBytes: wasmHeapBytes(),
      wasmThreads: getThreadsCount(),
    };
  } catch (error) {
    let heapBytes: number | undefined;
    try {
      heapBytes = wasmHeapBytes();
    } catch {
      // a broken module may not even say its size
    }
    return {
      error: (error instanceof Error ? error.message : String(error)).slice(0, 300),
      ...(heapBytes ? { heapBytes } : {}),
    };
  }
}

if (args.child) {
  const result = await runChild(Number(args.cell), args.proxy as ProxyId);
  console.log(`${RESULT_TAG}${JSON.stringify(result)}`);
  process.exit(0);
}

/** Our run of one (cell, proxy) in a fresh process; a crash or timeout becomes an error. */
function ours(cellIndex: number, id: ProxyId): OurResult {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, process.argv[1]!, '--child', '--cell', String(cellIndex), '--proxy', id],
    { encoding: 'utf8', maxBuffer: 64 * 2 ** 20, timeout: CHILD_TIMEOUT_MS },
  );
  const line = child.stdout.split('\n').find((l) => l.startsWith(RESULT_TAG));
  if (line) return JSON.parse(line.slice(RESULT_TAG.length)) as OurResult;
  const why = child.error ? child.error.message : `exit ${child.status ?? child.signal}`;
  const stderr = child.stderr
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('var Module'))
    .slice(-3)
    .join(' | ');
  return { error: `process failed (${why}): ${stderr}`.slice(0, 300) };
}

function torchVersion(): string | null {
  const probe = spawnSync(PYTHON, ['-c', 'import torch, numpy; print(torch.__version__)'], {
    encoding: 'utf8',
  });
  return probe.status === 0 ? probe.stdout.trim() : null;
}

/** The case for bench/torch_proxies.py: manifest, parameters and NHWC inputs as raw float32. */
function writeCase(dir: string, cellIndex: number, network: Network, x: Float32Array, labels: Int32Array) {
  const cell = CELLS[cellIndex]!;
  const params = initParams(network, 'pytorch', SEED); // what every proxy of ours draws from SEED
  const { entries, blob } = packParams(params);
  disposeParams(params);
  const base = join(dir, `cell${cellIndex + 1}`);
  writeFileSync(`${base}.params.bin`, blob);
  writeFileSync(`${base}.inputs.bin`, x);
  writeFileSync(
    `${base}.json`,
    JSON.stringify({
      name: cell.name,
      arch: cell.arch,
      cell: cellOps(cell.arch),
      cells_per_stage: 5,
      params: entries,
      params_file: `${base}.params.bin`,
      inputs_file: `${base}.inputs.bin`,
      input_shape: [labels.length, ...network.inputShape],
      labels: Array.from(labels),
      gradient_weights: gradientWeights(network).map((s) => s.name),
      proxies: selectedProxies(),
    }),
  );
  return `${base}.json`;
}

/** Op codes of src/core/spaces/nb201/nb201.ts (none 0, skip 1, conv1x1 2, conv3x3 3, pool 4) per edge. */
function cellOps(arch: string): number[] {
  const ops = ['none', 'skip_connect', 'nor_conv_1x1', 'nor_conv_3x3', 'avg_pool_3x3'];
  return [...arch.matchAll(/\|([a-z0-9_]+)~\d/g)].map((m) => ops.indexOf(m[1]!));
}

function selectedProxies(): ProxyId[] {
  const wanted = args.proxies ? new Set(args.proxies.split(',')) : null;
  return PROXIES.filter((id) => PROXY_REGISTRY[id]?.spaces.includes('nb201') && (!wanted || wanted.has(id)));
}

function runTorch(file: string, threads: number): TorchRun | string {
  const run = spawnSync(PYTHON, ['bench/torch_proxies.py', file, '--threads', String(threads)], {
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
    env: { ...process.env, OMP_NUM_THREADS: String(threads), MKL_NUM_THREADS: String(threads) },
  });
  if (run.status !== 0) return `torch_proxies.py failed: ${run.stderr.slice(-300)}`;
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as TorchRun;
}

/** Units (channels · positions) per sample at every ReLU input: the width of NASWOT's codes. */
function reluUnits(network: Network): number {
  let units = 0;
  tf.tidy(() => {
    network.forward(tf.zeros([1, ...network.inputShape]), initParams(network, 'pytorch', SEED), {
      batchNorm: 'eval',
      onActivation: (pre) => {
        units += pre.size;
      },
    });
  });
  return units;
}

/**
 * Floating-point operations of one proxy evaluation, the same count for both sides (so GFLOP/s is
 * useful work per second, and its ratio is the time ratio). From the network's conv and linear
 * shapes (nb201Flops: multiply-adds per sample, times 2), F = one forward pass of the batch:
 * - a backward pass with weight gradients costs 2F (input gradients and weight gradients, each a
 *   convolution as large as the forward one), without them F;
 * - grad_norm, snip: F + 2F. zico: the same over two half-batches. fisher, jacob_cov: F + F (only
 *   activation or input gradients are needed).
 * - grasp: pass 1 is 3F; pass 2 differentiates the forward+backward graph once more: its forward and
 *   backward 3F, and in the double backward each of its bilinear products (forward conv, input- and
 *   weight-gradient convs) costs 2 → 6F; 12F in all.
 * - synflow: 3F of one sample. nwot: F plus the N×N Gram of the codes, 2·N²·units.
 * - gradalign: 3F (per sample, N passes) plus the N×N Gram of the gradients, 2·N²·P.
 * BatchNorm, ReLU, pooling, the loss and eigen/log-det work are not counted (small beside these).
 */
function proxyFlops(id: ProxyId, forwardPerSample: number, units: number, weights: number): number {
  const f = forwardPerSample * BATCH;
  const gram = (width: number) => 2 * BATCH * BATCH * width;
  const table: Partial<Record<ProxyId, number>> = {
    grad_norm: 3 * f,
    snip: 3 * f,
    zico: 3 * f,
    fisher: 2 * f,
    jacob_cov: 2 * f,
    grasp: 12 * f,
    synflow: 3 * forwardPerSample,
    nwot: f + gram(units),
    gradalign: 3 * f + gram(weights),
  };
  return table[id] ?? Number.NaN;
}

const round = (v: number, digits = 3) => Number(v.toPrecision(digits));

/**
 * |ours − torch| / |torch|. synflow's values are log10 of the score (they reach 1e43 and beyond), so
 * its difference is that of the scores themselves: |10^(ours − torch) − 1|.
 */
function relativeDifference(id: ProxyId, a: number, b: number): number {
  if (id === 'synflow') return Math.abs(10 ** (a - b) - 1);
  return Math.abs(a - b) / Math.abs(b);
}

function maxPerLayerDifference(
  a: readonly number[] | undefined,
  b: readonly (number | null)[] | null | undefined,
) {
  if (!a || !b || a.length !== b.length) return undefined;
  let worst = 0;
  a.forEach((v, i) => {
    const w = b[i];
    if (w === null || w === undefined || !Number.isFinite(v) || w === 0) return;
    worst = Math.max(worst, Math.abs(v - w) / Math.abs(w));
  });
  return worst;
}

// Parent.
await startNodeBackend('wasm', failWith('bench:proxies'));
const torch = args['no-torch'] ? null : torchVersion();
const startLoad = loadavg()[0]!;
const peak = matMulPeak();
console.log(`[bench:proxies] matMul 1024³ GFLOP/s (ours, wasm, 1 thread): ${JSON.stringify(peak)}`);
if (!torch) {
  console.log(
    `[bench:proxies] no PyTorch at ${PYTHON}: only our side runs. Install it with ` +
      '`apt-get install python3-torch` (Debian; then /usr/bin/python3) or `pip install torch numpy`, ' +
      'and set BENCH_PYTHON to that python.',
  );
}
const chosen = args.cells ? new Set(args.cells.split(',').map(Number)) : null;
const keep = args['case-dir'];
if (keep) mkdirSync(keep, { recursive: true });
const dir = keep ?? mkdtempSync(join(tmpdir(), 'proxy-speed-'));
const rows: Record<string, unknown>[] = [];
const torchPeak: Record<string, number> = {};
let torchBlas: string | undefined;
const writeReport = () => {
  const report = {
    generated: new Date().toISOString(),
    command: 'npm run bench -- --proxy-speed',
    machine: `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
    loadAverage1m: { atStart: round(startLoad, 2), atWrite: round(loadavg()[0]!, 2) },
    note:
      'a shared 2-core machine: other work may run beside this bench (see loadAverage1m, here and per ' +
      'row); ours and the 1-thread reference need one core, the 2-thread reference both, and suffers most',
    ours: 'Node, tfjs wasm backend (SIMD, 1 thread) with our kernels, the registry compute as `npm run score`; one fresh process per (cell, proxy)',
    reference: torch
      ? `PyTorch ${torch} CPU (bench/torch_proxies.py), float32 (synflow float64), at 1 and 2 threads; ` +
        `convolutions through oneDNN, matrix products through BLAS_INFO=${torchBlas ?? '?'}` +
        (torchBlas === 'generic' ? ' (the reference BLAS: slow, see matMulGflops.torch)' : '')
      : 'PyTorch not run (not installed, or --no-torch)',
    timing: `one warm-up, then the median of up to ${REPS} runs (fewer after ${BUDGET_S} s)`,
    data: `CIFAR-10 training batch of ${BATCH} images as the CLI draws it (seed ${SEED}); weights: PyTorch default init, seed ${SEED}`,
    flops:
      'analytic, from conv/linear shapes (see proxyFlops in bench/proxySpeed.ts); the same count for both sides',
    matMulGflops: { ours: peak, ...(Object.keys(torchPeak).length ? { torch: torchPeak } : {}) },
    rows,
  };
  writeFileSync(REPORT, `${JSON.stringify(report, null, 1)}\n`);
};

try {
  for (const [cellIndex, cell] of CELLS.entries()) {
    if (chosen && !chosen.has(cellIndex + 1)) continue;
    const network = paperNetwork(cell.arch);
    const batch = await loadBatchForCli('cifar10', BATCH, SEED, network);
    const macs = nb201Flops(network.specs, network.inputShape[0]!);
    if (!macs) throw new Error('cannot count the network FLOPs');
    const forwardPerSample = 2 * macs.total;
    const units = reluUnits(network);
    const weightCount = gradientWeights(network).reduce((s, w) => s + w.shape.reduce((a, b) => a * b, 1), 0);
    const file = writeCase(dir, cellIndex, network, batch.x, batch.y);
    const torchRuns: Record<number, TorchRun | string> = {};
    if (torch) {
      for (const threads of [1, 2]) {
        console.log(`[bench:proxies] ${cell.name}: PyTorch at ${threads} thread(s)…`);
        torchRuns[threads] = runTorch(file, threads);
        const run = torchRuns[threads];
        if (typeof run === 'string') console.log(`[bench:proxies] ${run}`);
        else {
          torchPeak[`${threads}t`] = round(run.matmul_gflops);
          torchBlas = run.blas;
        }
      }
    }
    for (const id of selectedProxies()) {
      console.log(`[bench:proxies] ${cell.name}: ${id} (ours)…`);
      const mine = ours(cellIndex, id);
      const flops = proxyFlops(id, forwardPerSample, units, weightCount);
      const gflops = (seconds: number | undefined) => (seconds ? round(flops / seconds / 1e9) : undefined);
      const row: Record<string, unknown> = {
        cell: cell.name,
        arch: cell.arch,
        proxy: id,
        gflopPerEvaluation: round(flops / 1e9),
        loadAverage1m: round(loadavg()[0]!, 2),
        ours: {
          ...(mine.seconds !== undefined ? { seconds: round(mine.seconds) } : {}),
          ...(mine.secondsAll ? { secondsAll: mine.secondsAll.map((s) => round(s)) } : {}),
          ...(mine.value !== undefined ? { value: mine.value } : {}),
          ...(mine.error ? { failed: mine.error } : {}),
          ...(mine.warnings?.length ? { warnings: mine.warnings } : {}),
          gflops: gflops(mine.seconds),
          ...(mine.heapBytes ? { peakWasmHeapMiB: Math.round(mine.heapBytes / 2 ** 20) } : {}),
          ...(mine.wasmThreads ? { wasmThreads: mine.wasmThreads } : {}),
        },
      };
      for (const threads of [1, 2]) {
        const run = torchRuns[threads];
        if (!run) continue;
        const t = typeof run === 'string' ? { error: run } : run.proxies[id];
        if (!t) continue;
        row[`torch${threads}t`] = t.error
          ? { failed: t.error }
          : { seconds: round(t.seconds!), value: t.value, gflops: gflops(t.seconds) };
        if (mine.seconds && t.seconds) row[`oursOverTorch${threads}t`] = round(mine.seconds / t.seconds);
        if (threads === 1 && typeof mine.value === 'number' && typeof t.value === 'number') {
          row.relativeDifference = round(relativeDifference(id, mine.value, t.value), 2);
          const perLayer = maxPerLayerDifference(mine.perLayer, t.per_layer);
          if (perLayer !== undefined) row.perLayerMaxRelativeDifference = round(perLayer, 2);
        }
      }
      console.log(`[bench:proxies] ${JSON.stringify(row)}`);
      rows.push(row);
      writeReport();
    }
  }
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
writeReport();

const fmt = (v: unknown) => (typeof v === 'number' ? String(round(v, 4)) : '–');
console.log(
  '\ncell | proxy | ours s | torch 1t s | torch 2t s | ours/torch 1t | 2t | value ours | value torch | rel. diff | GFLOP/s ours / torch 1t / 2t | heap MiB',
);
for (const r of rows) {
  const o = r.ours as Record<string, unknown>;
  const t1 = (r.torch1t ?? {}) as Record<string, unknown>;
  const t2 = (r.torch2t ?? {}) as Record<string, unknown>;
  const ourTime = o.failed ? `failed: ${String(o.failed).slice(0, 60)}` : fmt(o.seconds);
  console.log(
    `${String(r.cell).split(' ')[0]} | ${r.proxy} | ${ourTime} | ${fmt(t1.seconds)} | ${fmt(t2.seconds)} | ` +
      `${fmt(r.oursOverTorch1t)} | ${fmt(r.oursOverTorch2t)} | ${fmt(o.value)} | ${fmt(t1.value)} | ` +
      `${r.relativeDifference === undefined ? '–' : Number(r.relativeDifference).toExponential(1)} | ` +
      `${fmt(o.gflops)} / ${fmt(t1.gflops)} / ${fmt(t2.gflops)} | ${fmt(o.peakWasmHeapMiB)}`,
  );
}
console.log(`matMul 1024³ GFLOP/s: ours ${JSON.stringify(peak)}, torch ${JSON.stringify(torchPeak)}`);
console.log(`[bench:proxies] wrote ${REPORT}`);
