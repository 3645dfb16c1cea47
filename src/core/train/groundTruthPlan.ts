/**
 * The self-made ground truth (`npm run groundtruth`): which architectures to train with which
 * seeds (a seeded sample of a space, split into shards), the job for each, and the table the
 * records become. The protocol is fixed and documented by the schedule's label; the table ships
 * in public/data next to the raw records it was made from.
 */
import { type SpaceId, spaceFamily } from '../spaces/architecture';
import { candidateCodec } from '../spaces/candidateIndex';
import type { FidelityPreset } from '../spaces/fidelity';
import { defaultScheduleFor, type TrainSchedule } from './schedule';
import type { TrainJob } from './trainJob';

export interface GroundTruthItem {
  arch: string;
  /** Training seed (initial weights and batch order). */
  seed: number;
}

export interface Shard {
  index: number;
  count: number;
}

/** "i/n" (0-based i) → shard; every problem in plain words. */
export function parseShard(text: string): { ok: true; value: Shard } | { ok: false; error: string } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return { ok: false, error: `--shard must look like "0/4" (shard 0 of 4), got "${text}"` };
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index >= count) return { ok: false, error: `shard ${index} of ${count} does not exist` };
  return { ok: true, value: { index, count } };
}

/**
 * The n architectures of the space's seeded sample (distinct, sample order), each with every
 * training seed, the i-th architecture going to shard i mod count. Shards partition the plan.
 */
export function groundTruthPlan(
  space: SpaceId,
  n: number,
  sampleSeed: number,
  seeds: readonly number[],
  shard: Shard = { index: 0, count: 1 },
): GroundTruthItem[] {
  const codec = candidateCodec(space);
  const archs = [...new Set(codec.sample(n, sampleSeed))].map((i) => codec.archOf(i));
  return archs.flatMap((arch, i) =>
    i % shard.count === shard.index ? seeds.map((seed) => ({ arch, seed })) : [],
  );
}

/**
 * The fixed protocol: the space's short schedule with the item's seed. Overrides (fewer steps,
 * smaller subsets) are for tests and trial runs; a shipped table names its schedule in its label.
 */
export function groundTruthSchedule(
  space: SpaceId,
  seed: number,
  overrides: Partial<TrainSchedule> = {},
): TrainSchedule {
  return { ...defaultScheduleFor(spaceFamily(space)), ...overrides, seed };
}

export function groundTruthJob(
  space: SpaceId,
  item: GroundTruthItem,
  fidelity: FidelityPreset,
  overrides: Partial<TrainSchedule> = {},
): TrainJob {
  const schedule = groundTruthSchedule(space, item.seed, overrides);
  return { space, arch: item.arch, fidelity, dataset: 'cifar10', schedule };
}

export interface GroundTruthRecord extends GroundTruthItem {
  testAccuracy: number;
  steps: number;
  ms: number;
  backend: string;
  label: string;
}

const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;

/**
 * The shipped table: one row per architecture (first-seen order) with the mean test accuracy in
 * percent over its seeds, each seed's accuracy, and how many seeds it has. Records of the same
 * (arch, seed) count once (the last wins).
 */
export function groundTruthCsv(records: readonly GroundTruthRecord[], seeds: readonly number[]): string {
  const byArch = new Map<string, Map<number, number>>();
  for (const r of records) {
    const row = byArch.get(r.arch) ?? new Map<number, number>();
    row.set(r.seed, 100 * r.testAccuracy);
    byArch.set(r.arch, row);
  }
  const header = ['arch', 'test_acc', 'seeds', ...seeds.map((s) => `test_acc_seed${s}`)];
  const lines = [...byArch].map(([arch, row]) => {
    const values = [...row.values()];
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    return [
      quote(arch),
      mean.toFixed(2),
      String(values.length),
      ...seeds.map((s) => row.get(s)?.toFixed(2) ?? ''),
    ].join(',');
  });
  return `${[header.join(','), ...lines].join('\n')}\n`;
}
