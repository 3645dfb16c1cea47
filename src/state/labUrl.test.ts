import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LAB_STATE, defaultLabState, type LabState } from './labState';
import { decodeLabState, encodeLabState } from './labUrl';

const link = (json: string) => `lab1.${LZString.compressToEncodedURIComponent(json)}`;

describe('lab links', () => {
  it('round-trip every field, and the defaults encode to an empty object', () => {
    const state: LabState = {
      panel: 'precond',
      seed: 4_294_967_295,
      preset: 'paper',
      amplitudes: 'custom',
      components: [
        [3, 0.5],
        [40, 2],
      ],
      mapping: 'gaussian',
      sigma: 32,
      features: 64,
      levels: 4,
      image: true,
      width: 4096,
      depth: 3,
      points: 200,
      flatten: 16,
      residualK: [2, 7],
      steps: 1000,
      frequencies: [0, 3, 9],
      threshold: 1e-4,
      cap: 5000,
    };
    expect(decodeLabState(`#${encodeLabState(state)}`)).toEqual({ state, notices: [] });
    const encoded = encodeLabState(defaultLabState());
    expect(LZString.decompressFromEncodedURIComponent(encoded.slice(5))).toBe('{}');
  });

  it('clamps numbers into range and says so, keeping the rest', () => {
    const { state, notices } = decodeLabState(link('{"w":1e9,"d":2.6,"pn":"spectrum"}'));
    expect(state.width).toBe(4096);
    expect(state.depth).toBe(3);
    expect(state.panel).toBe('spectrum');
    expect(notices).toEqual([
      "The lab link's width (1000000000) was set to 4096 (allowed: 4 to 4096).",
      "The lab link's depth (2.6) was set to 3 (allowed: 1 to 8).",
    ]);
  });

  it('drops bad or repeated target components and falls back when none is left', () => {
    const some = decodeLabState(link('{"c":[[5,1],[5,2],[0,1],["x",1],[7,0.25]]}'));
    expect(some.state.components).toEqual([
      [5, 1],
      [7, 0.25],
    ]);
    expect(some.notices).toEqual([
      'Ignored 3 target component(s) in the lab link that were not valid or repeated.',
    ]);
    const none = decodeLabState(link('{"c":[[0,0]]}'));
    expect(none.state.components).toEqual(DEFAULT_LAB_STATE.components);
    expect(none.notices).toHaveLength(2);
  });

  it('refuses repeated residual frequencies and bad frequency lists, saying so', () => {
    const { state, notices } = decodeLabState(link('{"rk":[3,3],"fq":[1,1],"th":5}'));
    expect(state.residualK).toEqual([1, 4]);
    expect(state.frequencies).toEqual([1, 2, 3, 4]);
    expect(state.threshold).toBe(1);
    expect(notices).toHaveLength(3);
  });

  it('never throws on hostile input and never lets __proto__ through', () => {
    for (const hash of [
      'lab1.',
      'lab9.abc',
      'lab1.%%%',
      link('[1,2]'),
      link('{"__proto__":{"polluted":1},"pn":"<img src=x>"}'),
      `lab1.${'A'.repeat(40_000)}`,
    ]) {
      const { state, notices } = decodeLabState(hash);
      expect(state.panel).toBe('bias');
      expect(notices.length).toBeGreaterThan(0);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });
});
