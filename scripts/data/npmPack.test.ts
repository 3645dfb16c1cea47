import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fetchTarball, integrityOf, type PinnedPackage, tarballPath } from './npmPack';

const cache = mkdtempSync(join(tmpdir(), 'snx-pack-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

describe('npm tarball integrity', () => {
  it('is sha512 in base64 (the SHA-512 of no bytes is z4PhNX7v…)', () => {
    expect(integrityOf(new Uint8Array(0))).toBe(
      'sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==',
    );
  });

  it('takes a cached tarball that matches its pin, and deletes one that does not', () => {
    const bytes = new TextEncoder().encode('pretend tarball');
    const pkg: PinnedPackage = { name: 'not-fetched', version: '0.0.0', integrity: integrityOf(bytes) };
    mkdirSync(cache, { recursive: true });
    writeFileSync(tarballPath(cache, pkg), bytes);
    const cached = fetchTarball(pkg, cache);
    expect(cached.ok && new TextDecoder().decode(cached.value)).toBe('pretend tarball');

    const wrongPin = { ...pkg, integrity: integrityOf(new Uint8Array(1)) };
    const refused = fetchTarball(wrongPin, cache);
    expect(refused.ok || refused.error).toMatch(/not-fetched@0.0.0 tarball has integrity sha512-/);
  });
});
