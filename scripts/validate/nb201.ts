/**
 * npm run validate:nb201 [-- --part quick|paper|all] [--budget-min M] [--cells N] [--paper-cells K] [--proxies a,b] [--report-only]
 *
 * Scores NAS-Bench-201 cells on CIFAR-10 (resumable: bench/results/nb201-scores-<part>.jsonl) and
 * writes bench/results/nb201-validation.json and the NB201 section of docs/validation.md:
 * - quick: N seeded cells (default 1 000) at `quick` fidelity, every proxy;
 * - paper: the NAS-Bench-Suite-Zero CIFAR-10 cells at `paper` fidelity (the first K, default all 725),
 *   the proxies it publishes and the combo's candidates.
 * Against: nb201.csv test accuracies (Spearman, Kendall), Suite-Zero's per-cell scores and NASWOT's
 * jacob_cov (cell-by-cell Spearman). The report is rebuilt from whatever the JSONL files hold.
 */

import { parseArgs } from 'node:util';
import { failWith, startNodeBackend } from '../kit/cli';
import '@tensorflow/tfjs-backend-wasm';
import { tf } from '../../src/core/nn/tf';
import type { ProxyId } from '../../src/core/proxies/ids';
import { PROXY_REGISTRY } from '../../src/core/proxies/registry';
import { nb201Sample, nb201ToString } from '../../src/core/spaces/nb201/nb201';
import { EXIT_MORE, runInFreshProcesses } from './freshProcesses';
import { NB201_PARTS, QUICK_SAMPLE_SEED } from './nb201Parts';
import { suiteZeroCells } from './nb201References';
import { writeNb201Report } from './nb201Report';
import { PROXIES_CHEAP_FIRST } from './proxyOrder';
import { runScorePlan } from './scoreRunner';

/** Every proxy defined on NB201 (vintk_rfp, for one, is ViT-only). */
export const QUICK_PROXIES = PROXIES_CHEAP_FIRST.filter((id) => PROXY_REGISTRY[id]?.spaces.includes('nb201'));

/**
 * The proxies NAS-Bench-Suite-Zero publishes per cell (jacob_cov is its "jacov"), less grasp: its
 * double backward at C=16, 5 cells per stage, batch 64 runs out of WASM memory (4 GB address space);
 * and zico and AZ-NAS's three (no published per-cell scores; candidate components of the combo).
 */
export const PAPER_PROXIES: readonly ProxyId[] = [
  'params',
  'flops',
  'synflow',
  'nwot',
  'jacob_cov',
  'grad_norm',
  'snip',
  'fisher',
  'zico',
  'az_expressivity',
  'az_progressivity',
  'az_trainability',
];

export const PARTS = NB201_PARTS;
export const SEED = 0;

const fail: (message: string) => never = failWith('validate:nb201');

const args = (() => {
  try {
    return parseArgs({
      options: {
        part: { type: 'string', default: 'all' },
        'budget-min': { type: 'string' },
        cells: { type: 'string', default: '1000' },
        'paper-cells': { type: 'string', default: '725' },
        tranche: { type: 'string', default: '50' },
        proxies: { type: 'string' },
        'report-only': { type: 'boolean', default: false },
        child: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
})();

const part = args.part!;
if (!['quick', 'paper', 'all'].includes(part)) fail('--part must be quick, paper or all');
const quickCells = Number(args.cells);
if (!Number.isInteger(quickCells) || quickCells < 1 || quickCells > 15625)
  fail('--cells must be in [1, 15625]');
const paperCells = Number(args['paper-cells']);
if (!Number.isInteger(paperCells) || paperCells < 1) fail('--paper-cells must be a whole number ≥ 1');
const budgetMin = args['budget-min'] === undefined ? Number.POSITIVE_INFINITY : Number(args['budget-min']);
if (!(budgetMin > 0)) fail('--budget-min must be a positive number of minutes');

const quickArchs = nb201Sample(quickCells, QUICK_SAMPLE_SEED).map(nb201ToString);

/** --proxies: score only these (e.g. a proxy whose version changed); default every proxy of the part. */
function proxiesOf(name: 'quick' | 'paper'): readonly ProxyId[] {
  const all = name === 'quick' ? QUICK_PROXIES : PAPER_PROXIES;
  if (args.proxies === undefined) return all;
  const asked = args.proxies.split(',').map((p) => p.trim());
  const unknown = asked.filter((p) => !all.includes(p as ProxyId));
  if (unknown.length > 0)
    fail(`--proxies: ${unknown.join(', ')} not among the ${name} part's proxies (${all.join(', ')})`);
  return all.filter((p) => asked.includes(p));
}

/** One tranche of one part in this process; exits EXIT_MORE when work is left. */
async function childRun(name: 'quick' | 'paper'): Promise<never> {
  await startNodeBackend('wasm', fail);
  const p = PARTS[name];
  const log = (line: string) => console.log(`[validate:nb201] ${name}: ${line}`);
  const summary = await runScorePlan({
    space: 'nb201',
    fidelity: p.fidelity,
    archs: name === 'quick' ? quickArchs : suiteZeroCells().slice(0, paperCells),
    proxies: proxiesOf(name),
    dataset: 'cifar10',
    batch: p.batch,
    seed: SEED,
    backend: tf.getBackend(),
    out: p.out,
    budgetMs: budgetMin * 60_000,
    tranche: Number(args.tranche),
    onlyOneTranche: true,
    log,
  });
  process.exit(summary.moreTranches ? EXIT_MORE : 0);
}

if (args.child) await childRun(part as 'quick' | 'paper');
if (!args['report-only']) {
  const started = Date.now();
  for (const name of part === 'all' ? (['paper', 'quick'] as const) : [part as 'quick' | 'paper']) {
    console.log(`[validate:nb201] ${name}: scoring into ${PARTS[name].out}`);
    const left = budgetMin - (Date.now() - started) / 60_000;
    runInFreshProcesses(
      [
        '--part',
        name,
        '--cells',
        String(quickCells),
        '--paper-cells',
        String(paperCells),
        '--tranche',
        String(args.tranche),
        ...(args.proxies === undefined ? [] : ['--proxies', args.proxies]),
      ],
      left,
    );
  }
}
const written = writeNb201Report(quickArchs);
console.log(`[validate:nb201] wrote ${written.join(' and ')}`);
