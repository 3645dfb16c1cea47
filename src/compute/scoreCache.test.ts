import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nb201Job, type ScoreJob } from '../core/proxies/scoreJob';
import { checkedCachedScore } from './cachedScoreCheck';
import { openScoreCache } from './scoreCache';

const job: ScoreJob = nb201Job(5, {
  proxy: 'params',
  params: {},
  seed: 0,
  fidelity: 'quick',
  dataset: 'none',
});
const result = { value: 42, details: {}, warnings: [], backend: 'cpu', ms: 1 };

describe('score cache', () => {
  it('stores, finds and clears scores in IndexedDB', async () => {
    const cache = await openScoreCache('test-cache-1');
    expect(cache.kind).toBe('indexeddb');
    await cache.put({ key: 'k1', job, result, savedAt: 1 });
    const found = await cache.getMany(['k1', 'missing']);
    expect(found.get('k1')?.result.value).toBe(42);
    expect(found.has('missing')).toBe(false);
    // A second connection sees the same data, as a reloaded page would.
    expect((await (await openScoreCache('test-cache-1')).getMany(['k1'])).size).toBe(1);
    await cache.clear();
    expect(await cache.count()).toBe(0);
  });

  it('falls back to memory with a reason when IndexedDB cannot be opened', async () => {
    const broken = {
      open() {
        throw new DOMException('blocked by test', 'SecurityError');
      },
    } as unknown as IDBFactory;
    {
      const cache = await openScoreCache('test-cache-2', broken);
      expect(cache.kind).toBe('memory');
      expect(cache.problem).toMatch(/could not be opened/);
      await cache.put({ key: 'k', job, result, savedAt: 1 });
      expect((await cache.getMany(['k'])).size).toBe(1);
    }
    expect((await openScoreCache('test-cache-3', null)).problem).toMatch(/not available/);
  });

  it('treats a damaged stored record as a miss, and serves the good ones', async () => {
    const cache = await openScoreCache('test-cache-damaged');
    await cache.put({ key: 'good', job, result, savedAt: 1 });
    const raw = new Dexie('test-cache-damaged');
    raw.version(1).stores({ scores: 'key' });
    await raw.table('scores').bulkPut([
      { key: 'bad-value', job, result: { ...result, value: '42' }, savedAt: 1 },
      { key: 'bad-job', job: null, result, savedAt: 1 },
    ]);
    raw.close();
    const found = await cache.getMany(['good', 'bad-value', 'bad-job']);
    expect([...found.keys()]).toEqual(['good']);
  });
});

describe('cached-score check under fuzzing', () => {
  it('never throws on 1 000 random records and accepts exactly the well-formed ones it is given', () => {
    const wellFormed = fc.record({
      value: fc.oneof(fc.double(), fc.constant(Number.NaN)),
      ms: fc.double({ min: 0, noNaN: true }),
      backend: fc.constantFrom('wasm', 'cpu', 'webgpu'),
      warnings: fc.array(fc.string(), { maxLength: 2 }),
    });
    fc.assert(
      fc.property(fc.oneof(fc.anything(), wellFormed), (thing) => {
        const built = typeof thing === 'object' && thing !== null && 'backend' in thing && 'ms' in thing;
        const record = built ? { key: 'k', job, result: { details: {}, ...thing }, savedAt: 0 } : thing;
        const checked = checkedCachedScore(record, 'k');
        if (built) expect(checked).toBe(record);
        else if (checked !== null) expect((checked as { key: unknown }).key).toBe('k');
      }),
      { numRuns: 1000 },
    );
  });
});
