/**
 * The NB201 tables' dead-cell rule applies identically to every proxy: proxies that agree on the live
 * cells and differ only in what they give dead cells (each its own sentinel: 0, −∞, NaN, −5, a plain
 * count) get the same row — same n, same ρ and τ, same number of cells left out — and a dead cell
 * never counts as a scored one. Accuracies are made up here (no ../shared needed).
 */
import { describe, expect, it } from 'vitest';
import type { ProxyId } from '../../src/core/proxies/ids';
import { nb201FromIndex, nb201HasPath, nb201ToString } from '../../src/core/spaces/nb201/nb201';
import type { Nb201Truth } from '../kit/referenceData';
import { isDeadNb201Cell, withoutDeadCells } from './nb201DeadCells';
import { proxyReport } from './nb201Report';
import type { ScoreRecord } from './scoreRunner';

const DEAD = '|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|';
const ALL_NONE = '|none~0|+|none~0|none~1|+|none~0|none~1|none~2|';

describe('isDeadNb201Cell', () => {
  it('is true exactly for the 341 cells without an input→output path', () => {
    expect(isDeadNb201Cell(DEAD)).toBe(true);
    expect(isDeadNb201Cell(ALL_NONE)).toBe(true);
    expect(isDeadNb201Cell('|skip_connect~0|+|none~0|none~1|+|none~0|skip_connect~1|none~2|')).toBe(false);
    expect(isDeadNb201Cell('not a cell')).toBe(false);
    let dead = 0;
    for (let i = 0; i < 15625; i++) if (isDeadNb201Cell(nb201ToString(nb201FromIndex(i)))) dead++;
    expect(dead).toBe(341);
  });

  it('withoutDeadCells keeps live records in order and names each dead cell once', () => {
    const live = '|nor_conv_1x1~0|+|none~0|none~1|+|none~0|nor_conv_1x1~1|none~2|';
    const { live: kept, dead } = withoutDeadCells([{ arch: DEAD }, { arch: live }, { arch: DEAD }]);
    expect(kept).toEqual([{ arch: live }]);
    expect(dead).toEqual([DEAD]);
  });
});

describe('every proxy row under the rule', () => {
  // 12 live cells with made-up accuracies and one set of live scores; 4 dead cells at ~10 %.
  const liveCells: string[] = [];
  const deadCells: string[] = [];
  for (let i = 0; liveCells.length < 12 || deadCells.length < 4; i += 97) {
    const cell = nb201FromIndex(i % 15625);
    const text = nb201ToString(cell);
    if (nb201HasPath(cell) && liveCells.length < 12) liveCells.push(text);
    if (!nb201HasPath(cell) && deadCells.length < 4) deadCells.push(text);
  }
  const truth = new Map<string, Nb201Truth>();
  const accuracy = (k: number) => ({ cifar10_test: 80 + k, cifar100_test: 50 + k, imagenet16_test: 20 + k });
  liveCells.forEach((a, k) => {
    truth.set(a, { accuracy: accuracy((k * 7) % 12), paramsM: 1, flopsM: 1 });
  });
  for (const a of deadCells) truth.set(a, { accuracy: accuracy(-70), paramsM: 1, flopsM: 1 });
  const liveScore = (k: number) => ((k * 5) % 12) + 0.5 * (k % 3);

  const record = (proxy: ProxyId, arch: string, value: number | null, extra = {}): ScoreRecord => ({
    arch,
    proxy,
    value: value !== null && Number.isFinite(value) ? value : null,
    ...(value !== null && !Number.isFinite(value) ? { nonFinite: String(value) } : {}),
    backend: 'cpu',
    ms: 1,
    warnings: [],
    fidelity: 'quick',
    seed: 0,
    batch: 32,
    ...extra,
  });
  // Each proxy's own dead-cell value, as the proxies give them today (none in Suite-Zero's list, so
  // no reference file is read).
  const sentinels: [ProxyId, number | null][] = [
    ['swap', 0],
    ['ntk_cond', -5],
    ['gradalign', Number.NaN],
    ['gradalign_norm', Number.NaN],
    ['zico', 0],
    ['ntk_trace', 1e9],
    ['vintk', Number.NEGATIVE_INFINITY],
    ['reg_swap', null],
  ];
  const rows = sentinels.map(([proxy, sentinel]) => {
    const records = [
      ...deadCells.map((a) =>
        record(proxy, a, sentinel, sentinel === null ? { error: 'out of memory (wasm heap)' } : {}),
      ),
      ...liveCells.map((a, k) => record(proxy, a, liveScore(k))),
    ];
    return [proxy, proxyReport(proxy, records, 'quick', truth)] as const;
  });

  it('gives every proxy the same n, ρ, τ and dead count, whatever its dead-cell value', () => {
    const [, first] = rows[0]!;
    expect(first.accuracy.cifar10_test.n).toBe(12);
    expect(first.deadExcluded).toBe(4);
    expect(first.scored).toBe(12);
    expect(first.noScore).toBe(0);
    for (const [proxy, row] of rows) {
      expect(row.accuracy, proxy).toEqual(first.accuracy);
      expect(row.deadExcluded, proxy).toBe(4);
      expect(row.scored, proxy).toBe(12);
      expect(row.noScore, proxy).toBe(0);
    }
  });

  it('is the correlation of the live cells alone', () => {
    const [, withDead] = rows[0]!;
    const liveOnly = proxyReport(
      'swap',
      liveCells.map((a, k) => record('swap', a, liveScore(k))),
      'quick',
      truth,
    );
    expect(withDead.accuracy).toEqual(liveOnly.accuracy);
    expect(liveOnly.deadExcluded).toBe(0);
  });

  it('counts a failed or non-finite live cell as no score, not as a scored cell', () => {
    const records = [
      record('swap', liveCells[0]!, null, { error: 'out of memory (wasm heap)' }),
      record('swap', liveCells[1]!, Number.NaN),
      ...liveCells.slice(2).map((a, k) => record('swap', a, liveScore(k + 2))),
    ];
    const row = proxyReport('swap', records, 'quick', truth);
    expect(row.accuracy.cifar10_test.n).toBe(10);
    expect(row.noScore).toBe(2);
  });
});
