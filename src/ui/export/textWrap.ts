/**
 * Text that has to fit a width in an exported picture, where nothing measures fonts: a width per
 * character of about 0.58 em, a little above the average of system sans-serif fonts on mixed
 * text (digits 0.55 em, lower case about 0.5 em), so an estimate errs on the short side.
 */
const AVERAGE_CHAR_EM = 0.58;

/** Roughly how wide a line of text is, in pixels, at a font size in pixels. */
export function textWidth(text: string, fontSize: number): number {
  return [...text].length * fontSize * AVERAGE_CHAR_EM;
}

/** How many characters fit in a width at a font size (at least 1). */
export function charsThatFit(width: number, fontSize: number): number {
  return Math.max(1, Math.floor(width / (fontSize * AVERAGE_CHAR_EM)));
}

/**
 * Splits text into lines of at most `maxChars` characters, breaking at white space; a word longer
 * than a line (an architecture string, a file name) is cut. Blank text gives no line.
 */
export function wrapText(text: string, maxChars: number): string[] {
  const limit = Math.max(1, Math.floor(maxChars));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if ([...candidate].length <= limit) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    const letters = [...word];
    while (letters.length > limit) lines.push(letters.splice(0, limit).join(''));
    line = letters.join('');
  }
  if (line !== '') lines.push(line);
  return lines;
}
