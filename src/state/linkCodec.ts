/**
 * The one share-link codec. A page (Explorer, Spectral Lab, lecture) declares its link as data: a
 * prefix and version, its wording, and a table of fields, each with its short key(s), how it is read
 * back (type, range, default, with a notice for anything changed) and when it is written. What every
 * link shares is written here once: the envelope (`<prefix><version>.<lz-string JSON>`, linkPayload.ts),
 * the version check, the refusals of a damaged or over-long link, the "ignored unknown settings"
 * notice, the rule that a value equal to the default is left out, and that decoding never throws.
 *
 * Field kinds used by more than one page are in linkFields.ts.
 */
import { decodePayload, encodePayload, own, type PayloadResult } from './linkPayload';

/** Why a link's envelope could not be read (linkPayload.ts). */
export type LinkFailure = Exclude<PayloadResult, { ok: true }>;

/** How a page's notices are worded; each page keeps its own sentences. */
export interface LinkWording {
  /** The notice for a link whose envelope cannot be read. */
  unreadable(failure: LinkFailure): string;
  /** The notice when decoding itself failed (a bug): the defaults are shown. */
  failed: string;
  /** The notice for keys no field reads (given in the order the link has them). */
  unknownKeys(keys: readonly string[]): string;
}

/** Reading one field: its raw entries, the fields read before it, and where notices go. */
export interface FieldRead<S> {
  /** A key's raw value in the link (an own property only), undefined when absent. */
  get(key: string): unknown;
  /** The fields read so far (in the table's reading order). */
  before: Partial<S>;
  notices: string[];
}

export interface LinkField<S, K extends keyof S = keyof S> {
  field: K;
  /** The short JSON keys this field owns (most own one). Never reuse a key without a new version. */
  keys: readonly string[];
  read(at: FieldRead<S>): S[K];
  /** The entries written for this state; by default [key, value] unless the value equals the default. */
  write?(state: S, defaults: S): [string, unknown][];
}

export interface LinkPage<S extends object> {
  prefix: string;
  version: number;
  wording: LinkWording;
  /**
   * An empty hash ("" or "#") opens the defaults without a notice (else it is an unreadable link).
   * Such a page (the Explorer) reads its hash after the '#', and the payload reader allows one more.
   */
  emptyIsDefault?: boolean;
  defaults(): S;
  /** The fields in the order they are written (this order is part of a link's exact text). */
  fields: readonly LinkField<S>[];
  /**
   * Fields read before the others, in this order (the reading order sets the order of the
   * notices); the rest follow in the order of `fields`.
   */
  readFirst?: readonly (keyof S)[];
}

export interface DecodedLink<S> {
  state: S;
  /** Plain-text sentences for the user (never HTML); empty when the link was read as is. */
  notices: string[];
}

export interface LinkCodec<S> {
  encode(state: S): string;
  /** Reads a hash (with or without '#'); never throws: every problem becomes a notice. */
  decode(hash: string): DecodedLink<S>;
  /** Every key a link of this page may hold. */
  keys: ReadonlySet<string>;
}

/** A value is left out of the link when it equals the default (compared as JSON, so lists compare by items). */
function defaultWrite<S>(field: LinkField<S>, state: S, defaults: S): [string, unknown][] {
  const value = state[field.field];
  return JSON.stringify(value) === JSON.stringify(defaults[field.field]) ? [] : [[field.keys[0]!, value]];
}

export function defineLinkCodec<S extends object>(page: LinkPage<S>): LinkCodec<S> {
  const keys = new Set(page.fields.flatMap((f) => f.keys));
  const byField = new Map(page.fields.map((f) => [f.field, f]));
  const first = (page.readFirst ?? []).map((name) => {
    const field = byField.get(name);
    if (!field) throw new Error(`link ${page.prefix}: readFirst names ${String(name)}, which has no field`);
    return field;
  });
  const readOrder = [...first, ...page.fields.filter((f) => !first.includes(f))];

  const fallback = (notice: string): DecodedLink<S> => ({ state: page.defaults(), notices: [notice] });

  function readFields(raw: Record<string, unknown>): DecodedLink<S> {
    const notices: string[] = [];
    const unknown = Object.keys(raw).filter((key) => !keys.has(key));
    if (unknown.length > 0) notices.push(page.wording.unknownKeys(unknown));
    const before: Partial<S> = {};
    const at: FieldRead<S> = { get: (key) => own(raw, key), before, notices };
    for (const field of readOrder) before[field.field] = field.read(at);
    // The state's own key order (the defaults'), whatever order the fields were read in.
    const state = page.defaults();
    for (const name of Object.keys(state) as (keyof S)[]) {
      if (byField.has(name)) state[name] = before[name] as S[keyof S];
    }
    return { state, notices };
  }

  return {
    keys,
    encode(state) {
      const defaults = page.defaults();
      const compact: Record<string, unknown> = {};
      for (const field of page.fields) {
        const entries = field.write ? field.write(state, defaults) : defaultWrite(field, state, defaults);
        for (const [key, value] of entries) compact[key] = value;
      }
      return encodePayload(page.prefix, page.version, compact);
    },
    decode(hash) {
      try {
        let body = hash;
        if (page.emptyIsDefault && typeof hash === 'string') {
          body = hash.startsWith('#') ? hash.slice(1) : hash;
          if (body === '') return { state: page.defaults(), notices: [] };
        }
        const payload = decodePayload(body, page.prefix, page.version);
        return payload.ok ? readFields(payload.value) : fallback(page.wording.unreadable(payload));
      } catch {
        return fallback(page.wording.failed);
      }
    },
  };
}
