/**
 * The NB201 validation tables' rule for dead cells, one rule for every proxy. A dead cell has no path
 * from input to output (341 of the 15 625; nb201HasPath): its output ignores the input, so it trains
 * to chance (about 10 % on CIFAR-10), and each proxy can only give it a sentinel of its own choosing:
 * 0 (grad_norm, snip, grasp, fisher, zico, swap, reg_swap, ntk_trace, ntk_spectrum), −∞ (nwot,
 * synflow), NaN (jacob_cov, the gradalign family), −5 (ntk_cond and vintk: TE-NAS's κ = 1e5), or its
 * plain count (params, flops). Ranking those sentinels against each other would compare conventions,
 * not proxies, and some (NaN, −∞) would drop out of a correlation while others stay in.
 * Rule: every row of the NB201 tables leaves dead cells out, before anything is computed, whatever
 * the proxy's value there; the table says how many cells of its sample that was.
 */
import { nb201FromString, nb201HasPath } from '../../src/core/spaces/nb201/nb201';

export const DEAD_CELL_RULE =
  'cells with no path from input to output are left out of every row, whatever the proxy gives them';

/** True for NB201 arch text whose cell has no input→output path (unreadable text is not dead). */
export function isDeadNb201Cell(arch: string): boolean {
  const cell = nb201FromString(arch);
  return cell.ok && !nb201HasPath(cell.value);
}

/** The records of live cells, and the distinct dead cells left out. */
export function withoutDeadCells<T extends { arch: string }>(
  records: readonly T[],
): { live: T[]; dead: string[] } {
  const dead = new Set<string>();
  const live = records.filter((r) => {
    if (!isDeadNb201Cell(r.arch)) return true;
    dead.add(r.arch);
    return false;
  });
  return { live, dead: [...dead] };
}
