/**
 * npm run validate:vit [-- --budget-min M] [--fidelity quick|paper] [--report-only]
 *
 * Scores the 200 AutoFormer-Ti subnets of Auto-Prox's table (vit_autoprox_gt.csv, trained from
 * scratch on CIFAR-100) with every proxy that applies to ViTs, resumably
 * (bench/results/vit-scores-<fidelity>.jsonl), and writes bench/results/vit-validation.json and the
 * ViT section of docs/validation.md: Spearman and Kendall against CIFAR-100 accuracy (from scratch
 * and distilled) and against ImageNet accuracy with supernet weights.
 * The networks get a 100-class head; inputs are CIFAR-10 training images (CIFAR-100 is not
 * available offline here), upsampled to the fidelity's resolution: 64 px (quick) or 224 px (paper).
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { failWith, startNodeBackend } from '../kit/cli';
import '@tensorflow/tfjs-backend-wasm';
import { tf } from '../../src/core/nn/tf';
import { getProxy, PROXY_REGISTRY } from '../../src/core/proxies/registry';
import { vitResolution } from '../../src/core/spaces/architecture';
import { vitFromAutoProxJson, vitToString } from '../../src/core/spaces/vit/vit';
import { kendallTauB, spearman } from '../../src/core/stats/rankCorrelation';
import { cellNumber, readReferenceCsv } from '../kit/referenceData';
import { EXIT_MORE, runInFreshProcesses } from './freshProcesses';
import { replaceSection } from './nb201Report';
import { PROXIES_CHEAP_FIRST } from './proxyOrder';
import { readRecords, runScorePlan } from './scoreRunner';

const TARGETS = ['cifar100_scratch', 'cifar100_kd', 'imagenet_supernet_inherited'] as const;
const VIT_PROXIES = PROXIES_CHEAP_FIRST.filter((id) => PROXY_REGISTRY[id]?.spaces.includes('vit'));
const BATCH = 32;
const SEED = 0;

const fail: (message: string) => never = failWith('validate:vit');

const args = (() => {
  try {
    return parseArgs({
      options: {
        fidelity: { type: 'string', default: 'quick' },
        'budget-min': { type: 'string' },
        'report-only': { type: 'boolean', default: false },
        tranche: { type: 'string', default: '25' },
        proxies: { type: 'string' },
        child: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
})();
const fidelity = args.fidelity as 'quick' | 'paper';
if (fidelity !== 'quick' && fidelity !== 'paper') fail('--fidelity must be quick or paper');
const budgetMin = args['budget-min'] === undefined ? Number.POSITIVE_INFINITY : Number(args['budget-min']);
if (!(budgetMin > 0)) fail('--budget-min must be a positive number of minutes');
const out = `bench/results/vit-scores-${fidelity}.jsonl`;
const chosen = args.proxies ? args.proxies.split(',').map((p) => p.trim()) : VIT_PROXIES;
for (const p of chosen) {
  if (!(VIT_PROXIES as readonly string[]).includes(p))
    fail(`"${p}" is not a proxy that applies to ViTs (${VIT_PROXIES.join(', ')})`);
}

/** The AutoFormer-Ti rows of Auto-Prox's table: arch string and accuracies. */
const rows = readReferenceCsv('vit_autoprox_gt.csv')
  .filter((r) => r.space === 'AutoFormer-Ti')
  .map((r, i) => {
    const arch = vitFromAutoProxJson('autoformer-tiny', r.arch_json!);
    if (!arch.ok) throw new Error(`vit_autoprox_gt.csv AutoFormer-Ti row ${i}: ${arch.error}`);
    return {
      arch: vitToString(arch.value),
      truth: Object.fromEntries(TARGETS.map((t) => [t, cellNumber(r[t])])) as Record<
        (typeof TARGETS)[number],
        number
      >,
    };
  });

if (args.child) {
  await startNodeBackend('wasm', fail);
  const log = (line: string) => console.log(`[validate:vit] ${line}`);
  const summary = await runScorePlan({
    space: 'autoformer-tiny',
    fidelity,
    archs: rows.map((r) => r.arch),
    proxies: VIT_PROXIES.filter((p) => chosen.includes(p)),
    classes: 100,
    dataset: 'cifar10',
    batch: BATCH,
    seed: SEED,
    backend: tf.getBackend(),
    out,
    budgetMs: budgetMin * 60_000,
    tranche: Number(args.tranche),
    onlyOneTranche: true,
    log,
  });
  process.exit(summary.moreTranches ? EXIT_MORE : 0);
}
if (!args['report-only']) {
  const passOn = ['--fidelity', fidelity, '--tranche', String(args.tranche)];
  if (args.proxies) passOn.push('--proxies', args.proxies);
  runInFreshProcesses(passOn, budgetMin);
}

const truthByArch = new Map(rows.map((r) => [r.arch, r.truth]));
const records = readRecords(out);
const resolution = vitResolution('autoformer-tiny', fidelity);
const proxies: Record<string, unknown> = {};
const table = [
  '| proxy | cells | ρ C100 scratch | τ C100 scratch | ρ C100 distilled | ρ ImageNet (supernet) | ms/cell |',
  '|---|---:|---:|---:|---:|---:|---:|',
];
const f3 = (v: number) => (Number.isNaN(v) ? '–' : v.toFixed(3));
for (const id of VIT_PROXIES) {
  const rs = records.filter((r) => r.proxy === id);
  if (rs.length === 0) continue;
  const sign = getProxy(id).higherIsBetter ? 1 : -1;
  const values = rs.map((r) => (r.value === null ? Number.NaN : sign * r.value));
  const stats = Object.fromEntries(
    TARGETS.map((t) => {
      const acc = rs.map((r) => truthByArch.get(r.arch)?.[t] ?? Number.NaN);
      return [t, { rho: spearman(values, acc), tau: kendallTauB(values, acc) }];
    }),
  ) as Record<(typeof TARGETS)[number], { rho: number; tau: number }>;
  const ms = rs.map((r) => r.ms).sort((a, b) => a - b);
  proxies[id] = { cells: rs.length, msMedian: ms[ms.length >> 1], ...stats };
  table.push(
    `| ${id} | ${rs.length} | ${f3(stats.cifar100_scratch.rho)} | ${f3(stats.cifar100_scratch.tau)} | ` +
      `${f3(stats.cifar100_kd.rho)} | ${f3(stats.imagenet_supernet_inherited.rho)} | ${Math.round(ms[ms.length >> 1]!)} |`,
  );
}
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/vit-validation.json',
  `${JSON.stringify(
    {
      generated: new Date().toISOString(),
      command: `npm run validate:vit -- --fidelity ${fidelity}`,
      reference: 'vit_autoprox_gt.csv, AutoFormer-Ti rows',
      cellsIntended: rows.length,
      resolution,
      classes: 100,
      batch: `${BATCH} CIFAR-10 training images (seed ${SEED}), bilinear-upsampled to ${resolution} px`,
      proxies,
    },
    null,
    1,
  )}\n`,
);
replaceSection(
  'docs/validation.md',
  '<!-- vit-validation:start (generated by npm run validate:vit; edit outside these markers) -->',
  '<!-- vit-validation:end -->',
  [
    `### AutoFormer-Ti (Auto-Prox's ${rows.length} subnets), \`${fidelity}\`: ${resolution} px input`,
    '',
    `100-class head; a batch of ${BATCH} CIFAR-10 training images (seed ${SEED}) upsampled to ${resolution} px, since`,
    "CIFAR-100 is not available offline; ground truth is Auto-Prox's CIFAR-100 accuracy (from scratch and",
    'distilled) and the ImageNet accuracy with supernet weights. "cells" counts the cells scored so far.',
    '',
    ...table,
  ].join('\n'),
);
console.log('[validate:vit] wrote bench/results/vit-validation.json and docs/validation.md');
