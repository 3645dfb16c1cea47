import { describe, expect, it } from 'vitest';
import { comparePublished, publishedColumnsFor } from './publishedColumns';

describe('publishedColumnsFor', () => {
  it('finds each proxy’s published columns by source, and nothing for proxies no paper published', () => {
    const columns = [
      'naswot.cifar10.jacob_cov',
      'nbsz_naslib.cifar10.jacov',
      'nbsz_archviz.cifar10.synflow',
      'x',
    ];
    expect(publishedColumnsFor(['jacob_cov', 'synflow', 'ntk_cond'], columns).map((c) => c.column)).toEqual([
      'naswot.cifar10.jacob_cov',
      'nbsz_naslib.cifar10.jacov',
      'nbsz_archviz.cifar10.synflow',
    ]);
  });
});

describe('comparePublished', () => {
  const column = { proxy: 'synflow' as const, column: 'pub', source: 'paper' };
  it('ranks on the cells that have all three values (hand-computed ρ)', () => {
    // Cells a…e; d has no published value and e no accuracy: three cells remain.
    const ours = new Map([
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['d', 4],
      ['e', 5],
    ]);
    const published = new Map<string, Record<string, number>>([
      ['a', { pub: 30 }],
      ['b', { pub: 10 }],
      ['c', { pub: 20 }],
      ['d', { pub: Number.NaN }],
      ['e', { pub: 1 }],
    ]);
    const accuracy = new Map([
      ['a', 50],
      ['b', 60],
      ['c', 70],
      ['d', 80],
    ]);
    const r = comparePublished(column, ours, accuracy, published);
    expect(r.n).toBe(3);
    // ours ranks 1,2,3; published ranks 3,1,2: d² = 4+1+1 = 6, ρ = 1 − 6·6/(3·8) = −0.5.
    expect(r.rhoOursPublished).toBeCloseTo(-0.5, 12);
    expect(r.rhoOursAccuracy).toBeCloseTo(1, 12);
    expect(r.rhoPublishedAccuracy).toBeCloseTo(-0.5, 12);
  });
  it('gives NaN below three shared cells', () => {
    const r = comparePublished(
      column,
      new Map([['a', 1]]),
      new Map([['a', 1]]),
      new Map([['a', { pub: 1 }]]),
    );
    expect(r.n).toBe(1);
    expect(r.rhoOursPublished).toBeNaN();
  });
});
