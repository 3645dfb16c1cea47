/** The two parts of the NB201 validation, shared by the scoring run and the report. */
export const NB201_PARTS = {
  quick: { fidelity: 'quick', batch: 32, out: 'bench/results/nb201-scores-quick.jsonl' },
  paper: { fidelity: 'paper', batch: 64, out: 'bench/results/nb201-scores-paper.jsonl' },
} as const;

/** The quick part's cells are the first N of nb201Sample(1 000, this seed). */
export const QUICK_SAMPLE_SEED = 2026;
