import { describe, expect, it } from 'vitest';
import { parseManifest } from './manifest';

describe('parseManifest', () => {
  it('accepts a manifest with file, bytes and sha256 per entry', () => {
    const text = JSON.stringify({
      format: 'snx-data-manifest',
      recipe: 1,
      generatedBy: 'test',
      files: [{ file: 'a.bin', bytes: 10, sha256: 'ab' }],
    });
    const parsed = parseManifest(text);
    expect(parsed.ok && parsed.value.files[0]?.file).toBe('a.bin');
  });

  it('rejects non-JSON, other JSON and broken entries with a message', () => {
    expect(parseManifest('{').ok || 'failed').toBe('failed');
    expect(parseManifest('{"format":"x","files":[]}')).toEqual({
      ok: false,
      error: 'manifest.json is not a dataset manifest',
    });
    const broken = parseManifest('{"format":"snx-data-manifest","files":[{"file":"a.bin"}]}');
    expect(broken.ok || broken.error).toMatch(/without file, bytes, sha256/);
  });
});
