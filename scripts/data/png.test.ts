import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, decodePng } from './png';

// A 16x8 opaque RGBA PNG written by Chromium's encoder (canvas.toDataURL), two IDAT chunks,
// from pixels R = (16x + 37y) & 255, G = (x² + 3y) & 255, B = (255 − 5xy) & 255, A = 255.
const CHROMIUM_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAICAYAAADwdn+XAAAAfUlEQVR4AezQoRGCABhH8U+w2Kg2g3TdgBF0A4MDWG2OwAhWm8Vi0UChcNxRKNwBhUKAQiE8/mMQCL/6wnPMwFvBbg2HDQQenLZw2cPtCI8AwjM8r/C+wz+E9AVlBF0Fju+a+e4og/TSSiO1FJJLJonEEslPvvKxJTCHBxMAAAD//0s3hLQAAAAGSURBVAMAuVeWYaJFLhkAAAAASUVORK5CYII=';

function chunk(type: string, data: Uint8Array): Uint8Array {
  const typeAndData = new Uint8Array([...Array.from(type, (ch) => ch.charCodeAt(0)), ...data]);
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(typeAndData, 4);
  view.setUint32(8 + data.length, crc32(typeAndData));
  return out;
}

/**
 * Encodes 8-bit RGB rows, row y with filter type y mod 5, filtering as PNG spec §9.2 defines it:
 * Filt(x) = Orig(x) − Predictor(left a, up b, up-left c), predictors computed from the original bytes.
 */
function encodeAllFilters(width: number, height: number, rgb: Uint8Array): Uint8Array {
  const stride = width * 3;
  const raw = new Uint8Array(height * (stride + 1));
  const at = (y: number, i: number) => (y < 0 || i < 0 ? 0 : rgb[y * stride + i]!);
  for (let y = 0; y < height; y++) {
    const type = y % 5;
    raw[y * (stride + 1)] = type;
    for (let i = 0; i < stride; i++) {
      const a = at(y, i - 3);
      const b = at(y - 1, i);
      const c = at(y - 1, i - 3);
      const p = a + b - c;
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
      const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      const predictor = [0, a, b, Math.floor((a + b) / 2), paeth][type]!;
      raw[y * (stride + 1) + 1 + i] = (at(y, i) - predictor + 256) & 255;
    }
  }
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, width);
  new DataView(ihdr.buffer).setUint32(4, height);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const parts = [chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))];
  return new Uint8Array([...signature, ...parts.flatMap((p) => Array.from(p))]);
}

describe('crc32', () => {
  it('gives the standard check value 0xCBF43926 for "123456789"', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});

describe('decodePng', () => {
  it('reads a PNG written by an independent encoder (Chromium) to the exact pixels', () => {
    const png = decodePng(new Uint8Array(Buffer.from(CHROMIUM_PNG, 'base64')));
    expect([png.width, png.height, png.channels]).toEqual([16, 8, 4]);
    for (let y = 0; y < 8; y++) {
      for (let x = 0; x < 16; x++) {
        const o = (y * 16 + x) * 4;
        const expected = [(16 * x + 37 * y) & 255, (x * x + 3 * y) & 255, (255 - 5 * x * y) & 255, 255];
        expect(Array.from(png.pixels.subarray(o, o + 4))).toEqual(expected);
      }
    }
  });

  it('undoes all five filter types (None, Sub, Up, Average, Paeth)', () => {
    const width = 7;
    const height = 10; // every filter type twice
    const rgb = Uint8Array.from(
      { length: width * height * 3 },
      (_, i) => (i * 97 + ((i * i) % 13) * 31) & 255,
    );
    const png = decodePng(encodeAllFilters(width, height, rgb));
    expect([png.width, png.height, png.channels]).toEqual([7, 10, 3]);
    expect(Array.from(png.pixels)).toEqual(Array.from(rgb));
  });

  it('refuses a non-PNG and a chunk whose CRC is wrong', () => {
    expect(() => decodePng(new Uint8Array(20))).toThrow(/not a PNG/);
    const bytes = new Uint8Array(Buffer.from(CHROMIUM_PNG, 'base64'));
    bytes[20] = bytes[20]! ^ 1; // inside IHDR data
    expect(() => decodePng(bytes)).toThrow(/IHDR fails its CRC/);
  });
});
