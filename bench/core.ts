/**
 * npm run bench: writes bench/results/core.json (and bench/results/ntk-speed.json and
 * bench/results/proxy-speed.json, first).
 * - seconds per NTK against PyTorch's TE-NAS loop on the same networks (bench/ntkSpeed.ts; alone:
 *   npm run bench -- --ntk-speed).
 * - each zero-cost proxy at paper fidelity (NB201 C=16, N=5, batch 64, largest and a medium cell)
 *   against a PyTorch reference on the same weights and images: seconds, values and their relative
 *   difference, GFLOP/s, peak wasm heap (bench/proxySpeed.ts; alone: npm run bench -- --proxy-speed).
 * - ms per proxy per NB201 cell at `quick` and `paper` fidelity on Node's wasm and cpu backends
 *   (each run the same ScoreJob a worker runs; `npm run bench -- --core-only` runs this part, the NTK
 *   methods and the lab without the PyTorch comparisons):
 *   the median of 5 runs after a warm-up. A proxy whose warm-up takes longer than CAP_S runs once
 *   (its one time is reported with runs: 1); on cpu, a proxy that takes more than CPU_SKIP_WASM_MS on
 *   wasm is not run at all (cpu is 20–100x slower; the entry says so).
 * - the NTK's batched method against the per-sample loop: an MLP at N = 64 and NB201 at N = 32 with
 *   BatchNorm in eval mode (where the batched method is exact), median of 5.
 * Each (backend, fidelity) runs in a fresh process: tfjs-wasm's heap only grows.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { type NodeBackend, startNodeBackend } from '../scripts/kit/cli';
import { loadBatchForCli } from '../scripts/kit/data';
import { inProcessScorer } from '../scripts/scoreInProcess';
import { PROXIES_CHEAP_FIRST } from '../scripts/validate/proxyOrder';
import type { Batch } from '../src/core/data/batch';
import { chooseNtkMethod, empiricalNtk } from '../src/core/kernels/ntk';
import { disposeParams, initParams, type Network } from '../src/core/nn/network';
import { tf } from '../src/core/nn/tf';
import { PROXY_REGISTRY } from '../src/core/proxies/registry';
import { jobDataset, type ScoreJob } from '../src/core/proxies/scoreJob';
import type { FidelityPreset } from '../src/core/spaces/fidelity';
import { mlpFromString } from '../src/core/spaces/mlp/mlp';
import { mlpNetwork } from '../src/core/spaces/mlp/mlpNetwork';
import { nb201Build } from '../src/core/spaces/nb201/nb201Build';
import { registerWasmKernels } from '../src/runtime/backends/wasmKernels';
import { labPaperSpeed } from './labSpeed';

/** A cell with every operation type, so every code path is timed. */
const CELL =
  '|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|';
const REPS = 5;
const CAP_S = 20;
const CPU_SKIP_WASM_MS = 3000;
/** Wall-clock budget of one (backend, fidelity) part; proxies left when it is spent are listed as such. */
const PART_BUDGET_S = 240;
const PART_FILE = (backend: string, fidelity: string) => `bench/results/.core-${backend}-${fidelity}.json`;

interface Timing {
  msMedian?: number;
  runs: number;
  note?: string;
  warnings?: string[];
}

const args = parseArgs({
  options: {
    backend: { type: 'string' },
    fidelity: { type: 'string' },
    ntk: { type: 'boolean' },
    lab: { type: 'boolean' },
    'lab-only': { type: 'boolean' },
    'ntk-speed': { type: 'boolean' },
    'proxy-speed': { type: 'boolean' },
    'core-only': { type: 'boolean' },
  },
}).values;

/** fn gets the run number: proxies use it as the seed, so no run reuses a kept result (NTK, SWAP). */
async function time(fn: (run: number) => Promise<unknown>, capS = CAP_S): Promise<Timing> {
  const t0 = performance.now();
  await fn(0);
  const warm = performance.now() - t0;
  if (warm > capS * 1000)
    return { msMedian: round(warm), runs: 1, note: `warm-up took over ${capS} s: one run` };
  const runs: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const t = performance.now();
    await fn(r + 1);
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  return { msMedian: round(runs[REPS >> 1]!), runs: REPS };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Throws rather than exits: the parent reports which child failed. */
const setBackend = (backend: NodeBackend): Promise<void> =>
  startNodeBackend(backend, () => {
    throw new Error(`${backend} did not start`);
  });

/** One (backend, fidelity): every NB201 proxy on CELL. */
async function proxyTimings(backend: NodeBackend, fidelity: FidelityPreset): Promise<Record<string, Timing>> {
  await setBackend(backend);
  const wasmTimes =
    backend === 'cpu'
      ? (JSON.parse(readFileSync(PART_FILE('wasm', fidelity), 'utf8')) as Record<string, Timing>)
      : {};
  const out: Record<string, Timing> = {};
  // Each run is the ScoreJob a worker or `npm run score` runs (runScoreJob via the in-process
  // scorer: network built from the job, batch by its spec, a heap that runs out replaced).
  const scorer = inProcessScorer();
  const partStart = performance.now();
  for (const id of PROXIES_CHEAP_FIRST) {
    const proxy = PROXY_REGISTRY[id];
    if (!proxy?.spaces.includes('nb201')) continue;
    if (performance.now() - partStart > PART_BUDGET_S * 1000) {
      out[id] = { runs: 0, note: `not run: the part's ${PART_BUDGET_S} s budget was spent` };
      continue;
    }
    const onWasm = wasmTimes[id]?.msMedian;
    if (backend === 'cpu' && (onWasm === undefined || onWasm > CPU_SKIP_WASM_MS)) {
      out[id] = { runs: 0, note: `not run on cpu: ${onWasm ?? '?'} ms on wasm, cpu is 20–100x slower` };
      continue;
    }
    const job = (seed: number): ScoreJob => ({
      space: 'nb201',
      arch: CELL,
      proxy: id,
      params: {},
      seed,
      fidelity,
      dataset: jobDataset(id, 'cifar10-train', fidelity === 'paper' ? 64 : 32, 0),
    });
    try {
      let warnings: string[] = [];
      const timing = await time(async (run) => {
        warnings = (await scorer.score(job(run))).warnings;
      });
      out[id] = { ...timing, ...(warnings.length ? { warnings } : {}) };
    } catch (error) {
      out[id] = { runs: 0, note: `failed: ${String(error).slice(0, 200)}` };
    }
    console.log(`[bench] ${backend} ${fidelity} ${id}: ${JSON.stringify(out[id])}`);
  }
  return out;
}

/** The NTK's batched method against the loop, on both backends. */
async function ntkTimings(): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = {};
  const batches = new Map<number, Batch>();
  for (const n of [32]) {
    const b = nb201Build(CELL, 'quick');
    if (b.ok) batches.set(n, await loadBatchForCli('cifar10', n, 0, b.value.network));
  }
  const batchFor = (_: Network, n: number) => {
    const b = batches.get(n);
    if (!b) throw new Error(`no batch of ${n}`);
    return b;
  };
  const mlp = mlpFromString('mlp:in1:d3:w256:relu:o1:none');
  const cases = [
    {
      name: 'mlp 1-D, 3 hidden x 256 relu, N = 64',
      n: 64,
      make: () => (mlp.ok ? mlpNetwork(mlp.value) : null),
      bn: 'none' as const,
    },
    {
      name: `nb201 quick ${CELL}, N = 32, BatchNorm eval`,
      n: 32,
      make: () => {
        const b = nb201Build(CELL, 'quick');
        return b.ok ? b.value.network : null;
      },
      bn: 'eval' as const,
    },
  ];
  for (const backend of ['wasm', 'cpu'] as const) {
    await setBackend(backend);
    for (const c of cases) {
      const network = c.make();
      if (!network) throw new Error(`cannot build ${c.name}`);
      const key = `${backend}: ${c.name}`;
      const params = initParams(network, 'kaiming_fan_out', 0);
      // Inputs: points on [−1, 1] for the MLP, a seeded CIFAR-10 batch for NB201.
      const x =
        network.inputShape.length === 1
          ? tf.reshape(tf.linspace(-1, 1, c.n), [c.n, 1])
          : (() => {
              const b = batchFor(network, c.n);
              return tf.tensor(b.x, [c.n, ...b.shape]);
            })();
      const batchedExact = chooseNtkMethod(network, { batchNorm: c.bn }) === 'batched';
      const batched = batchedExact
        ? await time(() => empiricalNtk(network, params, x, { batchNorm: c.bn, mode: 'batched' }))
        : { runs: 0, note: 'no batched method for this network' };
      const loop =
        backend === 'cpu' && network.specs.some((s) => s.role === 'conv')
          ? { runs: 0, note: 'not run on cpu (minutes per call)' }
          : await time(() => empiricalNtk(network, params, x, { batchNorm: c.bn, mode: 'loop' }), 60);
      const speedup =
        batched.msMedian && loop.msMedian ? Math.round((loop.msMedian / batched.msMedian) * 10) / 10 : null;
      result[key] = { batched, loop, speedup };
      console.log(`[bench] ntk ${key}: ${JSON.stringify(result[key])}`);
      x.dispose();
      disposeParams(params);
    }
  }
  return result;
}

if (args.backend && args.fidelity) {
  const timings = await proxyTimings(args.backend as NodeBackend, args.fidelity as FidelityPreset);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(PART_FILE(args.backend, args.fidelity), JSON.stringify(timings));
  process.exit(0);
}
if (args.ntk) {
  writeFileSync('bench/results/.core-ntk.json', JSON.stringify(await ntkTimings()));
  process.exit(0);
}
if (args.lab) {
  registerWasmKernels();
  const speeds = [await labPaperSpeed('wasm', 200), await labPaperSpeed('cpu', 10)];
  writeFileSync('bench/results/.core-lab.json', JSON.stringify(speeds));
  process.exit(0);
}

// Parent: each part in a fresh process (wasm first: cpu decides from its times what it can run).
const parts: [NodeBackend, FidelityPreset][] = [
  ['wasm', 'quick'],
  ['wasm', 'paper'],
  ['cpu', 'quick'],
  ['cpu', 'paper'],
];
const run = (extra: string[]) => {
  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, ...extra], {
    stdio: 'inherit',
  });
  if (child.status !== 0)
    throw new Error(`bench child ${extra.join(' ')} failed (${child.status ?? child.signal})`);
};
mkdirSync('bench/results', { recursive: true });
/** Seconds per NTK against PyTorch's TE-NAS loop (bench/ntkSpeed.ts), in a process of its own. */
const runNtkSpeed = () => {
  const child = spawnSync(process.execPath, [...process.execArgv, 'bench/ntkSpeed.ts'], { stdio: 'inherit' });
  if (child.status !== 0) throw new Error(`bench/ntkSpeed.ts failed (${child.status ?? child.signal})`);
};
/** Zero-cost proxies against a PyTorch reference (bench/proxySpeed.ts), in a process of its own. */
const runProxySpeed = () => {
  const child = spawnSync(process.execPath, [...process.execArgv, 'bench/proxySpeed.ts'], {
    stdio: 'inherit',
  });
  if (child.status !== 0) throw new Error(`bench/proxySpeed.ts failed (${child.status ?? child.signal})`);
};
if (args['ntk-speed']) {
  runNtkSpeed();
  process.exit(0);
}
if (args['proxy-speed']) {
  runProxySpeed();
  process.exit(0);
}
if (args['lab-only']) {
  // Only the lab's rate, merged into the existing report (the full bench takes about half an hour).
  run(['--lab']);
  const report = JSON.parse(readFileSync('bench/results/core.json', 'utf8')) as Record<string, unknown>;
  report.labPaperPreset = JSON.parse(readFileSync('bench/results/.core-lab.json', 'utf8'));
  writeFileSync('bench/results/core.json', `${JSON.stringify(report, null, 1)}\n`);
  console.log('[bench] added labPaperPreset to bench/results/core.json');
  process.exit(0);
}
// --core-only: this file's own parts (the PyTorch comparisons keep their own result files).
if (!args['core-only']) {
  runNtkSpeed();
  runProxySpeed();
}
const proxies: Record<string, Record<string, unknown>> = {};
for (const [backend, fidelity] of parts) {
  run(['--backend', backend, '--fidelity', fidelity]);
  proxies[`${backend} ${fidelity}`] = JSON.parse(readFileSync(PART_FILE(backend, fidelity), 'utf8'));
}
run(['--ntk']);
const ntk = JSON.parse(readFileSync('bench/results/.core-ntk.json', 'utf8'));
run(['--lab']);
const lab = JSON.parse(readFileSync('bench/results/.core-lab.json', 'utf8'));
writeFileSync(
  'bench/results/core.json',
  `${JSON.stringify(
    {
      generated: new Date().toISOString(),
      command: args['core-only'] ? 'npm run bench -- --core-only' : 'npm run bench',
      machine: `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
      cell: CELL,
      method: `median of ${REPS} after a warm-up; one run where the warm-up exceeds ${CAP_S} s`,
      msPerProxyPerCell: proxies,
      ntkBatchedVsLoop: ntk,
      labPaperPreset: lab,
    },
    null,
    1,
  )}\n`,
);
console.log('[bench] wrote bench/results/core.json');
