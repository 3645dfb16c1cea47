import { describe, expect, it } from 'vitest';
import { missingTruthColumn } from './truthColumnCheck';

const tables = [{ name: 'nb201', columns: ['cifar10_test', 'cifar100_test'] }];

describe('a link naming a column the table lacks', () => {
  it('is reported with the columns the table has', () => {
    const message = missingTruthColumn({ table: 'nb201', column: '=HYPERLINK("x")' }, tables);
    expect(message).toContain('"=HYPERLINK("x")"');
    expect(message).toContain('"cifar10_test", "cifar100_test"');
  });

  it('is not reported when the column exists, no truth is chosen, or the table is not loaded (another notice says so)', () => {
    expect(missingTruthColumn({ table: 'nb201', column: 'cifar100_test' }, tables)).toBeNull();
    expect(missingTruthColumn(null, tables)).toBeNull();
    expect(missingTruthColumn({ table: 'other', column: 'x' }, tables)).toBeNull();
  });

  it('lists at most 12 columns and counts the rest', () => {
    const wide = [{ name: 'w', columns: Array.from({ length: 20 }, (_, i) => `c${i}`) }];
    const message = missingTruthColumn({ table: 'w', column: 'zz' }, wide)!;
    expect(message).toContain('"c11", and 8 more');
    expect(message).not.toContain('"c12"');
  });
});
