import { describe, expect, it } from 'vitest';
import { parsePastedCells } from './pastedCells';

describe('parsePastedCells', () => {
  it('reads NB201 strings and NASLib tuples, and names the lines it cannot read', () => {
    const text = [
      '# my cells',
      '|none~0|+|none~0|none~1|+|none~0|none~1|none~2|',
      '',
      '(0, 2, 3, 2, 3, 1)',
      '<script>alert(1)</script>',
      '  |avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|  ',
    ].join('\n');
    const { cells, problems } = parsePastedCells(text);
    // none everywhere = op 0 on every edge = index 0. NASLib (0,2,3,2,3,1) is
    // |skip_connect~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_1x1~0|nor_conv_1x1~1|none~2| (shared/data):
    // ours skip=1, 3x3=3, 1x1=2, none=0 in edge order (0→1, 0→2, 1→2, 0→3, 1→3, 2→3) → digits 1,3,3,2,2,0.
    expect(cells[0]).toBe(0);
    expect(cells[1]).toBe(Number.parseInt('133220', 5));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^line 5: /);
    expect(cells).toHaveLength(3);
  });
});
