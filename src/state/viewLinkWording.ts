/**
 * How the Explorer's link (url.ts) words its notices: each field's name, its default as text, the
 * envelope refusals and the sentences of the shared field kinds (linkFields.ts); names from a link are
 * quoted only after being reduced to [A-Za-z0-9_].
 */
import { NB201_QUICK_COMBO_COMPONENTS } from '../core/stats/comboDefaults';
import type { LinkWording } from './linkCodec';
import type { FieldWording } from './linkFields';
import { DEFAULT_VIEW_STATE, type ViewState } from './viewState';

/** The Explorer link's format version (its links start "#v1."). */
export const URL_STATE_VERSION = 1;

const MAX_NAME_CHARS = 40;
const MAX_LISTED_NAMES = 5;
export const LABEL: Record<keyof ViewState, string> = {
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

const MSG = {
  tooLong: 'The share link is too long to be valid; the default view is shown.',
  notALink: 'The address does not contain a share link this app understands; the default view is shown.',
  damaged: 'The share link is damaged or incomplete; the default view is shown.',
  notAnObject: 'The share link does not contain view settings; the default view is shown.',
  failed: 'The share link could not be read; the default view is shown.',
} as const;

export const WORDING: LinkWording & FieldWording = {
  unreadable(failure) {
    switch (failure.reason) {
      case 'too-long':
        return MSG.tooLong;
      case 'not-a-link':
        return MSG.notALink;
      case 'damaged':
        return MSG.damaged;
      case 'not-an-object':
        return MSG.notAnObject;
      case 'version':
        return `The share link uses format v${failure.version}, but this app reads v${URL_STATE_VERSION}; the default view is shown.`;
    }
  },
  failed: MSG.failed,
  unknownKeys: (keys) => `Ignored unknown settings in the link: ${listNames(keys)}.`,
  invalid: (label, fallback) => `The ${label} in the link was not valid; the default (${fallback}) was used.`,
  notANumber: (label, fallback) =>
    `The ${label} in the link was not valid; the default (${fallback}) was used.`,
  adjusted: (label, value, used, { min, max }) =>
    Number.isInteger(value)
      ? `The ${label} in the link was outside ${min} to ${max}; it was set to ${used}.`
      : `The ${label} in the link was not a whole number; ${used} was used.`,
  notAFlag: (label) => `The ${label} in the link was not valid; off was used.`,
};

export function invalidNotice(field: keyof ViewState): string {
  return WORDING.invalid(LABEL[field], describeDefault(field));
}

export function describeDefault(field: keyof ViewState): string {
  const value = DEFAULT_VIEW_STATE[field];
  if (field === 'combo') return NB201_QUICK_COMBO_COMPONENTS.join(', ');
  if (value === null) return 'none';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** Quotes at most MAX_LISTED_NAMES names, each reduced to [A-Za-z0-9_] and MAX_NAME_CHARS characters. */
export function listNames(names: readonly string[]): string {
  const shown = names.slice(0, MAX_LISTED_NAMES).map((name) => `"${sanitizeName(name)}"`);
  const rest = names.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}

function sanitizeName(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9_]/g, '').slice(0, MAX_NAME_CHARS);
  return clean === '' ? '?' : clean;
}
