/**
 * The lecture view's share link: "lec1." + the fields of LectureState that differ from the
 * defaults, declared as one table for the shared codec (linkCodec.ts). Hidden control groups travel as TensorFlow-Playground-style flags ("source_hide": true).
 * Every field is read on its own; a bad one falls back to its default with a plain-text notice,
 * numbers are clamped into range (and said so), and nothing in the link is ever read as HTML.
 * An imported table travels by name only: a name the page has no table of is kept as it is (the
 * view then says which table to import), and only an over-long one is cut, with a notice.
 */
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
import { type DecodedLink, defineLinkCodec, type LinkField } from './linkCodec';
import { choiceField, flagField, namedLinkWording, numberField, readFlag } from './linkFields';

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

const WORDING = namedLinkWording(
  'lecture',
  LECTURE_PREFIX,
  LECTURE_URL_VERSION,
  (label) => `The lecture link's ${label} setting was not true or false; off was used.`,
);

type Field = LinkField<LectureState>;

const number = (field: NumberField) =>
  numberField<LectureState, NumberField>({
    field,
    key: KEY[field],
    label: FIELD_NAMES[field],
    wording: WORDING,
    fallback: DEFAULT_LECTURE_STATE[field],
    range: LECTURE_LIMITS[field],
    integer: INTEGER_FIELDS.has(field),
  });

const flag = (field: 'present' | 'lock', label: string): Field =>
  flagField<LectureState, 'present' | 'lock'>({ field, key: KEY[field], label, wording: WORDING });

/** The screen, moved off live training when the link hides it (so hide is read first). */
const screenNumber = number('screen');
const screenField: Field = {
  field: 'screen',
  keys: screenNumber.keys,
  read(at) {
    const screen = screenNumber.read(at) as number;
    const shown = clampScreen(screen, at.before.hide ?? []);
    if (screen !== shown)
      at.notices.push(
        `The lecture link's screen ${screen + 1} is live training, which the link hides; screen ${shown + 1} was shown.`,
      );
    return shown;
  },
};

/** Hidden control groups, one flag each ("source_hide": true), in canonical order. */
const hideField: Field = {
  field: 'hide',
  keys: LECTURE_HIDE_GROUPS.map(hideKey),
  read: ({ get, notices }) =>
    canonicalHide(LECTURE_HIDE_GROUPS.filter((g) => readFlag(get(hideKey(g)), hideKey(g), WORDING, notices))),
  write: (state) => canonicalHide(state.hide).map((group) => [hideKey(group), true]),
};

/** An imported table's name or column: text, cut (in characters, never inside one) to `max`. */
const nameField = (field: 'table' | 'column', max: number, what: string): Field => ({
  field,
  keys: [KEY[field]],
  read({ get, notices }) {
    const value = get(KEY[field]);
    if (value === undefined) return DEFAULT_LECTURE_STATE[field];
    if (typeof value !== 'string') {
      notices.push(`The lecture link's ${what} was not text; none was used.`);
      return DEFAULT_LECTURE_STATE[field];
    }
    const chars = Array.from(value);
    if (chars.length <= max) return value;
    notices.push(
      `The lecture link's ${what} was longer than ${max} characters; only its first ${max} were kept.`,
    );
    return chars.slice(0, max).join('');
  },
});

/** The lecture's link, field by field, in the order they are written. */
const LECTURE_LINK = defineLinkCodec<LectureState>({
  prefix: LECTURE_PREFIX,
  version: LECTURE_URL_VERSION,
  wording: WORDING,
  defaults: defaultLectureState,
  fields: [
    screenField,
    choiceField<LectureState, 'source'>({
      field: 'source',
      key: KEY.source,
      label: 'source',
      wording: WORDING,
      fallback: DEFAULT_LECTURE_STATE.source,
      options: LECTURE_SOURCES,
    }),
    number('n'),
    number('seed'),
    number('r'),
    number('alpha'),
    choiceField<LectureState, 'hf'>({
      field: 'hf',
      key: KEY.hf,
      label: 'high-frequency proxy',
      wording: WORDING,
      fallback: DEFAULT_LECTURE_STATE.hf,
      options: LECTURE_HF_PROXIES,
      invalid: (fallback) =>
        `The lecture link's high-frequency proxy was not one of ${LECTURE_HF_PROXIES.join(', ')}; ${fallback} was used.`,
    }),
    number('sigma'),
    number('repeats'),
    flag('present', 'presentation'),
    flag('lock', 'lock'),
    number('trainSteps'),
    nameField('table', LECTURE_MAX_TABLE_NAME, 'table name'),
    nameField('column', LECTURE_MAX_COLUMN_NAME, 'accuracy column'),
    choiceField<LectureState, 'tableSpace'>({
      field: 'tableSpace',
      key: KEY.tableSpace,
      label: 'table space',
      wording: WORDING,
      fallback: DEFAULT_LECTURE_STATE.tableSpace,
      options: LECTURE_TABLE_SPACES as readonly (LectureState['tableSpace'] & string)[],
      invalid: () =>
        `The lecture link's table space was not one of ${LECTURE_TABLE_SPACES.join(', ')}; the table's first ViT space was used.`,
    }),
    hideField,
  ],
  // The order the notices have always come in: these first, then the rest as written.
  readFirst: ['source', 'hf', 'table', 'column', 'tableSpace', 'hide', 'screen'],
});

export function encodeLectureState(state: LectureState): string {
  return LECTURE_LINK.encode(state);
}

export type DecodedLectureState = DecodedLink<LectureState>;

/** Reads a lecture hash; never throws. A link that cannot be read gives the defaults and one notice. */
export function decodeLectureState(hash: string): DecodedLectureState {
  return LECTURE_LINK.decode(hash);
}
