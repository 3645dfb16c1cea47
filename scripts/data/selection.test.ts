import { describe, expect, it } from 'vitest';
import { firstPerClass, roundRobin } from './selection';

describe('firstPerClass', () => {
  it('keeps the first k of each class in source order', () => {
    // By hand: class 0 at 1, 3, 4, 7; class 1 at 0, 2, 5; class 2 at 6, 8.
    const labels = [1, 0, 1, 0, 0, 1, 2, 0, 2];
    expect(firstPerClass(labels, 3, 2)).toEqual([0, 1, 2, 3, 6, 8]);
    expect(firstPerClass(labels, 3, 1)).toEqual([0, 1, 6]);
  });

  it('refuses when a class is short or a label is out of range', () => {
    expect(() => firstPerClass([0, 1, 1], 2, 2)).toThrow(/class 0 has only 1/);
    expect(() => firstPerClass([0, 3], 2, 1)).toThrow(/label 3 of image 1/);
  });
});

describe('roundRobin', () => {
  it('cycles through the classes, one image of each per round', () => {
    expect(roundRobin(3, 5, 7)).toEqual([
      [0, 5],
      [1, 5],
      [2, 5],
      [0, 6],
      [1, 6],
      [2, 6],
    ]);
  });
});
