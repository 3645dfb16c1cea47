/** The mapping dialog's rules, on small tables written out here. */
import { describe, expect, it } from 'vitest';
import { nb201FromIndex, nb201ToString } from '../spaces/nb201/nb201';
import { describeColumns, parseTable } from '.';
import {
  buildFromDraft,
  describeColumnText,
  importErrorText,
  MAX_TABLE_NAME,
  type MappingDraft,
  mappingOfDraft,
  previewDraft,
  replaceNotice,
  sampleValues,
  startDraft,
  tableNameProblem,
  withAllNumericValues,
  withKeyColumn,
  withKeyKind,
  withNoValues,
  withSpaceColumn,
  withValueColumn,
} from './mappingDraft';
import type { RawTable } from './types';

const cell = (i: number) => nb201ToString(nb201FromIndex(i));

function table(lines: string[]): RawTable {
  const parsed = parseTable(`${lines.join('\n')}\n`, 't.csv');
  if (!parsed.ok) throw new Error(parsed.error.reason);
  return parsed.value;
}

// Columns: a row number, the key, two numeric columns (one with a gap), a text column.
const good = table([
  'row,arch,acc,params,note',
  `0,${cell(0)},91.5,0.1,first`,
  `1,${cell(1)},,0.2,`,
  `2,${cell(2)},80,0.3,third`,
]);
const goodInfo = describeColumns(good);

describe('startDraft', () => {
  it('starts from the proposed mapping', () => {
    const { draft, problem } = startDraft(good);
    expect(problem).toBeNull();
    expect(draft).toEqual({
      keyColumn: 'arch',
      keyKind: 'nb201-string',
      valueColumns: ['acc', 'params'],
      spaceColumn: null,
    });
  });

  it('starts empty and says why when no column holds architectures', () => {
    const { draft, problem } = startDraft(table(['name,acc', 'resnet,93']));
    expect(draft).toEqual({ keyColumn: null, keyKind: null, valueColumns: [], spaceColumn: null });
    expect(problem).toContain('no column holds NB201 cell strings');
    expect(mappingOfDraft(draft)).toEqual({
      ok: false,
      error: { line: null, reason: 'choose the column that holds the architectures' },
    });
  });
});

describe('changing the draft', () => {
  const start = startDraft(good).draft;

  it('keeps value columns in file order whatever order they are ticked in', () => {
    let d = withNoValues(start);
    d = withValueColumn(d, 'params', true, good.columns);
    d = withValueColumn(d, 'row', true, good.columns);
    d = withValueColumn(d, 'acc', true, good.columns);
    expect(d.valueColumns).toEqual(['row', 'acc', 'params']);
    d = withValueColumn(d, 'row', false, good.columns);
    expect(d.valueColumns).toEqual(['acc', 'params']);
  });

  it('never makes the key column a value, nor a column the table lacks', () => {
    expect(withValueColumn(start, 'arch', true, good.columns)).toBe(start);
    expect(withValueColumn(start, 'nope', true, good.columns)).toBe(start);
  });

  it('moving the key onto a value column drops that value and keeps the kind when unclear', () => {
    const d = withKeyColumn(start, 'acc', goodInfo);
    expect(d.keyColumn).toBe('acc');
    expect(d.valueColumns).toEqual(['params']);
    // "acc" holds numbers, so its kind is not clear: the previous kind stays.
    expect(d.keyKind).toBe('nb201-string');
  });

  it('a key column of NASLib tuples switches the kind to naslib-tuple', () => {
    const t = table(['a,b,acc', `${cell(0)},"(0, 2, 3, 2, 3, 1)",1`, `${cell(1)},"(1, 1, 1, 1, 1, 1)",2`]);
    const d = withKeyColumn(startDraft(t).draft, 'b', describeColumns(t));
    expect(d.keyKind).toBe('naslib-tuple');
  });

  it('a space column exists only for ViT keys and is never a value', () => {
    const vit = { ...start, keyKind: 'vit-autoprox-json' as const };
    const withSpace = withSpaceColumn(vit, 'note');
    expect(withSpace.spaceColumn).toBe('note');
    expect(withValueColumn(withSpace, 'note', true, good.columns)).toBe(withSpace);
    // A value column chosen as space column stops being a value.
    expect(withSpaceColumn(vit, 'acc').valueColumns).toEqual(['params']);
    expect(withSpaceColumn(start, 'note')).toBe(start);
    expect(withSpaceColumn(vit, 'arch')).toBe(vit);
    expect(withKeyKind(withSpace, 'nb201-string').spaceColumn).toBeNull();
  });

  it('"all numeric" picks the columns whose cells are numbers, except the key', () => {
    // row, acc and params hold numbers; note holds text.
    expect(withAllNumericValues(withNoValues(start), goodInfo).valueColumns).toEqual([
      'row',
      'acc',
      'params',
    ]);
    const keyed = withKeyColumn(start, 'row', goodInfo);
    expect(withAllNumericValues(keyed, goodInfo).valueColumns).toEqual(['acc', 'params']);
  });
});

describe('building', () => {
  const start = startDraft(good).draft;

  it('builds the chosen columns under the chosen name', () => {
    const built = buildFromDraft(good, withValueColumn(start, 'acc', false, good.columns), '  mine ');
    if (!built.ok) throw new Error(built.error.reason);
    expect(built.value.name).toBe('mine');
    expect(built.value.columns).toEqual(['params']);
    expect(built.value.rows.get(cell(2))).toEqual({ params: 0.3 });
  });

  it('refuses an empty name, a too-long name and an empty choice of values', () => {
    expect(buildFromDraft(good, start, '  ')).toEqual({
      ok: false,
      error: { line: null, reason: 'give the table a name' },
    });
    expect(tableNameProblem('x'.repeat(MAX_TABLE_NAME))).toBeNull();
    expect(tableNameProblem('x'.repeat(MAX_TABLE_NAME + 1))).toContain(`${MAX_TABLE_NAME} characters`);
    expect(mappingOfDraft(withNoValues(start))).toEqual({
      ok: false,
      error: { line: null, reason: 'choose at least one value column' },
    });
    const noKind: MappingDraft = { ...start, keyKind: null };
    expect(mappingOfDraft(noKind)).toMatchObject({ ok: false });
  });

  it('previews the row count and notes, and a bad key column with its line', () => {
    // 3 rows; acc is missing on one of them.
    expect(previewDraft(good, start)).toEqual({
      ok: true,
      rows: 3,
      notes: ['acc: 1 of 3 values missing (kept as NaN)'],
      error: null,
    });
    // "note" holds words: the first data row (line 2) fails to parse as an NB201 cell.
    const bad = previewDraft(good, withKeyColumn(start, 'note', goodInfo));
    expect(bad.ok).toBe(false);
    expect(bad.rows).toBe(0);
    expect(bad.error?.line).toBe(2);
    expect(importErrorText(bad.error!)).toMatch(/^line 2: key "first" in column "note": /);
  });
});

describe('what the dialog shows', () => {
  it('samples the first non-empty cells as short plain text', () => {
    // Column "note": "first", "" (skipped), "third".
    expect(sampleValues(good, good.columns.indexOf('note'))).toEqual(['first', 'third']);
    expect(sampleValues(good, good.columns.indexOf('acc'), 1)).toEqual(['91.5']);
    const long = table(['a', 'x'.repeat(100)]);
    expect(sampleValues(long, 0)).toEqual([`${'x'.repeat(40)}…`]);
  });

  it('describes keys, numbers, text and empty columns', () => {
    const byName = (name: string) => describeColumnText(goodInfo.find((c) => c.name === name)!);
    expect(byName('arch')).toBe('NB201 cell strings (100 % of sampled cells)');
    expect(byName('params')).toBe('numbers');
    expect(byName('acc')).toBe('numbers; 1 of 3 sampled cells missing');
    expect(byName('note')).toBe('text; 1 of 3 sampled cells missing');
    const empty = table(['a,b', 'x,', 'y,']);
    expect(describeColumnText(describeColumns(empty)[1]!)).toBe('empty (all 2 sampled cells missing)');
    const mixed = table(['a', '1', 'x', 'y', 'z']);
    expect(describeColumnText(describeColumns(mixed)[0]!)).toBe('mostly text, 25 % numbers');
  });

  it('says when a name replaces a loaded table', () => {
    expect(replaceNotice('nb201 ', ['nb201', 'other'])).toBe(
      'A table named "nb201" is already loaded: importing replaces it.',
    );
    expect(replaceNotice('nb201-b', ['nb201'])).toBeNull();
    expect(importErrorText({ line: null, reason: 'r' })).toBe('r');
  });
});
