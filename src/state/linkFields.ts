/**
 * Field kinds for share links (linkCodec.ts): a number in a range, a value a schema accepts (a choice
 * among names, say) and an on/off flag. Each reads its raw value on its own, falls back to the default
 * with a notice when the value is unusable, and says so when a number was rounded or clamped. The
 * sentences come from the page's wording, so each page keeps its own voice.
 */
import * as v from 'valibot';
import type { LinkField, LinkWording } from './linkCodec';

export interface Range {
  min: number;
  max: number;
}

/** How a page words the notices of its fields. `fallback` is the value used, as text. */
export interface FieldWording {
  /** A value of the wrong type, or not among those allowed. */
  invalid(label: string, fallback: string): string;
  /** A number field that holds no finite number. */
  notANumber(label: string, fallback: string): string;
  /** A number that was rounded to a whole number and/or clamped into its range. */
  adjusted(label: string, value: number, used: number, range: Range): string;
  /** A flag that is not true or false (off is used). */
  notAFlag(label: string): string;
}

interface FieldBase<S, K extends keyof S> {
  field: K;
  key: string;
  /** The field's name in notices. */
  label: string;
  wording: FieldWording;
  /** The value used when the entry is absent or unusable. */
  fallback: S[K];
  /** The fallback as notices write it (default String(value)). */
  describe?: (value: S[K]) => string;
  write?: LinkField<S, K>['write'];
}

const text = <T>(describe: ((value: T) => string) | undefined, value: T) =>
  describe ? describe(value) : String(value);

/** A number: whole numbers are rounded (`integer`), every number is clamped into `range`. */
export function numberField<S, K extends keyof S>(
  spec: FieldBase<S, K> & { range: Range; integer: boolean },
): LinkField<S, K> {
  return {
    field: spec.field,
    keys: [spec.key],
    ...(spec.write ? { write: spec.write } : {}),
    read({ get, notices }) {
      const value = get(spec.key);
      if (value === undefined) return spec.fallback;
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        notices.push(spec.wording.notANumber(spec.label, text(spec.describe, spec.fallback)));
        return spec.fallback;
      }
      const { min, max } = spec.range;
      const rounded = spec.integer ? Math.round(value) : value;
      const used = Math.min(max, Math.max(min, rounded));
      if (used !== value) notices.push(spec.wording.adjusted(spec.label, value, used, spec.range));
      return used as S[K];
    },
  };
}

/**
 * A value the schema accepts (a choice among names, a nullable index…); `schema` may depend on the
 * fields read before (the Explorer's selected candidate on its space). `invalid` words this field's
 * refusal where the page's usual sentence does not fit.
 */
export function schemaField<S, K extends keyof S>(
  spec: FieldBase<S, K> & {
    schema: v.GenericSchema<unknown, S[K]> | ((before: Partial<S>) => v.GenericSchema<unknown, S[K]>);
    invalid?: (fallback: string) => string;
  },
): LinkField<S, K> {
  return {
    field: spec.field,
    keys: [spec.key],
    ...(spec.write ? { write: spec.write } : {}),
    read({ get, before, notices }) {
      const value = get(spec.key);
      if (value === undefined) return spec.fallback;
      const schema = typeof spec.schema === 'function' ? spec.schema(before) : spec.schema;
      const parsed = v.safeParse(schema, value);
      if (parsed.success) return parsed.output;
      const fallback = text(spec.describe, spec.fallback);
      notices.push(spec.invalid ? spec.invalid(fallback) : spec.wording.invalid(spec.label, fallback));
      return spec.fallback;
    },
  };
}

/** A choice among names. */
export function choiceField<S, K extends keyof S>(
  spec: FieldBase<S, K> & { options: readonly (S[K] & string)[]; invalid?: (fallback: string) => string },
): LinkField<S, K> {
  return schemaField({ ...spec, schema: v.picklist(spec.options) as v.GenericSchema<unknown, S[K]> });
}

/** The value of an on/off flag entry: absent is off; anything but true or false is off, with a notice. */
export function readFlag(value: unknown, label: string, wording: FieldWording, notices: string[]): boolean {
  if (value === undefined) return false;
  if (typeof value === 'boolean') return value;
  notices.push(wording.notAFlag(label));
  return false;
}

/** An on/off flag (off by default). */
export function flagField<S, K extends keyof S>(
  spec: Omit<FieldBase<S, K>, 'fallback' | 'describe'>,
): LinkField<S, K> {
  return {
    field: spec.field,
    keys: [spec.key],
    ...(spec.write ? { write: spec.write } : {}),
    read: ({ get, notices }) => readFlag(get(spec.key), spec.label, spec.wording, notices) as S[K],
  };
}

/**
 * The sentences of a page that names its link ("The lab link …", "The lecture link …"): `page` is
 * that name, `prefix` and `version` its format, `flag` how it refuses a flag that is not true or
 * false. (The Explorer speaks of "the share link" and words its own.)
 */
export function namedLinkWording(
  page: string,
  prefix: string,
  version: number,
  flag: (label: string) => string,
): LinkWording & FieldWording {
  const link = `The ${page} link`;
  return {
    unreadable(failure) {
      const why =
        failure.reason === 'version'
          ? `uses format ${prefix}${failure.version}, but this app reads ${prefix}${version}`
          : failure.reason === 'too-long'
            ? 'is too long to be valid'
            : 'is damaged or incomplete';
      return `${link} ${why}; the default ${page} is shown.`;
    },
    failed: `${link} could not be read; the default ${page} is shown.`,
    unknownKeys: (keys) => `Ignored ${keys.length} unknown setting(s) in the ${page} link.`,
    invalid: (label, fallback) => `${link}'s ${label} was not valid; ${fallback} was used.`,
    notANumber: (label, fallback) => `${link}'s ${label} was not a number; ${fallback} was used.`,
    adjusted: (label, value, used, { min, max }) =>
      `${link}'s ${label} (${value}) was set to ${used} (allowed: ${min} to ${max}).`,
    notAFlag: flag,
  };
}
