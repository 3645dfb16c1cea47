import { describe, expect, it } from 'vitest';
import { cellsEveryProxyScored } from './nb201Report';
import type { ScoreRecord } from './scoreRunner';

const record = (
  arch: string,
  proxy: ScoreRecord['proxy'],
  value: number | null,
  error?: string,
): ScoreRecord => ({
  arch,
  proxy,
  value,
  ...(error ? { error } : {}),
  backend: 'wasm',
  ms: 1,
  warnings: [],
  fidelity: 'quick',
  seed: 0,
  batch: 32,
});

describe('the quick table compares proxies on the same cells', () => {
  it('keeps the cells every proxy has a record for; a failed job still counts as the cell scored', () => {
    const records = [
      record('a', 'params', 1),
      record('b', 'params', 2),
      record('c', 'params', 3),
      record('a', 'swap', 5),
      record('b', 'swap', null, 'out of memory'),
      record('c', 'nwot', 1),
      record('a', 'nwot', 2),
      record('b', 'nwot', 3),
    ];
    expect([...cellsEveryProxyScored(records)].sort()).toEqual(['a', 'b']);
    expect(cellsEveryProxyScored([]).size).toBe(0);
  });
});
