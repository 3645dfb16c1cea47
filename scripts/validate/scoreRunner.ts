/**
 * Resumable scoring for the validation scripts: every (architecture, proxy) result is appended to a
 * JSONL file as soon as it exists, and a rerun skips what the file already holds, so a long run can
 * stop (budget, Ctrl-C, end of a session) and go on later. Proxies run group by group over all cells
 * (proxy-major), so a partial run gives whole columns; proxies that share a computation (the NTK
 * trio, swap and reg_swap) run side by side on each cell.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ProxyId } from '../../src/core/proxies/ids';
import { getProxy, resolvedParams } from '../../src/core/proxies/registry';
import type { ProxyOutput } from '../../src/core/proxies/types';
import { buildNetwork, type SpaceId } from '../../src/core/spaces/architecture';
import type { FidelityPreset } from '../../src/core/spaces/fidelity';
import { loadBatchForCli } from '../scoreData';

export interface ScoreRecord {
  arch: string;
  proxy: ProxyId;
  /** null where the value is not finite (nonFinite then says which). */
  value: number | null;
  nonFinite?: string;
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
}

const SHARED_GROUPS: readonly (readonly ProxyId[])[] = [
  ['ntk_cond', 'ntk_trace', 'ntk_spectrum'],
  ['swap', 'reg_swap'],
  ['gradalign', 'gradalign_det'],
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
  if (!existsSync(path)) return [];
  const records: ScoreRecord[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      records.push(JSON.parse(line) as ScoreRecord);
    } catch {
      // a torn last line: its pair is simply scored again
    }
  }
  return records;
}

export interface RunSummary {
  scored: number;
  alreadyThere: number;
  left: number;
  stoppedByBudget: boolean;
  /** Set when the plan stopped after one tranche (onlyOneTranche) with work left. */
  moreTranches: boolean;
}

/**
 * tfjs-wasm does not throw when XNNPACK cannot allocate: it prints "XNN status … not successful"
 * and the operation's output is garbage. The WASM heap only grows and fragments over a long run,
 * so the runner watches for that message, never writes a result computed under it, and stops
 * (WasmHeapExhausted) so that a fresh process retries the pair on a fresh heap.
 */
export class WasmHeapExhausted extends Error {}

let xnnFailures = 0;
let watching = false;
function watchXnnFailures(): void {
  if (watching) return;
  watching = true;
  const seen = (args: unknown[]) => {
    if (args.some((a) => typeof a === 'string' && /XNN status .* not successful/.test(a))) xnnFailures++;
  };
  for (const method of ['error', 'warn', 'log'] as const) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      seen(args);
      original(...args);
    };
  }
  const write = process.stderr.write.bind(process.stderr) as (...a: unknown[]) => boolean;
  process.stderr.write = ((...args: unknown[]) => {
    seen([String(args[0])]);
    return write(...args);
  }) as typeof process.stderr.write;
}

export async function runScorePlan(plan: ScorePlan): Promise<RunSummary> {
  mkdirSync(dirname(plan.out), { recursive: true });
  // A run killed mid-write leaves a torn last line: end it, so the next record starts a line.
  if (existsSync(plan.out)) {
    const text = readFileSync(plan.out, 'utf8');
    if (text.length > 0 && !text.endsWith('\n')) appendFileSync(plan.out, '\n');
  }
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
  watchXnnFailures();
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

async function scoreTranche(
  plan: ScorePlan,
  archs: readonly string[],
  done: Set<string>,
  summary: RunSummary,
  start: number,
  log: (line: string) => void,
): Promise<void> {
  for (const group of proxyGroups(plan.proxies)) {
    let groupScored = 0;
    const groupStart = performance.now();
    for (const arch of archs) {
      const todo = group.filter((p) => !done.has(`${arch}\t${p}`));
      summary.alreadyThere += group.length - todo.length;
      if (todo.length === 0) continue;
      if (performance.now() - start > plan.budgetMs) {
        summary.stoppedByBudget = true;
        summary.left += todo.length;
        continue;
      }
      const built = buildNetwork(plan.space, arch, plan.fidelity, plan.classes);
      if (!built.ok) throw new Error(`${arch}: ${built.error}`);
      for (const id of todo) {
        const proxy = getProxy(id);
        const t0 = performance.now();
        const failuresBefore = xnnFailures;
        let result: ProxyOutput;
        try {
          const batch = proxy.needsData
            ? await loadBatchForCli(plan.dataset, plan.batch, plan.seed, built.value.network)
            : undefined;
          result = await proxy.compute({
            network: built.value.network,
            seed: plan.seed,
            params: resolvedParams(id, {}),
            ...(batch ? { batch } : {}),
          });
        } catch (error) {
          // An Emscripten abort (out of memory) kills the module: retry on a fresh process.
          if (String(error).includes('Aborted(') && summary.scored > 0) {
            throw new WasmHeapExhausted(`${arch} ${id}: WASM module aborted`);
          }
          result = { value: Number.NaN, details: {}, warnings: [`error: ${String(error)}`] };
        }
        if (xnnFailures > failuresBefore) {
          // On a heap that has done nothing else yet, the pair itself does not fit: say so.
          if (summary.scored > 0) throw new WasmHeapExhausted(`${arch} ${id}: WASM heap exhausted`);
          result = {
            value: Number.NaN,
            details: {},
            warnings: ['the WASM backend ran out of memory (XNNPACK allocation failed) on a fresh heap'],
          };
        }
        const record: ScoreRecord = {
          arch: built.value.arch,
          proxy: id,
          value: Number.isFinite(result.value) ? result.value : null,
          ...(Number.isFinite(result.value) ? {} : { nonFinite: String(result.value) }),
          backend: plan.backend,
          ms: Math.round((performance.now() - t0) * 10) / 10,
          warnings: result.warnings,
          fidelity: plan.fidelity,
          seed: plan.seed,
          batch: plan.batch,
        };
        appendFileSync(plan.out, `${JSON.stringify(record)}\n`);
        done.add(`${arch}\t${id}`);
        summary.scored++;
        groupScored++;
      }
    }
    if (groupScored > 0) {
      const s = ((performance.now() - groupStart) / 1000).toFixed(0);
      log(`${group.join('+')}: ${groupScored} scored in ${s} s`);
    }
  }
}
