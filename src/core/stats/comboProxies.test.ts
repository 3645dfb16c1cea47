import { describe, expect, it } from 'vitest';
import { proxyCombo, proxyHigherIsBetter } from './comboProxies';

describe('proxyCombo', () => {
  it('ranks the candidates that have every component, by the registry’s directions', () => {
    // synflow and nwot are higher-is-better. Candidate 2 has no nwot: left out, the other three ranked.
    const candidates = [
      { synflow: 5, nwot: 1, params: 9 },
      { synflow: 7, nwot: 3 },
      { synflow: 9 },
      { synflow: 6, nwot: 2 },
    ];
    const combo = proxyCombo(candidates, ['synflow', 'nwot']);
    expect(combo[0]).toBeCloseTo(Math.log(1 / 3) + Math.log(1 / 3), 12);
    expect(combo[1]).toBe(0);
    expect(combo[2]).toBeNaN();
    expect(combo[3]).toBeCloseTo(Math.log(2 / 3) + Math.log(2 / 3), 12);
  });

  it('refuses an id that is not a proxy', () => {
    expect(proxyHigherIsBetter('nwot')).toBe(true);
    expect(() => proxyHigherIsBetter('combo')).toThrow(RangeError);
  });
});
