/**
 * Hostile imports (issue 16): each shape that took the tab down or was accepted before is refused
 * while parsing, with the line and the limit; and fuzzed files never make the importer throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IMPORT_LIMITS, importGroundTruth, parseTable } from './index';

describe('import limits', () => {
  it('refuses 20 000 small JSON items with keys of their own (about 300 KB that made 400 million cells)', () => {
    const items = Array.from({ length: 20_000 }, (_, i) => ({ [`k${i}`]: i }));
    const text = JSON.stringify(items);
    expect(text.length).toBeLessThan(320_000);
    const result = parseTable(text, 'items.json');
    expect(result).toMatchObject({
      ok: false,
      error: { reason: expect.stringMatching(/more than 1000 different fields/) },
    });
    if (!result.ok) expect(result.error.line).toBeGreaterThan(0);
  });

  it('refuses JSON nested 100 000 deep with the line and the limit, not a RangeError', () => {
    const text = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(parseTable(text, 'deep.json')).toEqual({
      ok: false,
      error: {
        line: 1,
        reason: `arrays and objects nest deeper than ${IMPORT_LIMITS.depth} levels (the import limit)`,
      },
    });
  });

  it('refuses a CSV with 10 000 columns, naming the header line', () => {
    const header = Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',');
    expect(parseTable(`\n${header}\n`, 'wide.csv')).toEqual({
      ok: false,
      error: { line: 2, reason: 'the header has 10000 columns; the import limit is 1000' },
    });
  });

  it('refuses a CSV past the row limit at the first row over it', () => {
    const lines = ['arch,acc', ...Array.from({ length: IMPORT_LIMITS.rows + 1 }, (_, i) => `a${i},1`)];
    expect(parseTable(lines.join('\n'), 'long.csv')).toMatchObject({
      ok: false,
      error: { line: IMPORT_LIMITS.rows + 2, reason: expect.stringMatching(/the import limit is 200000/) },
    });
  });

  it('keeps a string with brackets out of the depth count', () => {
    const text = JSON.stringify([{ arch: '[[[['.repeat(100), acc: 1 }]);
    expect(parseTable(text, 'x.json').ok).toBe(true);
  });
});

describe('fuzzed imports', () => {
  it('never throw: 1 000 random CSV and JSON texts each end in a table or a message with a reason', () => {
    const csvText = fc
      .array(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.constantFrom('"', ',', '\n', '|none~0|+|none~0|none~1|+|none~0|none~1|none~2|', '1.5'),
          ),
          { maxLength: 6 },
        ),
        { maxLength: 12 },
      )
      .map((rows) => rows.map((r) => r.join(',')).join('\n'));
    const jsonText = fc.oneof(
      fc.json({ maxDepth: 6 }),
      fc.string().map((s) => `{"a": [${s}`),
    );
    // Near-valid tables: real NB201 keys with numbers, junk or gaps, in CSV or as a JSON array.
    const op = fc.constantFrom('none', 'skip_connect', 'nor_conv_1x1', 'nor_conv_3x3', 'avg_pool_3x3');
    const cell = fc
      .tuple(op, op, op, op, op, op)
      .map(([a, b, c, d, e, f]) => `|${a}~0|+|${b}~0|${c}~1|+|${d}~0|${e}~1|${f}~2|`);
    const value = fc.oneof(fc.double(), fc.constantFrom('', 'NaN', 'x', '1e400', '-0'));
    const rows = fc.array(fc.tuple(cell, value), { minLength: 1, maxLength: 20 });
    const tables = fc.oneof(
      rows.map((rs) => ['arch,acc', ...rs.map(([a, v]) => `${a},${v}`)].join('\n')),
      rows.map((rs) => JSON.stringify(rs.map(([arch, acc]) => ({ arch, acc })))),
    );
    let imported = 0;
    let refused = 0;
    fc.assert(
      fc.property(
        fc.oneof(csvText, jsonText, tables),
        fc.constantFrom('t.csv', 't.json', 't'),
        (text, name) => {
          const result = importGroundTruth(text, { fileName: name });
          if (result.ok) imported++;
          else {
            refused++;
            expect(result.error.reason.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 1000 },
    );
    console.log(
      `fuzzed imports: ${imported + refused} read (${imported} imported, ${refused} refused with a reason), 0 threw`,
    );
  });
});
