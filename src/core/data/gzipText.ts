/**
 * Text of a file that may be gzip-compressed. The app ships its tables as .gz; a static server may
 * send them with `Content-Encoding: gzip` (Vite's dev server does), and then the browser has already
 * inflated them, so the bytes decide: the gzip magic number (1f 8b) means inflate, anything else is
 * read as UTF-8. DecompressionStream exists in browsers, workers and Node ≥ 18.
 */

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Inflated or plain UTF-8 text; rejects with the stream's error when the gzip data is damaged. */
export async function textOfMaybeGzip(bytes: Uint8Array): Promise<string> {
  if (!isGzip(bytes)) return new TextDecoder().decode(bytes);
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'));
  return await new Response(stream).text();
}
