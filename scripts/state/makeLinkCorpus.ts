/**
 * npm run build:link-corpus: a corpus of share links and what today's decoders make of them, so a
 * rewrite of the link codecs can show that every link opens exactly as before
 * (src/state/linkCorpus.test.ts). Per page: seeded hostile and mangled links (src/test/linkArbitraries.ts),
 * the links today's encoder writes for the states those decode to, and the pages' default links.
 * Written to src/test/fixtures/link-corpus.json.gz; run it again only on purpose (a new corpus
 * records whatever the code does now).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { DEFAULT_LAB_STATE } from '../../src/state/labState';
import { decodeLabState, encodeLabState } from '../../src/state/labUrl';
import { DEFAULT_LECTURE_STATE } from '../../src/state/lectureState';
import { decodeLectureState, encodeLectureState } from '../../src/state/lectureUrl';
import { decodeViewState, encodeViewState } from '../../src/state/url';
import { DEFAULT_VIEW_STATE } from '../../src/state/viewState';
import { LINK_KEYS, links, plausibleLinks } from '../../src/test/linkArbitraries';

export const LINK_CORPUS_PATH = 'src/test/fixtures/link-corpus.json.gz';
const PER_PAGE = 600;

interface Page<S> {
  prefix: keyof typeof LINK_KEYS;
  decode(hash: string): { state: S; notices: string[] };
  encode(state: S): string;
  defaults: S;
}

function entries<S>(page: Page<S>, seed: number): { link: string; decoded: string }[] {
  const keys = LINK_KEYS[page.prefix];
  const hostile = fc.sample(links(page.prefix, keys), { numRuns: PER_PAGE, seed });
  const plausible = fc.sample(plausibleLinks(page.prefix, keys), { numRuns: PER_PAGE, seed });
  const written = [...hostile, ...plausible].map((link) => `#${page.encode(page.decode(link).state)}`);
  const all = [`#${page.encode(page.defaults)}`, '', '#', ...hostile, ...plausible, ...written];
  return [...new Set(all)].map((link) => ({ link, decoded: JSON.stringify(page.decode(link)) }));
}

const corpus = {
  v1: entries(
    { prefix: 'v1', decode: decodeViewState, encode: encodeViewState, defaults: DEFAULT_VIEW_STATE },
    1,
  ),
  lab1: entries(
    { prefix: 'lab1', decode: decodeLabState, encode: encodeLabState, defaults: DEFAULT_LAB_STATE },
    2,
  ),
  lec1: entries(
    {
      prefix: 'lec1',
      decode: decodeLectureState,
      encode: encodeLectureState,
      defaults: DEFAULT_LECTURE_STATE,
    },
    3,
  ),
};
mkdirSync(dirname(LINK_CORPUS_PATH), { recursive: true });
writeFileSync(LINK_CORPUS_PATH, gzipSync(JSON.stringify(corpus), { level: 9 }));
console.log(
  `link corpus: ${Object.entries(corpus)
    .map(([p, e]) => `${e.length} ${p} links`)
    .join(', ')} in ${LINK_CORPUS_PATH}`,
);
