/** Pieces that several spaces' definitions share. */
import type { ParseResult } from '../util/parseResult';
import type { SearchSpace } from './spaceRegistry';

/** A canonical-text function from a space's parser and writer: read the text, write it back. */
export const rewrite =
  <T>(parse: (text: string) => ParseResult<T>, write: (value: T) => string) =>
  (text: string): ParseResult<string> => {
    const parsed = parse(text);
    return parsed.ok ? { ok: true, value: write(parsed.value) } : parsed;
  };

/** What a space calls its candidates when they are whole networks. */
export const ARCHITECTURE = {
  one: 'architecture',
  many: 'architectures',
  One: 'Architecture',
  Many: 'Architectures',
};

/** A share link's code for a candidate index in base 36, for spaces without a shorter form. */
export function base36Link(space: string, size: number): SearchSpace['link'] {
  return {
    encode: (index) => index.toString(36),
    decode(code) {
      if (!/^[0-9a-z]{1,11}$/.test(code)) return null;
      const index = Number.parseInt(code, 36);
      return Number.isSafeInteger(index) && index < size ? index : null;
    },
    form: `in ${space}`,
  };
}
