/**
 * npm run validate:vintk [-- --table self|autoprox] [--rs 0.25,0.5] [--sigmas 1] [--n 200]
 *   [--refs params,synflow,swap] [--repeats 3] [--budget-min M] [--report-only]
 *
 * NTK versus ViNTK against trained accuracy, on two tables:
 * - self (default): the self-made browser-ViT table (public/data/groundtruth-vit-browser.csv, made
 *   by `npm run groundtruth`), 32 px inputs, 10 classes;
 * - autoprox: the AutoFormer-Ti subnets of Auto-Prox's table (../shared/data/vit_autoprox_gt.csv)
 *   that have a CIFAR-100 from-scratch accuracy, 64 px inputs (the quick fidelity), 100 classes.
 * For every architecture: log10 κ of the NTK on a seeded CIFAR-10 batch (ntk_cond's own settings),
 * on its high-passed copy at each cut-off r (--rs), and of the random-Fourier-patch network at each
 * σ (--sigmas; vintk_rfp), plus params, synflow and swap for reference (--refs; swap costs about
 * 40 s per AutoFormer-Ti cell at 64 px). Since
 * vintk(r, α) = −[(1−α)·log10 κ_lo + α·log10 κ_hi(r)], the whole α sweep comes from these numbers.
 * Each architecture is scored in a fresh process (tfjs-wasm's heap only grows); results are
 * appended to a JSONL file as they come, so the run resumes where it stopped. The report (JSON in
 * bench/results and a section of docs/validation.md) uses every r and σ the file holds, each row
 * with its own n.
 */
import { failWith, startNodeBackend } from '../kit/cli';
import '@tensorflow/tfjs-backend-wasm';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { importGroundTruth } from '../../src/core/groundtruth';
import type { ProxyId } from '../../src/core/proxies/ids';
import { jobDataset } from '../../src/core/proxies/scoreJob';
import type { ProxyParams } from '../../src/core/proxies/types';
import { type SpaceId, vitResolution } from '../../src/core/spaces/architecture';
import { vitFromAutoProxJson, vitToString } from '../../src/core/spaces/vit/vit';
import { bootstrapPaired, bootstrapSpearman } from '../../src/core/stats/bootstrap';
import { kendallTauB, spearman } from '../../src/core/stats/rankCorrelation';
import { readJsonLines } from '../kit/jsonl';
import { cellNumber, readReferenceCsv } from '../kit/referenceData';
import { inProcessScorer } from '../scoreInProcess';
import { EXIT_MORE, runInFreshProcesses } from './freshProcesses';
import { replaceSection } from './nb201Report';

const BATCH = 32;
const SEED = 0;
const ALPHAS = [0, 0.25, 0.5, 0.75, 1];

const fail: (message: string) => never = failWith('validate:vintk');

const values = (() => {
  try {
    return parseArgs({
      options: {
        table: { type: 'string', default: 'self' },
        rs: { type: 'string', default: '0.25,0.5' },
        sigmas: { type: 'string', default: '' },
        refs: { type: 'string', default: 'params,synflow,swap' },
        repeats: { type: 'string', default: '3' },
        n: { type: 'string', default: '200' },
        'budget-min': { type: 'string' },
        'report-only': { type: 'boolean', default: false },
        child: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
})();

function numberList(text: string, name: string, ok: (x: number) => boolean): number[] {
  if (text.trim() === '') return [];
  const xs = text.split(',').map((s) => Number(s.trim()));
  if (xs.some((x) => !ok(x))) fail(`--${name} must be numbers separated by commas, got "${text}"`);
  return xs;
}
const rs = numberList(values.rs ?? '', 'rs', (x) => x > 0 && x <= 1.5);
const sigmas = numberList(values.sigmas ?? '', 'sigmas', (x) => x > 0);
const REFERENCES = ['params', 'synflow', 'swap'];
const refs = (values.refs ?? '').split(',').filter((s) => s.trim() !== '');
for (const r of refs) if (!REFERENCES.includes(r)) fail(`--refs takes ${REFERENCES.join(', ')}; got "${r}"`);
// NTK re-initialisations per score (ntk_cond's default is 3). Fewer make the 64 px AutoFormer cells
// affordable here; the same count applies to lo, hi@r and rfp@σ, and results go to their own file.
const repeats = Number(values.repeats);
if (!Number.isInteger(repeats) || repeats < 1 || repeats > 10)
  fail(`--repeats must be a whole number from 1 to 10, got "${values.repeats}"`);
const maxCells = Number(values.n);
if (!Number.isInteger(maxCells) || maxCells < 1) fail(`--n must be a whole number ≥ 1, got "${values.n}"`);
const budgetMin =
  values['budget-min'] === undefined ? Number.POSITIVE_INFINITY : Number(values['budget-min']);
if (!(budgetMin > 0)) fail('--budget-min must be a positive number of minutes');

interface TableSetup {
  space: SpaceId;
  classes: number | undefined;
  /** Architecture → accuracy (%, or a fraction for the self-made table; ranks do not care). */
  truth: Map<string, number>;
  description: string;
  out: string;
  json: string;
  markers: [string, string];
}

function selfTable(): TableSetup {
  const path = 'public/data/groundtruth-vit-browser.csv';
  if (!existsSync(path)) fail(`${path} is missing: make it with npm run groundtruth -- --space vit-browser`);
  const imported = importGroundTruth(readFileSync(path, 'utf8'), { fileName: path });
  if (!imported.ok) fail(`${path} line ${imported.error.line}: ${imported.error.reason}`);
  return {
    space: 'vit-browser',
    classes: undefined,
    truth: new Map([...imported.value.rows].map(([arch, row]) => [arch, row.test_acc ?? Number.NaN])),
    description:
      `Self-made table (${path}): vit-browser architectures at 32 px, 10 classes; accuracy = CIFAR-10 ` +
      'test accuracy after the short schedule (seed mean where retrained)',
    out: 'bench/results/vintk-scores.jsonl',
    json: 'bench/results/vintk-validation.json',
    markers: [
      '<!-- vintk-validation:start (generated by npm run validate:vintk; edit outside these markers) -->',
      '<!-- vintk-validation:end -->',
    ],
  };
}

function autoProxTable(): TableSetup {
  const truth = new Map<string, number>();
  readReferenceCsv('vit_autoprox_gt.csv')
    .filter((r) => r.space === 'AutoFormer-Ti')
    .forEach((r, i) => {
      const arch = vitFromAutoProxJson('autoformer-tiny', r.arch_json!);
      if (!arch.ok) throw new Error(`vit_autoprox_gt.csv AutoFormer-Ti row ${i}: ${arch.error}`);
      const acc = cellNumber(r.cifar100_scratch);
      if (Number.isFinite(acc)) truth.set(vitToString(arch.value), acc);
    });
  return {
    space: 'autoformer-tiny',
    classes: 100,
    truth,
    description:
      `Auto-Prox's AutoFormer-Ti subnets with a CIFAR-100 from-scratch accuracy (vit_autoprox_gt.csv), ` +
      `${vitResolution('autoformer-tiny', 'quick')} px input (bilinear-upsampled CIFAR-10), 100-class head`,
    out: 'bench/results/vintk-scores-autoprox.jsonl',
    json: 'bench/results/vintk-validation-autoprox.json',
    markers: [
      '<!-- vintk-autoprox:start (generated by npm run validate:vintk -- --table autoprox; edit outside these markers) -->',
      '<!-- vintk-autoprox:end -->',
    ],
  };
}

const setup =
  values.table === 'self'
    ? selfTable()
    : values.table === 'autoprox'
      ? autoProxTable()
      : fail(`--table must be self or autoprox, got "${values.table}"`);
if (repeats !== 3) {
  setup.out = setup.out.replace('.jsonl', `-repeats${repeats}.jsonl`);
  setup.json = setup.json.replace('.json', `-repeats${repeats}.json`);
}
const archs = [...setup.truth.keys()].slice(0, maxCells);

interface Rec {
  arch: string;
  key: string;
  value: number;
  ms?: number;
}
/** A torn last line from a killed run is skipped: that pair is scored again. */
function records(): Rec[] {
  return readJsonLines<Rec>(setup.out).records;
}

/**
 * Keys: params, synflow, swap; lo = log10 κ on the batch; hi@r = log10 κ on the batch high-passed
 * at r; rfp@σ = log10 κ of the random-Fourier-patch network (vintk_rfp) at σ.
 */
const KEYS = [
  ...refs.filter((r) => r !== 'swap'),
  'lo',
  ...rs.map((r) => `hi@${r}`),
  ...sigmas.map((s) => `rfp@${s}`),
  ...refs.filter((r) => r === 'swap'),
];

function proxyOf(key: string): { proxy: ProxyId; params: ProxyParams; isLogKappa: boolean } {
  if (key === 'lo') return { proxy: 'ntk_cond', params: {}, isLogKappa: true };
  if (key.startsWith('hi@'))
    return { proxy: 'vintk', params: { r: Number(key.slice(3)), alpha: 1 }, isLogKappa: true };
  if (key.startsWith('rfp@'))
    return { proxy: 'vintk_rfp' as ProxyId, params: { sigma: Number(key.slice(4)) }, isLogKappa: true };
  return { proxy: key as ProxyId, params: {}, isLogKappa: false };
}

if (values.child) {
  // One architecture with work left, in this fresh process; EXIT_MORE when others are left.
  await startNodeBackend('wasm', fail);
  mkdirSync('bench/results', { recursive: true });
  const done = new Set(records().map((r) => `${r.arch}/${r.key}`));
  const todo = archs.filter((a) => KEYS.some((k) => !done.has(`${a}/${k}`)));
  const arch = todo[0];
  if (arch === undefined) process.exit(0);
  // Each key is a ScoreJob run as a worker runs it (runScoreJob, through the CLI's in-process scorer).
  const scorer = inProcessScorer();
  for (const key of KEYS) {
    if (done.has(`${arch}/${key}`)) continue;
    const { proxy, params, isLogKappa } = proxyOf(key);
    const t0 = performance.now();
    const result = await scorer.score({
      space: setup.space,
      arch,
      proxy,
      params: isLogKappa ? { ...params, repeats } : params,
      seed: SEED,
      fidelity: 'quick',
      dataset: jobDataset(proxy, 'cifar10-train', BATCH, SEED),
      ...(setup.classes === undefined ? {} : { classes: setup.classes }),
    });
    const ms = Math.round(performance.now() - t0);
    // ntk_cond's score is −log10 κ, and so are vintk at α = 1 and vintk_rfp.
    const value = isLogKappa ? -result.value : result.value;
    appendFileSync(setup.out, `${JSON.stringify({ arch, key, value, ms })}\n`);
    console.log(`[vintk] ${arch} ${key}: ${value.toFixed(4)} (${ms} ms)`);
  }
  process.exit(todo.length > 1 ? EXIT_MORE : 0);
}

if (!values['report-only']) {
  const passOn = [
    '--table',
    setup.space === 'vit-browser' ? 'self' : 'autoprox',
    '--rs',
    rs.join(','),
    '--n',
    String(maxCells),
    '--refs',
    refs.join(','),
    '--repeats',
    String(repeats),
  ];
  if (sigmas.length > 0) passOn.push('--sigmas', sigmas.join(','));
  runInFreshProcesses(passOn, budgetMin);
}

// Report: every key the file holds, each row over the architectures that have what it needs.
const byArch = new Map<string, Map<string, number>>();
for (const r of records()) {
  if (!setup.truth.has(r.arch)) continue;
  const m = byArch.get(r.arch) ?? new Map<string, number>();
  m.set(r.key, r.value);
  byArch.set(r.arch, m);
}
const held = new Set([...byArch.values()].flatMap((m) => [...m.keys()]));
const numbersAfter = (prefix: string) =>
  [...held]
    .filter((k) => k.startsWith(prefix))
    .map((k) => Number(k.slice(prefix.length)))
    .sort((a, b) => a - b);
const reportRs = numbersAfter('hi@');
const reportSigmas = numbersAfter('rfp@');

interface Row {
  name: string;
  n: number;
  rho: number;
  rhoLow: number;
  rhoHigh: number;
  tau: number;
  /** ρ minus ntk_cond's ρ on the same architectures, with a paired bootstrap interval. */
  vsNtk?: { d: number; low: number; high: number };
}

function row(name: string, needs: string[], score: (m: Map<string, number>) => number): Row {
  const have = [...byArch].filter(([, m]) => needs.every((k) => m.has(k)));
  const xs = have.map(([, m]) => score(m));
  const ys = have.map(([a]) => setup.truth.get(a)!);
  const ci = bootstrapSpearman(xs, ys);
  const out: Row = {
    name,
    n: have.length,
    rho: spearman(xs, ys),
    rhoLow: ci.low,
    rhoHigh: ci.high,
    tau: kendallTauB(xs, ys),
  };
  if (needs.includes('lo') && name !== 'ntk_cond') {
    // Paired over the same architectures: resample indices, compute both ρ on each resample.
    const ntk = have.map(([, m]) => -m.get('lo')!);
    const idx = have.map((_, i) => i);
    const diff = (ix: readonly number[]) => {
      const y = ix.map((i) => ys[i]!);
      return (
        spearman(
          ix.map((i) => xs[i]!),
          y,
        ) -
        spearman(
          ix.map((i) => ntk[i]!),
          y,
        )
      );
    };
    const boot = bootstrapPaired(idx, idx, (ix) => diff(ix));
    out.vsNtk = { d: diff(idx), low: boot.low, high: boot.high };
  }
  return out;
}

const rows: Row[] = [
  row('params', ['params'], (m) => m.get('params')!),
  row('synflow', ['synflow'], (m) => m.get('synflow')!),
  row('swap', ['swap'], (m) => m.get('swap')!),
  row('ntk_cond', ['lo'], (m) => -m.get('lo')!),
];
for (const r of reportRs) {
  for (const a of ALPHAS.filter((x) => x > 0)) {
    rows.push(
      row(`vintk r=${r} α=${a}`, ['lo', `hi@${r}`], (m) => -((1 - a) * m.get('lo')! + a * m.get(`hi@${r}`)!)),
    );
  }
}
for (const s of reportSigmas) {
  rows.push(row(`vintk_rfp σ=${s}`, ['lo', `rfp@${s}`], (m) => -m.get(`rfp@${s}`)!));
}

const costs = new Map<string, number[]>();
for (const r of records()) {
  if (r.ms === undefined) continue;
  const kind = r.key.replace(/@.*/, '@');
  costs.set(kind, [...(costs.get(kind) ?? []), r.ms]);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const costLine = [...costs]
  .map(
    ([k, xs]) =>
      `${k === 'lo' ? 'ntk_cond' : k === 'hi@' ? 'each hi@r' : k === 'rfp@' ? 'each rfp@σ' : k} ${(median(xs) / 1000).toFixed(1)} s`,
  )
  .join(', ');

// References not scored on this table (e.g. --refs without swap) are left out of the table.
const shown = rows.filter((r) => r.n > 0);
const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
const sign = (x: number) => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${x.toFixed(3)}` : 'n/a');
const lines = [
  `${setup.description}. Batch of ${BATCH} CIFAR-10 training images (seed ${SEED}), wasm, ` +
    `${repeats} NTK initialisation${repeats === 1 ? '' : 's'} per κ${repeats === 3 ? " (ntk_cond's default)" : " (ntk_cond's default is 3)"}. ` +
    `${byArch.size} of ${setup.truth.size} architectures have at least one score; n per row below.` +
    (costLine ? ` Median cost per architecture: ${costLine}.` : ''),
  '',
  '| proxy | n | Spearman ρ [95 % bootstrap] | Kendall τ | ρ − ρ(ntk_cond) [95 % paired bootstrap] |',
  '|---|---:|---|---:|---|',
  ...shown.map(
    (r) =>
      `| ${r.name} | ${r.n} | ${fmt(r.rho)} [${fmt(r.rhoLow)}, ${fmt(r.rhoHigh)}] | ${fmt(r.tau)} | ` +
      `${r.vsNtk ? `${sign(r.vsNtk.d)} [${sign(r.vsNtk.low)}, ${sign(r.vsNtk.high)}]` : ''} |`,
  ),
];
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  setup.json,
  `${JSON.stringify({ generated: new Date().toISOString(), table: values.table, batch: BATCH, seed: SEED, repeats, rows: shown }, null, 1)}\n`,
);
replaceSection('docs/validation.md', setup.markers[0], setup.markers[1], lines.join('\n'));
console.log(lines.join('\n'));
