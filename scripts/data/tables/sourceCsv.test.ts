import { describe, expect, it } from 'vitest';
import { parseCsvTable } from '../../../src/core/groundtruth/csv';
import { TableCheckError } from './check';
import { readSourceCsv, writeCsv } from './sourceCsv';

describe('writeCsv / readSourceCsv', () => {
  it('round-trips cells as written, quoting only cells with commas or quotes', () => {
    const rows = [
      ['vit:ti:e192:m3.5,4:h3,4', '0.10', ''],
      ['say "hi"', '-1e-3', '7'],
    ];
    const csv = writeCsv(['arch', 'a', 'b'], rows);
    expect(csv).toBe('arch,a,b\n"vit:ti:e192:m3.5,4:h3,4",0.10,\n"say ""hi""",-1e-3,7\n');
    const back = readSourceCsv('t.csv', csv);
    expect(back.rows.map((r) => [r.arch, r.a, r.b])).toEqual(rows);
    // The app's own CSV reader agrees.
    const raw = parseCsvTable(csv);
    expect(raw.ok && raw.value.rows.map((r) => r.cells)).toEqual(rows);
  });

  it('fails on a row with the wrong number of fields, naming the file', () => {
    expect(() => readSourceCsv('bad.csv', 'a,b\n1,2\n3\n')).toThrow(TableCheckError);
    expect(() => readSourceCsv('bad.csv', 'a,b\n1,2\n3\n')).toThrow(/bad\.csv: data row 2 has 1 fields/);
  });
});
