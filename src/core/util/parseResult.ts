/** What every reader of text (architectures, links, tables, settings) gives back: a value, or why not. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };
