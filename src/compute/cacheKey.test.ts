import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { batchSpec } from '../core/data/imageDataset';
import { getProxy } from '../core/proxies/registry';
import { nb201Arch, nb201Job, type ScoreJob } from '../core/proxies/scoreJob';
import { FIDELITY_PRESETS } from '../core/spaces/fidelity';
import { cacheKey, cacheKeyMaterial, canonicalJson } from './cacheKey';

const base: ScoreJob = nb201Job(1234, {
  proxy: 'synflow',
  params: {},
  seed: 0,
  fidelity: 'quick',
  dataset: 'none',
});

const nwot: ScoreJob = { ...base, proxy: 'nwot', dataset: batchSpec('cifar10-train', 32, 0) };

describe('cacheKey', () => {
  it('is a stable SHA-256 hex digest', async () => {
    const key = await cacheKey(base);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(await cacheKey({ ...base })).toBe(key);
  });

  it('is the SHA-256 of the key material (checked by node:crypto), also where crypto.subtle is missing (plain http)', async () => {
    const jobs = [base, nwot, { ...base, seed: 7 }, { ...nwot, params: { repeats: 2 } }];
    const expected = jobs.map((j) => createHash('sha256').update(cacheKeyMaterial(j), 'utf8').digest('hex'));
    expect(await Promise.all(jobs.map(cacheKey))).toEqual(expected);
    // An insecure context has no crypto.subtle at all.
    vi.stubGlobal('crypto', {});
    try {
      expect(await Promise.all(jobs.map(cacheKey))).toEqual(expected);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('changes when any input changes', async () => {
    const variants: ScoreJob[] = [
      { ...base, arch: nb201Arch(1235) },
      { ...base, proxy: 'params' },
      { ...base, params: { init: 'normal' } },
      { ...base, seed: 1 },
      { ...base, fidelity: 'paper' },
      { ...base, space: 'vit-browser', arch: 'vit:web:e64:m2,3:h2,4' },
      { ...base, space: 'vit-browser', arch: 'vit:web:e64:m2,3:h2,4', classes: 100 },
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

  it('changes with the dataset spec of a data proxy', async () => {
    const variants: ScoreJob[] = [
      { ...nwot, dataset: batchSpec('cifar10-train', 64, 0) },
      { ...nwot, dataset: batchSpec('cifar10-train', 32, 1) },
      { ...nwot, dataset: batchSpec('cifar10-test', 32, 0) },
      { ...nwot, dataset: batchSpec('cifar10-train', 32, 0, { classBalanced: true }) },
      { ...nwot, dataset: batchSpec('mnist-train', 32, 0) },
    ];
    const keys = new Set([await cacheKey(nwot), ...(await Promise.all(variants.map(cacheKey)))]);
    expect(keys.size).toBe(variants.length + 1);
    expect(JSON.parse(cacheKeyMaterial(nwot)).dataset).toBe('cifar10-train n=32 seed=0');
  });

  it('keys one architecture and one batch once, however their text is spaced', async () => {
    expect(await cacheKey({ ...nwot, arch: `  ${nwot.arch}\n` })).toBe(await cacheKey(nwot));
    expect(await cacheKey({ ...nwot, dataset: ' cifar10-train n=32 seed=0 ' })).toBe(await cacheKey(nwot));
    // Data-free proxies read no batch, so the spec cannot change their value or their key.
    expect(await cacheKey({ ...base, dataset: batchSpec('cifar10-train', 32, 0) })).toBe(
      await cacheKey(base),
    );
  });

  it('keeps the keys of NB201 data-free jobs from before jobs carried arch text', () => {
    // What cacheKey hashed when a job named its cell by index: old IndexedDB entries stay valid.
    const before = canonicalJson({
      space: 'nb201',
      // 1234 = 014414 in base 5: none, skip, avg_pool, avg_pool, skip, avg_pool.
      arch: '|none~0|+|skip_connect~0|avg_pool_3x3~1|+|avg_pool_3x3~0|skip_connect~1|avg_pool_3x3~2|',
      proxy: 'synflow',
      params: { init: 'pytorch' },
      version: getProxy('synflow').version,
      dataset: 'none',
      seed: 0,
      fidelity: FIDELITY_PRESETS.quick,
    });
    expect(cacheKeyMaterial(base)).toBe(before);
  });

  it('does not depend on parameter order, and explicit defaults equal omitted ones', async () => {
    expect(await cacheKey({ ...base, params: { init: 'pytorch' } })).toBe(await cacheKey(base));
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
  });
});
