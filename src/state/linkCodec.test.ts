/**
 * The shared link codec on a toy page of three fields, declared as data the way the real pages are:
 * what every link gets from the codec (defaults left out, unknown keys named once, the read order
 * setting the order of notices, envelope failures and a throwing field turned into notices).
 */
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { defineLinkCodec, type LinkWording } from './linkCodec';
import { choiceField, type FieldWording, flagField, numberField } from './linkFields';

interface Toy {
  size: number;
  colour: 'red' | 'blue';
  loud: boolean;
}
const DEFAULTS: Toy = { size: 3, colour: 'red', loud: false };

const WORDING: LinkWording & FieldWording = {
  unreadable: (failure) => `unreadable: ${failure.reason}`,
  failed: 'failed',
  unknownKeys: (keys) => `unknown: ${keys.join(' ')}`,
  invalid: (label, fallback) => `${label} invalid, ${fallback} used`,
  notANumber: (label, fallback) => `${label} not a number, ${fallback} used`,
  adjusted: (label, value, used, { min, max }) => `${label} ${value} -> ${used} in ${min}..${max}`,
  notAFlag: (label) => `${label} not a flag`,
};

const toy = (readFirst?: (keyof Toy)[]) =>
  defineLinkCodec<Toy>({
    prefix: 'toy',
    version: 2,
    wording: WORDING,
    defaults: () => ({ ...DEFAULTS }),
    fields: [
      numberField<Toy, 'size'>({
        field: 'size',
        key: 'z',
        label: 'size',
        wording: WORDING,
        fallback: 3,
        range: { min: 1, max: 10 },
        integer: true,
      }),
      choiceField<Toy, 'colour'>({
        field: 'colour',
        key: 'c',
        label: 'colour',
        wording: WORDING,
        fallback: 'red',
        options: ['red', 'blue'],
      }),
      flagField<Toy, 'loud'>({ field: 'loud', key: 'l', label: 'loud', wording: WORDING }),
    ],
    ...(readFirst ? { readFirst } : {}),
  });

const link = (json: string, version = 2) => `#toy${version}.${LZString.compressToEncodedURIComponent(json)}`;
const payload = (encoded: string) =>
  JSON.parse(LZString.decompressFromEncodedURIComponent(encoded.slice('toy2.'.length)) ?? 'null');

describe('defineLinkCodec', () => {
  it('writes only what differs from the defaults, in the fields’ order, and reads it back', () => {
    const codec = toy();
    expect(payload(codec.encode(DEFAULTS))).toEqual({});
    const state: Toy = { size: 7, colour: 'blue', loud: true };
    const encoded = codec.encode(state);
    expect(Object.keys(payload(encoded))).toEqual(['z', 'c', 'l']);
    expect(codec.decode(`#${encoded}`)).toEqual({ state, notices: [] });
    expect([...codec.keys]).toEqual(['z', 'c', 'l']);
  });

  it('names unknown keys once, first, and falls back field by field with the page’s sentences', () => {
    const { state, notices } = toy().decode(link('{"q":1,"z":2.6,"c":"green","l":"yes","w":0}'));
    expect(state).toEqual({ size: 3, colour: 'red', loud: false });
    expect(notices).toEqual([
      'unknown: q w',
      'size 2.6 -> 3 in 1..10',
      'colour invalid, red used',
      'loud not a flag',
    ]);
    expect(toy().decode(link('{"z":"big"}')).notices).toEqual(['size not a number, 3 used']);
    expect(toy().decode(link('{"z":99}')).state.size).toBe(10);
  });

  it('reads the fields named first first, then the rest, but keeps the state in the defaults’ key order', () => {
    const decoded = toy(['loud', 'colour']).decode(link('{"z":0,"c":1,"l":2}'));
    expect(decoded.notices).toEqual(['loud not a flag', 'colour invalid, red used', 'size 0 -> 1 in 1..10']);
    expect(Object.keys(decoded.state)).toEqual(['size', 'colour', 'loud']);
    expect(() => toy(['volume' as keyof Toy])).toThrow(/names volume, which has no field/);
  });

  it('turns every envelope failure into one notice and the defaults, and never throws', () => {
    const codec = toy();
    expect(codec.decode(link('{}', 3)).notices).toEqual(['unreadable: version']);
    expect(codec.decode('#toy2.%%%').notices).toEqual(['unreadable: damaged']);
    expect(codec.decode(link('[1,2]')).notices).toEqual(['unreadable: not-an-object']);
    expect(codec.decode('').notices).toEqual(['unreadable: not-a-link']);
    expect(codec.decode(`#toy2.${'A'.repeat(20_000)}`).notices).toEqual(['unreadable: too-long']);
    const throwing = defineLinkCodec<Toy>({
      prefix: 'toy',
      version: 2,
      wording: WORDING,
      emptyIsDefault: true,
      defaults: () => ({ ...DEFAULTS }),
      fields: [
        {
          field: 'size',
          keys: ['z'],
          read: () => {
            throw new Error('bug');
          },
        },
      ],
    });
    expect(throwing.decode(link('{"z":1}'))).toEqual({ state: DEFAULTS, notices: ['failed'] });
    expect(throwing.decode('#')).toEqual({ state: DEFAULTS, notices: [] });
  });
});
