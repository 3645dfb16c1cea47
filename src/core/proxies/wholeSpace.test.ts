import { describe, expect, it } from 'vitest';
import { readSharedData } from '../../test/sharedData';
import { nb201FromIndex, nb201ToString } from '../spaces/nb201';
import { nb201WholeSpace } from './wholeSpace';

describe('nb201WholeSpace', () => {
  it('gives every cell its params and flops, equal to nb201.csv at paper fidelity', async () => {
    const [header, ...lines] = readSharedData('nb201.csv').trim().split(/\r?\n/);
    const cols = header!.split(',');
    const table = new Map(
      lines.map((l) => {
        const f = l.split(',');
        return [
          f[cols.indexOf('arch')]!,
          { params: Number(f[cols.indexOf('params_m')]), flops: Number(f[cols.indexOf('flops_m')]) },
        ];
      }),
    );
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
