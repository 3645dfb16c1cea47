/** Small text helpers shared by the import parsers: size limit, safe excerpts, offsets → lines. */
import type { ImportError, RawCell } from './types';

/**
 * Largest file we import: 40 MiB. For a File this is its byte size; for text already read it is the
 * number of UTF-16 code units (never more than the UTF-8 byte count). The largest reference table,
 * nb201.csv, is 2 MB; a 40 MiB limit keeps a parse well within a browser tab's memory.
 */
export const MAX_IMPORT_SIZE = 40 * 1024 * 1024;

/** A rejection for files over MAX_IMPORT_SIZE, or null. Cheap: looks at the size only. */
export function importSizeProblem(size: number): ImportError | null {
  if (size <= MAX_IMPORT_SIZE) return null;
  const mib = (v: number) => (v / (1024 * 1024)).toFixed(1);
  return {
    line: null,
    reason: `file is ${mib(size)} MiB; the import limit is ${mib(MAX_IMPORT_SIZE)} MiB (nothing was read)`,
  };
}

/**
 * Shape limits of an imported table, checked while it is parsed (never after building it): the
 * largest reference table has 15 625 rows and 30 columns (nb201.csv); OoD-ViT-NAS about 3 000 rows.
 * Past a limit the import stops with the line and the limit, and nothing already loaded changes.
 */
export const IMPORT_LIMITS = {
  rows: 200_000,
  columns: 1_000,
  /** Nesting of JSON arrays and objects ([ and {); JSON.parse would overflow the stack far deeper. */
  depth: 64,
} as const;

/** Longest quote of file content placed in a message. */
export const EXCERPT_LENGTH = 40;

/**
 * A short, plain quote of file content for messages: control and bidirectional-override characters
 * become spaces, and anything past `max` code points is cut with an ellipsis.
 */
export function excerpt(value: RawCell | undefined, max: number = EXCERPT_LENGTH): string {
  const text = value === null || value === undefined ? '' : String(value);
  // Only look at a prefix: a hostile cell may be megabytes long.
  const head = Array.from(text.slice(0, 4 * max));
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
  const clean = head.map((c) => (/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(c) ? ' ' : c));
  return clean.length > max ? `${clean.slice(0, max).join('')}…` : clean.join('');
}

/** 1-based line of a character offset (counts \n, \r\n and lone \r as one break each). */
export function lineAtOffset(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) line++;
  }
  return line;
}

/** Number of line breaks in a string (\r\n counts once). */
export function lineBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) count++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) count++;
  }
  return count;
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const MISSING = /^(nan|na|n\/a|null|none|-|[+-]?inf|[+-]?infinity)$/i;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A cell as a number: a finite number, 'missing' (empty, null, NaN, NA, None, ±inf: anything that
 * carries no finite value), or null when it is text that is not a number (including booleans).
 */
export function cellNumber(cell: RawCell | undefined): number | 'missing' | null {
  if (cell === null || cell === undefined) return 'missing';
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : 'missing';
  if (typeof cell === 'boolean') return null;
  if (cell.length > 100) return null;
  const t = cell.trim();
  if (t === '' || MISSING.test(t)) return 'missing';
  if (!NUMBER.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : 'missing';
}
