import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { IMPLEMENTED_PROXY_IDS, type ProxyId } from '../core/proxies/ids';
import { candidateCodec } from '../core/spaces/candidateIndex';
import { decodeViewState, encodeViewState, MAX_HASH_CHARS, URL_STATE_VERSION } from './url';
import {
  clampSampleSize,
  clampSeed,
  DEFAULT_VIEW_STATE,
  SPACE_IDS,
  VIEW_STATE_LIMITS,
  type ViewState,
} from './viewState';

/** Builds a v1 link around arbitrary JSON text, bypassing encodeViewState. */
const link = (json: string): string => `v1.${LZString.compressToEncodedURIComponent(json)}`;

const withDefaults = (patch: Partial<ViewState>): ViewState => ({
  ...DEFAULT_VIEW_STATE,
  proxies: [...DEFAULT_VIEW_STATE.proxies],
  ...patch,
});

/** mulberry32: small seeded PRNG so the random round trips are reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomState(next: () => number): ViewState {
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pool = [...IMPLEMENTED_PROXY_IDS];
  const proxies: ProxyId[] = [];
  const count = int(1, pool.length);
  while (proxies.length < count) proxies.push(pool.splice(int(0, pool.length - 1), 1)[0]!);
  const { sampleSize, seed } = VIEW_STATE_LIMITS;
  const space = SPACE_IDS[int(0, SPACE_IDS.length - 1)]!;
  const last = candidateCodec(space).size - 1;
  return {
    space,
    sampleSize: int(sampleSize.min, sampleSize.max),
    seed: int(seed.min, seed.max),
    fidelity: next() < 0.5 ? 'quick' : 'paper',
    batch: next() < 0.5 ? null : int(VIEW_STATE_LIMITS.batch.min, VIEW_STATE_LIMITS.batch.max),
    data: next() < 0.5 ? 'cifar10-train' : 'cifar10-test',
    proxies,
    selected: next() < 0.3 ? null : int(0, last),
    added: [...new Set(Array.from({ length: int(0, 5) }, () => int(0, last)))],
    truth: next() < 0.5 ? null : { table: `table ${int(0, 9)}.csv`, column: 'cifar10_test' },
    combo: next() < 0.5 ? null : proxies.slice(0, int(0, proxies.length)),
  };
}

const NON_DEFAULT: ViewState = {
  space: 'nb201',
  sampleSize: 1000,
  seed: 2 ** 32 - 1,
  fidelity: 'paper',
  batch: 16,
  data: 'cifar10-test',
  proxies: ['synflow', 'params'],
  selected: 15_624,
  added: [0, 15_624, 194],
  truth: { table: 'nb201.csv', column: 'cifar10_test' },
  combo: null,
};

describe('added cells', () => {
  it('are written as six base-5 digits each', () => {
    const encoded = encodeViewState({ ...NON_DEFAULT, added: [0, 15_624, 194] });
    const json = JSON.parse(LZString.decompressFromEncodedURIComponent(encoded.slice(3)));
    // 194 = 1·125 + 2·25 + 3·5 + 4 → 001234.
    expect(json.a).toBe('000000.444444.001234');
  });

  it('drop bad codes and repeats, with a notice', () => {
    const { state, notices } = decodeViewState(link('{"a":"001234.55.001234.12345.444444"}'));
    expect(state.added).toEqual([194, 15_624]);
    expect(notices).toEqual(['Ignored 2 added cells that are not six base-5 digits (or past 1000).']);
    const wrongType = decodeViewState(link('{"a":[1,2]}'));
    expect(wrongType.state.added).toEqual([]);
    expect(wrongType.notices).toHaveLength(1);
  });

  it('are base-36 indices in other spaces, checked against that space’s size', () => {
    const size = candidateCodec('vit-browser').size;
    const encoded = encodeViewState({ ...NON_DEFAULT, space: 'vit-browser', selected: 36, added: [35, 36] });
    const json = JSON.parse(LZString.decompressFromEncodedURIComponent(encoded.slice(3)));
    expect(json.a).toBe('z.10');
    const tooBig = (size + 1).toString(36);
    const { state, notices } = decodeViewState(link(`{"sp":"vit-browser","a":"z.${tooBig}.1a2b"}`));
    expect(state.added).toEqual([35, 1 * 36 ** 3 + 10 * 36 ** 2 + 2 * 36 + 11]);
    expect(notices).toEqual(['Ignored 1 added cell that is not in vit-browser (or past 1000).']);
    // An index valid in NB201 may be past the end of a smaller space, and is then refused.
    const selected = decodeViewState(link(`{"sp":"vit-browser","x":${size}}`));
    expect(selected.state.selected).toBeNull();
  });
});

describe('ground-truth choice', () => {
  it('travels as [table, column] and is dropped with a notice when malformed', () => {
    const ok = decodeViewState(link('{"t":["nb201.csv","cifar10_test"]}'));
    expect(ok.state.truth).toEqual({ table: 'nb201.csv', column: 'cifar10_test' });
    expect(ok.notices).toEqual([]);
    for (const bad of [
      '{"t":"nb201.csv"}',
      '{"t":["", "x"]}',
      `{"t":["${'a'.repeat(300)}","x"]}`,
      '{"t":[1,2]}',
    ]) {
      const decoded = decodeViewState(link(bad));
      expect(decoded.state.truth, bad).toBeNull();
      expect(decoded.notices, bad).toHaveLength(1);
    }
  });
});

describe('combo components', () => {
  it('travel as a list only when chosen; [] (no combo) and a list round-trip, the default stays out', () => {
    for (const combo of [[], ['nwot', 'synflow']] satisfies ProxyId[][]) {
      const state = withDefaults({ combo });
      expect(decodeViewState(encodeViewState(state))).toEqual({ state, notices: [] });
    }
    const json = JSON.parse(
      LZString.decompressFromEncodedURIComponent(
        encodeViewState(withDefaults({ combo: ['swap', 'zico'] })).slice(3),
      ),
    );
    expect(json).toEqual({ cm: ['swap', 'zico'] });
    expect(encodeViewState(withDefaults({ combo: null }))).toBe(encodeViewState(DEFAULT_VIEW_STATE));
  });

  it('drop unknown ids and repeats with a notice, and fall back to the default for a non-list', () => {
    const { state, notices } = decodeViewState(link('{"cm":["nwot","bogus","nwot","swap"]}'));
    expect(state.combo).toEqual(['nwot', 'swap']);
    expect(notices).toEqual(['Ignored unknown proxies: "bogus".']);
    const bad = decodeViewState(link('{"cm":"nwot"}'));
    expect(bad.state.combo).toBeNull();
    expect(bad.notices).toEqual([
      'The combo component list in the link was not valid; the default (nwot, synflow, ntk_cond, jacob_cov) was used.',
    ]);
  });

  it('leave links made before them as they were: same view, re-encoded to the very same text', () => {
    // Made by the codec before the combo existed (encodeViewState of NON_DEFAULT, and of a ViT view).
    const before = [
      'v1.N4IgdiBcCMAM8BoQGcoBYBMBONWBsA7NgKxIBmUIADgIZUCmATiEgEZTR5IAmlAxgEsyNRnAC0AF3rIJLalADaKAJ5gyAGwD2Adzm1GNALaoAukgAeHYngxoksyErCsMsaADo+yAG5zBw0VgAfSkZEDMQGkp4GNh3NATE93hoDABmNBAAXyA',
      'v1.N4IgzgDiBcIG4EsAuBaARgJwPYHcwFMMQAaEAOxgEYAGW0sGAFgCYBOR1gNgHY2BWUgDMYICAEMIhEiDRVOpACYiAxgkFiMNFEnxgk0qNADa5HFn2kySANYB9ZVjJKAuqQAeMAMzyQ+4+TRmakoAOmUwOGlVdU1qWx09EFcQMREALxCaEABfIA',
    ];
    expect(decodeViewState(before[0]!)).toEqual({ state: NON_DEFAULT, notices: [] });
    expect(decodeViewState(before[1]!)).toEqual({
      state: {
        ...NON_DEFAULT,
        space: 'vit-browser',
        selected: 36,
        added: [35, 36],
        proxies: ['nwot', 'ntk_cond'],
      },
      notices: [],
    });
    for (const hash of before) expect(encodeViewState(decodeViewState(hash).state)).toBe(hash);
  });
});

describe('round trip', () => {
  it('keeps the defaults and writes a versioned fragment', () => {
    const hash = encodeViewState(DEFAULT_VIEW_STATE);
    expect(hash.startsWith(`v${URL_STATE_VERSION}.`)).toBe(true);
    expect(decodeViewState(hash)).toEqual({ state: DEFAULT_VIEW_STATE, notices: [] });
  });

  it.each([
    NON_DEFAULT,
    withDefaults({ sampleSize: 1, seed: 0, selected: 0 }),
    withDefaults({ fidelity: 'paper' }),
    withDefaults({ proxies: ['synflow'] }),
    withDefaults({ seed: 123_456_789, selected: 7_777 }),
  ])('keeps %o', (state) => {
    expect(decodeViewState(encodeViewState(state))).toEqual({ state, notices: [] });
  });

  it('keeps 200 seeded random valid states, also with "#" and percent-encoding', () => {
    const next = rng(20_240_601);
    for (let i = 0; i < 200; i++) {
      const state = randomState(next);
      const hash = encodeViewState(state);
      expect(decodeViewState(hash)).toEqual({ state, notices: [] });
      expect(decodeViewState(`#${hash}`).state).toEqual(state);
      const [prefix, payload] = hash.split('.') as [string, string];
      expect(decodeViewState(`${prefix}.${encodeURIComponent(payload)}`).state).toEqual(state);
    }
  });

  it('stores only non-default fields, so links stay short', () => {
    expect(encodeViewState(NON_DEFAULT).length).toBeLessThan(200);
    expect(encodeViewState(DEFAULT_VIEW_STATE).length).toBeLessThan(encodeViewState(NON_DEFAULT).length);
    const json = LZString.decompressFromEncodedURIComponent(
      encodeViewState(withDefaults({ seed: 5 })).slice(3),
    );
    expect(JSON.parse(json)).toEqual({ s: 5 });
  });
});

describe('empty and prefixed hashes', () => {
  it('reads "" and "#" as defaults without notices', () => {
    expect(decodeViewState('')).toEqual({ state: DEFAULT_VIEW_STATE, notices: [] });
    expect(decodeViewState('#')).toEqual({ state: DEFAULT_VIEW_STATE, notices: [] });
  });

  it('accepts a leading "#"', () => {
    expect(decodeViewState(`#${encodeViewState(NON_DEFAULT)}`)).toEqual({ state: NON_DEFAULT, notices: [] });
  });

  it('returns a fresh defaults object each time', () => {
    const a = decodeViewState('').state;
    a.proxies.push('synflow');
    expect(decodeViewState('').state.proxies).toEqual(['params', 'synflow']);
    expect(DEFAULT_VIEW_STATE.proxies).toEqual(['params', 'synflow']);
  });
});

/** Decoding must fall back to the full defaults with exactly one notice. */
function expectRejected(hash: string, pattern: RegExp): void {
  const { state, notices } = decodeViewState(hash);
  expect(state).toEqual(DEFAULT_VIEW_STATE);
  expect(notices).toHaveLength(1);
  expect(notices[0]).toMatch(pattern);
}

describe('damaged links', () => {
  it('rejects a truncated payload', () => {
    const hash = encodeViewState(NON_DEFAULT);
    expectRejected(hash.slice(0, hash.length - 6), /damaged/);
    expectRejected('v1.', /damaged/);
  });

  it('rejects random garbage and strings that are not links', () => {
    expectRejected('v1.@@not*lz!!', /damaged/);
    expectRejected('v1.Zm9vYmFyYmF6cXV4', /damaged/);
    expectRejected('hello world', /does not contain a share link/);
    expectRejected('v1', /does not contain a share link/);
    expectRejected('v1.%E0%A4%A', /damaged/);
  });

  it('rejects another version', () => {
    expectRejected('v9.xxx', /format v9.*reads v1/);
    expectRejected(`v2.${encodeViewState(NON_DEFAULT).slice(3)}`, /format v2/);
  });

  it('rejects non-JSON and JSON that is not an object', () => {
    expectRejected(link('{"n": 5'), /damaged/);
    expectRejected(link('not json'), /damaged/);
    expectRejected(link('[1,2,3]'), /does not contain view settings/);
    expectRejected(link('42'), /does not contain view settings/);
    expectRejected(link('null'), /does not contain view settings/);
    expectRejected(link('"text"'), /does not contain view settings/);
  });

  it('replaces each field of the wrong type by its default, naming the field', () => {
    const { state, notices } = decodeViewState(
      link('{"sp":"nb301","n":"20","s":true,"f":3,"p":"params","x":"7"}'),
    );
    expect(state).toEqual(DEFAULT_VIEW_STATE);
    expect(notices).toEqual([
      'The search space in the link was not valid; the default (nb201) was used.',
      'The sample size in the link was not valid; the default (20) was used.',
      'The seed in the link was not valid; the default (0) was used.',
      'The fidelity in the link was not valid; the default (quick) was used.',
      'The proxy list in the link was not valid; the default (params, synflow) was used.',
      'The selected architecture in the link was not valid; the default (none) was used.',
    ]);
  });

  it('keeps the valid fields when one field is bad', () => {
    const { state, notices } = decodeViewState(link('{"n":"lots","s":42,"f":"paper","x":31}'));
    expect(state).toEqual(withDefaults({ seed: 42, fidelity: 'paper', selected: 31 }));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/sample size/);
  });

  it('clamps out-of-range numbers exactly and rejects out-of-range cells', () => {
    const high = decodeViewState(link('{"n":5000,"s":8589934592,"x":20000}'));
    expect(high.state).toEqual(withDefaults({ sampleSize: 1000, seed: 4_294_967_295, selected: null }));
    expect(high.notices).toHaveLength(3);
    expect(high.notices[0]).toBe('The sample size in the link was outside 0 to 1000; it was set to 1000.');

    const low = decodeViewState(link('{"n":-2,"s":-3,"x":-1}'));
    expect(low.state).toEqual(withDefaults({ sampleSize: 0, seed: 0, selected: null }));
    expect(low.notices).toHaveLength(3);
  });

  it('rounds fractional counts and rejects fractional or infinite values where they make no sense', () => {
    const { state, notices } = decodeViewState(link('{"n":12.6,"s":3.2,"x":5.5}'));
    expect(state).toEqual(withDefaults({ sampleSize: 13, seed: 3, selected: null }));
    expect(notices).toEqual([
      'The sample size in the link was not a whole number; 13 was used.',
      'The seed in the link was not a whole number; 3 was used.',
      'The selected architecture in the link was not valid; the default (none) was used.',
    ]);
    // 1e999 parses to Infinity.
    const inf = decodeViewState(link('{"n":1e999}'));
    expect(inf.state.sampleSize).toBe(20);
    expect(inf.notices).toHaveLength(1);
  });

  it('drops unknown proxy ids, deduplicates and keeps order', () => {
    const { state, notices } = decodeViewState(
      link('{"p":["synflow","bogus","vintk","synflow",7,"ntk_cond","params"]}'),
    );
    expect(state.proxies).toEqual(['synflow', 'vintk', 'ntk_cond', 'params']);
    expect(notices).toEqual(['Ignored unknown proxies: "bogus", "number".']);
  });

  it('falls back to the default proxies when none survive', () => {
    for (const json of ['{"p":["bogus"]}', '{"p":[]}']) {
      const { state, notices } = decodeViewState(link(json));
      expect(state.proxies).toEqual(['params', 'synflow']);
      expect(notices.at(-1)).toMatch(/No usable proxies.*default \(params, synflow\)/);
    }
  });

  it('ignores unknown keys, listing at most five sanitised names', () => {
    const { state, notices } = decodeViewState(
      link('{"n":30,"z":1,"b-b":2,"c":3,"dd":4,"e":5,"f2":6,"g":7}'),
    );
    expect(state).toEqual(withDefaults({ sampleSize: 30 }));
    expect(notices).toEqual(['Ignored unknown settings in the link: "z", "bb", "c", "dd", "e" and 2 more.']);
  });
});

describe('data settings', () => {
  it('reads a batch size (clamped to 2..256) and a data set, and refuses unknown data sets', () => {
    const ok = decodeViewState(link('{"b":300,"d":"cifar10-test"}'));
    expect(ok.state.batch).toBe(256);
    expect(ok.state.data).toBe('cifar10-test');
    expect(ok.notices).toEqual(['The batch size in the link was outside 2 to 256; it was set to 256.']);
    const bad = decodeViewState(link('{"b":"x","d":"imagenet"}'));
    expect(bad.state.batch).toBeNull();
    expect(bad.state.data).toBe('cifar10-train');
    expect(bad.notices).toHaveLength(2);
  });
});

describe('hostile links', () => {
  it('does not pollute prototypes through __proto__, constructor or prototype keys', () => {
    for (const json of [
      '{"__proto__":{"polluted":1}}',
      '{"constructor":{"prototype":{"polluted":1}}}',
      '{"prototype":{"polluted":1}}',
      '{"p":{"__proto__":{"polluted":1}}}',
    ]) {
      const { state, notices } = decodeViewState(link(json));
      expect(state).toEqual(DEFAULT_VIEW_STATE);
      expect(notices).toHaveLength(1);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.hasOwn(state, 'polluted')).toBe(false);
    }
    expect(decodeViewState(link('{"__proto__":{"polluted":1}}')).notices[0]).toMatch(/"__proto__"/);
  });

  it('refuses a 10 MB hash quickly', () => {
    const start = performance.now();
    expectRejected(`#v1.${'A'.repeat(10 * 1024 * 1024)}`, /too long/);
    expectRejected(`v1.${'A'.repeat(MAX_HASH_CHARS)}`, /too long/);
    expect(performance.now() - start).toBeLessThan(500);
  });

  it('refuses a small payload that decompresses to a huge text', () => {
    const hash = link(JSON.stringify({ n: 5, pad: 'x'.repeat(200_000) }));
    expect(hash.length).toBeLessThan(MAX_HASH_CHARS);
    expectRejected(hash, /too long/);
  });

  it('never echoes markup or long input into notices', () => {
    const longKey = 'k'.repeat(100);
    const { state, notices } = decodeViewState(
      link(`{"f":"<script>alert(1)</script>","p":["<script>x</script>"],"<script>":1,"${longKey}":2}`),
    );
    expect(state).toEqual(DEFAULT_VIEW_STATE);
    expect(notices.length).toBeGreaterThanOrEqual(3);
    for (const notice of notices) {
      expect(notice).not.toMatch(/[<>]/);
      expect(notice).not.toContain('k'.repeat(41));
    }
    expect(notices.join(' ')).toContain(`"${'k'.repeat(40)}"`);
  });
});

describe('clamp helpers', () => {
  it('round and clamp into the view-state limits', () => {
    expect(clampSampleSize(-1)).toBe(0);
    expect(clampSampleSize(12.5)).toBe(13);
    expect(clampSampleSize(1e9)).toBe(1000);
    expect(clampSampleSize(Number.NaN)).toBe(0);
    expect(clampSeed(-5)).toBe(0);
    expect(clampSeed(Number.POSITIVE_INFINITY)).toBe(4_294_967_295);
  });
});
