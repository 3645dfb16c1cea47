/**
 * Candidates pasted as text, one per line; '#' starts a comment. NB201: NB201 strings or NASLib
 * tuples; other spaces: their architecture text (vitToString, mlpToString).
 */
import type { SpaceId } from '../../core/spaces/architecture';
import { candidateCodec } from '../../core/spaces/candidateIndex';
import { nb201FromString, nb201ToIndex } from '../../core/spaces/nb201';
import { nb201FromNaslibKey } from '../../core/spaces/nb201Naslib';

/** Candidate indices from pasted text, and the lines that are not candidates (1-based line and reason). */
export function parsePastedCells(
  text: string,
  space: SpaceId = 'nb201',
): { cells: number[]; problems: string[] } {
  if (space !== 'nb201') {
    const codec = candidateCodec(space);
    const cells: number[] = [];
    const problems: string[] = [];
    text.split('\n').forEach((raw, i) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      const parsed = codec.indexOf(line);
      if (parsed.ok) cells.push(parsed.value);
      else problems.push(`line ${i + 1}: ${parsed.error}`);
    });
    return { cells, problems };
  }
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
