import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractFromTgz } from './tarball';

const work = mkdtempSync(join(tmpdir(), 'snx-tar-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A .tgz made by the system's tar (an independent writer), in ustar format, as npm pack makes them. */
function systemTgz(files: Record<string, Uint8Array>): Uint8Array {
  const root = join(work, 'src');
  for (const [path, data] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), data);
  }
  const archive = join(work, 'a.tgz');
  execFileSync('tar', ['--format=ustar', '-czf', archive, '-C', root, ...Object.keys(files)]);
  return new Uint8Array(readFileSync(archive));
}

describe('extractFromTgz', () => {
  it('returns the wanted files byte for byte, long ustar paths included', () => {
    const big = Uint8Array.from({ length: 5000 }, (_, i) => (i * 31) & 255); // spans several blocks
    const longPath = `package/${'d'.repeat(60)}/${'e'.repeat(50)}/labels.json`; // > 100 chars: uses the prefix field
    const tgz = systemTgz({
      'package/a.bin': big,
      'package/empty.txt': new Uint8Array(0),
      [longPath]: new TextEncoder().encode('[6,9,9]'),
      'package/other.txt': new TextEncoder().encode('unwanted'),
    });
    const files = extractFromTgz(tgz, ['package/a.bin', 'package/empty.txt', longPath, 'package/missing']);
    expect([...files.keys()].sort()).toEqual([longPath, 'package/a.bin', 'package/empty.txt'].sort());
    expect(Array.from(files.get('package/a.bin')!)).toEqual(Array.from(big));
    expect(files.get('package/empty.txt')!.length).toBe(0);
    expect(new TextDecoder().decode(files.get(longPath))).toBe('[6,9,9]');
  });
});
