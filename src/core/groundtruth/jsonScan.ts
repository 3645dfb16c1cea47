/**
 * A scan of JSON text that JSON.parse accepted (json.ts): a repeated key in any object (JSON.parse
 * would silently keep the last), and the line of each key or item near the top, for messages.
 */

/** How deep (in object levels) architecture-keyed maps are looked for. */
export const MAX_MAP_DEPTH = 4;
/** Separates the segments of a path in the line index. */
export const SEP = '\u0000';

export interface ScanResult {
  duplicate: { key: string; first: number; second: number } | null;
  /** Line of each object key or array item at depth ≤ MAX_MAP_DEPTH + 1, by path (SEP-prefixed segments). */
  lines: Map<string, number>;
}

interface Frame {
  array: boolean;
  path: string;
  depth: number;
  keys: Map<string, number> | null;
  expectKey: boolean;
  expectItem: boolean;
  index: number;
  current: string;
}

/** Walks text that JSON.parse accepted; never recurses, so any nesting depth is fine. */
export function scanJson(text: string): ScanResult {
  const lines = new Map<string, number>();
  const stack: Frame[] = [];
  let line = 1;
  const itemStarts = (top: Frame | undefined) => {
    if (top?.array && top.expectItem) {
      top.expectItem = false;
      top.current = String(top.index);
      if (top.depth <= MAX_MAP_DEPTH) lines.set(`${top.path}${SEP}${top.current}`, line);
    }
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (c === 10) line++;
    else if (c === 13) {
      if (text.charCodeAt(i + 1) !== 10) line++;
    } else if (c === 32 || c === 9 || c === 58) {
      // space, tab, ':'
    } else if (c === 34) {
      let j = i + 1;
      let escaped = false;
      while (j < text.length) {
        const d = text.charCodeAt(j);
        if (d === 92) {
          escaped = true;
          j += 2;
        } else if (d === 34) break;
        else j++;
      }
      if (top && !top.array && top.expectKey) {
        const key = escaped ? (JSON.parse(text.slice(i, j + 1)) as string) : text.slice(i + 1, j);
        if (!top.keys) top.keys = new Map();
        const keys = top.keys;
        const first = keys.get(key);
        if (first !== undefined) return { duplicate: { key, first, second: line }, lines };
        keys.set(key, line);
        top.expectKey = false;
        top.current = key;
        if (top.depth <= MAX_MAP_DEPTH) lines.set(`${top.path}${SEP}${key}`, line);
      } else itemStarts(top);
      i = j;
    } else if (c === 123 || c === 91) {
      itemStarts(top);
      const depth = top ? top.depth + 1 : 0;
      stack.push({
        array: c === 91,
        path: top ? `${top.path}${SEP}${top.current}` : '',
        depth,
        keys: null,
        expectKey: c === 123,
        expectItem: c === 91,
        index: 0,
        current: '',
      });
    } else if (c === 125 || c === 93) {
      stack.pop();
    } else if (c === 44) {
      if (top?.array) {
        top.index++;
        top.expectItem = true;
      } else if (top) top.expectKey = true;
    } else itemStarts(top);
  }
  return { duplicate: null, lines };
}
