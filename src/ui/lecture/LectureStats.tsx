/** One proxy's scatter against accuracy with its ρ and τ, and the two-sentence explanation. */

import { useRef } from 'react';
import { getProxy } from '../../core/proxies/registry';
import { type LectureRow, lectureBatchSpec, type ProxyCorrelation } from '../../state/lectureScoring';
import { type LectureHfProxy, useLectureStore } from '../../state/lectureState';
import { ScatterPlot, type ScatterPlotHandle } from '../charts';
import { ExportablePlot } from '../components/ExportablePlot';
import { boundsText as bounds, fmt } from '../correlationText';
import { correlationCaption, lectureProvenance } from '../export/plotCaptions';

export { fmt };

export function CorrelationLine({ c, testId }: { c: ProxyCorrelation; testId: string }) {
  return (
    <p
      className="lec-rho"
      data-testid={testId}
      data-rho={c.rho.estimate}
      data-tau={c.tau.estimate}
      data-n={c.rho.n}
      data-intervals={c.intervals}
    >
      Spearman ρ = <strong>{fmt(c.rho.estimate)}</strong> {bounds(c, c.rho)} · Kendall τ ={' '}
      <strong>{fmt(c.tau.estimate)}</strong> {bounds(c, c.tau)} · n = {c.rho.n}
    </p>
  );
}

export function ProxyScatter({
  rows,
  proxy,
  correlation,
  large,
  rhoTestId,
  onPick,
  yLabel = 'test accuracy (%)',
  emptyText,
  hf = 'vintk',
}: {
  rows: readonly LectureRow[];
  /** 'vintk': the second column, whichever high-frequency proxy `hf` it holds. */
  proxy: 'ntk' | 'vintk';
  correlation: ProxyCorrelation;
  large: boolean;
  rhoTestId: string;
  onPick(arch: string): void;
  /** The accuracy axis' title (an imported table's: its column and name). */
  yLabel?: string;
  /** Said under the plot while it has no point. */
  emptyText?: string;
  /** The high-frequency proxy the second column holds. */
  hf?: LectureHfProxy;
}) {
  const id = proxy === 'ntk' ? 'ntk_cond' : hf;
  const plot = useRef<ScatterPlotHandle>(null);
  const size = { width: large ? 560 : 420, height: large ? 400 : 300 };
  const points = rows.flatMap((row, i) => {
    const x = row[proxy];
    return x === undefined || row.acc === undefined ? [] : [{ id: i, x, y: row.acc }];
  });
  return (
    <figure className="lec-scatter" data-proxy={id}>
      <h3>
        {id}
        {getProxy(id).ourReading ? <span className="lec-badge"> our reading of the paper</span> : null}
      </h3>
      <ExportablePlot
        plotId={`lecture-${proxy}`}
        meta={() => {
          const lecture = useLectureStore.getState().lecture;
          return {
            title: `${id} against ${yLabel}`,
            n: `n = ${correlation.rho.n} networks with a score and an accuracy`,
            rho: correlationCaption(correlation),
            provenance: lectureProvenance(lecture, hfSettingsText(lecture), lectureBatchSpec(lecture.seed)),
          };
        }}
        vector={() => {
          const svg = plot.current?.exportSvg();
          return svg ? { svg, ...size } : null;
        }}
      >
        <ScatterPlot
          ref={plot}
          points={points}
          width={size.width}
          height={size.height}
          xLabel={getProxy(id).label}
          yLabel={yLabel}
          testId={`lec-scatter-${proxy}`}
          onBrush={(ids) => {
            const first = ids[0];
            const row = first === undefined ? undefined : rows[Number(first)];
            if (row) onPick(row.arch);
          }}
        />
      </ExportablePlot>
      {points.length === 0 && emptyText && (
        <p className="meta" data-testid={`lec-scatter-empty-${proxy}`}>
          {emptyText}
        </p>
      )}
      <CorrelationLine c={correlation} testId={rhoTestId} />
    </figure>
  );
}

/** What the numbers are about: the networks and the accuracy they are ranked against. */
export interface ExplainSubject {
  /** e.g. "ViTs", "AutoFormer-Ti networks of the table "vit_autoprox_gt"" */
  networks: string;
  /** e.g. "the trained accuracies", "their cifar100_scratch" */
  accuracy: string;
}

const BROWSER_SUBJECT: ExplainSubject = { networks: 'ViTs', accuracy: 'the trained accuracies' };

/** The high-frequency proxy and its settings, as the explanation names them. */
export interface HfChoice {
  hf: LectureHfProxy;
  r: number;
  alpha: number;
  sigma: number;
}

/** e.g. "r = 0.25, α = 0.5" (vintk), "σ = 1" (vintk_rfp, vintk_ff). */
export function hfSettingsText({ hf, r, alpha, sigma }: HfChoice): string {
  return hf === 'vintk' ? `r = ${r}, α = ${alpha}` : `σ = ${sigma}`;
}

/** e.g. "vintk (r = 0.25, α = 0.5)", "vintk_rfp (σ = 1)". */
export function hfLabel(choice: HfChoice): string {
  return `${choice.hf} (${hfSettingsText(choice)})`;
}

/**
 * Two sentences with the measured numbers; says plainly when the chosen high-frequency proxy does
 * not beat ntk_cond (and, for vintk, names docs/science.md §2's documented alternative to try).
 */
export function explainText(
  ntk: ProxyCorrelation,
  vintk: ProxyCorrelation,
  choice: HfChoice,
  subject: ExplainSubject = BROWSER_SUBJECT,
): string[] {
  const name = choice.hf;
  const n = Math.min(ntk.rho.n, vintk.rho.n);
  if (n < 3)
    return [
      subject === BROWSER_SUBJECT
        ? 'Fewer than 3 networks have both a score and an accuracy yet: no correlation to report.'
        : `Fewer than 3 ${subject.networks} have both scores yet: no correlation with ${subject.accuracy} to report.`,
    ];
  const d = vintk.rho.estimate - ntk.rho.estimate;
  const first =
    `On these ${n} ${subject.networks}, ntk_cond ranks ${subject.accuracy} with Spearman ρ = ${fmt(ntk.rho.estimate, 2)} ` +
    `and ${hfLabel(choice)} with ρ = ${fmt(vintk.rho.estimate, 2)}: ` +
    `a difference of ${d >= 0 ? '+' : ''}${fmt(d, 2)}.`;
  const overlap = !(vintk.rho.low > ntk.rho.high || ntk.rho.low > vintk.rho.high);
  const intervals =
    ntk.intervals === 'pending' || vintk.intervals === 'pending'
      ? 'their 95% intervals are being computed'
      : overlap
        ? `their 95% intervals overlap ([${fmt(ntk.rho.low, 2)}, ${fmt(ntk.rho.high, 2)}] and [${fmt(vintk.rho.low, 2)}, ${fmt(vintk.rho.high, 2)}]), so ${n} networks cannot settle it`
        : 'their 95% intervals do not overlap';
  const reading =
    name === 'vintk_rfp'
      ? ' (in its alternative reading, random Fourier patch embeddings)'
      : name === 'vintk_ff'
        ? ' (in its reading B, Fourier features of the inputs fed to the learned patch embedding)'
        : '';
  const second =
    d > 0
      ? `Here ${name} ranks better, as the paper claims${reading}; ${intervals}.`
      : `Here ${name} does not beat ntk_cond: the paper's claim${reading} is not reproduced on these networks; ${intervals}.`;
  if (d > 0 || name !== 'vintk') return [first, second];
  return [
    first,
    second,
    'For this case the app offers an alternative reading of the paper: vintk_rfp, the NTK of the ViT with its patch embedding replaced by fixed random Fourier features (σ sets their frequency; Fourier features after Tancik et al., 2020).',
  ];
}
