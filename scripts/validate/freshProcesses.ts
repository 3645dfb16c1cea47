/**
 * Long scoring runs go tranche by tranche, each in a fresh Node process, because tfjs-wasm's heap
 * only grows (a job that runs out of memory gets one retry on a fresh heap). The parent re-runs this same script with --child until a
 * child reports that nothing is left.
 */
import { spawnSync } from 'node:child_process';

/** Exit code of a child that finished a tranche (or hit a full heap) with work left. */
export const EXIT_MORE = 4;

/** Runs the current script as children (same Node flags and arguments plus --child) until done. */
export function runInFreshProcesses(extraArgs: string[], budgetMin: number): void {
  const started = Date.now();
  for (;;) {
    const leftMin = budgetMin - (Date.now() - started) / 60_000;
    if (leftMin <= 0) {
      console.log('[validate] budget reached; run again to go on');
      return;
    }
    const budget = Number.isFinite(leftMin) ? ['--budget-min', leftMin.toFixed(2)] : [];
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, process.argv[1]!, ...extraArgs, ...budget, '--child'],
      { stdio: 'inherit' },
    );
    if (child.status === 0) return;
    if (child.status !== EXIT_MORE) {
      throw new Error(`scoring child stopped with ${child.status ?? child.signal}`);
    }
  }
}
