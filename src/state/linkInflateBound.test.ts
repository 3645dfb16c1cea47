import fc from 'fast-check';
import LZString from 'lz-string';
import { describe, expect, it, vi } from 'vitest';
import { inflatedLength } from './linkInflateBound';
import { decodePayload, encodePayload, MAX_HASH_CHARS } from './linkPayload';

const { compressToEncodedURIComponent } = LZString;

describe('the inflated length of a link payload, found without inflating', () => {
  it('equals the length lz-string inflates to, on 2 000 random texts (unicode, repetitive, JSON)', () => {
    const texts = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 400 }),
      fc.string({ unit: fc.constantFrom('a', 'b', '{', '"'), maxLength: 3000 }),
      fc.json({ maxDepth: 3 }),
    );
    fc.assert(
      fc.property(texts, (text) => {
        const payload = compressToEncodedURIComponent(text);
        const bound = inflatedLength(payload, Number.POSITIVE_INFINITY);
        expect(bound).toEqual({
          ok: true,
          length: LZString.decompressFromEncodedURIComponent(payload)!.length,
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a link bomb (16 KB inflating to millions of characters) before inflating it', () => {
    // About 8 KB of payload for ten million characters.
    const bomb = compressToEncodedURIComponent('a'.repeat(10_000_000));
    expect(bomb.length).toBeLessThan(MAX_HASH_CHARS);
    expect(inflatedLength(bomb, 64 * 1024)).toEqual({ ok: false, reason: 'over-limit' });
    const inflate = vi.spyOn(LZString, 'decompressFromEncodedURIComponent');
    try {
      expect(decodePayload(`v1.${bomb}`, 'v', 1)).toEqual({ ok: false, reason: 'too-long' });
      expect(inflate).not.toHaveBeenCalled();
    } finally {
      inflate.mockRestore();
    }
  });

  it('still reads real links, and calls truncated or foreign payloads damaged', () => {
    const link = encodePayload('v', 1, { n: 20, p: ['params', 'synflow'] });
    expect(decodePayload(link, 'v', 1)).toEqual({ ok: true, value: { n: 20, p: ['params', 'synflow'] } });
    const payload = link.slice(3);
    expect(inflatedLength(payload.slice(0, payload.length - 3), 1e6)).toMatchObject({ ok: false });
    expect(inflatedLength('', 1e6)).toEqual({ ok: false, reason: 'damaged' });
    expect(inflatedLength('ab*c', 1e6)).toEqual({ ok: false, reason: 'damaged' });
  });
});
