import { describe, expect, it } from 'vitest';
import { LAB_PANELS } from '../state/labState';
import { EXPLANATIONS, textParts } from './explanations';

const entries = Object.entries(EXPLANATIONS);
const sentences = (text: string) => text.split(/(?<=[.!?])\s+(?=[A-Z])/).filter((s) => s.trim() !== '');

describe('page explanations', () => {
  it('exist for the Explorer, the lecture and every lab panel', () => {
    expect(Object.keys(EXPLANATIONS)).toEqual(
      expect.arrayContaining(['explorer', 'lecture', ...LAB_PANELS.map((p) => `lab-${p}`)]),
    );
  });

  it('stay short: each line at most two sentences and 45 words', () => {
    for (const [id, e] of entries)
      for (const line of [e.see, e.tryFirst, e.expect]) {
        expect(sentences(line).length, `${id}: ${line}`).toBeLessThanOrEqual(2);
        expect(line.split(/\s+/).length, `${id}: ${line}`).toBeLessThanOrEqual(45);
      }
  });

  it('cite no file the user does not have, and close every bold label', () => {
    for (const [id, e] of entries) {
      const all = [e.title, e.see, e.tryFirst, e.expect].join(' ');
      expect(all, id).not.toMatch(/SCIENCE|\.\.\/shared|\.md\b/);
      expect(all.split('**').length % 2, `${id}: unbalanced **`).toBe(1);
    }
  });
});

describe('textParts', () => {
  it('marks every second part bold and drops empty ones', () => {
    expect(textParts('Set **Input mapping** to **Gaussian**.')).toEqual([
      { text: 'Set ', strong: false },
      { text: 'Input mapping', strong: true },
      { text: ' to ', strong: false },
      { text: 'Gaussian', strong: true },
      { text: '.', strong: false },
    ]);
    expect(textParts('**width** first')).toEqual([
      { text: 'width', strong: true },
      { text: ' first', strong: false },
    ]);
    expect(textParts('no labels')).toEqual([{ text: 'no labels', strong: false }]);
  });
});
