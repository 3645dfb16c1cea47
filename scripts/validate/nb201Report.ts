/**
 * Turns the NB201 score files into bench/results/nb201-validation.json and the NB201 section of
 * docs/validation.md. Everything is recomputed from the JSONL files and the reference tables.
 * Every row follows one rule for dead cells (nb201DeadCells.ts): they are left out before anything
 * is computed, and each table says how many there were. A row's n counts the cells with a score and
 * an accuracy; failed jobs and non-finite scores are counted apart, never as scored cells.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ProxyId } from '../../src/core/proxies/ids';
import { getProxy } from '../../src/core/proxies/registry';
import { kendallTauB, spearman } from '../../src/core/stats/rankCorrelation';
import {
  NB201_ACCURACY_COLUMNS,
  type Nb201AccuracyColumn,
  type Nb201Truth,
  nb201Truth,
} from '../kit/referenceData';
import { DEAD_CELL_RULE, withoutDeadCells } from './nb201DeadCells';
import { NB201_PARTS } from './nb201Parts';
import {
  NASWOT_FILE,
  naswotJacov,
  SUITE_ZERO_COLUMNS,
  SUITE_ZERO_FILE,
  suiteZeroScores,
} from './nb201References';
import { PROXIES_CHEAP_FIRST } from './proxyOrder';
import { readRecords, type ScoreRecord } from './scoreRunner';

const PARTS = NB201_PARTS;

const DETERMINISTIC = new Set<ProxyId>(['synflow', 'params', 'flops']);

interface Correlation {
  rho: number;
  tau: number;
  n: number;
}

export interface ProxyReport {
  /** Records of live cells (dead ones are left out first). */
  scored: number;
  finite: number;
  /** Live records without a finite score: failed jobs (error) and NaN or ±∞ values. */
  noScore: number;
  /** Dead cells left out of this row. */
  deadExcluded: number;
  msMedian: number;
  accuracy: Record<Nb201AccuracyColumn, Correlation>;
  suiteZero?: {
    n: number;
    /** Cell-by-cell Spearman of our score against Suite-Zero's on the same cells. */
    cellByCell: number;
    cellByCellTarget: number;
    /** Both scores against CIFAR-10 test accuracy on those cells. */
    oursVsAccuracy: number;
    publishedVsAccuracy: number;
  };
  naswot?: { n: number; cellByCell: number };
  /** params/flops at paper fidelity: largest |ours − nb201.csv| (units). */
  exactness?: { maxAbsDiff: number; n: number };
}

function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function correlate(x: number[], y: number[]): Correlation {
  const n = x.filter((v, i) => Number.isFinite(v) && Number.isFinite(y[i]!)).length;
  return { rho: spearman(x, y), tau: kendallTauB(x, y), n };
}

/**
 * One proxy's row. Dead cells go first (the same rule for every proxy); everything below sees only
 * live cells.
 */
export function proxyReport(
  id: ProxyId,
  allRecords: readonly ScoreRecord[],
  part: 'quick' | 'paper',
  truth: ReadonlyMap<string, Nb201Truth>,
): ProxyReport {
  const { live: records, dead } = withoutDeadCells(allRecords);
  const sign = getProxy(id).higherIsBetter ? 1 : -1;
  const archs = records.map((r) => r.arch);
  const values = records.map((r) => (r.value === null ? Number.NaN : sign * r.value));
  const accuracy = Object.fromEntries(
    NB201_ACCURACY_COLUMNS.map((column) => [
      column,
      correlate(
        values,
        archs.map((a) => truth.get(a)?.accuracy[column] ?? Number.NaN),
      ),
    ]),
  ) as Record<Nb201AccuracyColumn, Correlation>;
  const finite = values.filter(Number.isFinite).length;
  const report: ProxyReport = {
    scored: records.length,
    finite,
    noScore: records.length - finite,
    deadExcluded: dead.length,
    msMedian: median(records.map((r) => r.ms)),
    accuracy,
  };
  const column = SUITE_ZERO_COLUMNS[id];
  if (column) {
    const published = suiteZeroScores();
    const common = archs.map((a, i) => ({ a, v: values[i]!, p: published.get(a)?.[column] }));
    const both = common.filter((c) => c.p !== undefined && Number.isFinite(c.p) && Number.isFinite(c.v));
    const acc = both.map((c) => truth.get(c.a)?.accuracy.cifar10_test ?? Number.NaN);
    report.suiteZero = {
      n: both.length,
      cellByCell: spearman(
        both.map((c) => c.v),
        both.map((c) => c.p!),
      ),
      cellByCellTarget: DETERMINISTIC.has(id) ? 0.9 : 0.7,
      oursVsAccuracy: spearman(
        both.map((c) => c.v),
        acc,
      ),
      publishedVsAccuracy: spearman(
        both.map((c) => c.p!),
        acc,
      ),
    };
  }
  if (id === 'jacob_cov') {
    const naswot = naswotJacov();
    const theirs = archs.map((a) => naswot.get(a) ?? Number.NaN);
    report.naswot = {
      n: values.filter((v, i) => Number.isFinite(v) && Number.isFinite(theirs[i]!)).length,
      cellByCell: spearman(values, theirs),
    };
  }
  if (part === 'paper' && (id === 'params' || id === 'flops')) {
    const diffs = records
      .filter((r) => r.value !== null)
      .map((r) => {
        const t = truth.get(r.arch);
        const expected = (id === 'params' ? t?.paramsM : t?.flopsM) ?? Number.NaN;
        return Math.abs(r.value! - expected * 1e6);
      });
    report.exactness = { maxAbsDiff: Math.max(...diffs), n: diffs.length };
  }
  return report;
}

/**
 * The cells every proxy of the records has scored (a failed job counts as scored: it is a "no score"
 * in its row, never a reason to drop the cell from the others).
 */
export function cellsEveryProxyScored(records: readonly ScoreRecord[]): Set<string> {
  const byProxy = new Map<string, Set<string>>();
  for (const r of records) byProxy.set(r.proxy, (byProxy.get(r.proxy) ?? new Set()).add(r.arch));
  const [first, ...rest] = [...byProxy.values()];
  return new Set([...(first ?? [])].filter((arch) => rest.every((cells) => cells.has(arch))));
}

/**
 * One part's rows. The quick part compares proxies on the same cells: every row uses the cells that
 * every proxy has scored, and the cells some proxies have beyond those are left out (counted).
 */
function partReport(part: 'quick' | 'paper', intended: number, truth: ReadonlyMap<string, Nb201Truth>) {
  const all = readRecords(PARTS[part].out);
  const common = part === 'quick' ? cellsEveryProxyScored(all) : null;
  const records = common ? all.filter((r) => common.has(r.arch)) : all;
  const byProxy = new Map<ProxyId, ScoreRecord[]>();
  for (const r of records) byProxy.set(r.proxy, [...(byProxy.get(r.proxy) ?? []), r]);
  const proxies: Partial<Record<ProxyId, ProxyReport>> = {};
  // Rows in one fixed order (cheapest first), whatever order the runs appended their records in.
  const order = (id: ProxyId) => {
    const at = PROXIES_CHEAP_FIRST.indexOf(id);
    return at < 0 ? PROXIES_CHEAP_FIRST.length : at;
  };
  for (const id of [...byProxy.keys()].sort((a, b) => order(a) - order(b)))
    proxies[id] = proxyReport(id, byProxy.get(id)!, part, truth);
  return {
    fidelity: part,
    deadCellRule: DEAD_CELL_RULE,
    /** Distinct dead cells among the part's records, left out of every row. */
    deadCells: withoutDeadCells(records).dead.length,
    /** Quick: the cells every proxy has scored, which every row uses; null: each row its own cells. */
    commonCells: common ? common.size : null,
    /** Quick: cells scored by some proxies only, left out of every row. */
    cellsBeyondCommon: common ? new Set(all.map((r) => r.arch)).size - common.size : 0,
    settings: part === 'paper' ? 'C=16, 5 cells per stage, batch 64' : 'C=8, 1 cell per stage, batch 32',
    dataset: 'CIFAR-10 training shard (5 000 class-balanced images), seeded batch, seed 0',
    backend: records[0]?.backend ?? 'none yet',
    cellsIntended: intended,
    proxies,
  };
}

const f2 = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '–' : v.toFixed(2));
const f3 = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '–' : v.toFixed(3));

function quickTable(part: ReturnType<typeof partReport>): string {
  const lines = [
    '| proxy | n | no score | ρ C10 | τ C10 | ρ C100 | ρ IN16 | cell-by-cell ρ vs Suite-Zero (n) | vs NASWOT jacov (n) | ms/cell |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [id, r] of Object.entries(part.proxies) as [ProxyId, ProxyReport][]) {
    const sz = r.suiteZero ? `${f2(r.suiteZero.cellByCell)} (${r.suiteZero.n})` : '–';
    const nw = r.naswot ? `${f2(r.naswot.cellByCell)} (${r.naswot.n})` : '–';
    lines.push(
      `| ${id} | ${r.accuracy.cifar10_test.n} | ${r.noScore} | ${f3(r.accuracy.cifar10_test.rho)} | ${f3(r.accuracy.cifar10_test.tau)} | ` +
        `${f3(r.accuracy.cifar100_test.rho)} | ${f3(r.accuracy.imagenet16_test.rho)} | ${sz} | ${nw} | ${Math.round(r.msMedian)} |`,
    );
  }
  return lines.join('\n');
}

function paperTable(part: ReturnType<typeof partReport>): string {
  const lines = [
    '| proxy | n | no score | ρ C10, ours | ρ C10, published (same cells) | Δ | within 0.05 | cell-by-cell ρ | target | τ C10 | ρ C100 | ρ IN16 | ms/cell |',
    '|---|---:|---:|---:|---:|---:|:-:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [id, r] of Object.entries(part.proxies) as [ProxyId, ProxyReport][]) {
    // Without published scores (zico) "ours" is the proxy's ρ on all its cells.
    const sz = r.suiteZero;
    const delta = sz ? sz.oursVsAccuracy - sz.publishedVsAccuracy : Number.NaN;
    lines.push(
      `| ${id} | ${r.accuracy.cifar10_test.n} | ${r.noScore} | ${f3(sz ? sz.oursVsAccuracy : r.accuracy.cifar10_test.rho)} | ${f3(sz?.publishedVsAccuracy)} | ${f3(delta)} | ` +
        `${Number.isNaN(delta) ? '–' : Math.abs(delta) <= 0.05 ? 'yes' : '**no**'} | ${f3(sz?.cellByCell)} | ` +
        `${sz ? `≥ ${sz.cellByCellTarget}${sz.cellByCell >= sz.cellByCellTarget ? ' ✓' : ' **✗**'}` : '–'} | ` +
        `${f3(r.accuracy.cifar10_test.tau)} | ${f3(r.accuracy.cifar100_test.rho)} | ${f3(r.accuracy.imagenet16_test.rho)} | ${Math.round(r.msMedian)} |`,
    );
  }
  const exact = Object.entries(part.proxies)
    .filter(([, r]) => r.exactness)
    .map(
      ([id, r]) =>
        `${id}: largest difference from nb201.csv ${r.exactness!.maxAbsDiff} over ${r.exactness!.n} cells`,
    );
  return `${lines.join('\n')}\n\n${exact.length ? `Exactness: ${exact.join('; ')}.` : ''}`;
}

const START =
  '<!-- nb201-validation:start (generated by npm run validate:nb201; edit outside these markers) -->';
const END = '<!-- nb201-validation:end -->';

/** Replaces the text between a section's markers in docs/validation.md (adds the section if new). */
export function replaceSection(path: string, start: string, end: string, body: string): void {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Validation\n';
  const block = `${start}\n${body}\n${end}`;
  const a = current.indexOf(start);
  const b = current.indexOf(end);
  const next =
    a >= 0 && b > a
      ? current.slice(0, a) + block + current.slice(b + end.length)
      : `${current.trimEnd()}\n\n${block}\n`;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, next);
}

export function writeNb201Report(quickArchs: readonly string[]): string[] {
  const truth = nb201Truth();
  const quick = partReport('quick', quickArchs.length, truth);
  const paper = partReport('paper', 725, truth);
  const json = {
    generated: new Date().toISOString(),
    command: 'npm run validate:nb201',
    references: { accuracy: 'nb201.csv', suiteZero: SUITE_ZERO_FILE, naswot: NASWOT_FILE },
    quick,
    paper,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/nb201-validation.json', `${JSON.stringify(json, null, 1)}\n`);
  const body = [
    '### NB201 at `paper` fidelity, NAS-Bench-Suite-Zero CIFAR-10 cells',
    '',
    `${paper.settings}; ${paper.dataset}; backend ${paper.backend}. ρ = Spearman, τ = Kendall τ-b, against the`,
    '200-epoch test accuracy of nb201.csv. "Published" is Suite-Zero\'s own score on the same cells.',
    `n = cells with a score and an accuracy; "no score" = failed jobs and non-finite values. Dead cells: ${paper.deadCells} (${DEAD_CELL_RULE}).`,
    '',
    paperTable(paper),
    '',
    `### NB201 at \`quick\` fidelity, ${quickArchs.length} seeded cells (sample seed 2026)`,
    '',
    `${quick.settings}; ${quick.dataset}; backend ${quick.backend}. Every row uses the same cells: the ${quick.commonCells} that`,
    `every proxy has scored so far (${quick.cellsBeyondCommon} more, scored by the cheaper proxies only, are left out).`,
    `n = those cells with a score and an accuracy; "no score" = failed jobs and non-finite values.`,
    `Dead cells: ${quick.deadCells} (${DEAD_CELL_RULE}).`,
    '',
    quickTable(quick),
  ].join('\n');
  replaceSection('docs/validation.md', START, END, body);
  return ['bench/results/nb201-validation.json', 'docs/validation.md'];
}
