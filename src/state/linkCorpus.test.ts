/**
 * Every link of the corpus (src/test/fixtures/link-corpus.json.gz, made by
 * scripts/state/makeLinkCorpus.ts from the decoders as they were when it was written) still opens
 * exactly as it did: the same state and the same notices, compared as JSON text (so −0 and 0, or a
 * missing and an undefined field, count as different).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeLabState } from './labUrl';
import { decodeLectureState } from './lectureUrl';
import { decodeViewState } from './url';

const PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../test/fixtures/link-corpus.json.gz');
const corpus = JSON.parse(gunzipSync(readFileSync(PATH)).toString('utf8')) as Record<
  'v1' | 'lab1' | 'lec1',
  { link: string; decoded: string }[]
>;

const DECODERS = { v1: decodeViewState, lab1: decodeLabState, lec1: decodeLectureState } as const;

describe('links made before open as before', () => {
  for (const page of ['v1', 'lab1', 'lec1'] as const) {
    it(`${page}: ${corpus[page].length} links decode to the recorded state and notices`, () => {
      expect(corpus[page].length).toBeGreaterThan(500);
      const changed = corpus[page].filter(
        ({ link, decoded }) => JSON.stringify(DECODERS[page](link)) !== decoded,
      );
      expect(changed.map((c) => c.link)).toEqual([]);
    });
  }
});
