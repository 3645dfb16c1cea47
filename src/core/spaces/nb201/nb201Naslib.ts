/**
 * NASLib's encoding of NAS-Bench-201 cells (automl/NASLib naslib/search_spaces/nasbench201/
 * conversions.py, `convert_str_to_op_indices`): six op indices in edge order
 * (0→1, 0→2, 0→3, 1→2, 1→3, 2→3) with ops 0 skip_connect, 1 none, 2 nor_conv_3x3, 3 nor_conv_1x1,
 * 4 avg_pool_3x3. NASLib's zero-cost files (e.g. zc_nasbench201.json) key cells by that tuple as
 * Python prints it: "(0, 2, 3, 2, 3, 1)".
 *
 * Both the edge order and the op order differ from ours (spaces/nb201/nb201.ts), so conversions go
 * through edge endpoints and op names, never through positions.
 */

import type { ParseResult } from '../../util/parseResult';
import { NB201_EDGES, NB201_OPS, type Nb201Cell } from './nb201';

export const NASLIB_OPS = ['skip_connect', 'none', 'nor_conv_3x3', 'nor_conv_1x1', 'avg_pool_3x3'] as const;

/** NASLib's edge order as [from, to]. */
export const NASLIB_EDGES: readonly (readonly [number, number])[] = [
  [0, 1],
  [0, 2],
  [0, 3],
  [1, 2],
  [1, 3],
  [2, 3],
];

export type NaslibOpIndices = readonly [number, number, number, number, number, number];

/** For each NASLib position, the position of the same edge in our (string) order. */
const OUR_POSITION = NASLIB_EDGES.map(([from, to]) =>
  NB201_EDGES.findIndex(([a, b]) => a === from && b === to),
);

/** Our op code → NASLib op code, matched by name. */
const TO_NASLIB_OP = NB201_OPS.map((name) => (NASLIB_OPS as readonly string[]).indexOf(name));
const FROM_NASLIB_OP = NASLIB_OPS.map((name) => (NB201_OPS as readonly string[]).indexOf(name));

export function nb201ToNaslib(cell: Nb201Cell): NaslibOpIndices {
  return OUR_POSITION.map((e) => TO_NASLIB_OP[cell[e]!]!) as unknown as NaslibOpIndices;
}

export function nb201FromNaslib(indices: readonly number[]): ParseResult<Nb201Cell> {
  if (indices.length !== 6) {
    return { ok: false, error: `a NASLib NB201 cell has 6 op indices, got ${indices.length}` };
  }
  const ops = [0, 0, 0, 0, 0, 0];
  for (let k = 0; k < 6; k++) {
    const code = indices[k]!;
    if (!Number.isInteger(code) || code < 0 || code >= NASLIB_OPS.length) {
      return { ok: false, error: `NASLib op index ${code} at position ${k + 1} is not in 0..4` };
    }
    ops[OUR_POSITION[k]!] = FROM_NASLIB_OP[code]!;
  }
  return { ok: true, value: ops as unknown as Nb201Cell };
}

/** The key NASLib's files use for a cell: the op tuple as Python prints it. */
export function naslibKey(cell: Nb201Cell): string {
  return `(${nb201ToNaslib(cell).join(', ')})`;
}

/** Parses "(0, 2, 3, 2, 3, 1)"; also accepts square brackets, no brackets and any spacing. */
export function nb201FromNaslibKey(text: string): ParseResult<Nb201Cell> {
  const inner = text
    .trim()
    .replace(/^[([]\s*/, '')
    .replace(/\s*,?\s*[)\]]$/, '');
  const parts = inner.split(',').map((p) => p.trim());
  if (parts.length !== 6 || parts.some((p) => !/^\d+$/.test(p))) {
    return { ok: false, error: 'not a NASLib NB201 key of the form (a, b, c, d, e, f) with six op indices' };
  }
  return nb201FromNaslib(parts.map(Number));
}
