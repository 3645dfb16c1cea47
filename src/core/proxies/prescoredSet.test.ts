import { describe, expect, it } from 'vitest';
import { parsePrescoredManifest, prescoredEntries } from './prescoredSet';

const set = {
  id: 'nb201-quick',
  file: 'nb201-quick.jsonl.gz',
  name: 'NB201',
  space: 'nb201',
  seed: 201,
  fidelity: 'quick',
  proxies: ['params'],
  archs: ['|none~0|+|none~0|none~1|+|none~0|none~1|none~2|'],
  records: 1,
  bytes: 10,
  sha256: 'a'.repeat(64),
  command: 'npm run score -- …',
};
const manifest = (sets: unknown[]) => ({ format: 'snx-prescored', version: 1, sets });

describe('parsePrescoredManifest', () => {
  it('accepts a well-formed manifest', () => {
    expect(parsePrescoredManifest(manifest([set])).ok).toBe(true);
  });
  it.each([
    [{ ...set, file: '../x.jsonl.gz' }, '"file"'],
    [{ ...set, space: 'resnet' }, '"space"'],
    [{ ...set, proxies: ['made_up'] }, '"proxies"'],
    [{ ...set, archs: [] }, '"archs"'],
    [{ ...set, seed: -1 }, '"seed"'],
  ])('names the field at fault', (entry, field) => {
    const parsed = parsePrescoredManifest(manifest([entry]));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(field);
  });
  it('rejects another format or version', () => {
    expect(parsePrescoredManifest({ ...manifest([set]), version: 2 }).ok).toBe(false);
    expect(parsePrescoredManifest({ format: 'x', version: 1, sets: [] }).ok).toBe(false);
  });
});

describe('prescoredEntries', () => {
  const job = {
    space: 'nb201',
    arch: set.archs[0],
    proxy: 'params',
    params: {},
    seed: 201,
    fidelity: 'quick',
    dataset: 'none',
  };
  it('reads scores, states non-finite ones as numbers, leaves failed records out and counts bad lines', () => {
    const lines = [
      JSON.stringify({ key: 'k1', job, value: 0.5, backend: 'wasm', ms: 1, details: { millions: 0.5 } }),
      JSON.stringify({ key: 'k2', job, value: null, nonFinite: '-Infinity', backend: 'wasm', ms: 1 }),
      JSON.stringify({ key: 'k3', job, value: null, error: 'out of memory', backend: 'wasm', ms: 0 }),
      '{"torn',
      JSON.stringify({ key: 'k4', job: { ...job, proxy: 'nope' }, value: 1 }),
    ].join('\n');
    const { entries, badLines } = prescoredEntries(lines);
    expect(entries.map((e) => [e.key, e.result.value])).toEqual([
      ['k1', 0.5],
      ['k2', Number.NEGATIVE_INFINITY],
    ]);
    expect(entries[0]!.result.details).toEqual({ millions: 0.5 });
    expect(badLines).toBe(2);
  });
});
