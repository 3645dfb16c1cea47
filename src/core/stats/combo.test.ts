import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ComponentScores, comboPopulation, comboScores, pickComponents } from './combo';

const higherIsBetter = (lowerIsBetter: readonly string[]) => (id: string) => !lowerIsBetter.includes(id);

describe('comboScores', () => {
  it('matches a population of 4 worked by hand, with a tie and a lower-is-better component', () => {
    // a (higher is better): 10, 20, 20, 5 → ascending ranks 2, 3.5, 3.5, 1 (the tie shares 3 and 4).
    // b (lower is better): 0.3, 0.1, 0.4, 0.2 → best is 0.1: ranks 2, 4, 1, 3.
    const scores: ComponentScores = new Map([
      ['a', [10, 20, 20, 5]],
      ['b', [0.3, 0.1, 0.4, 0.2]],
    ]);
    const combo = comboScores(scores, higherIsBetter(['b']));
    const expected = [
      Math.log(2 / 4) + Math.log(2 / 4),
      Math.log(3.5 / 4) + Math.log(4 / 4),
      Math.log(3.5 / 4) + Math.log(1 / 4),
      Math.log(1 / 4) + Math.log(3 / 4),
    ];
    for (const [i, v] of combo.entries()) expect(v).toBeCloseTo(expected[i]!, 12);
    // In numbers: −1.3863, −0.1335, −1.5198, −1.6740: candidate 1 first, candidate 3 last.
    expect(combo[1]).toBeCloseTo(-0.133531, 6);
    expect(combo[3]).toBeCloseTo(-1.673976, 6);
  });

  it('gives NaN to a candidate missing any component and ranks the rest among themselves', () => {
    const scores: ComponentScores = new Map([
      ['a', [10, 20, 20, 5, 99]],
      ['b', [0.3, 0.1, 0.4, 0.2, Number.NaN]],
    ]);
    const combo = comboScores(scores, higherIsBetter(['b']));
    expect(comboPopulation(scores)).toEqual([true, true, true, true, false]);
    expect(combo[4]).toBeNaN();
    // The same four as above: N = 4, and the 99 (the best a) does not push the others down.
    expect(combo[1]).toBeCloseTo(Math.log(3.5 / 4), 12);
    expect(combo[3]).toBeCloseTo(Math.log(1 / 4) + Math.log(3 / 4), 12);
  });

  it('ranks −∞ as the worst value, and ties among infinities share their rank', () => {
    const scores: ComponentScores = new Map([
      ['a', [Number.NEGATIVE_INFINITY, 1, Number.NEGATIVE_INFINITY, 2]],
    ]);
    const combo = comboScores(scores, () => true);
    expect(combo).toEqual([Math.log(1.5 / 4), Math.log(3 / 4), Math.log(1.5 / 4), 0]);
    // Oriented the other way (lower is better), −∞ is the best.
    expect(comboScores(scores, () => false)[0]).toBeCloseTo(Math.log(3.5 / 4), 12);
  });

  it('is NaN for everyone without components, empty without candidates, and refuses ragged input', () => {
    expect(comboScores(new Map(), () => true)).toEqual([]);
    expect(comboScores(new Map([['a', []]]), () => true)).toEqual([]);
    expect(() =>
      comboScores(
        new Map([
          ['a', [1, 2]],
          ['b', [1]],
        ]),
        () => true,
      ),
    ).toThrow(RangeError);
    expect(() => pickComponents(new Map([['a', [1]]]), ['b'])).toThrow(/"b" has no scores/);
  });
});

/** Independent midrank: (values below) + (values equal, itself included, + 1)/2, counted directly. */
function midrank(values: readonly number[], v: number): number {
  let below = 0;
  let equal = 0;
  for (const w of values) {
    if (w < v) below++;
    else if (w === v) equal++;
  }
  return below + (equal + 1) / 2;
}

/** m components × n candidates of small integers (so ties happen), with a direction each. */
const population = fc
  .record({ m: fc.integer({ min: 1, max: 4 }), n: fc.integer({ min: 2, max: 25 }) })
  .chain(({ m, n }) =>
    fc.record({
      values: fc.array(fc.array(fc.integer({ min: -30, max: 30 }), { minLength: n, maxLength: n }), {
        minLength: m,
        maxLength: m,
      }),
      higher: fc.array(fc.boolean(), { minLength: m, maxLength: m }),
      pick: fc.nat({ max: n - 1 }),
      which: fc.nat({ max: m - 1 }),
    }),
  );

const asScores = (values: readonly number[][]): ComponentScores =>
  new Map(values.map((v, c) => [`p${c}`, v]));
const directions = (higher: readonly boolean[]) => (id: string) => higher[Number(id.slice(1))]!;

describe('comboScores properties', () => {
  it('equals Σ log(midrank/N) with midranks counted pair by pair', () => {
    fc.assert(
      fc.property(population, ({ values, higher }) => {
        const combo = comboScores(asScores(values), directions(higher));
        const n = values[0]!.length;
        for (let i = 0; i < n; i++) {
          let expected = 0;
          values.forEach((v, c) => {
            const oriented = v.map((x) => (higher[c] ? x : -x));
            expected += Math.log(midrank(oriented, oriented[i]!) / n);
          });
          expect(combo[i]).toBeCloseTo(expected, 10);
        }
      }),
    );
  });

  it('does not change when a component goes through a strictly increasing transform', () => {
    const transforms = [
      (x: number) => x ** 3 + 7 * x + 1,
      (x: number) => Math.exp(x / 4),
      (x: number) => 1000 * x - 5,
    ];
    fc.assert(
      fc.property(population, fc.nat({ max: transforms.length - 1 }), ({ values, higher, which }, t) => {
        const before = comboScores(asScores(values), directions(higher));
        const moved = values.map((v, c) => (c === which ? v.map(transforms[t]!) : v));
        expect(comboScores(asScores(moved), directions(higher))).toEqual(before);
      }),
    );
  });

  it('gives 0, the largest possible value, to a candidate best in every component, and less to all others', () => {
    fc.assert(
      fc.property(population, ({ values, higher, pick }) => {
        const best = values.map((v, c) => {
          const out = [...v];
          out[pick] = higher[c] ? Math.max(...v) + 1 : Math.min(...v) - 1;
          return out;
        });
        const combo = comboScores(asScores(best), directions(higher));
        expect(combo[pick]).toBe(0);
        combo.forEach((v, i) => {
          if (i !== pick) expect(v).toBeLessThan(0);
        });
      }),
    );
  });
});
