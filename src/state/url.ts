/**
 * The Explorer's share link: "v1." + the fields of ViewState that differ from the defaults, declared
 * as one table for the shared codec (linkCodec.ts), with the readers of its list fields (proxies,
 * combo components, added candidates, ground truth). Its sentences are in viewLinkWording.ts.
 */
import * as v from 'valibot';
import { IMPLEMENTED_PROXY_IDS, isProxyId, type ProxyId } from '../core/proxies/ids';
import { candidateCodec } from '../core/spaces/candidateIndex';
import { SPACES } from '../core/spaces/registry';
import { type DecodedLink, defineLinkCodec, type LinkField } from './linkCodec';
import { choiceField, numberField, schemaField } from './linkFields';
import {
  describeDefault,
  invalidNotice,
  LABEL,
  listNames,
  URL_STATE_VERSION,
  WORDING,
} from './viewLinkWording';
import {
  DATA_SOURCES,
  DEFAULT_VIEW_STATE,
  defaultViewState,
  FIDELITIES,
  SPACE_IDS,
  type SpaceId,
  VIEW_STATE_LIMITS,
  type ViewState,
} from './viewState';

export { MAX_HASH_CHARS } from './linkPayload';
export { URL_STATE_VERSION } from './viewLinkWording';

export type DecodedViewState = DecodedLink<ViewState>;

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

/** A candidate index of `space` (candidateCodec.ts), or null. */
function selectedSchema(space: SpaceId) {
  return v.nullable(
    v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(candidateCodec(space).size - 1)),
  );
}
const listSchema = v.array(v.unknown());
const implementedProxySchema = v.picklist(IMPLEMENTED_PROXY_IDS);

type Field = LinkField<ViewState>;

const base = <K extends keyof ViewState>(field: K) => ({
  field,
  key: KEY[field],
  label: LABEL[field],
  wording: WORDING,
  fallback: DEFAULT_VIEW_STATE[field],
  describe: () => describeDefault(field),
});

const integer = (field: 'sampleSize' | 'seed' | 'batch'): Field =>
  numberField<ViewState, typeof field>({ ...base(field), range: VIEW_STATE_LIMITS[field], integer: true });

const choice = <K extends 'space' | 'fidelity' | 'data'>(field: K, options: readonly ViewState[K][]): Field =>
  choiceField<ViewState, K>({ ...base(field), options });

const custom = <K extends keyof ViewState>(
  field: K,
  read: (value: unknown, notices: string[], before: Partial<ViewState>) => ViewState[K],
  write?: (value: ViewState[K]) => unknown,
): Field => ({
  field,
  keys: [KEY[field]],
  read: ({ get, notices, before }) => read(get(KEY[field]), notices, before),
  ...(write
    ? {
        write: (state: ViewState) => {
          const entry = write(state[field]);
          return entry === undefined ? [] : [[KEY[field], entry] as [string, unknown]];
        },
      }
    : {}),
});

/** The Explorer's link, field by field, in the order they are written (added cells last). */
const VIEW_LINK = defineLinkCodec<ViewState>({
  prefix: 'v',
  version: URL_STATE_VERSION,
  wording: WORDING,
  emptyIsDefault: true,
  defaults: defaultViewState,
  fields: [
    choice('space', SPACE_IDS),
    integer('sampleSize'),
    integer('seed'),
    choice('fidelity', FIDELITIES),
    integer('batch'),
    choice('data', DATA_SOURCES),
    custom('proxies', readProxies),
    schemaField<ViewState, 'selected'>({
      ...base('selected'),
      // A candidate index of the link's space (candidateCodec.ts).
      schema: (before) => selectedSchema(before.space ?? DEFAULT_VIEW_STATE.space),
    }),
    custom('truth', readTruth, (truth) => (truth ? [truth.table, truth.column] : undefined)),
    custom('combo', readCombo),
    {
      field: 'added',
      keys: [KEY.added],
      read: ({ get, notices, before }) =>
        readAdded(before.space ?? DEFAULT_VIEW_STATE.space, get(KEY.added), notices),
      write: (state) =>
        state.added.length > 0
          ? [[KEY.added, state.added.map((c) => addedCode(state.space, c)).join('.')]]
          : [],
    },
  ],
  // Added candidates are read right after the selection (their notices come before the rest).
  readFirst: ['space', 'sampleSize', 'seed', 'fidelity', 'batch', 'data', 'proxies', 'selected', 'added'],
});

export function encodeViewState(state: ViewState): string {
  return VIEW_LINK.encode(state);
}

/** Reads a location hash (with or without '#'). Never throws; every problem becomes a notice. */
export function decodeViewState(hash: string): DecodedViewState {
  return VIEW_LINK.decode(hash);
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
 * other space's index in base 36 (candidateCodec.ts). Codes are joined by dots.
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
