import { describe, expect, it } from 'vitest';
import { comboRecords, scoreTable } from './scoreComboRecords';

/** A record as `npm run score` writes it (the fields the reader looks at). */
const line = (arch: string, proxy: string, value: number | null, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    key: `${arch} ${proxy}`,
    job: { space: 'nb201', arch, proxy, fidelity: 'quick' },
    arch,
    proxy,
    value,
    seed: 0,
    ...extra,
  });

describe('scoreTable', () => {
  it('reads candidates × proxies, −∞ from nonFinite, gaps from failed jobs, and skips torn lines', () => {
    const text = [
      line('A', 'synflow', 3),
      line('B', 'synflow', null, { nonFinite: '-Infinity' }),
      line('A', 'nwot', 10),
      line('B', 'nwot', null, { error: 'out of memory' }),
      line('B', 'nwot', 12), // a later run scored it: replaces the gap
      line('C', 'synflow', 1).slice(0, 25),
      '',
    ].join('\n');
    const table = scoreTable(text);
    expect(table.archs).toEqual(['A', 'B']);
    expect(table.scores.get('synflow')).toEqual([3, Number.NEGATIVE_INFINITY]);
    expect(table.scores.get('nwot')).toEqual([10, 12]);
    expect(table.skippedLines).toEqual([6]);
    expect(table.problems).toEqual([]);
  });

  it('names conflicting values and records of different runs', () => {
    const conflict = scoreTable([line('A', 'nwot', 1), line('A', 'nwot', 2)].join('\n'));
    expect(conflict.problems[0]).toMatch(/line 2: nwot of A is 2, an earlier line said 1/);
    const mixed = scoreTable([line('A', 'nwot', 1), line('B', 'nwot', 2, { seed: 1 })].join('\n'));
    expect(mixed.problems[0]).toMatch(/2 runs/);
  });
});

describe('comboRecords', () => {
  it('writes Σ log(rank/N) per candidate with the registry’s directions, null where a component is missing', () => {
    // synflow (higher is better): 3, 1, 2 → ranks 3, 1, 2. params (higher is better): 10, 30, 20.
    // C has no nwot: with nwot as a component, C is left out and A, B are ranked among two.
    const text = [
      line('A', 'synflow', 3),
      line('B', 'synflow', 1),
      line('C', 'synflow', 2),
      line('A', 'params', 10),
      line('B', 'params', 30),
      line('C', 'params', 20),
      line('A', 'nwot', 5),
      line('B', 'nwot', 4),
    ].join('\n');
    const table = scoreTable(text);
    const two = comboRecords(table, ['synflow', 'params']);
    expect(two.map((r) => r.value)).toEqual([
      Math.log(3 / 3) + Math.log(1 / 3),
      Math.log(1 / 3) + Math.log(3 / 3),
      Math.log(2 / 3) + Math.log(2 / 3),
    ]);
    expect(two[0]).toMatchObject({
      arch: 'A',
      proxy: 'combo',
      components: ['synflow', 'params'],
      population: 3,
    });
    const three = comboRecords(table, ['synflow', 'nwot']);
    expect(three.map((r) => r.value)).toEqual([0, Math.log(1 / 2) + Math.log(1 / 2), null]);
    expect(three[2]).toMatchObject({ population: 2, missing: ['nwot'] });
    expect(() => comboRecords(table, ['zico'])).toThrow(/no zico/);
  });
});
