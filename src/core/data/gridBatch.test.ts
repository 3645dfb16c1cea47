import { describe, expect, it } from 'vitest';
import { gridBatch } from './gridBatch';

const request = (n: number) => ({ dataset: 'grid', n, seed: 3, classBalanced: false });

describe('gridBatch', () => {
  it('spaces 1-D points by 1/n from 0', () => {
    const b = gridBatch(request(4), [1]);
    expect(Array.from(b.x)).toEqual([0, 0.25, 0.5, 0.75]);
    expect(b.shape).toEqual([1]);
    expect(Array.from(b.y)).toEqual([0, 0, 0, 0]);
  });

  it('lays 2-D points on a square lattice, x fastest', () => {
    const b = gridBatch(request(4), [2]);
    expect(Array.from(b.x)).toEqual([0, 0, 0.5, 0, 0, 0.5, 0.5, 0.5]);
  });

  it('says why it cannot feed image networks or non-square 2-D grids', () => {
    expect(() => gridBatch(request(4), [32, 32, 3])).toThrow(/1-D or 2-D coordinate inputs/);
    expect(() => gridBatch(request(5), [2])).toThrow(/square number/);
  });
});
