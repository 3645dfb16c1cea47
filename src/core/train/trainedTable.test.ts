import { describe, expect, it } from 'vitest';
import { SHORT_SCHEDULE, SHORT_VIT_SCHEDULE } from './schedule';
import { TRAINED_COLUMN, trainedTable, trainedTableName } from './trainedTable';

describe('trainedTable', () => {
  it('keeps accuracy in percent under one column, merging newer results over older ones', () => {
    const first = trainedTable('nb201', SHORT_SCHEDULE, 'label', [
      { arch: 'a', testAccuracy: 0.25 },
      { arch: 'b', testAccuracy: 0.5 },
    ]);
    const second = trainedTable(
      'nb201',
      SHORT_SCHEDULE,
      'label',
      [{ arch: 'b', testAccuracy: 0.125 }],
      first,
    );
    expect(second.rows.get('a')?.[TRAINED_COLUMN]).toBe(25);
    expect(second.rows.get('b')?.[TRAINED_COLUMN]).toBe(12.5);
    expect(first.rows.get('b')?.[TRAINED_COLUMN]).toBe(50);
    expect(second.columns).toEqual([TRAINED_COLUMN]);
  });

  it('names the space, schedule, length and seed; maps the browser ViT space; refuses MLPs', () => {
    expect(trainedTableName('nb201', { ...SHORT_SCHEDULE, seed: 3, length: { steps: 10 } })).toBe(
      'trained: nb201 short 10 steps seed 3',
    );
    expect(trainedTable('vit-browser', SHORT_VIT_SCHEDULE, 'l', []).space).toBe('browser');
    expect(() => trainedTable('mlp', SHORT_SCHEDULE, 'l', [])).toThrow(/not trained on images/);
  });
});
