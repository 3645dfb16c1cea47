/**
 * Reads a generated dataset file from public/data (made by scripts/data/prepare-data.ts, never
 * committed). A test that needs one fails with a message naming the file and the command that
 * makes it; it never skips.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PREPARE_DATA_COMMAND } from '../core/data/manifest';

export const PUBLIC_DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../public/data');

export function readPublicData(name: string): Uint8Array {
  const path = resolve(PUBLIC_DATA_DIR, name);
  if (!existsSync(path)) {
    throw new Error(`dataset file missing: ${path} — make it with \`${PREPARE_DATA_COMMAND}\``);
  }
  return new Uint8Array(readFileSync(path));
}
