import { describe, expect, it } from 'vitest';
import { workerCount } from './workerCount';

describe('workerCount', () => {
  it('keeps a core for the page by default, at most four workers, at least one', () => {
    expect(workerCount('', 1)).toBe(1);
    expect(workerCount('', 2)).toBe(1);
    expect(workerCount('', 4)).toBe(3);
    expect(workerCount('', 16)).toBe(4);
    expect(workerCount('', undefined)).toBe(1);
  });

  it('takes ?workers=N from 1 to 8 and ignores anything else', () => {
    expect(workerCount('?workers=2', 2)).toBe(2);
    expect(workerCount('?backend=wasm&workers=8', 2)).toBe(8);
    for (const bad of ['?workers=0', '?workers=9', '?workers=1.5', '?workers=two', '?workers=']) {
      expect(workerCount(bad, 4), bad).toBe(3);
    }
  });
});
