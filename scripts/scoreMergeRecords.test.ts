import { describe, expect, it } from 'vitest';
import { mergeScoreRecords } from './scoreMergeRecords';

/** A record line as `npm run score` writes it (only the fields the merge reads matter). */
const line = (key: string, value: number | null, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ key, job: { proxy: 'p' }, arch: key, proxy: 'p', value, backend: 'cpu', ms: 1, ...extra });

describe('merging score shards', () => {
  it('unites by key, in key order, whatever the order of the inputs', () => {
    const a = { name: 'a', text: `${line('k2', 2)}\n${line('k1', 1)}\n` };
    const b = { name: 'b', text: `${line('k3', 3)}\n${line('k1', 1)}\n` };
    const ab = mergeScoreRecords([a, b]);
    expect(ab.records.map((r) => [r.key, r.value])).toEqual([
      ['k1', 1],
      ['k2', 2],
      ['k3', 3],
    ]);
    expect(ab.read).toBe(4);
    expect(ab.conflicts).toEqual([]);
    expect(mergeScoreRecords([b, a]).records).toEqual(ab.records);
  });

  it('skips torn and foreign lines by file and line, and keeps the rest', () => {
    const torn = line('k2', 2).slice(0, 20);
    const result = mergeScoreRecords([
      { name: 'a', text: `${line('k1', 1)}\n${torn}\n{"no":"key"}\nhello\n\n${line('k2', 2)}` },
    ]);
    expect(result.records.map((r) => r.key)).toEqual(['k1', 'k2']);
    expect(result.skipped).toEqual([
      { file: 'a', line: 2 },
      { file: 'a', line: 3 },
      { file: 'a', line: 4 },
    ]);
  });

  it('a scored record replaces a failed one of the same key, never the other way round', () => {
    const failedFirst = mergeScoreRecords([
      { name: 'a', text: line('k', null, { error: 'out of memory' }) },
      { name: 'b', text: line('k', 5) },
    ]);
    expect(failedFirst.records.map((r) => r.value)).toEqual([5]);
    expect(failedFirst.recovered).toBe(1);
    const scoredFirst = mergeScoreRecords([
      { name: 'a', text: line('k', 5) },
      { name: 'b', text: line('k', null, { error: 'out of memory' }) },
    ]);
    expect(scoredFirst.records.map((r) => r.value)).toEqual([5]);
    expect(scoredFirst.recovered).toBe(0);
  });

  it('two values for one key: the first kept, the conflict reported with its relative difference', () => {
    const result = mergeScoreRecords([
      { name: 'a', text: line('k', 4) },
      { name: 'b', text: line('k', 5) },
    ]);
    expect(result.records.find((r) => r.key === 'k')!.value).toBe(4);
    expect(result.conflicts).toEqual([
      { key: 'k', kept: { file: 'a', value: 4 }, other: { file: 'b', value: 5 }, relativeDifference: 0.2 },
    ]);
  });
});
