import { describe, expect, it } from 'vitest';
import { nb201FromString } from '../../core/spaces/nb201';
import { readSharedData } from '../../test/sharedData';
import { cellFacts } from './cellFacts';

describe('cellFacts', () => {
  it('matches nb201.csv for params and FLOPs, and maps isomorphic cells to one class', () => {
    const [header, ...lines] = readSharedData('nb201.csv').trim().split(/\r?\n/);
    const cols = header!.split(',');
    for (const line of lines.slice(0, 50)) {
      const f = line.split(',');
      const cell = nb201FromString(f[cols.indexOf('arch')]!);
      if (!cell.ok) throw new Error(cell.error);
      const facts = cellFacts(cell.value);
      expect(facts.params).toBeCloseTo(Number(f[cols.indexOf('params_m')]) * 1e6, 0);
      expect(facts.flops).toBeCloseTo(Number(f[cols.indexOf('flops_m')]) * 1e6, 0);
    }
    // A cell whose only path is a skip 0→3 is the same network whatever its dead edges hold.
    const a = nb201FromString('|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|');
    const b = nb201FromString('|avg_pool_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|');
    if (!a.ok || !b.ok) throw new Error('bad test cells');
    expect(cellFacts(a.value).canonical).toBe(cellFacts(b.value).canonical);
  });
});
