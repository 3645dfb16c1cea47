/**
 * Resumable scoring for the validation scripts: every (architecture, proxy) result is appended to a
 * JSONL file as soon as it exists, and a rerun skips what the file already holds, so a long run can
 * stop (budget, Ctrl-C, end of a session) and go on later. Proxies run group by group over all cells
 * (proxy-major), so a partial run gives whole columns; proxies that share a computation (the NTK
 * trio, swap and reg_swap) run side by side on each cell.
 * Each pair is a ScoreJob run through the browser's job runner (runScores) by the CLI's in-process
 * scorer (runScoreJob, as a worker runs it): a job that runs out of memory fails alone, its record
 * says so (value null, error), and the next job runs on a fresh WASM heap.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { runScores, type Scorer } from '../../src/compute/scoreRun';
import { CancelledError } from '../../src/compute/workerPool';
import type { ProxyId } from '../../src/core/proxies/ids';
import { jobDataset, type ScoreJob } from '../../src/core/proxies/scoreJob';
import type { SpaceId } from '../../src/core/spaces/architecture';
import type { FidelityPreset } from '../../src/core/spaces/fidelity';
import { endTornLine, readJsonLines } from '../kit/jsonl';
import { inProcessScorer, recordsCache } from '../scoreInProcess';

export interface ScoreRecord {
  arch: string;
  proxy: ProxyId;
  /** null where the value is not finite (nonFinite then says which) or the job failed (error). */
  value: number | null;
  nonFinite?: string;
  /** Why the job gave no value (e.g. out of memory on a fresh heap): never a score. */
  error?: string;
  backend: string;
  ms: number;
  warnings: string[];
  fidelity: FidelityPreset;
  seed: number;
  batch: number;
}

export interface ScorePlan {
  space: SpaceId;
  fidelity: FidelityPreset;
  /** Architectures in their canonical text form. */
  archs: readonly string[];
  proxies: readonly ProxyId[];
  dataset: string;
  batch: number;
  seed: number;
  backend: string;
  out: string;
  /** Output classes in place of the space's own (ViTs scored for CIFAR-100). */
  classes?: number;
  /** Stop starting new work after this many milliseconds. */
  budgetMs: number;
  /**
   * Cells per tranche: every proxy group scores one tranche before the next tranche starts, so a
   * run cut short leaves every proxy on the same cells. Default: all cells in one tranche.
   */
  tranche?: number;
  /** Return after the first tranche that did any work (a fresh process then takes the next one). */
  onlyOneTranche?: boolean;
  log?: (line: string) => void;
  /** Computes each job; default: this process's (inProcessScorer). */
  scorer?: Scorer;
}

const SHARED_GROUPS: readonly (readonly ProxyId[])[] = [
  ['ntk_cond', 'ntk_trace', 'ntk_spectrum'],
  ['swap', 'reg_swap'],
  ['gradalign', 'gradalign_det', 'gradalign_norm'],
];

/** The proxies in run order, those that share work grouped together. */
export function proxyGroups(proxies: readonly ProxyId[]): ProxyId[][] {
  const groups: ProxyId[][] = [];
  const placed = new Set<ProxyId>();
  for (const id of proxies) {
    if (placed.has(id)) continue;
    const shared = SHARED_GROUPS.find((g) => g.includes(id));
    const group = shared ? shared.filter((p) => proxies.includes(p)) : [id];
    for (const p of group) placed.add(p);
    groups.push(group);
  }
  return groups;
}

/** The records a JSONL file holds (malformed lines, e.g. from a kill mid-write, are skipped). */
export function readRecords(path: string): ScoreRecord[] {
  return readJsonLines<ScoreRecord>(path).records;
}

export interface RunSummary {
  scored: number;
  alreadyThere: number;
  left: number;
  stoppedByBudget: boolean;
  /** Set when the plan stopped after one tranche (onlyOneTranche) with work left. */
  moreTranches: boolean;
}

export async function runScorePlan(plan: ScorePlan): Promise<RunSummary> {
  mkdirSync(dirname(plan.out), { recursive: true });
  // A run killed mid-write leaves a torn last line: end it, so the next record starts a line.
  endTornLine(plan.out);
  const done = new Set(readRecords(plan.out).map((r) => `${r.arch}\t${r.proxy}`));
  const start = performance.now();
  const summary: RunSummary = {
    scored: 0,
    alreadyThere: 0,
    left: 0,
    stoppedByBudget: false,
    moreTranches: false,
  };
  const log = plan.log ?? (() => {});
  const size = plan.tranche ?? plan.archs.length;
  for (let first = 0; first < plan.archs.length; first += size) {
    if (plan.onlyOneTranche && summary.scored > 0) {
      summary.moreTranches = true;
      break;
    }
    const tranche = plan.archs.slice(first, first + size);
    await scoreTranche(plan, tranche, done, summary, start, log);
  }
  return summary;
}

/** The job that scores `proxy` on `arch` as the plan says (the same job a worker or the CLI runs). */
export function planJob(plan: ScorePlan, arch: string, proxy: ProxyId): ScoreJob {
  return {
    space: plan.space,
    arch,
    proxy,
    params: {},
    seed: plan.seed,
    fidelity: plan.fidelity,
    dataset: jobDataset(proxy, `${plan.dataset}-train`, plan.batch, plan.seed),
    ...(plan.classes === undefined ? {} : { classes: plan.classes }),
  };
}

/**
 * The in-process scorer, stopping at the budget (no new job starts after it) and giving a job that
 * ran out of memory one more try: the scorer has replaced the WASM backend by then, so the retry
 * runs on a fresh heap, and a second failure is the job's own.
 */
function budgetedScorer(plan: ScorePlan, start: number, scorer: Scorer): Scorer {
  return {
    async score(job) {
      if (performance.now() - start > plan.budgetMs) throw new CancelledError();
      try {
        return await scorer.score(job);
      } catch (error) {
        if (!String(error instanceof Error ? error.message : error).startsWith('out of memory')) throw error;
        return scorer.score(job);
      }
    },
  };
}

async function scoreTranche(
  plan: ScorePlan,
  archs: readonly string[],
  done: Set<string>,
  summary: RunSummary,
  start: number,
  log: (line: string) => void,
): Promise<void> {
  const scorer = budgetedScorer(plan, start, plan.scorer ?? inProcessScorer());
  const write = (record: ScoreRecord) => {
    appendFileSync(plan.out, `${JSON.stringify(record)}\n`);
    done.add(`${record.arch}\t${record.proxy}`);
    summary.scored++;
  };
  for (const group of proxyGroups(plan.proxies)) {
    const jobs: ScoreJob[] = [];
    for (const arch of archs) {
      for (const id of group) {
        if (done.has(`${arch}\t${id}`)) summary.alreadyThere++;
        else jobs.push(planJob(plan, arch, id));
      }
    }
    if (jobs.length === 0) continue;
    if (performance.now() - start > plan.budgetMs) {
      summary.stoppedByBudget = true;
      summary.left += jobs.length;
      continue;
    }
    const groupStart = performance.now();
    let handled = 0;
    const common = (job: ScoreJob) => ({
      arch: job.arch,
      proxy: job.proxy,
      fidelity: plan.fidelity,
      seed: plan.seed,
      batch: plan.batch,
    });
    // The browser's job runner schedules the group; the records file is the cache (pairs already
    // there were left out above), so runScores gets an empty one.
    const outcome = await runScores(jobs, scorer, recordsCache([]), 1, {
      onResult: ({ job, result }) => {
        handled++;
        write({
          ...common(job),
          value: Number.isFinite(result.value) ? result.value : null,
          ...(Number.isFinite(result.value) ? {} : { nonFinite: String(result.value) }),
          backend: result.backend,
          ms: Math.round(result.ms * 10) / 10,
          warnings: result.warnings,
        });
      },
      onProgress: () => {},
      onError: (job, message) => {
        handled++;
        write({ ...common(job), value: null, error: message, backend: plan.backend, ms: 0, warnings: [] });
      },
    });
    if (outcome === 'cancelled') {
      summary.stoppedByBudget = true;
      summary.left += jobs.length - handled;
    }
    if (handled > 0) {
      const s = ((performance.now() - groupStart) / 1000).toFixed(0);
      log(`${group.join('+')}: ${handled} scored in ${s} s`);
    }
  }
}
