import { describe, expect, it } from 'vitest';
import { nb201Input } from '../../test/nb201Input';
import { readShippedRows } from '../../test/shippedData';
import { FIDELITY_PRESETS, type Nb201Fidelity } from '../spaces/fidelity';
import { type Nb201Cell, nb201FromString } from '../spaces/nb201/nb201';
import { paramsProxy } from './params';

const paper = FIDELITY_PRESETS.paper;

async function params(cell: Nb201Cell, fidelity: Nb201Fidelity = paper): Promise<number> {
  return (await paramsProxy.compute(nb201Input(cell, fidelity, 0))).value;
}

/** Parameter count by hand for C channels, N cells per stage, with `conv1x1` and `conv3x3` edges per cell. */
function byHand(C: number, N: number, conv1x1: number, conv3x3: number, classes = 10): number {
  const stem = 27 * C + 2 * C;
  const cells = [C, 2 * C, 4 * C].reduce(
    (sum, c) => sum + N * (conv1x1 * (c * c + 2 * c) + conv3x3 * (9 * c * c + 2 * c)),
    0,
  );
  const reduce = (cin: number, cout: number) =>
    9 * cin * cout + 2 * cout + 9 * cout * cout + 2 * cout + cin * cout;
  const head = 2 * 4 * C + 4 * C * classes + classes;
  return stem + cells + reduce(C, 2 * C) + reduce(2 * C, 4 * C) + head;
}

describe('params', () => {
  it('equals the hand count for cells with known numbers of convolutions', async () => {
    const allConv3 = [3, 3, 3, 3, 3, 3] as const;
    const noConv = [1, 4, 0, 1, 4, 1] as const;
    const mixed = [2, 3, 1, 2, 0, 3] as const;
    expect(await params(allConv3)).toBe(byHand(16, 5, 0, 6));
    expect(await params(noConv)).toBe(byHand(16, 5, 0, 0));
    expect(await params(mixed)).toBe(byHand(16, 5, 2, 2));
    expect(await params(mixed, FIDELITY_PRESETS.quick)).toBe(byHand(8, 1, 2, 2));
    // NB201 arch 0 of the benchmark has 0.129306 M parameters (two 1x1 convolutions per cell).
    expect(byHand(16, 5, 2, 0)).toBe(129306);
  });

  it('matches the NB201 benchmark table for all 15 625 cells', async () => {
    // The NB201 table as shipped (public/data/tables/nb201.csv.gz): params_m per arch string.
    const rows = readShippedRows('nb201.csv.gz');
    expect(rows).toHaveLength(15625);
    let mismatches = 0;
    for (const row of rows) {
      const parsed = nb201FromString(row.arch!);
      if (!parsed.ok) throw new Error(parsed.error);
      const expected = Math.round(Number(row.params_m) * 1e6);
      if ((await params(parsed.value)) !== expected) mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});
