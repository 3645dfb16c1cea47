import { describe, expect, it } from 'vitest';
import { getProxy } from '../core/proxies/registry';
import type { ScoreJob } from '../core/proxies/scoreJob';
import { cacheKey, canonicalJson } from './cacheKey';

const base: ScoreJob = {
  space: 'nb201',
  cell: 1234,
  proxy: 'synflow',
  params: {},
  seed: 0,
  fidelity: 'quick',
  dataset: 'none',
};

describe('cacheKey', () => {
  it('is a stable SHA-256 hex digest', async () => {
    const key = await cacheKey(base);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(await cacheKey({ ...base })).toBe(key);
  });

  it('changes when any input changes', async () => {
    const variants: ScoreJob[] = [
      { ...base, cell: 1235 },
      { ...base, proxy: 'params' },
      { ...base, params: { init: 'normal' } },
      { ...base, seed: 1 },
      { ...base, fidelity: 'paper' },
    ];
    const keys = new Set([await cacheKey(base), ...(await Promise.all(variants.map(cacheKey)))]);
    expect(keys.size).toBe(variants.length + 1);
    const synflow = getProxy('synflow');
    const version = synflow.version;
    try {
      synflow.version = version + 1;
      expect(await cacheKey(base)).not.toBe([...keys][0]);
    } finally {
      synflow.version = version;
    }
  });

  it('does not depend on parameter order, and explicit defaults equal omitted ones', async () => {
    expect(await cacheKey({ ...base, params: { init: 'pytorch' } })).toBe(await cacheKey(base));
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
  });
});
