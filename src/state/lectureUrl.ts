/**
 * The lecture view's share link: "lec1." + the fields of LectureState that differ from the
 * defaults. Hidden control groups travel as TensorFlow-Playground-style flags ("source_hide": true).
 * Every field is read on its own; a bad one falls back to its default with a plain-text notice,
 * numbers are clamped into range (and said so), and nothing in the link is ever read as HTML.
 * An imported table travels by name only: a name the page has no table of is kept as it is (the
 * view then says which table to import), and only an over-long one is cut, with a notice.
 */
import * as v from 'valibot';
import {
  canonicalHide,
  clampScreen,
  DEFAULT_LECTURE_STATE,
  defaultLectureState,
  LECTURE_HF_PROXIES,
  LECTURE_HIDE_GROUPS,
  LECTURE_LIMITS,
  LECTURE_MAX_COLUMN_NAME,
  LECTURE_MAX_TABLE_NAME,
  LECTURE_SOURCES,
  LECTURE_TABLE_SPACES,
  type LectureHideGroup,
  type LectureState,
} from './lectureState';
import { decodePayload, encodePayload, own } from './linkPayload';

export const LECTURE_URL_VERSION = 1;
export const LECTURE_PREFIX = 'lec';

/**
 * Short keys keep links short. Never give a key a new meaning without bumping the version. The
 * imported-table keys (tb, col, sp), the high-frequency proxy's (hf, sg) and the number of
 * initialisations (rp) came later: links without them read exactly as before.
 */
const KEY = {
  screen: 'sc',
  source: 'src',
  n: 'n',
  seed: 's',
  r: 'r',
  alpha: 'a',
  hf: 'hf',
  sigma: 'sg',
  repeats: 'rp',
  present: 'p',
  lock: 'lock',
  trainSteps: 'ts',
  table: 'tb',
  column: 'col',
  tableSpace: 'sp',
} as const satisfies Record<Exclude<keyof LectureState, 'hide'>, string>;

const hideKey = (group: LectureHideGroup) => `${group}_hide`;
const KNOWN = new Set<string>([...Object.values(KEY), ...LECTURE_HIDE_GROUPS.map(hideKey)]);

type NumberField = 'screen' | 'n' | 'seed' | 'r' | 'alpha' | 'sigma' | 'repeats' | 'trainSteps';
const INTEGER_FIELDS = new Set<NumberField>(['screen', 'n', 'seed', 'repeats', 'trainSteps']);
const FIELD_NAMES: Record<NumberField, string> = {
  screen: 'screen',
  n: 'n',
  seed: 'seed',
  r: 'r',
  alpha: 'alpha',
  sigma: 'σ',
  repeats: 'number of initialisations',
  trainSteps: 'training steps',
};

export function encodeLectureState(state: LectureState): string {
  const d = DEFAULT_LECTURE_STATE;
  const compact: Record<string, unknown> = {};
  for (const field of Object.keys(KEY) as (keyof typeof KEY)[]) {
    if (state[field] !== d[field]) compact[KEY[field]] = state[field];
  }
  for (const group of canonicalHide(state.hide)) compact[hideKey(group)] = true;
  return encodePayload(LECTURE_PREFIX, LECTURE_URL_VERSION, compact);
}

export interface DecodedLectureState {
  state: LectureState;
  notices: string[];
}

/** Reads a lecture hash; never throws. A link that cannot be read gives the defaults and one notice. */
export function decodeLectureState(hash: string): DecodedLectureState {
  try {
    const payload = decodePayload(hash, LECTURE_PREFIX, LECTURE_URL_VERSION);
    if (!payload.ok) {
      const why =
        payload.reason === 'version'
          ? `uses format lec${payload.version}, but this app reads lec${LECTURE_URL_VERSION}`
          : payload.reason === 'too-long'
            ? 'is too long to be valid'
            : 'is damaged or incomplete';
      return {
        state: defaultLectureState(),
        notices: [`The lecture link ${why}; the default lecture is shown.`],
      };
    }
    return readFields(payload.value);
  } catch {
    return {
      state: defaultLectureState(),
      notices: ['The lecture link could not be read; the default lecture is shown.'],
    };
  }
}

function readFields(raw: Record<string, unknown>): DecodedLectureState {
  const notices: string[] = [];
  const unknown = Object.keys(raw).filter((k) => !KNOWN.has(k));
  if (unknown.length > 0) notices.push(`Ignored ${unknown.length} unknown setting(s) in the lecture link.`);
  const number = (field: NumberField): number => {
    const fallback = DEFAULT_LECTURE_STATE[field];
    const value = own(raw, KEY[field]);
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      notices.push(`The lecture link's ${FIELD_NAMES[field]} was not a number; ${fallback} was used.`);
      return fallback;
    }
    const { min, max } = LECTURE_LIMITS[field];
    const rounded = INTEGER_FIELDS.has(field) ? Math.round(value) : value;
    const used = Math.min(max, Math.max(min, rounded));
    if (used !== value)
      notices.push(
        `The lecture link's ${FIELD_NAMES[field]} (${value}) was set to ${used} (allowed: ${min} to ${max}).`,
      );
    return used;
  };
  const flag = (key: string, what: string): boolean => {
    const value = own(raw, key);
    if (value === undefined) return false;
    if (typeof value === 'boolean') return value;
    notices.push(`The lecture link's ${what} setting was not true or false; off was used.`);
    return false;
  };
  const sourceValue = own(raw, KEY.source);
  let source = DEFAULT_LECTURE_STATE.source;
  if (sourceValue !== undefined) {
    const parsed = v.safeParse(v.picklist(LECTURE_SOURCES), sourceValue);
    if (parsed.success) source = parsed.output;
    else notices.push(`The lecture link's source was not valid; ${source} was used.`);
  }
  const hfValue = own(raw, KEY.hf);
  let hf = DEFAULT_LECTURE_STATE.hf;
  if (hfValue !== undefined) {
    const parsed = v.safeParse(v.picklist(LECTURE_HF_PROXIES), hfValue);
    if (parsed.success) hf = parsed.output;
    else
      notices.push(
        `The lecture link's high-frequency proxy was not one of ${LECTURE_HF_PROXIES.join(', ')}; ${hf} was used.`,
      );
  }
  const name = (field: 'table' | 'column', max: number, what: string): string => {
    const value = own(raw, KEY[field]);
    if (value === undefined) return DEFAULT_LECTURE_STATE[field];
    if (typeof value !== 'string') {
      notices.push(`The lecture link's ${what} was not text; none was used.`);
      return DEFAULT_LECTURE_STATE[field];
    }
    // Counted in characters, not UTF-16 units, so a cut never splits one.
    const chars = Array.from(value);
    if (chars.length <= max) return value;
    notices.push(
      `The lecture link's ${what} was longer than ${max} characters; only its first ${max} were kept.`,
    );
    return chars.slice(0, max).join('');
  };
  const table = name('table', LECTURE_MAX_TABLE_NAME, 'table name');
  const column = name('column', LECTURE_MAX_COLUMN_NAME, 'accuracy column');
  const spaceValue = own(raw, KEY.tableSpace);
  let tableSpace = DEFAULT_LECTURE_STATE.tableSpace;
  if (spaceValue !== undefined) {
    const parsed = v.safeParse(v.picklist(LECTURE_TABLE_SPACES), spaceValue);
    if (parsed.success) tableSpace = parsed.output;
    else
      notices.push(
        `The lecture link's table space was not one of ${LECTURE_TABLE_SPACES.join(', ')}; the table's first ViT space was used.`,
      );
  }
  const hide = canonicalHide(LECTURE_HIDE_GROUPS.filter((g) => flag(hideKey(g), hideKey(g))));
  let screen = number('screen');
  if (screen !== clampScreen(screen, hide)) {
    notices.push(
      `The lecture link's screen ${screen + 1} is live training, which the link hides; screen ${clampScreen(screen, hide) + 1} was shown.`,
    );
    screen = clampScreen(screen, hide);
  }
  return {
    state: {
      screen,
      source,
      n: number('n'),
      seed: number('seed'),
      r: number('r'),
      alpha: number('alpha'),
      hf,
      sigma: number('sigma'),
      repeats: number('repeats'),
      present: flag(KEY.present, 'presentation'),
      hide,
      lock: flag(KEY.lock, 'lock'),
      trainSteps: number('trainSteps'),
      table,
      column,
      tableSpace,
    },
    notices,
  };
}
