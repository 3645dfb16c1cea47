import * as v from 'valibot';
import { IMPLEMENTED_PROXY_IDS, isProxyId, type ProxyId } from '../core/proxies/ids';
import { candidateCodec } from '../core/spaces/candidateIndex';
import { SPACES } from '../core/spaces/registry';
import { NB201_QUICK_COMBO_COMPONENTS } from '../core/stats/comboDefaults';
import { decodePayload, encodePayload, own } from './linkPayload';
import {
  clampInteger,
  DATA_SOURCES,
  DEFAULT_VIEW_STATE,
  defaultViewState,
  FIDELITIES,
  SPACE_IDS,
  type SpaceId,
  VIEW_STATE_LIMITS,
  type ViewState,
} from './viewState';

export const URL_STATE_VERSION = 1;
export { MAX_HASH_CHARS } from './linkPayload';

const MAX_NAME_CHARS = 40;
const MAX_LISTED_NAMES = 5;

export interface DecodedViewState {
  state: ViewState;
  /** Plain-text sentences for the user (never HTML); empty when the link was read as is. */
  notices: string[];
}

/** Short JSON keys keep links short. Never give a key a new meaning without bumping the version. */
const KEY = {
  space: 'sp',
  sampleSize: 'n',
  seed: 's',
  fidelity: 'f',
  batch: 'b',
  data: 'd',
  proxies: 'p',
  selected: 'x',
  added: 'a',
  truth: 't',
  combo: 'cm',
} as const satisfies Record<keyof ViewState, string>;
const KNOWN_KEYS: ReadonlySet<string> = new Set(Object.values(KEY));

const LABEL: Record<keyof ViewState, string> = {
  space: 'search space',
  sampleSize: 'sample size',
  seed: 'seed',
  fidelity: 'fidelity',
  batch: 'batch size',
  data: 'data set',
  proxies: 'proxy list',
  selected: 'selected architecture',
  added: 'added cells',
  truth: 'ground-truth column',
  combo: 'combo component list',
};

const spaceSchema = v.picklist(SPACE_IDS);
const fidelitySchema = v.picklist(FIDELITIES);
const dataSchema = v.picklist(DATA_SOURCES);
const finiteNumberSchema = v.pipe(v.number(), v.finite());
/** A candidate index of `space` (candidateIndex.ts), or null. */
function selectedSchema(space: SpaceId) {
  return v.nullable(
    v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(candidateCodec(space).size - 1)),
  );
}
const listSchema = v.array(v.unknown());
const implementedProxySchema = v.picklist(IMPLEMENTED_PROXY_IDS);

const MSG = {
  tooLong: 'The share link is too long to be valid; the default view is shown.',
  notALink: 'The address does not contain a share link this app understands; the default view is shown.',
  damaged: 'The share link is damaged or incomplete; the default view is shown.',
  notAnObject: 'The share link does not contain view settings; the default view is shown.',
  failed: 'The share link could not be read; the default view is shown.',
} as const;

export function encodeViewState(state: ViewState): string {
  const d = DEFAULT_VIEW_STATE;
  const compact: Record<string, unknown> = {};
  if (state.space !== d.space) compact[KEY.space] = state.space;
  if (state.sampleSize !== d.sampleSize) compact[KEY.sampleSize] = state.sampleSize;
  if (state.seed !== d.seed) compact[KEY.seed] = state.seed;
  if (state.fidelity !== d.fidelity) compact[KEY.fidelity] = state.fidelity;
  if (state.batch !== null) compact[KEY.batch] = state.batch;
  if (state.data !== d.data) compact[KEY.data] = state.data;
  if (!sameList(state.proxies, d.proxies)) compact[KEY.proxies] = state.proxies;
  if (state.selected !== d.selected) compact[KEY.selected] = state.selected;
  if (state.truth) compact[KEY.truth] = [state.truth.table, state.truth.column];
  if (state.combo !== null) compact[KEY.combo] = state.combo;
  if (state.added.length > 0)
    compact[KEY.added] = state.added.map((c) => addedCode(state.space, c)).join('.');
  return encodePayload('v', URL_STATE_VERSION, compact);
}

/** Reads a location hash (with or without '#'). Never throws; every problem becomes a notice. */
export function decodeViewState(hash: string): DecodedViewState {
  try {
    return decodeHash(hash);
  } catch {
    return fallback(MSG.failed);
  }
}

function decodeHash(hash: string): DecodedViewState {
  if (typeof hash !== 'string') return fallback(MSG.notALink);
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body === '') return { state: defaultViewState(), notices: [] };
  const payload = decodePayload(body, 'v', URL_STATE_VERSION);
  if (payload.ok) return readFields(payload.value);
  switch (payload.reason) {
    case 'too-long':
      return fallback(MSG.tooLong);
    case 'not-a-link':
      return fallback(MSG.notALink);
    case 'damaged':
      return fallback(MSG.damaged);
    case 'not-an-object':
      return fallback(MSG.notAnObject);
    case 'version':
      return fallback(
        `The share link uses format v${payload.version}, but this app reads v${URL_STATE_VERSION}; the default view is shown.`,
      );
  }
}

/** Reads known keys one by one (never spreads the parsed object, so "__proto__" keys stay inert). */
function readFields(raw: Record<string, unknown>): DecodedViewState {
  const notices: string[] = [];
  const unknownKeys = Object.keys(raw).filter((key) => !KNOWN_KEYS.has(key));
  if (unknownKeys.length > 0)
    notices.push(`Ignored unknown settings in the link: ${listNames(unknownKeys)}.`);

  const space = readChoice('space', own(raw, KEY.space), spaceSchema, notices);
  const state: ViewState = {
    space,
    sampleSize: readInteger('sampleSize', own(raw, KEY.sampleSize), notices),
    seed: readInteger('seed', own(raw, KEY.seed), notices),
    fidelity: readChoice('fidelity', own(raw, KEY.fidelity), fidelitySchema, notices),
    batch: own(raw, KEY.batch) === undefined ? null : readInteger('batch', own(raw, KEY.batch), notices),
    data: readChoice('data', own(raw, KEY.data), dataSchema, notices),
    proxies: readProxies(own(raw, KEY.proxies), notices),
    selected: readChoice('selected', own(raw, KEY.selected), selectedSchema(space), notices),
    added: readAdded(space, own(raw, KEY.added), notices),
    truth: readTruth(own(raw, KEY.truth), notices),
    combo: readCombo(own(raw, KEY.combo), notices),
  };
  return { state, notices };
}

function readChoice<K extends 'space' | 'fidelity' | 'data' | 'selected'>(
  field: K,
  value: unknown,
  schema: v.GenericSchema<unknown, ViewState[K]>,
  notices: string[],
): ViewState[K] {
  if (value === undefined) return DEFAULT_VIEW_STATE[field];
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  notices.push(invalidNotice(field));
  return DEFAULT_VIEW_STATE[field];
}

const truthSchema = v.tuple([
  v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
]);

/** The ground-truth choice: [table name, column], plain strings only shown as text. */
function readTruth(value: unknown, notices: string[]): ViewState['truth'] {
  if (value === undefined) return null;
  const result = v.safeParse(truthSchema, value);
  if (result.success) return { table: result.output[0], column: result.output[1] };
  notices.push(invalidNotice('truth'));
  return null;
}

/**
 * An added candidate in a link: an NB201 cell as its six base-5 operation digits ("012340"), any
 * other space's index in base 36 (candidateIndex.ts). Codes are joined by dots.
 */
function addedCode(space: SpaceId, index: number): string {
  return SPACES[space].link.encode(index);
}

function readAddedCode(space: SpaceId, code: string): number | null {
  return SPACES[space].link.decode(code);
}

/** Added candidates, dot-separated codes; bad or repeated entries are dropped and said so. */
function readAdded(space: SpaceId, value: unknown, notices: string[]): number[] {
  if (value === undefined) return [];
  if (typeof value !== 'string') {
    notices.push(invalidNotice('added'));
    return [];
  }
  const cells: number[] = [];
  let bad = 0;
  for (const code of value.split('.')) {
    const cell = readAddedCode(space, code);
    if (cell === null) bad++;
    else if (cells.length < VIEW_STATE_LIMITS.added.max) {
      if (!cells.includes(cell)) cells.push(cell);
    } else bad++;
  }
  const what = SPACES[space].link.form;
  if (bad > 0)
    notices.push(
      `Ignored ${bad} added cell${bad > 1 ? 's that are' : ' that is'} not ${what} (or past ${VIEW_STATE_LIMITS.added.max}).`,
    );
  return cells;
}

/** Wrong types fall back to the default; fractions are rounded and out-of-range values clamped. */
function readInteger<K extends 'sampleSize' | 'seed' | 'batch'>(
  field: K,
  value: unknown,
  notices: string[],
): number | ViewState[K] {
  if (value === undefined) return DEFAULT_VIEW_STATE[field];
  const result = v.safeParse(finiteNumberSchema, value);
  if (!result.success) {
    notices.push(invalidNotice(field));
    return DEFAULT_VIEW_STATE[field];
  }
  const { min, max } = VIEW_STATE_LIMITS[field];
  const n = result.output;
  const used = clampInteger(n, VIEW_STATE_LIMITS[field]);
  if (!Number.isInteger(n)) {
    notices.push(`The ${LABEL[field]} in the link was not a whole number; ${used} was used.`);
  } else if (used !== n) {
    notices.push(`The ${LABEL[field]} in the link was outside ${min} to ${max}; it was set to ${used}.`);
  }
  return used;
}

/** The proxy ids of a list, deduplicated in order; what is not an implemented proxy is named and left out. */
function readProxyList(list: readonly unknown[], notices: string[]): ProxyId[] {
  const kept: ProxyId[] = [];
  const reserved: string[] = [];
  const unknown: string[] = [];
  for (const item of list) {
    const id = v.safeParse(implementedProxySchema, item);
    if (id.success) {
      if (!kept.includes(id.output)) kept.push(id.output);
    } else if (isProxyId(item)) {
      reserved.push(item);
    } else {
      unknown.push(typeof item === 'string' ? item : typeof item);
    }
  }
  if (reserved.length > 0) notices.push(`Ignored proxies not available yet: ${listNames(reserved)}.`);
  if (unknown.length > 0) notices.push(`Ignored unknown proxies: ${listNames(unknown)}.`);
  return kept;
}

/** The combo's components: a list of proxy ids (empty: no combo), absent for the defaults. */
function readCombo(value: unknown, notices: string[]): ViewState['combo'] {
  if (value === undefined) return null;
  const list = v.safeParse(listSchema, value);
  if (!list.success) {
    notices.push(invalidNotice('combo'));
    return null;
  }
  return readProxyList(list.output, notices);
}

function readProxies(value: unknown, notices: string[]): ProxyId[] {
  if (value === undefined) return [...DEFAULT_VIEW_STATE.proxies];
  const list = v.safeParse(listSchema, value);
  if (!list.success) {
    notices.push(invalidNotice('proxies'));
    return [...DEFAULT_VIEW_STATE.proxies];
  }
  const kept = readProxyList(list.output, notices);
  if (kept.length === 0) {
    notices.push(
      `No usable proxies were left in the link; the default (${describeDefault('proxies')}) was used.`,
    );
    return [...DEFAULT_VIEW_STATE.proxies];
  }
  return kept;
}

function invalidNotice(field: keyof ViewState): string {
  return `The ${LABEL[field]} in the link was not valid; the default (${describeDefault(field)}) was used.`;
}

function describeDefault(field: keyof ViewState): string {
  const value = DEFAULT_VIEW_STATE[field];
  if (field === 'combo') return NB201_QUICK_COMBO_COMPONENTS.join(', ');
  if (value === null) return 'none';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** Quotes at most MAX_LISTED_NAMES names, each reduced to [A-Za-z0-9_] and MAX_NAME_CHARS characters. */
function listNames(names: readonly string[]): string {
  const shown = names.slice(0, MAX_LISTED_NAMES).map((name) => `"${sanitizeName(name)}"`);
  const rest = names.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}

function sanitizeName(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9_]/g, '').slice(0, MAX_NAME_CHARS);
  return clean === '' ? '?' : clean;
}

function fallback(notice: string): DecodedViewState {
  return { state: defaultViewState(), notices: [notice] };
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
