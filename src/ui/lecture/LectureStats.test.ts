import { describe, expect, it } from 'vitest';
import type { ProxyCorrelation } from '../../state/lectureScoring';
import { explainText, hfLabel } from './LectureStats';

/** A correlation with a given ρ estimate and interval over n networks (τ is not read by the text). */
const corr = (estimate: number, low: number, high: number, n = 6): ProxyCorrelation => {
  const interval = { estimate, low, high, n, resamples: 1000, level: 0.95 };
  return { rho: interval, tau: interval, intervals: 'done' };
};

const VINTK = { hf: 'vintk' as const, r: 0.25, alpha: 0.5, sigma: 2 };
const RFP = { ...VINTK, hf: 'vintk_rfp' as const };

describe('the lecture explanation', () => {
  it('names the chosen proxy with its own settings', () => {
    expect(hfLabel(VINTK)).toBe('vintk (r = 0.25, α = 0.5)');
    expect(hfLabel(RFP)).toBe('vintk_rfp (σ = 2)');
    const [first] = explainText(corr(0.2, 0, 0.5), corr(0.6, 0.4, 0.8), RFP);
    expect(first).toBe(
      'On these 6 ViTs, ntk_cond ranks the trained accuracies with Spearman ρ = 0.20 and vintk_rfp (σ = 2) with ρ = 0.60: a difference of +0.40.',
    );
  });

  it('says that vintk_rfp does not beat ntk_cond when it does not, naming it and not vintk', () => {
    const text = explainText(corr(0.5, 0.2, 0.7), corr(0.1, -0.2, 0.4), RFP);
    expect(text).toHaveLength(2);
    expect(text[1]).toBe(
      "Here vintk_rfp does not beat ntk_cond: the paper's claim (in its alternative reading, random Fourier patch embeddings) is not reproduced on these networks; their 95% intervals overlap ([0.20, 0.70] and [-0.20, 0.40]), so 6 networks cannot settle it.",
    );
  });

  it('points to the documented alternative only when vintk itself does not beat ntk_cond', () => {
    const worse = explainText(corr(0.5, 0.45, 0.55), corr(0.1, 0.05, 0.15), VINTK);
    expect(worse[1]).toBe(
      "Here vintk does not beat ntk_cond: the paper's claim is not reproduced on these networks; their 95% intervals do not overlap.",
    );
    expect(worse).toHaveLength(3);
    expect(worse[2]).toContain('vintk_rfp');
    expect(explainText(corr(0.1, 0, 0.2), corr(0.5, 0.4, 0.6), VINTK)).toHaveLength(2);
    // A tie is not beating it.
    expect(explainText(corr(0.3, 0, 0.6), corr(0.3, 0, 0.6), VINTK)).toHaveLength(3);
  });

  it('reports nothing below 3 networks, whichever proxy', () => {
    expect(explainText(corr(1, Number.NaN, Number.NaN, 2), corr(-1, Number.NaN, Number.NaN, 2), RFP)).toEqual(
      ['Fewer than 3 networks have both a score and an accuracy yet: no correlation to report.'],
    );
  });

  it('says the intervals are being computed rather than comparing bounds it does not have yet', () => {
    const pending = (c: ProxyCorrelation): ProxyCorrelation => ({ ...c, intervals: 'pending' });
    const text = explainText(pending(corr(0.5, Number.NaN, Number.NaN)), corr(0.1, -0.2, 0.4), RFP);
    expect(text[1]).toContain('their 95% intervals are being computed');
    expect(text[1]).not.toContain('overlap');
  });
});
