/**
 * ntk_trace: tr Θ = Σ_i ‖g_i‖² of the empirical NTK (docs/science.md §1), the mean over initialisations.
 * A dead network's Θ is 0 (no weight changes the output through the input), so it scores 0 without
 * being computed; a missing or mismatched batch gives NaN with a warning.
 */
import { ntkOverInits, runDetails } from './ntkCondScore';
import type { ProxyInput, ProxyOutput } from './types';

export async function ntkTraceScore(input: ProxyInput): Promise<ProxyOutput> {
  const result = await ntkOverInits(input);
  if (!result.ok) {
    return result.dead
      ? { value: 0, details: { sentinel: true }, warnings: [...result.warnings, `${result.reason}: Θ = 0`] }
      : { value: Number.NaN, details: {}, warnings: [...result.warnings, result.reason] };
  }
  const { run, warnings } = result;
  const value = run.traces.reduce((a, b) => a + b, 0) / run.traces.length;
  if (!Number.isFinite(value)) warnings.push('tr Θ is not finite (the gradients overflowed float32)');
  return {
    value,
    details: {
      ...runDetails(run),
      log10Trace: Math.log10(value),
      perRow: value / run.rows,
      tracePerInit: run.traces,
    },
    warnings,
  };
}
