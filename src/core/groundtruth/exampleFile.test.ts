/** The README's example of a table to import (docs/examples/nb201-example.csv) imports as it is. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importGroundTruth } from '.';

const EXAMPLE = resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs/examples/nb201-example.csv');

describe('the example import file', () => {
  it('imports as NB201 strings with both value columns and every row', () => {
    const imported = importGroundTruth(readFileSync(EXAMPLE, 'utf8'), { fileName: 'nb201-example.csv' });
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    const table = imported.value;
    expect(table.space).toBe('nb201');
    expect(table.columns).toEqual(['cifar10_test', 'params_m']);
    expect(table.rows.size).toBe(8);
    // The all-avg-pool cell: 49.02 % on CIFAR-10 in NAS-Bench-201 (the shipped table's row 15 624).
    const pool =
      '|avg_pool_3x3~0|+|avg_pool_3x3~0|avg_pool_3x3~1|+|avg_pool_3x3~0|avg_pool_3x3~1|avg_pool_3x3~2|';
    expect(table.rows.get(pool)?.cifar10_test).toBe(49.02);
  });
});
