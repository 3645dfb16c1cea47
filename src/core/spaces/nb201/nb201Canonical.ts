/**
 * NAS-Bench-201's own identity of cells "up to isomorphism": CellStructure.to_unique_str with
 * consider_zero=True (D-X-Y/AutoDL-Projects xautodl/models/cell_searchs/genotypes.py), which the
 * NB201 API uses to group its 15 625 cells into 6 466 unique ones.
 *
 * Each node becomes an expression string. Node 0 is "0". An edge from node j contributes
 *   "#" (zero)          when its op is none, or when node j's string is exactly "#";
 *   node j's string     when its op is skip_connect (identity inlined);
 *   "(node j)@op"       otherwise.
 * A node joins its incoming terms, sorted by code unit (Python's str order), with "+"; the cell's
 * string is node 3's. Sorting makes sums commutative, inlining removes identity edges, and a
 * branch nothing reads (a dangling edge) never enters node 3's string.
 *
 * It is NB201's syntactic key, reproduced exactly, not a full test of functional equivalence:
 * zero terms stay in sums ("#+x" is not "x"), and a node whose terms are all zero reads "#+#",
 * which later edges treat as non-zero. So it does not merge cells that differ by swapping nodes 1
 * and 2 when 1→2 is none. The published count 6 466 is this function's, so we keep its quirks.
 */
import {
  NB201_CELL_COUNT,
  NB201_EDGES,
  NB201_OPS,
  type Nb201Cell,
  nb201FromIndex,
  nb201ToIndex,
} from './nb201';

const ZERO = '#';

/** NB201's unique string of a cell (to_unique_str(consider_zero=True)). */
export function nb201UniqueString(cell: Nb201Cell): string {
  const nodes = ['0'];
  for (let node = 1; node < 4; node++) {
    const terms: string[] = [];
    NB201_EDGES.forEach(([from, to], e) => {
      if (to !== node) return;
      const op = NB201_OPS[cell[e]!]!;
      const source = nodes[from]!;
      if (op === 'none' || source === ZERO) terms.push(ZERO);
      else if (op === 'skip_connect') terms.push(source);
      else terms.push(`(${source})@${op}`);
    });
    // Python's sorted() on str compares code points; these strings are ASCII, so the default
    // code-unit order of Array.prototype.sort is the same.
    nodes.push(terms.sort().join('+'));
  }
  return nodes[3]!;
}

export interface Nb201Classes {
  /** Number of classes (6 466). */
  count: number;
  /** Class id of every cell, by our index (spaces/nb201/nb201.ts); ids in order of first appearance. */
  classOf: Int32Array;
  /** Smallest cell index of each class, by class id. */
  representative: Int32Array;
  /** Size of each class, by class id. */
  size: Int32Array;
}

let classes: Nb201Classes | undefined;

/** The partition of all 15 625 cells by NB201's unique string (computed once, about 10 ms). */
export function nb201IsomorphismClasses(): Nb201Classes {
  if (classes) return classes;
  const idOf = new Map<string, number>();
  const classOf = new Int32Array(NB201_CELL_COUNT);
  const representative: number[] = [];
  const size: number[] = [];
  for (let index = 0; index < NB201_CELL_COUNT; index++) {
    const key = nb201UniqueString(nb201FromIndex(index));
    let id = idOf.get(key);
    if (id === undefined) {
      id = representative.length;
      idOf.set(key, id);
      representative.push(index);
      size.push(0);
    }
    classOf[index] = id;
    size[id]! += 1;
  }
  classes = {
    count: representative.length,
    classOf,
    representative: Int32Array.from(representative),
    size: Int32Array.from(size),
  };
  return classes;
}

/** The canonical member of a cell's class: the class member with the smallest index. */
export function nb201CanonicalCell(cell: Nb201Cell): Nb201Cell {
  const { classOf, representative } = nb201IsomorphismClasses();
  return nb201FromIndex(representative[classOf[nb201ToIndex(cell)]!]!);
}

/** True when NB201 counts the two cells as the same architecture. */
export function nb201SameClass(a: Nb201Cell, b: Nb201Cell): boolean {
  return nb201UniqueString(a) === nb201UniqueString(b);
}
