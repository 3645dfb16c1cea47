import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { MAX_TABLE_NAME } from '../core/groundtruth/mappingDraft';
import {
  defaultLectureState,
  LECTURE_MAX_COLUMN_NAME,
  LECTURE_MAX_TABLE_NAME,
  type LectureState,
} from './lectureState';
import { decodeLectureState, encodeLectureState } from './lectureUrl';

const link = (json: string) => `lec1.${LZString.compressToEncodedURIComponent(json)}`;

describe('lecture links', () => {
  it('round-trip every field, and the defaults encode to an empty object', () => {
    const state: LectureState = {
      screen: 3,
      source: 'sample',
      n: 200,
      seed: 4_294_967_295,
      r: 0.75,
      alpha: 1,
      hf: 'vintk_rfp',
      sigma: 0.3,
      repeats: 7,
      present: true,
      hide: ['source', 'sliders', 'table', 'train'],
      lock: true,
      trainSteps: 7,
      table: '',
      column: '',
      tableSpace: null,
    };
    expect(decodeLectureState(`#${encodeLectureState(state)}`)).toEqual({ state, notices: [] });
    const encoded = encodeLectureState(defaultLectureState());
    expect(LZString.decompressFromEncodedURIComponent(encoded.slice(5))).toBe('{}');
  });

  it('writes hidden groups as "_hide" flags, in a fixed order whatever the input order', () => {
    const state = { ...defaultLectureState(), hide: ['table', 'sliders', 'table'] } as LectureState;
    const json = LZString.decompressFromEncodedURIComponent(encodeLectureState(state).slice(5));
    expect(JSON.parse(json)).toEqual({ sliders_hide: true, table_hide: true });
    expect(decodeLectureState(link('{"table_hide":true,"source_hide":true}')).state.hide).toEqual([
      'source',
      'table',
    ]);
  });

  it('reads the number of initialisations as an integer in 1 to 20; links without it average 3', () => {
    expect(decodeLectureState(link('{}')).state.repeats).toBe(3);
    expect(decodeLectureState(link('{"rp":5}'))).toEqual({
      state: { ...defaultLectureState(), repeats: 5 },
      notices: [],
    });
    expect(decodeLectureState(link('{"rp":50}')).notices).toEqual([
      "The lecture link's number of initialisations (50) was set to 20 (allowed: 1 to 20).",
    ]);
    expect(decodeLectureState(link('{"rp":2.4}')).state.repeats).toBe(2);
  });

  it('clamps numbers into range and says so, keeping the rest', () => {
    const { state, notices } = decodeLectureState(link('{"n":1000,"r":-2,"sc":2.6,"a":0.3,"p":true}'));
    expect(state.n).toBe(200);
    expect(state.r).toBe(0);
    expect(state.screen).toBe(3);
    expect(state.alpha).toBe(0.3);
    expect(state.present).toBe(true);
    expect(notices).toEqual([
      "The lecture link's screen (2.6) was set to 3 (allowed: 0 to 4).",
      "The lecture link's n (1000) was set to 200 (allowed: 2 to 200).",
      "The lecture link's r (-2) was set to 0 (allowed: 0 to 1.5).",
    ]);
  });

  it('reads wrong types as the defaults, with one notice each', () => {
    const { state, notices } = decodeLectureState(
      link('{"src":"<b>x</b>","s":"7","p":"yes","sliders_hide":1,"zz":0}'),
    );
    expect(state).toEqual(defaultLectureState());
    expect(notices).toEqual([
      'Ignored 1 unknown setting(s) in the lecture link.',
      "The lecture link's source was not valid; shipped was used.",
      "The lecture link's sliders_hide setting was not true or false; off was used.",
      "The lecture link's seed was not a number; 0 was used.",
      "The lecture link's presentation setting was not true or false; off was used.",
    ]);
  });

  it('reads a link made before live training as before: 100 training steps, nothing of it hidden', () => {
    // The link the default lecture e2e test opens (presentation, sliders hidden, 4 shipped rows).
    const { state, notices } = decodeLectureState(link('{"p":true,"n":4,"sliders_hide":true,"sc":3}'));
    expect(notices).toEqual([]);
    expect(state).toEqual({
      ...defaultLectureState(),
      present: true,
      n: 4,
      hide: ['sliders'],
      screen: 3,
      trainSteps: 100,
    });
  });

  it('writes the live-training flags only when they differ from the defaults', () => {
    const json = (state: LectureState) =>
      JSON.parse(LZString.decompressFromEncodedURIComponent(encodeLectureState(state).slice(5)));
    expect(json({ ...defaultLectureState(), trainSteps: 100 })).toEqual({});
    expect(json({ ...defaultLectureState(), trainSteps: 10, hide: ['train'] })).toEqual({
      ts: 10,
      train_hide: true,
    });
    expect(decodeLectureState(link('{"ts":10,"train_hide":true}')).state).toEqual({
      ...defaultLectureState(),
      trainSteps: 10,
      hide: ['train'],
    });
  });

  it('clamps training steps to 1 … 100 whole steps and says so in words', () => {
    const read = (ts: unknown) => decodeLectureState(link(JSON.stringify({ ts })));
    expect(read(0).state.trainSteps).toBe(1);
    expect(read(0).notices).toEqual([
      "The lecture link's training steps (0) was set to 1 (allowed: 1 to 100).",
    ]);
    expect(read(500).state.trainSteps).toBe(100);
    expect(read(2.4).state.trainSteps).toBe(2);
    expect(read('ten').state.trainSteps).toBe(100);
    expect(read('ten').notices).toEqual([
      "The lecture link's training steps was not a number; 100 was used.",
    ]);
  });

  it('opens the last visible screen when the link hides live training but points at its screen', () => {
    const hidden = decodeLectureState(link('{"sc":4,"train_hide":true,"p":true}'));
    expect(hidden.state.screen).toBe(3);
    expect(hidden.notices).toEqual([
      "The lecture link's screen 5 is live training, which the link hides; screen 4 was shown.",
    ]);
    const shown = decodeLectureState(link('{"sc":4,"p":true}'));
    expect(shown.state.screen).toBe(4);
    expect(shown.notices).toEqual([]);
  });

  it('never throws on hostile input and never lets __proto__ through', () => {
    for (const hash of [
      'lec1.',
      'lec7.abc',
      'lec1.%%%',
      link('[1,2]'),
      link('null'),
      link('{"__proto__":{"polluted":1},"src":"<img src=x onerror=alert(1)>"}'),
      `lec1.${'A'.repeat(40_000)}`,
    ]) {
      const { state, notices } = decodeLectureState(hash);
      expect(state.source).toBe('shipped');
      expect(state.present).toBe(false);
      expect(notices.length).toBeGreaterThan(0);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it('round-trip an imported table as source, with its column and space, under three new short keys', () => {
    const state: LectureState = {
      ...defaultLectureState(),
      source: 'table',
      n: 3,
      table: 'vit_oodvitnas_autoformer',
      column: 'imagenet_top1_supernet_inherited',
      tableSpace: 'autoformer-small',
    };
    const encoded = encodeLectureState(state);
    expect(JSON.parse(LZString.decompressFromEncodedURIComponent(encoded.slice(5)))).toEqual({
      src: 'table',
      n: 3,
      tb: 'vit_oodvitnas_autoformer',
      col: 'imagenet_top1_supernet_inherited',
      sp: 'autoformer-small',
    });
    expect(decodeLectureState(encoded)).toEqual({ state, notices: [] });
    // Names with quotes, markup, spaces and non-Latin letters come back character for character.
    const odd = { ...state, table: ' "<b>Tabelle</b>" · 表 ', column: 'top-1 (%)', tableSpace: null };
    expect(decodeLectureState(encodeLectureState(odd))).toEqual({ state: odd, notices: [] });
  });

  it('read every link made before imported tables exactly as before', () => {
    for (const json of [
      '{}',
      '{"src":"sample","n":7,"s":3}',
      '{"p":true,"n":4,"sliders_hide":true,"sc":3}',
      '{"ts":10,"train_hide":true,"lock":true,"r":0.5,"a":0.75}',
    ]) {
      const { state, notices } = decodeLectureState(link(json));
      expect(notices).toEqual([]);
      expect(state.table).toBe('');
      expect(state.column).toBe('');
      expect(state.tableSpace).toBeNull();
      // And the link they make again is the link they came from.
      const again = LZString.decompressFromEncodedURIComponent(encodeLectureState(state).slice(5));
      expect(JSON.parse(again)).toEqual(JSON.parse(json));
    }
  });

  it('keep a table name this page has no table of as plain text (the view reports it), markup and all', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const { state, notices } = decodeLectureState(
      link(JSON.stringify({ src: 'table', tb: hostile, col: '__proto__' })),
    );
    expect(notices).toEqual([]);
    expect(state.source).toBe('table');
    expect(state.table).toBe(hostile);
    expect(state.column).toBe('__proto__');
  });

  it('cut over-long table and column names to their limits, counting characters, and say so', () => {
    expect(LECTURE_MAX_TABLE_NAME).toBe(MAX_TABLE_NAME);
    // 130 astral characters: 260 UTF-16 units, cut to 120 whole characters.
    const long = '𝔸'.repeat(130);
    const { state, notices } = decodeLectureState(
      link(JSON.stringify({ src: 'table', tb: long, col: 'c'.repeat(LECTURE_MAX_COLUMN_NAME + 1) })),
    );
    expect(Array.from(state.table)).toHaveLength(120);
    expect(state.table).toBe('𝔸'.repeat(120));
    expect(state.column).toBe('c'.repeat(200));
    expect(notices).toEqual([
      "The lecture link's table name was longer than 120 characters; only its first 120 were kept.",
      "The lecture link's accuracy column was longer than 200 characters; only its first 200 were kept.",
    ]);
    const exact = decodeLectureState(link(JSON.stringify({ tb: 'x'.repeat(120) })));
    expect(exact.notices).toEqual([]);
    expect(exact.state.table).toHaveLength(120);
  });

  it('read a table name, column or space of the wrong kind as none, with one notice each', () => {
    const { state, notices } = decodeLectureState(
      link('{"src":"table","tb":["a"],"col":7,"sp":"nb201","n":3}'),
    );
    expect(state).toEqual({ ...defaultLectureState(), source: 'table', n: 3 });
    expect(notices).toEqual([
      "The lecture link's table name was not text; none was used.",
      "The lecture link's accuracy column was not text; none was used.",
      "The lecture link's table space was not one of autoformer-tiny, autoformer-small, autoformer-base, vit-browser; the table's first ViT space was used.",
    ]);
    for (const sp of ['mlp', '<b>x</b>', 3, null, 'autoformer-tiny ']) {
      const read = decodeLectureState(link(JSON.stringify({ sp })));
      expect(read.state.tableSpace).toBeNull();
      expect(read.notices).toHaveLength(1);
    }
    expect(decodeLectureState(link('{"sp":"vit-browser"}')).state.tableSpace).toBe('vit-browser');
  });

  it('round-trip the high-frequency proxy and σ under two new short keys, written only when not the default', () => {
    const json = (state: LectureState) =>
      JSON.parse(LZString.decompressFromEncodedURIComponent(encodeLectureState(state).slice(5)));
    const state: LectureState = { ...defaultLectureState(), hf: 'vintk_rfp', sigma: 2.5 };
    expect(json(state)).toEqual({ hf: 'vintk_rfp', sg: 2.5 });
    expect(decodeLectureState(encodeLectureState(state))).toEqual({ state, notices: [] });
    expect(json({ ...defaultLectureState(), hf: 'vintk_rfp' })).toEqual({ hf: 'vintk_rfp' });
    expect(json({ ...defaultLectureState(), hf: 'vintk', sigma: 1 })).toEqual({});
    const read = decodeLectureState(link('{"hf":"vintk_rfp","sg":0.05}'));
    expect(read.notices).toEqual([]);
    expect(read.state).toEqual({ ...defaultLectureState(), hf: 'vintk_rfp', sigma: 0.05 });
  });

  it('re-encode links made before the choice of proxy to the very same text, reading vintk with σ = 1', () => {
    // Written in the encoder's key order, so the link made again must be the same string.
    for (const json of [
      '{}',
      '{"src":"sample","n":7,"s":3}',
      '{"sc":3,"n":4,"p":true,"sliders_hide":true}',
      '{"r":0.5,"a":0.75,"lock":true,"ts":10,"train_hide":true}',
      '{"src":"table","n":3,"tb":"t","col":"c","sp":"autoformer-tiny"}',
    ]) {
      const old = link(json);
      const { state, notices } = decodeLectureState(old);
      expect(notices).toEqual([]);
      expect(state.hf).toBe('vintk');
      expect(state.sigma).toBe(1);
      expect(encodeLectureState(state)).toBe(old);
    }
  });

  it('read a hostile proxy or σ as the default, with one plain notice each, keeping the rest', () => {
    const { state, notices } = decodeLectureState(
      link('{"hf":"<img src=x onerror=alert(1)>","sg":"big","n":3}'),
    );
    expect(state).toEqual({ ...defaultLectureState(), n: 3 });
    expect(notices).toEqual([
      "The lecture link's high-frequency proxy was not one of vintk, vintk_rfp, vintk_ff; vintk was used.",
      "The lecture link's σ was not a number; 1 was used.",
    ]);
    for (const hf of ['ntk_cond', 'VINTK', 7, null, true, ['vintk_rfp']]) {
      const read = decodeLectureState(link(JSON.stringify({ hf })));
      expect(read.state.hf).toBe('vintk');
      expect(read.notices).toHaveLength(1);
    }
    const low = decodeLectureState(link('{"hf":"vintk_rfp","sg":0}'));
    expect(low.state.sigma).toBe(0.01);
    expect(low.notices).toEqual(["The lecture link's σ (0) was set to 0.01 (allowed: 0.01 to 100)."]);
    expect(decodeLectureState(link('{"sg":1e9}')).state.sigma).toBe(100);
    expect(decodeLectureState(link('{"sg":-3}')).state.sigma).toBe(0.01);
  });

  it('opens reading B (vintk_ff) with its σ', () => {
    expect(decodeLectureState(link('{"hf":"vintk_ff","sg":10}'))).toEqual({
      state: { ...defaultLectureState(), hf: 'vintk_ff', sigma: 10 },
      notices: [],
    });
  });
});
