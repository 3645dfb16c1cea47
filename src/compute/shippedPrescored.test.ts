/**
 * The pre-scored sets in public/data/prescored as committed: complete, keyed exactly as this app keys
 * the same jobs today (a proxy whose version changed since the set was made would fail here, so the
 * set is remade, never served stale), and the data-free scores recomputed here equal the shipped ones.
 */
import '@tensorflow/tfjs-backend-cpu';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  PRESCORED_MANIFEST_FILE,
  parsePrescoredManifest,
  prescoredEntries,
} from '../core/proxies/prescoredSet';
import { runScoreJob } from '../core/proxies/scoreJob';
import { onWasm } from '../test/onWasm';
import { cacheKey } from './cacheKey';

const DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../public/data/prescored');
const parsed = parsePrescoredManifest(
  JSON.parse(readFileSync(resolve(DIR, PRESCORED_MANIFEST_FILE), 'utf8')),
);
if (!parsed.ok) throw new Error(parsed.error);
const sets = parsed.value.sets;

describe.each(sets.map((s) => [s.id, s] as const))('pre-scored set %s', (_id, set) => {
  const bytes = readFileSync(resolve(DIR, set.file));
  const { entries, badLines } = prescoredEntries(gunzipSync(bytes).toString('utf8'));

  it('matches its manifest entry: sha256, size, one finite-or-stated record per architecture and proxy', () => {
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(set.sha256);
    expect(bytes.length).toBe(set.bytes);
    expect(badLines).toBe(0);
    expect(entries.length).toBe(set.records);
    expect(set.records).toBe(set.archs.length * set.proxies.length);
    const pairs = new Set(entries.map((e) => `${e.job.arch} ${e.job.proxy}`));
    for (const arch of set.archs)
      for (const proxy of set.proxies) expect(pairs.has(`${arch} ${proxy}`)).toBe(true);
    for (const e of entries) {
      expect(e.job.space).toBe(set.space);
      expect(e.job.seed).toBe(set.seed);
      expect(e.job.fidelity).toBe(set.fidelity);
    }
  });

  it('keys every record as this app keys its job today (so the cache serves it, and only while current)', async () => {
    const keys = await Promise.all(entries.map((e) => cacheKey(e.job)));
    const stale = entries.filter((e, i) => keys[i] !== e.key).map((e) => `${e.job.proxy} ${e.job.arch}`);
    expect(stale).toEqual([]);
  });

  const dataFree = entries.filter((e) => ['params', 'flops', 'synflow'].includes(e.job.proxy)).slice(0, 6);
  // Only sets with data-free proxies (the lecture's set has ntk_cond and vintk alone).
  if (dataFree.length > 0)
    it('holds the values this code computes for data-free jobs', async () => {
      const noData = () => Promise.reject(new Error('a data-free proxy asked for data'));
      for (const e of dataFree) {
        const result = await onWasm(() => runScoreJob(e.job, 'wasm', () => performance.now(), noData));
        expect(result.value, `${e.job.proxy} ${e.job.arch}`).toBeCloseTo(e.result.value, 10);
      }
    });
});
