/**
 * npm run bench -- --ntk-speed (also part of the full npm run bench): seconds per NTK (one
 * initialisation) of our code on Node's wasm backend, beside PyTorch's TE-NAS loop on the same
 * network, weights and images (bench/torch_ntk.py), the machine's matrix-product peak, and the
 * convolution kernels' GFLOP/s (bench/convKernels.ts).
 * Writes bench/results/ntk-speed.json after every case and prints the table. Without PyTorch it
 * says how to get it. --cases 2,3 runs only those (the others keep their last rows); --no-torch
 * skips the reference.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import '@tensorflow/tfjs-backend-wasm';
import { failWith, startNodeBackend } from '../scripts/kit/cli';
import { loadBatchForCli } from '../scripts/kit/data';
import { conditionNumber, symmetricEigenvalues } from '../src/core/kernels/eigen';
import { chooseNtkMethod, empiricalNtk, ntkWeightSpecs } from '../src/core/kernels/ntk';
import { disposeParams, initParams } from '../src/core/nn/network';
import { tf } from '../src/core/nn/tf';
import { buildNetwork, type SpaceId } from '../src/core/spaces/architecture';
import { VIT_SPACES, vitFromString } from '../src/core/spaces/vit/vit';
import { registerWasmMatMul, unregisterWasmMatMul } from '../src/runtime/gemm/wasmMatMul';
import { convKernelRates } from './convKernels';

const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const REPS = 3;
const OUT = 'bench/results';

interface Case {
  name: string;
  space: SpaceId;
  arch: string;
  /** Images of CIFAR-10's training set (seeded draw 0), at the space's resolution for this fidelity. */
  n: number;
  /** Whether bench/torch_ntk.py can build this network. */
  torch: boolean;
}

const every = (k: number, v: string) => Array.from({ length: k }, () => v).join(',');
const CASES: Case[] = [
  {
    name: 'AutoFormer-Ti largest, 64 px, 64 images',
    space: 'autoformer-tiny',
    arch: `vit:ti:e240:m${every(14, '4')}:h${every(14, '4')}`,
    n: 64,
    torch: true,
  },
  {
    name: 'AutoFormer-Ti smallest, 64 px, 64 images',
    space: 'autoformer-tiny',
    arch: `vit:ti:e192:m${every(12, '3.5')}:h${every(12, '3')}`,
    n: 64,
    torch: true,
  },
  {
    name: 'NB201 quick (C=8, N=1), 32 images, BatchNorm train',
    space: 'nb201',
    arch: '|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|',
    n: 32,
    torch: false,
  },
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** GFLOP/s of a 1024³ product: tfjs's own kernel (XNNPACK) and ours with B transposed. */
export function matMulPeak(): Record<string, number> {
  const size = 1024;
  const data = Float32Array.from({ length: size * size }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5);
  const a = tf.tensor2d(data, [size, size]);
  const rate = (transposeB: boolean) => {
    const times: number[] = [];
    for (let r = 0; r < 4; r++) {
      const t0 = performance.now();
      const c = tf.matMul(a, a, false, transposeB);
      c.dataSync();
      times.push(performance.now() - t0);
      c.dispose();
    }
    return Math.round((2 * size ** 3) / median(times.slice(1)) / 1e5) / 10;
  };
  unregisterWasmMatMul();
  const tfjsNN = rate(false);
  const tfjsNT = rate(true);
  registerWasmMatMul();
  const oursNT = rate(true);
  a.dispose();
  return { tfjsXnnpackAB: tfjsNN, tfjsABt: tfjsNT, oursABt: oursNT };
}

function torchAvailable(): string | null {
  const probe = spawnSync(PYTHON, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() : null;
}

/** Every parameter in one float32 blob, and where each lies in it: what the PyTorch scripts read. */
export function packParams(params: Map<string, tf.Tensor>): {
  entries: { name: string; shape: number[]; offset: number }[];
  blob: Float32Array;
} {
  const entries: { name: string; shape: number[]; offset: number }[] = [];
  let offset = 0;
  for (const [name, t] of params) {
    entries.push({ name, shape: t.shape, offset });
    offset += t.size;
  }
  const blob = new Float32Array(offset);
  [...params.values()].forEach((t, k) => {
    blob.set(t.dataSync(), entries[k]!.offset); // entries were made in the same order
  });
  return { entries, blob };
}

/** Writes the case for bench/torch_ntk.py: manifest, parameters and inputs as raw float32. */
function writeTorchCase(
  c: Case,
  slug: string,
  params: Map<string, tf.Tensor>,
  x: tf.Tensor,
  weights: string[],
) {
  const parsed = vitFromString(c.arch);
  if (!parsed.ok) throw new Error(parsed.error);
  const arch = parsed.value;
  const space = VIT_SPACES[arch.space];
  const { entries, blob } = packParams(params);
  const base = `${OUT}/.ntk-${slug}`;
  writeFileSync(`${base}.params.bin`, blob);
  writeFileSync(`${base}.inputs.bin`, x.dataSync() as Float32Array);
  writeFileSync(
    `${base}.json`,
    JSON.stringify({
      name: c.name,
      arch: { heads: arch.heads, headDim: space.headDim, patch: space.patch },
      params: entries,
      ntk_weights: weights,
      params_file: `${base}.params.bin`,
      inputs_file: `${base}.inputs.bin`,
      input_shape: x.shape,
    }),
  );
  return `${base}.json`;
}

async function main(): Promise<void> {
  const args = parseArgs({
    options: {
      /** Case numbers (1-based) to run, e.g. 2,3; the others keep their rows from the last report. */
      cases: { type: 'string' },
      /** Skip the PyTorch reference (it takes 15 minutes and more per case with Debian's build). */
      'no-torch': { type: 'boolean' },
    },
    strict: true,
  }).values;
  await startNodeBackend('wasm', failWith('bench:ntk'));
  mkdirSync(OUT, { recursive: true });
  const torchVersion = args['no-torch'] ? null : torchAvailable();
  const peak = matMulPeak();
  console.log(`[bench:ntk] matrix product 1024³, GFLOP/s: ${JSON.stringify(peak)}`);
  const convRates = convKernelRates();
  console.log(
    '[bench:ntk] convolution kernels, GFLOP/s (ours: our SIMD gradients; composed: the XNNPACK route they replaced):',
  );
  console.table(convRates);
  if (!torchVersion) {
    console.log(
      `[bench:ntk] no PyTorch at ${PYTHON}: the reference column stays empty. Install it with ` +
        '`apt-get install python3-torch` (Debian) or set BENCH_PYTHON to a python with torch.',
    );
  }
  const chosen = args.cases ? new Set(args.cases.split(',').map(Number)) : null;
  const reportFile = `${OUT}/ntk-speed.json`;
  /** Rows by case: those of the last report, replaced as this run finishes each case. */
  const rows = new Map<string, Record<string, unknown>>();
  let lastReference: string | undefined;
  let lastNote: string | undefined;
  if (chosen && existsSync(reportFile)) {
    const last = JSON.parse(readFileSync(reportFile, 'utf8')) as {
      perNtk?: Record<string, unknown>[];
      reference?: string;
      note?: string;
    };
    for (const row of last.perNtk ?? []) rows.set(String(row.case), row);
    lastReference = last.reference;
    lastNote = last.note;
  }
  const results = () => CASES.map((c) => rows.get(c.name)).filter((r) => r !== undefined);
  /** Written after every case, so that a run stopped during a long reference keeps what it finished. */
  const writeReport = () => {
    const report = {
      generated: new Date().toISOString(),
      command: 'npm run bench -- --ntk-speed',
      machine: `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
      ours: 'Node, tfjs wasm backend (SIMD, 1 thread) with our kernels; median of 3 after a warm-up',
      reference: torchVersion
        ? `PyTorch ${torchVersion} CPU, TE-NAS loop (N backward passes, float64 Gram), one run each at 1 and 2 threads`
        : (lastReference ?? 'PyTorch not run (not installed, or --no-torch)'),
      ...(lastNote ? { note: lastNote } : {}),
      matMulGflops: peak,
      convKernelGflops: convRates,
      perNtk: results(),
    };
    writeFileSync(reportFile, `${JSON.stringify(report, null, 1)}\n`);
  };
  for (const [index, c] of CASES.entries()) {
    if (chosen && !chosen.has(index + 1)) continue;
    const built = await buildNetwork(c.space, c.arch, 'quick');
    if (!built.ok) throw new Error(built.error);
    const net = built.value.network;
    const batch = await loadBatchForCli('cifar10', c.n, 0, net);
    const x = tf.tensor(batch.x, [batch.n, ...batch.shape]);
    const params = initParams(net, 'kaiming_fan_out', 0);
    const opts = { batchNorm: 'train' as const };
    const times: number[] = [];
    let kappa = Number.NaN;
    for (let r = 0; r <= REPS; r++) {
      const t0 = performance.now();
      const gram = await empiricalNtk(net, params, x, opts);
      const seconds = (performance.now() - t0) / 1000;
      if (r > 0) times.push(seconds); // the first run warms up
      kappa = conditionNumber(symmetricEigenvalues(gram, c.n)).kappa;
    }
    const ours = median(times);
    const row: Record<string, unknown> = {
      case: c.name,
      arch: c.arch,
      method: chooseNtkMethod(net, opts),
      params: net.specs.reduce((s, spec) => s + spec.shape.reduce((a, b) => a * b, 1), 0),
      oursSecondsPerNtk: Math.round(ours * 100) / 100,
      oursKappa: kappa,
    };
    if (torchVersion && c.torch) {
      const weights = ntkWeightSpecs(net, 'train').map((s) => s.name);
      const file = writeTorchCase(c, c.arch.replace(/[^a-z0-9]+/gi, '_'), params, x, weights);
      for (const threads of [1, 2]) {
        const run = spawnSync(PYTHON, ['bench/torch_ntk.py', file, '--threads', String(threads)], {
          encoding: 'utf8',
        });
        if (run.status !== 0) throw new Error(`torch_ntk.py failed: ${run.stderr}`);
        const torch = JSON.parse(run.stdout.trim().split('\n').pop()!) as {
          seconds_per_ntk: number;
          kappa: number;
        };
        row[`torch${threads}tSecondsPerNtk`] = Math.round(torch.seconds_per_ntk * 100) / 100;
        row[`speedupVsTorch${threads}t`] = Math.round((torch.seconds_per_ntk / ours) * 10) / 10;
        row.torchKappa = torch.kappa;
      }
      row.kappaRelativeDifference = Math.abs(kappa - (row.torchKappa as number)) / (row.torchKappa as number);
    }
    console.log(`[bench:ntk] ${JSON.stringify(row)}`);
    rows.set(c.name, row);
    writeReport();
    x.dispose();
    disposeParams(params);
  }
  writeReport();
  console.log('\ncase | ours s/NTK | torch 1t | torch 2t | speed-up 1t / 2t | κ ours vs torch');
  for (const r of results()) {
    const diff =
      r.kappaRelativeDifference === undefined
        ? '–'
        : `${(r.kappaRelativeDifference as number).toExponential(1)} rel.`;
    console.log(
      `${r.case} | ${r.oursSecondsPerNtk} | ${r.torch1tSecondsPerNtk ?? '–'} | ${r.torch2tSecondsPerNtk ?? '–'} | ` +
        `${r.speedupVsTorch1t ?? '–'}x / ${r.speedupVsTorch2t ?? '–'}x | ${diff}`,
    );
  }
  console.log(`[bench:ntk] wrote ${reportFile}`);
}

// Imported (for matMulPeak) by bench/proxySpeed.ts: run only as the script itself.
if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) await main();
