import { describe, expect, it } from 'vitest';
import { clampScreen, defaultLectureState, LECTURE_SCREENS, lectureScreens } from './lectureState';

describe('lecture screens', () => {
  it('end with live training, which a hidden "train" group removes and nothing else does', () => {
    expect(LECTURE_SCREENS).toEqual(['claim', 'images', 'scatters', 'numbers', 'train']);
    expect(lectureScreens([])).toEqual(['claim', 'images', 'scatters', 'numbers', 'train']);
    expect(lectureScreens(['train'])).toEqual(['claim', 'images', 'scatters', 'numbers']);
    expect(lectureScreens(['source', 'sliders', 'table'])).toHaveLength(5);
  });

  it('clamp to the screens the presentation has, rounding to whole screens', () => {
    expect(clampScreen(9)).toBe(4);
    expect(clampScreen(9, ['train'])).toBe(3);
    expect(clampScreen(4, ['table', 'train'])).toBe(3);
    expect(clampScreen(3.6, ['train'])).toBe(3);
    expect(clampScreen(2.4)).toBe(2);
    expect(clampScreen(-1)).toBe(0);
  });

  it('default to the shipped table’s 100 training steps', () => {
    expect(defaultLectureState().trainSteps).toBe(100);
  });
});
