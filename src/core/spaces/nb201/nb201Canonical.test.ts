import { describe, expect, it } from 'vitest';
import { NB201_CELL_COUNT, type Nb201Cell, nb201FromIndex, nb201FromString, nb201HasPath } from './nb201';
import {
  nb201CanonicalCell,
  nb201IsomorphismClasses,
  nb201SameClass,
  nb201UniqueString,
} from './nb201Canonical';

function cell(text: string): Nb201Cell {
  const parsed = nb201FromString(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

describe('NB201 unique strings (to_unique_str(consider_zero=True))', () => {
  it('builds the expression of a cell as NB201 does (worked by hand)', () => {
    // node1 = (0)@conv3; node2 = sorted{"0", "((0)@conv3)@conv1"}; node3 = sorted{"#", node1, node2}.
    const text = '|nor_conv_3x3~0|+|skip_connect~0|nor_conv_1x1~1|+|none~0|skip_connect~1|skip_connect~2|';
    const node1 = '(0)@nor_conv_3x3';
    const node2 = `((0)@nor_conv_3x3)@nor_conv_1x1+0`; // '(' (0x28) sorts before '0' (0x30)
    expect(nb201UniqueString(cell(text))).toBe(['#', node1, node2].sort().join('+'));
    // '#' < '(' and "((" < "(0": node 2's term sorts before node 1's.
    expect(nb201UniqueString(cell(text))).toBe('#+((0)@nor_conv_3x3)@nor_conv_1x1+0+(0)@nor_conv_3x3');
  });

  it('groups the 15 625 cells into exactly 6 466 classes (the NB201 paper count)', () => {
    const { count, classOf, representative, size } = nb201IsomorphismClasses();
    expect(count).toBe(6466);
    expect(size.reduce((a, b) => a + b, 0)).toBe(NB201_CELL_COUNT);
    // Representatives are the smallest member: every cell's index is at least its class's.
    for (let i = 0; i < NB201_CELL_COUNT; i++) {
      expect(representative[classOf[i]!]!).toBeLessThanOrEqual(i);
    }
  });

  it('collapses the 341 no-path cells into NB201’s 5 zero classes (225 + 4 × 29)', () => {
    // Hand count from the rules: node 2 always joins two terms, so its string is never "#".
    // "#+#+#": 0→3 none, 2→3 none, and 1→3 none or 0→1 none; 0→2, 1→2 free: 25 × (5 + 5 − 1) = 225.
    // "#+#+#+#" and "#+#+(#+#)@op" (op = conv1x1, conv3x3, avg_pool): 0→3 none, 2→3 = skip or op,
    // node 2 = "#+#" (0→2 none, and 1→2 none or 0→1 none), and 1→3 none or 0→1 none:
    // 0→1 none: 5 × 5 choices of (1→2, 1→3); 0→1 any of 4 others: both none; 25 + 4 = 29 each.
    const dead: number[] = [];
    for (let i = 0; i < NB201_CELL_COUNT; i++) if (!nb201HasPath(nb201FromIndex(i))) dead.push(i);
    expect(dead).toHaveLength(341);
    const bySize = new Map<string, number>();
    for (const i of dead) {
      const key = nb201UniqueString(nb201FromIndex(i));
      bySize.set(key, (bySize.get(key) ?? 0) + 1);
    }
    expect(Object.fromEntries(bySize)).toEqual({
      '#+#+#': 225,
      '#+#+#+#': 29,
      '#+#+(#+#)@nor_conv_1x1': 29,
      '#+#+(#+#)@nor_conv_3x3': 29,
      '#+#+(#+#)@avg_pool_3x3': 29,
    });
    // No cell with a path shares a class with a dead one.
    const { classOf, size } = nb201IsomorphismClasses();
    const deadClasses = new Set(dead.map((i) => classOf[i]!));
    expect([...deadClasses].map((id) => size[id]!).sort((a, b) => a - b)).toEqual([29, 29, 29, 29, 225]);
  });

  it('ignores a dangling branch and the order of terms in a sum', () => {
    // The 0→1 conv feeds node 1, which feeds nothing: same as with that edge none.
    const dangling = cell('|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|');
    const plain = cell('|none~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|');
    expect(nb201SameClass(dangling, plain)).toBe(true);
    // Same two paths into node 3, listed on different edges.
    const a = cell('|skip_connect~0|+|none~0|none~1|+|nor_conv_1x1~0|nor_conv_3x3~1|none~2|');
    const b = cell('|skip_connect~0|+|none~0|none~1|+|nor_conv_3x3~0|nor_conv_1x1~1|none~2|');
    expect(nb201SameClass(a, b)).toBe(true);
    expect(nb201CanonicalCell(a)).toEqual(nb201CanonicalCell(b));
    // A different op is a different class.
    const c = cell('|skip_connect~0|+|none~0|none~1|+|nor_conv_1x1~0|avg_pool_3x3~1|none~2|');
    expect(nb201SameClass(a, c)).toBe(false);
  });

  it('keeps NB201’s quirk: swapping nodes 1 and 2 is not merged when 1→2 is none', () => {
    const a = cell('|nor_conv_3x3~0|+|nor_conv_1x1~0|none~1|+|none~0|skip_connect~1|skip_connect~2|');
    const b = cell('|nor_conv_1x1~0|+|nor_conv_3x3~0|none~1|+|none~0|skip_connect~1|skip_connect~2|');
    expect(nb201SameClass(a, b)).toBe(false);
  });
});
