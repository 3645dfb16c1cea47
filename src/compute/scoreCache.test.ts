import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { nb201Job, type ScoreJob } from '../core/proxies/scoreJob';
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
});
