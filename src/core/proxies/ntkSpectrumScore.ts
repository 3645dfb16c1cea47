/**
 * ntk_spectrum: the effective rank exp(−Σ p_i log p_i), p = λ/Σλ, of the empirical NTK (docs/science.md
 * §1; Roy & Vetterli 2007), mean over initialisations; details carry the normalised spectrum
 * λ_i/λ_1 (mean over initialisations) for the eigenspectrum plot. A flat spectrum (high effective
 * rank) is the well-conditioned end, hence higher is better.
 * Sentinel: 0 (no spectrum at all) for a dead network or a Θ without a positive eigenvalue.
 */
import { effectiveRank } from '../kernels/eigen';
import { meanSpectrum, ntkOverInits, runDetails } from './ntkCondScore';
import type { ProxyInput, ProxyOutput } from './types';

export async function ntkSpectrumScore(input: ProxyInput): Promise<ProxyOutput> {
  const result = await ntkOverInits(input);
  if (!result.ok) {
    return result.dead
      ? {
          value: 0,
          details: { sentinel: true, spectrum: [] },
          warnings: [...result.warnings, `${result.reason}: Θ = 0 has no spectrum (effective rank set to 0)`],
        }
      : { value: Number.NaN, details: {}, warnings: [...result.warnings, result.reason] };
  }
  const { run, warnings } = result;
  const ranks = run.spectra.map(effectiveRank);
  const empty = ranks.filter(Number.isNaN).length;
  if (empty > 0) {
    warnings.push(
      `${empty} of ${ranks.length} initialisation(s) gave Θ without a positive eigenvalue; effective rank 0 there`,
    );
  }
  const usable = run.spectra.filter((s) => s[0]! > 0 && Number.isFinite(s[0]!));
  return {
    value: ranks.reduce((sum, r) => sum + (Number.isNaN(r) ? 0 : r), 0) / ranks.length,
    details: {
      ...runDetails(run),
      spectrum: meanSpectrum(usable.map((s) => s.map((v) => v / s[0]!))),
      effectiveRankPerInit: ranks.map((r) => (Number.isNaN(r) ? 0 : r)),
    },
    warnings,
  };
}
