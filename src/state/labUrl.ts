/**
 * The Spectral Lab's share link: "lab1." + the fields of LabState that differ from the defaults.
 * Every field is read on its own; a bad one falls back to its default with a plain-text notice,
 * numbers are clamped into range (and said so), and nothing in the link is ever read as HTML.
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
import { decodePayload, encodePayload, own } from './linkPayload';

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
const KNOWN = new Set<string>(Object.values(KEY));

type NumberField =
  | 'seed'
  | 'sigma'
  | 'features'
  | 'levels'
  | 'width'
  | 'depth'
  | 'points'
  | 'flatten'
  | 'steps'
  | 'threshold'
  | 'cap';
const INTEGER_FIELDS = new Set<NumberField>([
  'seed',
  'features',
  'levels',
  'width',
  'depth',
  'points',
  'flatten',
]);

export function encodeLabState(state: LabState): string {
  const d = DEFAULT_LAB_STATE;
  const compact: Record<string, unknown> = {};
  for (const field of Object.keys(KEY) as (keyof LabState)[]) {
    if (JSON.stringify(state[field]) !== JSON.stringify(d[field])) compact[KEY[field]] = state[field];
  }
  return encodePayload(LAB_PREFIX, LAB_URL_VERSION, compact);
}

export interface DecodedLabState {
  state: LabState;
  notices: string[];
}

/** Reads a lab hash; never throws. A link that cannot be read gives the defaults and one notice. */
export function decodeLabState(hash: string): DecodedLabState {
  try {
    const payload = decodePayload(hash, LAB_PREFIX, LAB_URL_VERSION);
    if (!payload.ok) {
      const why =
        payload.reason === 'version'
          ? `uses format lab${payload.version}, but this app reads lab${LAB_URL_VERSION}`
          : payload.reason === 'too-long'
            ? 'is too long to be valid'
            : 'is damaged or incomplete';
      return { state: defaultLabState(), notices: [`The lab link ${why}; the default lab is shown.`] };
    }
    return readFields(payload.value);
  } catch {
    return {
      state: defaultLabState(),
      notices: ['The lab link could not be read; the default lab is shown.'],
    };
  }
}

function readFields(raw: Record<string, unknown>): DecodedLabState {
  const notices: string[] = [];
  const unknown = Object.keys(raw).filter((k) => !KNOWN.has(k));
  if (unknown.length > 0) notices.push(`Ignored ${unknown.length} unknown setting(s) in the lab link.`);
  const choice = <T extends string>(field: keyof LabState, options: readonly T[], fallback: T): T => {
    const value = own(raw, KEY[field]);
    if (value === undefined) return fallback;
    const parsed = v.safeParse(v.picklist(options), value);
    if (parsed.success) return parsed.output;
    notices.push(`The lab link's ${field} was not valid; ${fallback} was used.`);
    return fallback;
  };
  const number = (field: NumberField): number => {
    const fallback = DEFAULT_LAB_STATE[field];
    const value = own(raw, KEY[field]);
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      notices.push(`The lab link's ${field} was not a number; ${fallback} was used.`);
      return fallback;
    }
    const { min, max } = LAB_LIMITS[field];
    const rounded = INTEGER_FIELDS.has(field) ? Math.round(value) : value;
    const used = Math.min(max, Math.max(min, rounded));
    if (used !== value)
      notices.push(`The lab link's ${field} (${value}) was set to ${used} (allowed: ${min} to ${max}).`);
    return used;
  };
  const image = own(raw, KEY.image);
  if (image !== undefined && typeof image !== 'boolean')
    notices.push(`The lab link's image setting was not valid; off was used.`);
  return {
    state: {
      panel: choice('panel', LAB_PANELS, DEFAULT_LAB_STATE.panel),
      seed: number('seed'),
      preset: choice('preset', FIT_PRESET_NAMES, DEFAULT_LAB_STATE.preset),
      amplitudes: choice('amplitudes', AMPLITUDE_CHOICES, DEFAULT_LAB_STATE.amplitudes),
      components: readComponents(own(raw, KEY.components), notices),
      mapping: choice('mapping', MAPPING_CHOICES, DEFAULT_LAB_STATE.mapping),
      sigma: number('sigma'),
      features: number('features'),
      levels: number('levels'),
      image: image === true,
      width: number('width'),
      depth: number('depth'),
      points: number('points'),
      flatten: number('flatten'),
      residualK: readResidualK(own(raw, KEY.residualK), notices),
      steps: number('steps'),
      frequencies: readFrequencies(own(raw, KEY.frequencies), notices),
      threshold: number('threshold'),
      cap: number('cap'),
    },
    notices,
  };
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
