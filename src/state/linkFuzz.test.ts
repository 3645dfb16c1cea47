/**
 * Issue 16, item 8: the three link decoders under fuzzing. Each link is a valid prefix and version
 * around an arbitrary JSON payload (objects with the real field names and hostile values, nested
 * junk, huge numbers, prototype keys) or a mangled payload; every one must decode without throwing
 * to a state whose numbers lie in their ranges, the same ranges the core accepts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MLP_LIMITS } from '../core/spaces/mlp/mlp';
import { LINK_KEYS, links } from '../test/linkArbitraries';
import { LAB_LIMITS } from './labState';
import { decodeLabState } from './labUrl';
import { LECTURE_LIMITS } from './lectureState';
import { decodeLectureState } from './lectureUrl';
import { decodeViewState } from './url';
import { VIEW_STATE_LIMITS } from './viewState';

const RUNS = 1000;
let fuzzed = 0;

const within = (value: number, range: { min: number; max: number }) =>
  Number.isFinite(value) && value >= range.min && value <= range.max;

describe('fuzzed links', () => {
  it('Explorer links (#v1.) always decode to a state within its ranges', () => {
    fc.assert(
      fc.property(links('v1', LINK_KEYS.v1), (link) => {
        fuzzed++;
        const { state, notices } = decodeViewState(link);
        expect(Array.isArray(notices)).toBe(true);
        expect(within(state.sampleSize, VIEW_STATE_LIMITS.sampleSize)).toBe(true);
        expect(within(state.seed, VIEW_STATE_LIMITS.seed)).toBe(true);
        expect(state.added.length).toBeLessThanOrEqual(VIEW_STATE_LIMITS.added.max);
        expect(Object.getPrototypeOf(state)).toBe(Object.prototype);
      }),
      { numRuns: RUNS },
    );
  });

  it('lab links (#lab1.) always decode to a state within its ranges, widths within the core cap', () => {
    fc.assert(
      fc.property(links('lab1', LINK_KEYS.lab1), (link) => {
        fuzzed++;
        const { state } = decodeLabState(link);
        expect(within(state.width, LAB_LIMITS.width)).toBe(true);
        expect(state.width).toBeLessThanOrEqual(MLP_LIMITS.width[1]);
        expect(within(state.depth, LAB_LIMITS.depth)).toBe(true);
        expect(within(state.seed, LAB_LIMITS.seed)).toBe(true);
        expect(within(state.steps, LAB_LIMITS.steps)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('lecture links (#lec1.) always decode to a state within its ranges', () => {
    fc.assert(
      fc.property(links('lec1', LINK_KEYS.lec1), (link) => {
        fuzzed++;
        const { state } = decodeLectureState(link);
        for (const field of ['screen', 'n', 'seed', 'r', 'alpha', 'sigma', 'repeats', 'trainSteps'] as const)
          expect(within(state[field], LECTURE_LIMITS[field]), field).toBe(true);
      }),
      { numRuns: RUNS },
    );
    console.log(`fuzzed links: ${fuzzed} decoded, 0 threw`);
  });
});
