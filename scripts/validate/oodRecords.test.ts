import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScoreRecord } from '../scoreInProcess';
import { onceEach, readOodRecords, toOodScores, writeOodScores } from './oodRecords';

const ORDER = ['vit:ti:a', 'vit:ti:b', 'vit:ti:c'];

function record(
  arch: string,
  proxy: string,
  value: number | null,
  details?: Record<string, unknown>,
): ScoreRecord {
  return {
    key: `${arch}/${proxy}`,
    job: {
      space: 'autoformer-tiny',
      arch,
      proxy: proxy as ScoreRecord['job']['proxy'],
      params: { r: 0.25 },
      seed: 3,
      fidelity: 'quick',
      dataset: 'd',
    },
    arch,
    proxy,
    value,
    backend: 'wasm',
    ms: 1,
    ...(details ? { details: details as ScoreRecord['details'] } : {}),
    fidelity: 'quick',
    seed: 3,
  };
}

describe('OoD score records as committed', () => {
  it('name networks by their place, keep what the report reads, and read back to the same values', () => {
    const full = [
      record('vit:ti:c', 'ntk_cond', -3.1, { log10KappaPerInit: [3, 3.2], eigenvalues: [1, 2, 3] }),
      record('vit:ti:a', 'params', 5e6),
      record('vit:ti:b', 'snip', null),
      record('vit:ti:z', 'params', 1),
    ];
    const { scores, left } = toOodScores(full, ORDER);
    expect(left).toBe(2); // the failed job and the network outside the order
    expect(scores.map((s) => s.i)).toEqual([0, 2]);
    expect(JSON.stringify(scores)).not.toContain('vit:ti');
    expect(scores[1]!.details).toEqual({ log10KappaPerInit: [3, 3.2] });
    const path = join(mkdtempSync(join(tmpdir(), 'ood-')), 'scores.jsonl.gz');
    writeOodScores(path, scores);
    const back = readOodRecords(path, ORDER);
    expect(back.map((r) => [r.arch, r.proxy, r.value, r.seed, r.job.params])).toEqual([
      ['vit:ti:a', 'params', 5e6, 3, { r: 0.25 }],
      ['vit:ti:c', 'ntk_cond', -3.1, 3, { r: 0.25 }],
    ]);
    expect(back[1]!.details).toEqual({ log10KappaPerInit: [3, 3.2] });
  });

  it('merge a committed file with new full records, each score once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ood-'));
    const committed = join(dir, 'committed.jsonl.gz');
    writeOodScores(committed, toOodScores([record('vit:ti:a', 'params', 5e6)], ORDER).scores);
    const fresh = [record('vit:ti:a', 'params', 6e6), record('vit:ti:b', 'swap', 7)];
    const merged = onceEach(toOodScores([...readOodRecords(committed, ORDER), ...fresh], ORDER).scores);
    // a's params twice (the later one kept), b's swap once; another seed would be another score.
    expect(merged.map((s) => [s.i, s.proxy, s.value])).toEqual([
      [0, 'params', 6e6],
      [1, 'swap', 7],
    ]);
    const otherSeed = { ...merged[0]!, seed: 4 };
    expect(onceEach([...merged, otherSeed])).toHaveLength(3);
  });
});
