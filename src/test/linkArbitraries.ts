/**
 * Share links for tests: a valid prefix and version around an arbitrary JSON payload (objects with
 * the page's real field names and hostile values, nested junk, huge numbers, prototype keys), or a
 * mangled payload. Used by the fuzz tests and the link corpus (scripts/state/makeLinkCorpus.ts).
 */
import fc from 'fast-check';
import LZString from 'lz-string';
import { IMPLEMENTED_PROXY_IDS } from '../core/proxies/ids';
import { SPACE_IDS } from '../core/spaces/spaceIds';

/** Each page's short link keys (url.ts, labUrl.ts, lectureUrl.ts). */
export const LINK_KEYS = {
  v1: ['sp', 'n', 's', 'f', 'b', 'd', 'p', 'x', 'a', 't', 'cm'],
  lab1: [
    'pn',
    's',
    'pr',
    'am',
    'c',
    'm',
    'sg',
    'ft',
    'l',
    'im',
    'w',
    'd',
    'n',
    'k',
    'rk',
    'it',
    'fq',
    'th',
    'cp',
  ],
  lec1: ['sc', 'src', 'n', 's', 'r', 'a', 'hf', 'sg', 'rp', 'p', 'lock', 'ts', 'tb', 'col', 'sp'],
} as const satisfies Record<string, readonly string[]>;

const hostileValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -1e308, 2 ** 53, -0, 1e-320, '1e9', '', '__proto__', null, true),
  fc.string(),
  fc.array(fc.oneof(fc.integer(), fc.string()), { maxLength: 5 }),
  fc.dictionary(fc.string(), fc.integer(), { maxKeys: 3 }),
);

/** A payload with some of the page's real field names (and '__proto__'), or any JSON at all. */
function payloads(keys: readonly string[]) {
  const named = fc.dictionary(fc.constantFrom(...keys, '__proto__', 'constructor', 'zz'), hostileValue, {
    maxKeys: keys.length,
  });
  return fc.oneof(named, fc.jsonValue({ maxDepth: 4 }));
}

export function links(prefix: string, keys: readonly string[]) {
  const whole = payloads(keys).map(
    (p) => `#${prefix}.${LZString.compressToEncodedURIComponent(JSON.stringify(p))}`,
  );
  const mangled = fc
    .tuple(whole, fc.nat(), fc.string({ maxLength: 3 }))
    .map(
      ([link, at, junk]) =>
        link.slice(0, at % (link.length + 1)) + junk + link.slice((at % (link.length + 1)) + junk.length),
    );
  return fc.oneof(
    whole,
    mangled,
    fc.string().map((s) => `#${prefix}.${s}`),
  );
}

/** Values a page's own encoder could have written: in range for numbers, from the lists for names. */
function plausibleValue(key: string) {
  const cell = fc.integer({ min: 0, max: 15_624 });
  const proxies = fc.subarray([...IMPLEMENTED_PROXY_IDS], { minLength: 1 });
  const byKey: Record<string, fc.Arbitrary<unknown>> = {
    sp: fc.constantFrom(...SPACE_IDS),
    n: fc.integer({ min: 0, max: 1000 }),
    s: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    f: fc.constantFrom('quick', 'paper'),
    b: fc.integer({ min: 2, max: 256 }),
    d: fc.constantFrom('cifar10-train', 'cifar10-test'),
    p: proxies,
    x: cell,
    a: fc
      .array(cell, { maxLength: 4 })
      .map((cells) => cells.map((c) => c.toString(5).padStart(6, '0')).join('.')),
    t: fc.tuple(
      fc.constantFrom('nb201', 'trained: nb201 short 10 steps seed 0'),
      fc.constantFrom('cifar10_test', 'acc'),
    ),
    cm: proxies,
  };
  return (
    byKey[key] ??
    fc.oneof(fc.integer({ min: 0, max: 64 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean())
  );
}

/** Links whose fields are mostly ones the page could have written itself (Explorer fields by type). */
export function plausibleLinks(prefix: string, keys: readonly string[]) {
  return fc
    .array(fc.constantFrom(...keys), { minLength: 1, maxLength: 4 })
    .chain((chosen) =>
      fc.tuple(...[...new Set(chosen)].map((k) => plausibleValue(k).map((v) => [k, v] as const))),
    )
    .map(
      (pairs) =>
        `#${prefix}.${LZString.compressToEncodedURIComponent(JSON.stringify(Object.fromEntries(pairs)))}`,
    );
}
