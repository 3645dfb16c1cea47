/**
 * Candidates pasted as text, one per line; '#' starts a comment. NB201: NB201 strings or NASLib
 * tuples; other spaces: their architecture text (vitToString, mlpToString).
 */
import type { SpaceId } from '../../core/spaces/architecture';
import { SPACES } from '../../core/spaces/registry';

/** Candidate indices from pasted text, and the lines that are not candidates (1-based line and reason). */
export function parsePastedCells(
  text: string,
  space: SpaceId = 'nb201',
): { cells: number[]; problems: string[] } {
  const cells: number[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const parsed = SPACES[space].readCandidate(line);
    if (parsed.ok) cells.push(parsed.value);
    else problems.push(`line ${i + 1}: ${parsed.error}`);
  });
  return { cells, problems };
}
