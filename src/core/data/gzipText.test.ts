import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isGzip, textOfMaybeGzip } from './gzipText';

describe('textOfMaybeGzip', () => {
  const text = 'arch,acc\n|none~0|+|none~0|none~1|+|none~0|none~1|none~2|,10.0\nµ ünïcode\n';

  it('inflates gzip bytes (made by zlib, another implementation) to the original text', async () => {
    const packed = new Uint8Array(gzipSync(Buffer.from(text, 'utf8')));
    expect(isGzip(packed)).toBe(true);
    expect(await textOfMaybeGzip(packed)).toBe(text);
  });

  it('reads bytes without the gzip magic as UTF-8 (a server that already inflated them)', async () => {
    const plain = new TextEncoder().encode(text);
    expect(isGzip(plain)).toBe(false);
    expect(await textOfMaybeGzip(plain)).toBe(text);
  });

  it('rejects damaged gzip data instead of returning garbage', async () => {
    const packed = new Uint8Array(gzipSync(Buffer.from(text.repeat(50), 'utf8')));
    const cut = packed.slice(0, Math.floor(packed.length / 2));
    await expect(textOfMaybeGzip(cut)).rejects.toThrow();
  });
});
