/**
 * gzip whose bytes depend on the text only, so a rebuild on another day or machine gives the same file
 * (and the same sha256 in tables.json). Node's zlib writes no file name and a zero mtime; the one header
 * byte that still depends on the platform zlib was built for, the OS byte, is set to 255 ("unknown").
 * The deflate stream itself depends on the zlib build: Node 20's bundled zlib at level 9 is the one the
 * committed files were made with (build-tables --check tells a compression-only difference apart).
 */
import { gzipSync } from 'node:zlib';

export const GZIP_LEVEL = 9;
/** Offset of the OS byte in the 10-byte gzip header (RFC 1952, 2.3). */
const OS_BYTE = 9;
const OS_UNKNOWN = 255;

export function reproducibleGzip(text: string): Uint8Array {
  const bytes = new Uint8Array(gzipSync(Buffer.from(text, 'utf8'), { level: GZIP_LEVEL, memLevel: 9 }));
  bytes[OS_BYTE] = OS_UNKNOWN;
  return bytes;
}
