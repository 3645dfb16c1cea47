/**
 * The Spectral Lab's share link: "lab1." + the fields of LabState that differ from the defaults,
 * declared as one table for the shared codec (linkCodec.ts). Every field is read on its own; a bad
 * one falls back to its default with a plain-text notice, numbers are clamped into range (and said
 * so), and nothing in the link is ever read as HTML.
 */
import * as v from 'valibot';
import {
  AMPLITUDE_CHOICES,
  DEFAULT_LAB_STATE,
  defaultLabState,
  FIT_PRESET_NAMES,
  LAB_LIMITS,
  LAB_PANELS,
  type LabState,
  MAPPING_CHOICES,
} from './labState';
import { type DecodedLink, defineLinkCodec, type LinkField } from './linkCodec';
import { choiceField, flagField, namedLinkWording, numberField } from './linkFields';

export const LAB_URL_VERSION = 1;
export const LAB_PREFIX = 'lab';

/** Short keys keep links short. Never give a key a new meaning without bumping the version. */
const KEY = {
  panel: 'pn',
  seed: 's',
  preset: 'pr',
  amplitudes: 'am',
  components: 'c',
  mapping: 'm',
  sigma: 'sg',
  features: 'ft',
  levels: 'l',
  image: 'im',
  width: 'w',
  depth: 'd',
  points: 'n',
  flatten: 'k',
  residualK: 'rk',
  steps: 'it',
  frequencies: 'fq',
  threshold: 'th',
  cap: 'cp',
} as const satisfies Record<keyof LabState, string>;
/** The number fields, and which of them are whole numbers (rounded when a link has a fraction). */
const NUMBER_FIELDS = {
  seed: 'integer',
  sigma: 'real',
  features: 'integer',
  levels: 'integer',
  width: 'integer',
  depth: 'integer',
  points: 'integer',
  flatten: 'integer',
  steps: 'real',
  threshold: 'real',
  cap: 'real',
} as const;
type NumberField = keyof typeof NUMBER_FIELDS;

const WORDING = namedLinkWording(
  'lab',
  LAB_PREFIX,
  LAB_URL_VERSION,
  (label) => `The lab link's ${label} setting was not valid; off was used.`,
);

type Field = LinkField<LabState>;

const number = (field: NumberField): Field =>
  numberField<LabState, NumberField>({
    field,
    key: KEY[field],
    label: field,
    wording: WORDING,
    fallback: DEFAULT_LAB_STATE[field],
    range: LAB_LIMITS[field],
    integer: NUMBER_FIELDS[field] === 'integer',
  });

const choice = <K extends 'panel' | 'preset' | 'amplitudes' | 'mapping'>(
  field: K,
  options: readonly LabState[K][],
): Field =>
  choiceField<LabState, K>({
    field,
    key: KEY[field],
    label: field,
    wording: WORDING,
    fallback: DEFAULT_LAB_STATE[field],
    options,
  });

const custom = <K extends keyof LabState>(
  field: K,
  read: (value: unknown, notices: string[]) => LabState[K],
): Field => ({ field, keys: [KEY[field]], read: ({ get, notices }) => read(get(KEY[field]), notices) });

/** The lab's link, field by field, in the order they are written. */
const LAB_LINK = defineLinkCodec<LabState>({
  prefix: LAB_PREFIX,
  version: LAB_URL_VERSION,
  wording: WORDING,
  defaults: defaultLabState,
  fields: [
    choice('panel', LAB_PANELS),
    number('seed'),
    choice('preset', FIT_PRESET_NAMES),
    choice('amplitudes', AMPLITUDE_CHOICES),
    custom('components', readComponents),
    choice('mapping', MAPPING_CHOICES),
    number('sigma'),
    number('features'),
    number('levels'),
    flagField<LabState, 'image'>({ field: 'image', key: KEY.image, label: 'image', wording: WORDING }),
    number('width'),
    number('depth'),
    number('points'),
    number('flatten'),
    custom('residualK', readResidualK),
    number('steps'),
    custom('frequencies', readFrequencies),
    number('threshold'),
    number('cap'),
  ],
  // The image flag's notice has always come first.
  readFirst: ['image'],
});

export function encodeLabState(state: LabState): string {
  return LAB_LINK.encode(state);
}

export type DecodedLabState = DecodedLink<LabState>;

/** Reads a lab hash; never throws. A link that cannot be read gives the defaults and one notice. */
export function decodeLabState(hash: string): DecodedLabState {
  return LAB_LINK.decode(hash);
}

const componentSchema = v.tuple([
  v.pipe(v.number(), v.integer(), v.minValue(LAB_LIMITS.k.min), v.maxValue(LAB_LIMITS.k.max)),
  v.pipe(v.number(), v.finite(), v.minValue(LAB_LIMITS.amplitude.min), v.maxValue(LAB_LIMITS.amplitude.max)),
]);

/** The free target: [k, amplitude] pairs; bad pairs are dropped (and counted), at most 20 kept. */
function readComponents(value: unknown, notices: string[]): [number, number][] {
  const fallback = defaultLabState().components;
  if (value === undefined) return fallback;
  if (!Array.isArray(value)) {
    notices.push("The lab link's target components were not a list; the default target was used.");
    return fallback;
  }
  const kept: [number, number][] = [];
  let dropped = 0;
  for (const item of value.slice(0, LAB_LIMITS.components.max)) {
    const parsed = v.safeParse(componentSchema, item);
    if (parsed.success && !kept.some(([k]) => k === parsed.output[0]))
      kept.push([parsed.output[0], parsed.output[1]]);
    else dropped++;
  }
  dropped += Math.max(0, value.length - LAB_LIMITS.components.max);
  if (dropped > 0)
    notices.push(`Ignored ${dropped} target component(s) in the lab link that were not valid or repeated.`);
  if (kept.length === 0) {
    notices.push('No valid target component was left; the default target was used.');
    return fallback;
  }
  return kept;
}

const kSchema = v.pipe(v.number(), v.integer(), v.minValue(LAB_LIMITS.k.min), v.maxValue(LAB_LIMITS.k.max));

/** Panel 4's two target frequencies: distinct whole numbers 1..99. */
function readResidualK(value: unknown, notices: string[]): [number, number] {
  const fallback = defaultLabState().residualK;
  if (value === undefined) return fallback;
  const parsed = v.safeParse(v.tuple([kSchema, kSchema]), value);
  if (parsed.success && parsed.output[0] !== parsed.output[1]) return [parsed.output[0], parsed.output[1]];
  notices.push(
    "The lab link's residual-panel frequencies were not two different whole numbers 1 to 99; 1 and 4 were used.",
  );
  return fallback;
}

/** Panel 5's frequencies: up to 12 distinct whole numbers 0..99. */
function readFrequencies(value: unknown, notices: string[]): number[] {
  const fallback = defaultLabState().frequencies;
  if (value === undefined) return fallback;
  const item = v.pipe(
    v.number(),
    v.integer(),
    v.minValue(LAB_LIMITS.frequencies.min),
    v.maxValue(LAB_LIMITS.frequencies.max),
  );
  const parsed = v.safeParse(v.pipe(v.array(item), v.minLength(1), v.maxLength(12)), value);
  if (parsed.success && new Set(parsed.output).size === parsed.output.length) return parsed.output;
  notices.push(
    "The lab link's frequencies were not 1 to 12 different whole numbers 0 to 99; 1, 2, 3, 4 were used.",
  );
  return fallback;
}
