import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { appendJsonLine, readJsonLines, readJsonLinesText } from './jsonl';

describe('JSON lines after a killed run', () => {
  it('reads past a torn last line, and the next append starts a line of its own', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'jsonl-')), 'records.jsonl');
    writeFileSync(path, '{"a":1}\n{"a":2,"b');
    expect(readJsonLines(path)).toEqual({ records: [{ a: 1 }], torn: 1 });
    appendJsonLine(path, { a: 3 });
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}\n{"a":2,"b\n{"a":3}\n');
    expect(readJsonLines(path)).toEqual({ records: [{ a: 1 }, { a: 3 }], torn: 1 });
  });

  it('treats a missing file as empty', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'jsonl-')), 'none.jsonl');
    expect(readJsonLines(path)).toEqual({ records: [], torn: 0 });
    appendJsonLine(path, { a: 1 });
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}\n');
  });

  it('reads a gzip-compressed file (.gz) line by line, a torn line skipped', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'jsonl-')), 'records.jsonl.gz');
    writeFileSync(path, gzipSync('{"a":1}\n{"a":2}\n{"a":'));
    expect(readJsonLines<{ a: number }>(path)).toEqual({ records: [{ a: 1 }, { a: 2 }], torn: 1 });
  });
});

describe('the text of a JSON lines file', () => {
  it('is the file as written, gunzipped when the name ends in .gz', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jsonl-'));
    writeFileSync(join(dir, 'plain.jsonl'), '{"a":1}\n');
    writeFileSync(join(dir, 'packed.jsonl.gz'), gzipSync('{"a":2}\n'));
    expect(readJsonLinesText(join(dir, 'plain.jsonl'))).toBe('{"a":1}\n');
    expect(readJsonLinesText(join(dir, 'packed.jsonl.gz'))).toBe('{"a":2}\n');
  });
});
