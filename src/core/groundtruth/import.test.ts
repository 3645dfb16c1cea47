/** Import of good, damaged and hostile tables built here. */
import Papa from 'papaparse';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nb201FromIndex, nb201ToString } from '../spaces/nb201/nb201';
import { naslibKey } from '../spaces/nb201/nb201Naslib';
import {
  buildGroundTruth,
  EXCERPT_LENGTH,
  excerpt,
  type ImportError,
  type ImportResult,
  importGroundTruth,
  MAX_IMPORT_SIZE,
  parseTable,
  proposeMapping,
} from '.';

const cell = (i: number) => nb201ToString(nb201FromIndex(i));

function errorOf<T>(result: ImportResult<T>): ImportError {
  if (result.ok) throw new Error('expected the import to fail');
  return result.error;
}

function successOf<T>(result: ImportResult<T>): T {
  if (!result.ok) throw new Error(`line ${result.error.line}: ${result.error.reason}`);
  return result.value;
}

const csv = (lines: string[]) => `${lines.join('\n')}\n`;
/** The mapping a user would pick: key `arch`, value `acc`. */
const archAcc = { keyColumn: 'arch', keyKind: 'nb201-string' as const, valueColumns: ['acc'] };

afterEach(() => {
  vi.restoreAllMocks();
});

describe('good CSV', () => {
  it('reads keys, values, missing values and notes', () => {
    const text = csv([
      'arch,acc,params,comment',
      `${cell(0)},91.5,0.1,ok`,
      `${cell(1)},NaN,0.2,`,
      `${cell(2)},,0.3,x`,
      `${cell(3)},inf,0.4,y`,
    ]);
    const t = successOf(importGroundTruth(text, { fileName: 'mine.csv' }));
    expect(t.name).toBe('mine');
    expect(t.columns).toEqual(['acc', 'params']);
    expect(t.rows.get(cell(0))).toEqual({ acc: 91.5, params: 0.1 });
    expect(t.rows.get(cell(1))!.acc).toBeNaN();
    expect(t.rows.get(cell(2))!.acc).toBeNaN();
    expect(t.rows.get(cell(3))!.acc).toBeNaN();
    expect(t.notes).toEqual(['acc: 3 of 4 values missing (kept as NaN)']);
  });

  it('accepts NASLib tuples, tabs, semicolons, CRLF and a byte-order mark', () => {
    const tsv = `\uFEFFkey\tacc\r\n"${naslibKey(nb201FromIndex(5))}"\t70\r\n`;
    const t = successOf(importGroundTruth(tsv, { fileName: 't.tsv' }));
    expect(t.keyKind).toBe('naslib-tuple');
    expect(t.rows.get(cell(5))).toEqual({ acc: 70 });
    const semi = `arch;acc\n${cell(7)};60.5\n`;
    expect(successOf(importGroundTruth(semi)).rows.get(cell(7))).toEqual({ acc: 60.5 });
  });

  it('lets the user override the proposed mapping', () => {
    const text = csv(['a,b,c', `${cell(0)},1,2`, `${cell(1)},3,4`]);
    const raw = successOf(parseTable(text));
    const proposed = successOf(proposeMapping(raw));
    expect(proposed).toEqual({
      keyColumn: 'a',
      keyKind: 'nb201-string',
      valueColumns: ['b', 'c'],
      spaceColumn: null,
    });
    const t = successOf(buildGroundTruth(raw, { ...proposed, valueColumns: ['c'] }, 'x'));
    expect(t.columns).toEqual(['c']);
    expect(t.rows.get(cell(1))).toEqual({ c: 4 });
  });

  it('gives the right line after a quoted field spanning lines', () => {
    const text = csv(['arch,acc,note', `${cell(0)},1,"two`, `lines"`, '', `${cell(1)},oops,x`]);
    expect(errorOf(importGroundTruth(text, { mapping: archAcc }))).toEqual({
      line: 5,
      reason: 'column "acc": "oops" is not a number',
    });
  });
});

describe('damaged CSV', () => {
  it('rejects a row with the wrong number of fields, naming its line', () => {
    const text = csv(['arch,acc,params', `${cell(0)},1,2`, `${cell(1)},1`]);
    expect(errorOf(parseTable(text))).toEqual({ line: 3, reason: '2 fields, but the header has 3 columns' });
  });

  it('rejects a key that does not parse, naming the line and the reason', () => {
    const text = csv(['arch,acc', `${cell(0)},1`, '|conv~0|+|bad|,2']);
    const e = errorOf(importGroundTruth(text));
    expect(e.line).toBe(3);
    expect(e.reason).toContain('"|conv~0|+|bad|"');
    expect(e.reason).toContain('not an NB201 cell string');
    const wrongOp = csv(['arch,acc', `${cell(0)},1`, `${cell(4).replace('avg_pool_3x3', 'max_pool_3x3')},2`]);
    expect(errorOf(importGroundTruth(wrongOp)).reason).toContain('unknown operation "max_pool_3x3"');
  });

  it('rejects a file with no key column, and a mapping naming a missing column', () => {
    expect(errorOf(importGroundTruth(csv(['name,acc', 'resnet,93'])))).toMatchObject({ line: null });
    const raw = successOf(parseTable(csv(['arch,acc', `${cell(0)},1`])));
    const e = errorOf(
      buildGroundTruth(raw, { keyColumn: 'arch', keyKind: 'nb201-string', valueColumns: ['nope'] }, 'x'),
    );
    expect(e).toEqual({ line: null, reason: 'there is no column "nope"' });
  });

  it('rejects the same cell twice, naming both lines, also when spelled differently', () => {
    const text = csv(['arch,acc', `${cell(0)},1`, `${cell(1)},2`, `${cell(0)},3`]);
    const e = errorOf(importGroundTruth(text));
    expect(e.line).toBe(4);
    expect(e.reason).toContain('on line 2 and line 4');
    const tuples = csv(['key,acc', '"(0, 2, 3, 2, 3, 1)",1', '"(0,2,3,2,3,1)",2']);
    expect(errorOf(importGroundTruth(tuples)).reason).toContain('on line 2 and line 3');
  });

  it('rejects a duplicated header name and an unterminated quote', () => {
    expect(errorOf(parseTable(csv(['arch,acc,acc', `${cell(0)},1,2`])))).toEqual({
      line: 1,
      reason: 'the header names the same column twice (columns 2 and 3)',
    });
    expect(errorOf(parseTable(csv(['arch,acc', `${cell(0)},1`, `${cell(1)},"2`, `${cell(2)},3`])))).toEqual({
      line: 3,
      reason: 'a quoted field is never closed (missing ")',
    });
  });

  it('rejects empty files', () => {
    expect(errorOf(importGroundTruth(''))).toEqual({ line: null, reason: 'the file holds no rows' });
    expect(errorOf(importGroundTruth('arch,acc\n', { mapping: archAcc }))).toEqual({
      line: null,
      reason: 'the table has no rows',
    });
  });
});

describe('hostile input', () => {
  it('rejects a 50 MB file before parsing it', () => {
    const huge = 'a'.repeat(50 * 1024 * 1024);
    const parse = vi.spyOn(Papa, 'parse');
    const jsonParse = vi.spyOn(JSON, 'parse');
    const start = performance.now();
    const e = errorOf(importGroundTruth(huge, { fileName: 'big.csv' }));
    const elapsed = performance.now() - start;
    expect(parse).not.toHaveBeenCalled();
    expect(jsonParse).not.toHaveBeenCalled();
    expect(e.line).toBeNull();
    expect(e.reason).toBe('file is 50.0 MiB; the import limit is 40.0 MiB (nothing was read)');
    expect(elapsed).toBeLessThan(50);
    // Just under the limit is read (and then fails for its content, not its size).
    expect(parseTable('a'.repeat(1000)).ok).toBe(true);
    expect(MAX_IMPORT_SIZE).toBe(40 * 1024 * 1024);
  });

  it('returns HTML in a field verbatim as a plain string', () => {
    const html = '<img src=x onerror=alert(1)>';
    const text = csv(['arch,acc,note', `${cell(0)},1,${html}`, `${cell(1)},2,"<b>bold</b>, ""quoted"""`]);
    const raw = successOf(parseTable(text));
    expect(raw.rows[0]!.cells[2]).toBe(html);
    expect(raw.rows[1]!.cells[2]).toBe('<b>bold</b>, "quoted"');
    // The note column is text, so it is not proposed as a value column.
    expect(successOf(proposeMapping(raw)).valueColumns).toEqual(['acc']);
  });

  it('quotes only a short plain excerpt of hostile content in errors', () => {
    const script = `<script>${'x'.repeat(10_000)}</script>`;
    const inValue = errorOf(
      importGroundTruth(csv(['arch,acc', `${cell(0)},${script}`]), { mapping: archAcc }),
    );
    expect(inValue.line).toBe(2);
    expect(inValue.reason).toBe(`column "acc": "<script>${'x'.repeat(EXCERPT_LENGTH - 8)}…" is not a number`);
    const inKey = errorOf(
      importGroundTruth(csv(['arch,acc', `${cell(0)},1`, `"${script}",2`]), { mapping: archAcc }),
    );
    expect(inKey.line).toBe(3);
    expect(inKey.reason.length).toBeLessThan(200);
    expect(inKey.reason).toContain('too long for an architecture');
    // Control and bidi-override characters never reach a message.
    expect(excerpt('a\u0000b\u202ec\nd')).toBe('a b c d');
    expect(excerpt('é'.repeat(100))).toBe(`${'é'.repeat(EXCERPT_LENGTH)}…`);
  });

  it('takes a column called __proto__ as data without touching any prototype', () => {
    const text = csv(['arch,__proto__,constructor', `${cell(0)},1,2`]);
    const t = successOf(importGroundTruth(text));
    const row = t.rows.get(cell(0))!;
    // Inherits nothing: its prototype is empty and has none of its own.
    expect(Object.getOwnPropertyNames(Object.getPrototypeOf(row))).toEqual([]);
    expect(Object.getPrototypeOf(Object.getPrototypeOf(row))).toBeNull();
    expect((row as Record<string, unknown>).toString).toBeUndefined();
    expect(Object.keys(row)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(row, '__proto__')?.value).toBe(1);
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
  });

  it('leaves an earlier import untouched when a later one fails', () => {
    const good = successOf(importGroundTruth(csv(['arch,acc', `${cell(0)},1`])));
    errorOf(importGroundTruth(csv(['arch,acc', `${cell(0)},1`, `${cell(0)},2`])));
    expect(good.rows.size).toBe(1);
    expect(good.rows.get(cell(0))).toEqual({ acc: 1 });
  });
});

describe('JSON', () => {
  it('reads an array of records with nested values, one line per item', () => {
    const text = JSON.stringify(
      [
        { arch: cell(0), acc: 90, stats: { params: 0.1 } },
        { arch: cell(1), acc: null, stats: { params: 0.2 } },
      ],
      null,
      2,
    );
    const raw = successOf(parseTable(text, 'x.json'));
    expect(raw.columns).toEqual(['arch', 'acc', 'stats.params']);
    // "[" on line 1, first item's "{" on line 2; each item spans 7 lines with indent 2.
    expect(raw.rows.map((r) => r.line)).toEqual([2, 9]);
    const t = successOf(importGroundTruth(text, { fileName: 'x.json' }));
    expect(t.rows.get(cell(1))!['stats.params']).toBe(0.2);
    expect(t.rows.get(cell(1))!.acc).toBeNaN();
  });

  it('reads objects keyed by NASLib tuples under containers, merging data sets by cell', () => {
    const k0 = naslibKey(nb201FromIndex(0));
    const k1 = naslibKey(nb201FromIndex(1));
    const text = JSON.stringify({
      bench: {
        c10: { [k0]: { acc: 1, s: { score: 5 } }, [k1]: { acc: 2, s: { score: 6 } } },
        c100: { [k1]: { acc: 3, s: { score: 7 } } },
      },
    });
    const t = successOf(importGroundTruth(text));
    expect(t.columns).toEqual(['c10.acc', 'c10.s.score', 'c100.acc', 'c100.s.score']);
    expect(t.rows.get(cell(1))).toEqual({ 'c10.acc': 2, 'c10.s.score': 6, 'c100.acc': 3, 'c100.s.score': 7 });
    expect(t.rows.get(cell(0))!['c100.acc']).toBeNaN();
    expect(t.notes).toEqual([
      'c100.acc: 1 of 2 values missing (kept as NaN)',
      'c100.s.score: 1 of 2 values missing (kept as NaN)',
    ]);
  });

  it('rejects a repeated key (JSON.parse would keep the last silently), naming both lines', () => {
    const k0 = naslibKey(nb201FromIndex(0));
    const text = `{\n  "${k0}": {"acc": 1},\n  "(0, 2, 3, 2, 3, 1)": {"acc": 2},\n  "${k0}": {"acc": 3}\n}`;
    expect(errorOf(parseTable(text))).toEqual({
      line: 4,
      reason: `key "${k0}" appears twice in one object (lines 2 and 4)`,
    });
  });

  it('rejects a key that does not parse on its own line, and broken JSON with a line', () => {
    const k0 = naslibKey(nb201FromIndex(0));
    const badKey = `{\n  "${k0}": {"acc": 1},\n  "(1, 1, 1, 9, 1, 1)": {"acc": 2}\n}`;
    const e = errorOf(importGroundTruth(badKey));
    expect(e.line).toBe(3);
    expect(e.reason).toContain('NASLib op index 9 at position 4 is not in 0..4');
    const broken = `[\n  {"arch": "${cell(0)}", "acc": 1},\n  {"arch": "<img src=x>" "acc": 2}\n]`;
    const b = errorOf(parseTable(broken, 'b.json'));
    expect(b.line).toBe(3);
    expect(b.reason.startsWith('not valid JSON')).toBe(true);
    expect(errorOf(parseTable('42', 'n.json')).reason).toBe(
      'expected an array of rows or an object keyed by architecture',
    );
    expect(errorOf(parseTable('[1, 2]', 'n.json'))).toEqual({
      line: 1,
      reason: 'item 1 of the array is not an object',
    });
  });

  it('rejects two fields that flatten to the same column', () => {
    const text = `[\n  {"arch": "${cell(0)}", "a.b": 1, "a": {"b": 2}}\n]`;
    expect(errorOf(parseTable(text, 'c.json'))).toEqual({
      line: 2,
      reason: 'two fields of item 1 flatten to column "a.b"',
    });
  });

  it('survives deep nesting', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    expect(parseTable(deep, 'd.json').ok).toBe(false);
  });
});

describe('ViT tables', () => {
  const ti =
    '{"hidden_dim":192,"mlp_ratio":[3.5,4,3.5,4,3.5,3.5,4,3.5,4,4,4,3.5],"depth":12,"num_heads":[4,4,3,4,3,3,4,4,3,3,3,4]}';
  const small =
    '{"hidden_dim":320,"mlp_ratio":[3,3,3,3,3,3,3,3,3,3,3,3],"depth":12,"num_heads":[5,5,5,5,5,5,5,5,5,5,5,5]}';
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

  it('infers the space from the width when there is no space column', () => {
    const t = successOf(importGroundTruth(csv(['arch_json,acc', `${q(small)},80`])));
    expect(t.space).toBe('autoformer-small');
    expect([...t.rows.keys()]).toEqual(['vit:s:e320:m3,3,3,3,3,3,3,3,3,3,3,3:h5,5,5,5,5,5,5,5,5,5,5,5']);
  });

  it('rejects an arch that does not fit the space its row names, and mixed spaces', () => {
    const mismatch = csv(['space,arch_json,acc', `AutoFormer-Ti,${q(ti)},1`, `AutoFormer-Ti,${q(small)},2`]);
    const e = errorOf(importGroundTruth(mismatch));
    expect(e.line).toBe(3);
    expect(e.reason).toContain('embed 320 is not one of 192, 216, 240 (for AutoFormer-Ti)');
    const mixed = csv(['arch_json,acc', `${q(ti)},1`, `${q(small)},2`]);
    expect(errorOf(importGroundTruth(mixed))).toEqual({
      line: 3,
      reason: 'this row is AutoFormer-S but earlier rows are AutoFormer-Ti; import one search space per file',
    });
  });

  it('rejects a file whose rows are all in other spaces', () => {
    const pit = '{"hidden_dim":192,"mlp_ratio":[4],"depth":1,"num_heads":[3]}';
    const text = csv(['space,arch_json,acc', `PiT-Ti,${q(pit)},1`, `AutoFormer-Ti,${q(ti)},2`]);
    expect(successOf(importGroundTruth(text)).notes).toEqual([
      '1 row of space "PiT-Ti" skipped: not one of our search spaces',
    ]);
    const onlyPit = csv(['space,arch_json,acc', `PiT-Ti,${q(pit)},1`]);
    const mapping = {
      keyColumn: 'arch_json',
      keyKind: 'vit-autoprox-json' as const,
      valueColumns: ['acc'],
      spaceColumn: 'space',
    };
    expect(errorOf(importGroundTruth(onlyPit, { mapping }))).toEqual({
      line: null,
      reason: 'every row was skipped: none is in one of our search spaces',
    });
  });
});

describe('our own ViT text as keys', () => {
  it('imports a table keyed by vit: texts, each in its own space, and names a bad one with its line', async () => {
    const { importGroundTruth } = await import('./index');
    const ok = importGroundTruth('arch,acc\n"vit:web:e64:m2,2:h2,2",41.5\n"vit:web:e96:m3,4:h4,2",44\n', {
      fileName: 'mine.csv',
    });
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    expect(ok.value.keyKind).toBe('vit-text');
    expect(ok.value.space).toBe('browser');
    expect(ok.value.rows.get('vit:web:e96:m3,4:h4,2')?.acc).toBe(44);
    const bad = importGroundTruth('arch,acc\n"vit:web:e64:m2,2:h2,2",41.5\n"vit:web:e65:m2,2:h2,2",40\n', {
      fileName: 'bad.csv',
      mapping: { keyColumn: 'arch', keyKind: 'vit-text', valueColumns: ['acc'] },
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.line).toBe(3);
  });
});
