import { describe, expect, it } from 'vitest';
import { readShippedRows } from '../../test/shippedData';
import { nb201FromIndex, nb201ToString } from '../spaces/nb201/nb201';
import { nb201WholeSpace } from './wholeSpace';

describe('nb201WholeSpace', () => {
  it('gives every cell its params and flops, equal to the NB201 table at paper fidelity', async () => {
    // The NB201 table as shipped (public/data/tables/nb201.csv.gz), looked up by arch string.
    const table = new Map(
      readShippedRows('nb201.csv.gz').map((r) => [
        r.arch!,
        { params: Number(r.params_m), flops: Number(r.flops_m) },
      ]),
    );
    expect(table.size).toBe(15625);
    const params = await nb201WholeSpace('params', 'paper');
    const flops = await nb201WholeSpace('flops', 'paper');
    expect(params).toHaveLength(15625);
    for (let i = 0; i < 15625; i += 97) {
      const row = table.get(nb201ToString(nb201FromIndex(i)))!;
      expect(params[i]).toBeCloseTo(row.params * 1e6, 0);
      expect(flops[i]).toBeCloseTo(row.flops * 1e6, 0);
    }
  });
});
