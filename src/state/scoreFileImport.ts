/**
 * Scores computed elsewhere (npm run score's JSON lines: on a cluster, in shards, merged) loaded into
 * this browser's score cache, so the Explorer and the lecture show them instead of computing them.
 * Only records whose key is what this app computes for their job today are kept (a proxy whose
 * version changed since keys differently); failed records are not scores.
 */
import { create } from 'zustand';
import { openScoreCache } from '../compute/scoreCache';
import { prescoredToStore, withDataWorker } from './shippedData';

export interface ScoreFileOutcome {
  file: string;
  /** Scores put into the cache now. */
  added: number;
  /** Already in the cache (computed here, shipped, or loaded before). */
  held: number;
  /** Keyed for another version of a proxy or another setting: not served. */
  stale: number;
  /** Lines that are not score records. */
  unreadable: number;
  error?: string;
}

export const useScoreFileStore = create<{ loading: boolean; last: ScoreFileOutcome | null }>()(() => ({
  loading: false,
  last: null,
}));

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function loadScoreFile(file: File): Promise<ScoreFileOutcome> {
  const set = useScoreFileStore.setState;
  set({ loading: true });
  let outcome: ScoreFileOutcome;
  try {
    const parsed = await withDataWorker((remote) => remote.parseScoreFile(file));
    if (!parsed) throw new Error('no worker could start to read it');
    const cache = await openScoreCache();
    const stored = await prescoredToStore(parsed.entries, cache, 'imported');
    outcome = { file: file.name, ...stored, unreadable: parsed.badLines };
    if (parsed.entries.length === 0)
      outcome.error = 'it holds no score records (expected the JSON lines that npm run score writes)';
  } catch (error) {
    outcome = { file: file.name, added: 0, held: 0, stale: 0, unreadable: 0, error: reason(error) };
  }
  set({ loading: false, last: outcome });
  return outcome;
}
