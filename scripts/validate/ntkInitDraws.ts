/**
 * npm run validate:ntk-draws -- score shared|independent OUT.jsonl   (needs ../shared/data)
 * npm run validate:ntk-draws -- report SHARED.jsonl INDEPENDENT.jsonl
 *
 * Are ntk_cond's initialisations on ViTs noisy because every network draws the same weights? The
 * weight seed is derived from the job's seed and the parameter's name only, so networks that share
 * a layer of the same name and shape start from the same draw at the same seed. This scores the
 * first 50 OoD-ViT-NAS AutoFormer-Tiny networks (seeded order) with ntk_cond, one initialisation
 * per job, six slots each, on the same batch (CIFAR-10 n = 32, seed 0, quick fidelity): either
 * shared draws (seed r = 0…5) or one draw per network (seed = hash(r, architecture)). The report
 * gives, per mode, the mean ρ between two single initialisations over the 15 pairs of slots and
 * the ρ between the means of slots 0–2 and 3–5, into bench/results/ntk-init-draws.json.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { failWith, startNodeBackend } from '../kit/cli';
import '@tensorflow/tfjs-backend-wasm';
import { spearman } from '../../src/core/stats/rankCorrelation';
import { deriveSeed } from '../../src/core/util/prng';
import { appendJsonLine, readJsonLines } from '../kit/jsonl';
import { inProcessScorer } from '../scoreInProcess';
import { oodTinyInOrder } from './oodTable';

const NETWORKS = 50;
const SLOTS = 6;
const MODES = ['shared', 'independent'] as const;
type Mode = (typeof MODES)[number];

/** A network is named by its place in the seeded order, never by its architecture (oodRecords.ts). */
interface DrawRecord {
  i: number;
  r: number;
  seed: number;
  value: number;
}

const fail: (message: string) => never = failWith('validate:ntk-draws');

async function score(mode: Mode, out: string): Promise<void> {
  await startNodeBackend('wasm', fail);
  const scorer = inProcessScorer();
  for (const [i, { arch }] of oodTinyInOrder().slice(0, NETWORKS).entries()) {
    for (let r = 0; r < SLOTS; r++) {
      const seed = mode === 'shared' ? r : deriveSeed(r, arch) % 1_000_000;
      const result = await scorer.score({
        space: 'autoformer-tiny',
        arch,
        proxy: 'ntk_cond',
        params: { repeats: 1 },
        seed,
        fidelity: 'quick',
        dataset: 'cifar10-train n=32 seed=0',
      });
      appendJsonLine(out, { i, r, seed, value: result.value } satisfies DrawRecord);
    }
  }
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function agreement(path: string) {
  const byNetwork = new Map<number, number[]>();
  for (const record of readJsonLines<DrawRecord>(path).records) {
    const slots = byNetwork.get(record.i) ?? new Array<number>(SLOTS).fill(Number.NaN);
    slots[record.r] = record.value;
    byNetwork.set(record.i, slots);
  }
  const rows = [...byNetwork.values()].filter((s) => s.every(Number.isFinite));
  const pairs: number[] = [];
  for (let i = 0; i < SLOTS; i++)
    for (let j = i + 1; j < SLOTS; j++)
      pairs.push(
        spearman(
          rows.map((s) => s[i]!),
          rows.map((s) => s[j]!),
        ),
      );
  const half = SLOTS / 2;
  return {
    networks: rows.length,
    singlePairMean: mean(pairs),
    singlePairMin: Math.min(...pairs),
    singlePairMax: Math.max(...pairs),
    meansOfThree: spearman(
      rows.map((s) => mean(s.slice(0, half))),
      rows.map((s) => mean(s.slice(half))),
    ),
  };
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'score') {
  const [mode, out] = rest;
  if (!MODES.includes(mode as Mode) || !out) fail('usage: score shared|independent OUT.jsonl');
  await score(mode as Mode, out);
} else if (command === 'report') {
  const [shared, independent] = rest;
  if (!shared || !independent) fail('usage: report SHARED.jsonl INDEPENDENT.jsonl');
  const result = { shared: agreement(shared), independent: agreement(independent) };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    'bench/results/ntk-init-draws.json',
    `${JSON.stringify({ generated: new Date().toISOString(), command: 'npm run validate:ntk-draws -- report …', ...result }, null, 1)}\n`,
  );
  console.log(JSON.stringify(result, null, 1));
} else fail('usage: score shared|independent OUT.jsonl | report SHARED.jsonl INDEPENDENT.jsonl');
