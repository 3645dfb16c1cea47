/**
 * NAS-Bench-201 cells (Dong & Yang, ICLR 2020). A cell is a DAG on 4 nodes with one operation on
 * each of its 6 edges. We store a cell as the 6 op codes in the order the NB201 string lists edges:
 * (0→1), (0→2), (1→2), (0→3), (1→3), (2→3). Its index in [0, 15625) reads those codes as base-5
 * digits, first edge most significant; this is our own compact id (the share link carries it),
 * not the row order of the NB201 benchmark files.
 */

import type { ParseResult } from '../../util/parseResult';
import { mulberry32 } from '../../util/prng';

export const NB201_OPS = ['none', 'skip_connect', 'nor_conv_1x1', 'nor_conv_3x3', 'avg_pool_3x3'] as const;
export type Nb201Op = (typeof NB201_OPS)[number];
export const NB201_CELL_COUNT = 15625;

/** Edges in string order as [from, to]. */
export const NB201_EDGES: readonly (readonly [number, number])[] = [
  [0, 1],
  [0, 2],
  [1, 2],
  [0, 3],
  [1, 3],
  [2, 3],
];

export type Nb201Cell = readonly [number, number, number, number, number, number];

export function nb201ToIndex(cell: Nb201Cell): number {
  return cell.reduce((acc, op) => acc * 5 + op, 0);
}

export function nb201FromIndex(index: number): Nb201Cell {
  if (!Number.isInteger(index) || index < 0 || index >= NB201_CELL_COUNT) {
    throw new RangeError(`NB201 index must be an integer in [0, ${NB201_CELL_COUNT - 1}], got ${index}`);
  }
  const ops = [0, 0, 0, 0, 0, 0];
  let rest = index;
  for (let e = 5; e >= 0; e--) {
    ops[e] = rest % 5;
    rest = Math.floor(rest / 5);
  }
  return ops as unknown as Nb201Cell;
}

export function nb201ToString(cell: Nb201Cell): string {
  const name = (e: number) => `${NB201_OPS[cell[e]!]}~${NB201_EDGES[e]![0]}`;
  return `|${name(0)}|+|${name(1)}|${name(2)}|+|${name(3)}|${name(4)}|${name(5)}|`;
}

const STRING_SHAPE =
  /^\|([a-z0-9_]+)~(\d)\|\+\|([a-z0-9_]+)~(\d)\|([a-z0-9_]+)~(\d)\|\+\|([a-z0-9_]+)~(\d)\|([a-z0-9_]+)~(\d)\|([a-z0-9_]+)~(\d)\|$/;

export function nb201FromString(text: string): ParseResult<Nb201Cell> {
  const match = STRING_SHAPE.exec(text.trim());
  if (!match) {
    return { ok: false, error: 'not an NB201 cell string of the form |op~0|+|op~0|op~1|+|op~0|op~1|op~2|' };
  }
  const ops: number[] = [];
  for (let e = 0; e < 6; e++) {
    const opName = match[1 + 2 * e]!;
    const from = Number(match[2 + 2 * e]);
    const op = (NB201_OPS as readonly string[]).indexOf(opName);
    if (op < 0) return { ok: false, error: `unknown operation "${opName.slice(0, 30)}" on edge ${e + 1}` };
    if (from !== NB201_EDGES[e]![0]) {
      return { ok: false, error: `edge ${e + 1} must start at node ${NB201_EDGES[e]![0]}, got ${from}` };
    }
    ops.push(op);
  }
  return { ok: true, value: ops as unknown as Nb201Cell };
}

/** True when some input→output path uses no 'none' edge; otherwise the cell's output is zero. */
export function nb201HasPath(cell: Nb201Cell): boolean {
  const reach = [true, false, false, false];
  NB201_EDGES.forEach(([from, to], e) => {
    if (cell[e] !== 0 && reach[from]) reach[to] = true;
  });
  return reach[3]!;
}

/**
 * For each edge: does its output reach the cell output through non-'none' edges? Weights on other
 * edges cannot affect the network's output (their gradient is zero, and autodiff sees no path).
 */
export function nb201EdgesReachingOutput(cell: Nb201Cell): boolean[] {
  const reachesOutput = [false, false, false, true];
  for (let e = NB201_EDGES.length - 1; e >= 0; e--) {
    const [from, to] = NB201_EDGES[e]!;
    if (cell[e] !== 0 && reachesOutput[to]) reachesOutput[from] = true;
  }
  return NB201_EDGES.map(([, to], e) => cell[e] !== 0 && reachesOutput[to]!);
}

/** Draws `count` distinct cells uniformly without replacement, reproducibly from `seed`. */
export function nb201Sample(count: number, seed: number): Nb201Cell[] {
  const n = Math.max(0, Math.min(NB201_CELL_COUNT, Math.floor(count)));
  const rng = mulberry32(seed);
  const chosen = new Set<number>();
  const cells: Nb201Cell[] = [];
  while (cells.length < n) {
    const index = Math.floor(rng() * NB201_CELL_COUNT);
    if (chosen.has(index)) continue;
    chosen.add(index);
    cells.push(nb201FromIndex(index));
  }
  return cells;
}

/** The NB201 cell index of a candidate (a job), or null for other spaces and unreadable text. */
export function nb201CellOf(candidate: { space: string; arch: string }): number | null {
  if (candidate.space !== 'nb201') return null;
  const parsed = nb201FromString(candidate.arch);
  return parsed.ok ? nb201ToIndex(parsed.value) : null;
}
