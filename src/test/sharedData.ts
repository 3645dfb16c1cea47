/**
 * Reads a reference table from ../shared/data (never copied into the repo). A test that needs one
 * fails with a message naming the missing file; it never skips.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHARED_DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/data');

export function readSharedData(name: string): string {
  const path = resolve(SHARED_DATA_DIR, name);
  if (!existsSync(path)) {
    throw new Error(
      `reference file missing: ${path} (see shared/data/README.md; it must sit beside the checkout)`,
    );
  }
  return readFileSync(path, 'utf8');
}
