/** NB201 cells pasted as text: NB201 strings or NASLib tuples, one per line; '#' starts a comment. */
import { nb201FromString, nb201ToIndex } from '../../core/spaces/nb201';
import { nb201FromNaslibKey } from '../../core/spaces/nb201Naslib';

/** Cells from pasted text, and the lines that are not cells (1-based line and reason). */
export function parsePastedCells(text: string): { cells: number[]; problems: string[] } {
  const cells: number[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const parsed = /^[([]/.test(line) ? nb201FromNaslibKey(line) : nb201FromString(line);
    if (parsed.ok) cells.push(nb201ToIndex(parsed.value));
    else problems.push(`line ${i + 1}: ${parsed.error}`);
  });
  return { cells, problems };
}
