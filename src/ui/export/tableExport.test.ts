import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { type ExportRow, toCsv, toJson } from './tableExport';

const rows: ExportRow[] = [
  {
    id: 7,
    arch: '|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|',
    values: { synflow: 12.5, acc: 91.2 },
  },
  { id: 8, arch: 'a,"quoted"\nname', values: { synflow: Number.NEGATIVE_INFINITY, acc: Number.NaN } },
  { id: 9, arch: 'x', values: { synflow: 0.1 + 0.2 } },
];

describe('table export', () => {
  it('CSV round-trips through an independent parser, numbers exactly', () => {
    const parsed = Papa.parse<string[]>(toCsv(rows, ['synflow', 'acc']), { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual(['id', 'arch', 'synflow', 'acc']);
    expect(parsed[1]).toEqual(['7', rows[0]!.arch, '12.5', '91.2']);
    expect(parsed[2]).toEqual(['8', 'a,"quoted"\nname', '-Infinity', 'NaN']);
    expect(Number(parsed[3]![2])).toBe(0.1 + 0.2);
    expect(parsed[3]![3]).toBe('');
  });

  it('JSON keeps finite numbers and spells out the others', () => {
    const json = JSON.parse(toJson(rows, ['synflow', 'acc'], { space: 'nb201' }));
    expect(json.space).toBe('nb201');
    expect(json.rows[0].values).toEqual({ synflow: 12.5, acc: 91.2 });
    expect(json.rows[1].values).toEqual({ synflow: '-Infinity', acc: 'NaN' });
    expect(json.rows[2].values.acc).toBeNull();
  });

  it('opens no formula in a spreadsheet: text cells and headers beginning with = + - @ tab or CR get an apostrophe (OWASP)', () => {
    const hostile: ExportRow[] = [
      { id: '=1+1', arch: '@SUM(A1:A9)', values: { '=HYPERLINK("http://x","y")': -3.5 } },
    ];
    const parsed = Papa.parse<string[]>(
      toCsv(hostile, ['=HYPERLINK("http://x","y")', '\tcmd', '+x', '-y', 'plain']),
      {
        skipEmptyLines: true,
      },
    ).data;
    expect(parsed[0]).toEqual(['id', 'arch', `'=HYPERLINK("http://x","y")`, "'\tcmd", "'+x", "'-y", 'plain']);
    expect(parsed[1]!.slice(0, 3)).toEqual(["'=1+1", "'@SUM(A1:A9)", '-3.5']);
  });

  it('property: every text cell reads back as itself, or as itself behind one apostrophe when it could run as a formula', () => {
    const dangerous = /^[=+\-@\t\r]/;
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), fc.string(), (columns, arch) => {
        const unique = [...new Set(columns)];
        const parsed = Papa.parse<string[]>(toCsv([{ id: 1, arch, values: {} }], unique), {
          newline: '\n',
          delimiter: ',',
        }).data;
        const texts = [...unique, arch];
        const cells = [...parsed[0]!.slice(2), parsed[1]![1]!];
        for (const [i, text] of texts.entries()) {
          expect(cells[i]).toBe(dangerous.test(text) ? `'${text}` : text);
          expect(dangerous.test(cells[i]!)).toBe(false);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
