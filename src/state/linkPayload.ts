/**
 * What every share link has in common: `<prefix><version>.<lz-string payload>` holding a JSON
 * object. The Explorer (v1.), the Spectral Lab (lab1.) and the lecture view read their own fields
 * from it; this module only turns the text into an object, or says why it cannot.
 */
// lz-string is CommonJS: Node's ESM loader only exposes its default export.
import LZString from 'lz-string';
import { inflatedLength } from './linkInflateBound';

/** Real links are well under 2 000 characters; anything longer than this is refused before decompressing. */
export const MAX_HASH_CHARS = 16 * 1024;
/** LZ output can be far longer than its input, so the JSON text gets its own bound, checked before inflating. */
const MAX_JSON_CHARS = 64 * 1024;
// The alphabet of compressToEncodedURIComponent.
const PAYLOAD_PATTERN = /^[A-Za-z0-9+\-$]+$/;

export function encodePayload(prefix: string, version: number, compact: Record<string, unknown>): string {
  return `${prefix}${version}.${LZString.compressToEncodedURIComponent(JSON.stringify(compact))}`;
}

/** The page a hash belongs to, by its prefix: "lab1.…" → 'lab', "lec1.…" → 'lecture', else 'explorer'. */
export function pageOfHash(hash: string): 'explorer' | 'lab' | 'lecture' {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (/^lab\d/.test(body)) return 'lab';
  if (/^lec\d/.test(body)) return 'lecture';
  return 'explorer';
}

export type PayloadResult =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; reason: 'too-long' | 'not-a-link' | 'damaged' | 'not-an-object' }
  | { ok: false; reason: 'version'; version: number };

/** Reads "<prefix><version>.<payload>" (with or without '#'); never throws. */
export function decodePayload(hash: string, prefix: string, version: number): PayloadResult {
  if (typeof hash !== 'string') return { ok: false, reason: 'not-a-link' };
  if (hash.length > MAX_HASH_CHARS) return { ok: false, reason: 'too-long' };
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const match = new RegExp(`^${prefix}(\\d{1,9})\\.(.*)$`, 's').exec(body);
  if (!match) return { ok: false, reason: 'not-a-link' };
  const found = Number(match[1]);
  if (found !== version) return { ok: false, reason: 'version', version: found };
  const json = decompress(match[2] ?? '');
  if (json === 'over-limit') return { ok: false, reason: 'too-long' };
  if (json === null) return { ok: false, reason: 'damaged' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { ok: false, reason: 'damaged' };
  }
  if (!isRecord(parsed)) return { ok: false, reason: 'not-an-object' };
  return { ok: true, value: parsed };
}

/** The payload's JSON text; 'over-limit' when it would inflate past MAX_JSON_CHARS (found before inflating). */
function decompress(payload: string): string | null | 'over-limit' {
  let text = payload;
  // A link that went through a mail client or chat may come back percent-encoded.
  if (text.includes('%')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return null;
    }
  }
  text = text.replaceAll(' ', '+');
  if (!PAYLOAD_PATTERN.test(text)) return null;
  const bound = inflatedLength(text, MAX_JSON_CHARS);
  if (!bound.ok) return bound.reason === 'over-limit' ? 'over-limit' : null;
  const json: unknown = LZString.decompressFromEncodedURIComponent(text);
  return typeof json === 'string' && json !== '' ? json : null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property only ("__proto__" and inherited keys stay inert). */
export function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
