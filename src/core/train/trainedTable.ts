/**
 * Short-training results as a ground-truth table, so the plots compare proxies against them
 * exactly as against an imported benchmark. The table's name says how it was made; its column is
 * the test accuracy in percent (as the benchmarks' tables give it).
 */
import type { GroundTruthSpace, GroundTruthTable } from '../groundtruth';
import { type SpaceId, spaceFamily } from '../spaces/architecture';
import { SPACES } from '../spaces/registry';
import { defaultScheduleFor, type TrainSchedule } from './schedule';

export const TRAINED_COLUMN = 'short_test_acc';
export const TRAINED_PREFIX = 'trained:';

/** The schedule the Explorer trains with: the space's preset, the view's seed, `steps` steps. */
export function explorerSchedule(space: SpaceId, seed: number, steps: number): TrainSchedule {
  return { ...defaultScheduleFor(spaceFamily(space)), seed, length: { steps } };
}

/** The table's name for a space and schedule: one table per (space, schedule, length, seed). */
export function trainedTableName(space: SpaceId, schedule: TrainSchedule): string {
  const length =
    'steps' in schedule.length ? `${schedule.length.steps} steps` : `${schedule.length.epochs} epochs`;
  return `${TRAINED_PREFIX} ${space} ${schedule.name} ${length} seed ${schedule.seed}`;
}

/** Ground-truth tables name the browser ViT space "browser"; MLPs are not trained on images. */
export function groundTruthSpaceOf(space: SpaceId): GroundTruthSpace | null {
  return SPACES[space].tableSpace;
}

/**
 * The table holding `results` (accuracy as a fraction) on top of the rows of `previous` (same
 * name), a newer result replacing an older one for the same architecture.
 */
export function trainedTable(
  space: SpaceId,
  schedule: TrainSchedule,
  label: string,
  results: readonly { arch: string; testAccuracy: number }[],
  previous?: GroundTruthTable,
): GroundTruthTable {
  const gtSpace = groundTruthSpaceOf(space);
  if (gtSpace === null) throw new Error(`${space} networks are not trained on images`);
  const rows = new Map<string, Record<string, number>>(previous?.rows ?? []);
  for (const r of results) {
    const record = Object.create(null) as Record<string, number>;
    record[TRAINED_COLUMN] = 100 * r.testAccuracy;
    rows.set(r.arch, record);
  }
  return {
    name: trainedTableName(space, schedule),
    space: gtSpace,
    keyKind: SPACES[space].family === 'nb201' ? 'nb201-string' : 'vit-text',
    columns: [TRAINED_COLUMN],
    rows,
    notes: [label],
  };
}
