/**
 * A cached score as read back from IndexedDB, checked before it is shown: another version of the
 * app, a browser extension or a damaged disk may have written anything there. A record that fails
 * is a miss (the job is computed again), never a crash.
 */
import * as v from 'valibot';
import type { ScoreJob, ScoreResult } from '../core/proxies/scoreJob';

export interface CachedScore {
  key: string;
  job: ScoreJob;
  result: ScoreResult;
  savedAt: number;
  /**
   * 'prescored': from a set that ships with the app; 'imported': from a scores file the user loaded
   * (npm run score's JSON lines); absent: computed on this machine.
   */
  origin?: 'prescored' | 'imported';
}

// A score may be NaN or ±∞ (a proxy's stated sentinel); IndexedDB keeps them.
const anyNumber = v.union([v.number(), v.nan()]);

const cachedScoreSchema = v.object({
  key: v.string(),
  job: v.looseObject({
    space: v.string(),
    arch: v.string(),
    proxy: v.string(),
    params: v.record(v.string(), v.unknown()),
    seed: v.number(),
    fidelity: v.string(),
    dataset: v.string(),
  }),
  result: v.looseObject({
    value: anyNumber,
    details: v.record(v.string(), v.unknown()),
    warnings: v.array(v.string()),
    backend: v.string(),
    ms: anyNumber,
  }),
  savedAt: v.number(),
  origin: v.optional(v.picklist(['prescored', 'imported'])),
});

/** The record when it is a cached score stored under `key`; null otherwise. */
export function checkedCachedScore(record: unknown, key: string): CachedScore | null {
  const parsed = v.safeParse(cachedScoreSchema, record);
  if (!parsed.success || parsed.output.key !== key) return null;
  return record as CachedScore;
}
