/**
 * npm run validate:vintk [-- --rs 0.1,0.25,0.5,0.75] [--report-only]
 *
 * NTK versus ViNTK on the self-made ViT table (public/data/groundtruth-vit-browser.csv, made by
 * `npm run groundtruth`): for every architecture in it, log10 κ of the NTK on a seeded CIFAR-10
 * batch (ntk_cond's own settings) and on its high-passed copy at each cut-off r, plus params,
 * synflow and swap for reference. Since vintk(r, α) = −[(1−α)·log10 κ_lo + α·log10 κ_hi(r)], the
 * whole α sweep comes from these numbers. Resumable (bench/results/vintk-scores.jsonl); writes
 * bench/results/vintk-validation.json and the ViNTK section of docs/validation.md.
 */
import '@tensorflow/tfjs-backend-wasm';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { registerWasmConvGradients } from '../../src/compute/backends/wasmConvGradients';
import { importGroundTruth } from '../../src/core/groundtruth';
import { tf } from '../../src/core/nn/tf';
import { runScoreJob, type ScoreJob } from '../../src/core/proxies/scoreJob';
import { kendallTauB, spearman } from '../../src/core/stats/rankCorrelation';
import { loadBatchForCli } from '../scoreData';
import { replaceSection } from './nb201Report';

const { values } = parseArgs({
  options: {
    rs: { type: 'string', default: '0.1,0.25,0.5,0.75' },
    'report-only': { type: 'boolean', default: false },
  },
});
const rs = (values.rs ?? '').split(',').map(Number);
const ALPHAS = [0, 0.25, 0.5, 0.75, 1];
const TABLE = 'public/data/groundtruth-vit-browser.csv';
const OUT = 'bench/results/vintk-scores.jsonl';
const BATCH = 32;
const SEED = 0;

if (!existsSync(TABLE)) {
  console.error(
    `validate:vintk: ${TABLE} is missing: make it with npm run groundtruth -- --space vit-browser`,
  );
  process.exit(2);
}
const imported = importGroundTruth(readFileSync(TABLE, 'utf8'), { fileName: TABLE });
if (!imported.ok) {
  console.error(`validate:vintk: ${TABLE} line ${imported.error.line}: ${imported.error.reason}`);
  process.exit(2);
}
const truth = new Map([...imported.value.rows].map(([arch, row]) => [arch, row.test_acc ?? Number.NaN]));

interface Rec {
  arch: string;
  key: string;
  value: number;
}
const records = (): Rec[] =>
  existsSync(OUT)
    ? readFileSync(OUT, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Rec)
    : [];

/** Keys: params, synflow, swap, lo (log10 κ of the batch), hi@r (log10 κ of the high-passed batch). */
const KEYS = ['params', 'synflow', 'swap', 'lo', ...rs.map((r) => `hi@${r}`)];

function jobOf(arch: string, key: string): ScoreJob {
  const base = {
    space: 'vit-browser' as const,
    arch,
    seed: SEED,
    fidelity: 'quick' as const,
    dataset: `cifar10-train n=${BATCH} seed=${SEED}`,
  };
  if (key === 'lo') return { ...base, proxy: 'ntk_cond', params: {} };
  if (key.startsWith('hi@'))
    return { ...base, proxy: 'vintk', params: { r: Number(key.slice(3)), alpha: 1 } };
  return { ...base, proxy: key as ScoreJob['proxy'], params: {} };
}

if (!values['report-only']) {
  registerWasmConvGradients();
  await tf.setBackend('wasm');
  mkdirSync('bench/results', { recursive: true });
  const done = new Set(records().map((r) => `${r.arch}/${r.key}`));
  for (const arch of truth.keys()) {
    for (const key of KEYS) {
      if (done.has(`${arch}/${key}`)) continue;
      const job = jobOf(arch, key);
      const result = await runScoreJob(
        job,
        'wasm',
        () => performance.now(),
        (_spec, network) => loadBatchForCli('cifar10', BATCH, SEED, network),
      );
      // ntk_cond's score is −log10 κ; vintk at α = 1 is −log10 κ_hi.
      const value = key === 'lo' || key.startsWith('hi@') ? -result.value : result.value;
      appendFileSync(OUT, `${JSON.stringify({ arch, key, value })}\n`);
      console.log(`[vintk] ${arch} ${key}: ${value.toFixed(4)} (${result.ms.toFixed(0)} ms)`);
    }
  }
}

// Report: ρ and τ against the table's accuracy for ntk_cond, every (r, α) of vintk and the references.
const byArch = new Map<string, Map<string, number>>();
for (const r of records()) {
  const m = byArch.get(r.arch) ?? new Map<string, number>();
  m.set(r.key, r.value);
  byArch.set(r.arch, m);
}
const complete = [...byArch].filter(([arch, m]) => truth.has(arch) && KEYS.every((k) => m.has(k)));
const acc = complete.map(([arch]) => truth.get(arch)!);
const corr = (xs: number[]) => ({ rho: spearman(xs, acc), tau: kendallTauB(xs, acc) });
const column = (f: (m: Map<string, number>) => number) => complete.map(([, m]) => f(m));
const rows: { name: string; rho: number; tau: number }[] = [
  { name: 'params', ...corr(column((m) => m.get('params')!)) },
  { name: 'synflow', ...corr(column((m) => m.get('synflow')!)) },
  { name: 'swap', ...corr(column((m) => m.get('swap')!)) },
  { name: 'ntk_cond (−log10 κ)', ...corr(column((m) => -m.get('lo')!)) },
];
for (const r of rs) {
  for (const a of ALPHAS.filter((x) => x > 0)) {
    const v = column((m) => -((1 - a) * m.get('lo')! + a * m.get(`hi@${r}`)!));
    rows.push({ name: `vintk r=${r} α=${a}`, ...corr(v) });
  }
}
const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
const lines = [
  `Self-made table: ${complete.length} of ${truth.size} vit-browser architectures scored (32 px, batch ${BATCH}, seed ${SEED}, wasm); accuracy = test accuracy after the short schedule (public/data/groundtruth-vit-browser.csv).`,
  '',
  '| proxy | Spearman ρ | Kendall τ |',
  '|---|---|---|',
  ...rows.map((r) => `| ${r.name} | ${fmt(r.rho)} | ${fmt(r.tau)} |`),
];
writeFileSync(
  'bench/results/vintk-validation.json',
  `${JSON.stringify({ n: complete.length, rows }, null, 2)}\n`,
);
replaceSection(
  'docs/validation.md',
  '<!-- vintk-validation:start (generated by npm run validate:vintk; edit outside these markers) -->',
  '<!-- vintk-validation:end -->',
  lines.join('\n'),
);
console.log(lines.join('\n'));
