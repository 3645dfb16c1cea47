import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { reproducibleGzip } from './reproducibleGzip';

describe('reproducibleGzip', () => {
  const text = 'arch,value\n|none~0|+|none~0|none~1|+|none~0|none~1|none~2|,1.5\n'.repeat(50);

  it('gives the same bytes every time, and they decompress to the text', () => {
    const a = reproducibleGzip(text);
    const b = reproducibleGzip(text);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(gunzipSync(a).toString('utf8')).toBe(text);
    expect(a.length).toBeLessThan(text.length / 10);
  });

  it('writes a header without mtime or file name and with OS "unknown"', () => {
    const bytes = Buffer.from(reproducibleGzip(text));
    expect(bytes[3]).toBe(0); // FLG: no name, comment, extra field or header CRC
    expect(bytes.readUInt32LE(4)).toBe(0); // MTIME
    expect(bytes[9]).toBe(255); // OS
  });
});
