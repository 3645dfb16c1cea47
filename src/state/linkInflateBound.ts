/**
 * The length of the text an lz-string link payload inflates to, found by walking its codes with
 * lengths only (no strings are built), and stopped as soon as it passes a limit. lz-string itself
 * has no bound: a 16 KB payload can inflate to 33 million characters before any check could refuse
 * it, so decodePayload asks here first and lets the library inflate only what is known to be small.
 *
 * The walk follows lz-string's format (compressToEncodedURIComponent): 6 bits per character of the
 * URI-safe alphabet, most significant bit first; codes are read least significant bit first with a
 * width that grows as the dictionary does. Codes 0 and 1 add a literal of 8 or 16 bits to the
 * dictionary, 2 ends the stream; any other code names an entry, or the next one (the previous entry
 * plus its first character). Every entry also adds "previous + first character of this one".
 * The property test checks the walk against the library on random texts.
 */
const URI_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const VALUE_OF = new Map([...URI_SAFE].map((ch, i) => [ch, i]));

export type InflateBound = { ok: true; length: number } | { ok: false; reason: 'over-limit' | 'damaged' };

export function inflatedLength(payload: string, limit: number): InflateBound {
  const values: number[] = [];
  for (const ch of payload) {
    const value = VALUE_OF.get(ch);
    if (value === undefined) return { ok: false, reason: 'damaged' };
    values.push(value);
  }
  if (values.length === 0) return { ok: false, reason: 'damaged' };
  let index = 0;
  let mask = 32;
  // Past the end the library reads zero bits; so do we, and a stream that runs on is damaged.
  const read = (bits: number): number => {
    let out = 0;
    for (let i = 0; i < bits; i++) {
      if (((values[index] ?? 0) & mask) !== 0) out |= 1 << i;
      mask >>= 1;
      if (mask === 0) {
        mask = 32;
        index++;
      }
    }
    return out;
  };

  // Entry lengths by code; 0..2 are the literal and end markers.
  const lengths: number[] = [0, 0, 0];
  const first = read(2);
  if (first === 2) return { ok: true, length: 0 };
  if (first !== 0 && first !== 1) return { ok: false, reason: 'damaged' };
  read(first === 0 ? 8 : 16);
  lengths.push(1);
  let previous = 1;
  let total = 1;
  let width = 3;
  let enlargeIn = 4;
  const grow = () => {
    if (--enlargeIn === 0) {
      enlargeIn = 2 ** width;
      width++;
    }
  };
  for (;;) {
    if (index >= values.length) return { ok: false, reason: 'damaged' };
    let code = read(width);
    if (code === 2) return { ok: true, length: total };
    if (code === 0 || code === 1) {
      read(code === 0 ? 8 : 16);
      lengths.push(1);
      code = lengths.length - 1;
      grow();
    }
    let entry: number;
    if (code < lengths.length && code > 2) entry = lengths[code]!;
    else if (code === lengths.length) entry = previous + 1;
    else return { ok: false, reason: 'damaged' };
    total += entry;
    if (total > limit) return { ok: false, reason: 'over-limit' };
    lengths.push(previous + 1);
    grow();
    previous = entry;
  }
}
