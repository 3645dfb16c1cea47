/** The lecture's fixed sections (LectureView.tsx): the claim, the definitions, and the line that says how scoring goes. */
import { getProxy } from '../../core/proxies/registry';
import { cancelLectureScoring, lectureBatchSpec } from '../../state/lectureScoring';
import type { LectureHfProxy, LectureState } from '../../state/lectureState';
import { fmt, type HfChoice, hfSettingsText } from './LectureStats';
import type { ShippedTable } from './shippedTable';

export function Claim({ large, subject }: { large: boolean; subject: string | null }) {
  return (
    <section className="lec-section lec-claim" data-testid="lec-claim">
      {!large && <h2>The claim</h2>}
      <p>
        NTK-based proxies such as <strong>ntk_cond</strong> (TE-NAS: the condition number of the neural
        tangent kernel at initialisation) rank CNN cells well but fail on Vision Transformers.
      </p>
      <p>
        ViNTK (Zhou &amp; Zhu, arXiv 2405.04536) says why: the NTK mostly measures how well a network learns{' '}
        <em>low-frequency</em> signals. Adding the NTK on <em>high-frequency</em> inputs should rank ViTs
        better.
      </p>
      <p>
        {subject === null
          ? 'We test it here, live, on small ViTs whose accuracy after training we know.'
          : `We test it here, live, on ${subject}.`}
      </p>
    </section>
  );
}

export function Definitions({ choice, networks }: { choice: HfChoice; networks: string | null }) {
  const proxy = getProxy(choice.hf);
  return (
    <section className="lec-section lec-definitions" data-testid="lec-definitions">
      <h2>What is computed</h2>
      <p>
        <strong>ntk_cond</strong>: {getProxy('ntk_cond').formula}
      </p>
      <p data-testid="lec-definition-hf" data-hf={choice.hf}>
        <strong>{choice.hf}</strong>{' '}
        {proxy.ourReading ? <span className="lec-badge">our reading of the paper</span> : null} (
        {hfSettingsText(choice)}): {proxy.formula}. {proxy.reference}.
      </p>
      <p className="meta">
        Networks:{' '}
        {`${networks ?? 'the browser-sized ViT space (ours, not published: patch 4 on 32×32), quick fidelity'}; `}
        batch: {lectureBatchSpec(0).replace('seed=0', 'seed = the lecture seed')}; higher score = better for
        both.
      </p>
    </section>
  );
}

export function RunLine({
  status,
  progress,
  cacheProblem,
  errors,
  onResume,
}: {
  status: string;
  progress: { done: number; total: number; etaMs: number | null } | null;
  cacheProblem: string | null;
  errors: string[];
  onResume(): void;
}) {
  return (
    <div className="lec-run" data-testid="lec-run" data-status={status}>
      {status === 'running' && progress && (
        <span>
          Scoring: {progress.done} of {progress.total} new jobs
          {progress.etaMs !== null ? `, about ${Math.ceil(progress.etaMs / 1000)} s left` : ''}{' '}
          <button type="button" onClick={cancelLectureScoring} data-testid="lec-cancel">
            Stop scoring
          </button>
        </span>
      )}
      {status === 'cancelled' && (
        <span>
          Scoring stopped; the scores that landed are kept.{' '}
          <button type="button" onClick={onResume} data-testid="lec-resume">
            Score the rest
          </button>
        </span>
      )}
      {cacheProblem && <span className="notice">{cacheProblem}</span>}
      {errors.length > 0 && (
        <p className="notice error" data-testid="lec-errors">
          {errors.length} job(s) failed, e.g.: {errors[0]}
        </p>
      )}
    </div>
  );
}

/** ρ(hf) − ρ(ntk_cond) and the sentences that explain it; a way to vintk_rfp where vintk did not help. */
export function DifferenceAndExplanation({
  hf,
  d,
  n,
  explain,
  sigma,
  offerRfp,
  onTryRfp,
}: {
  hf: LectureHfProxy;
  d: number;
  n: number;
  explain: readonly string[];
  sigma: number;
  /** The lecture's own controls could make the same choice (not locked, sliders shown). */
  offerRfp: boolean;
  onTryRfp(): void;
}) {
  return (
    <>
      <p className="lec-diff" data-testid="lec-rho-diff" data-diff={d}>
        ρ({hf}) − ρ(ntk_cond) = <strong>{Number.isFinite(d) ? `${d >= 0 ? '+' : ''}${fmt(d)}` : '–'}</strong>{' '}
        (n = {n})
      </p>
      <div
        className={`lec-explain${d > 0 ? '' : ' lec-not-better'}`}
        data-testid="lec-explain"
        data-vintk-better={d > 0}
        data-hf={hf}
      >
        {explain.map((sentence) => (
          <p key={sentence}>{sentence}</p>
        ))}
        {/* Offered only where the lecture's own controls could make the same choice. */}
        {hf === 'vintk' && !(d > 0) && explain.length > 2 && offerRfp && (
          <button type="button" onClick={onTryRfp} data-testid="lec-try-rfp">
            Try vintk_rfp (σ = {sigma})
          </button>
        )}
      </div>
    </>
  );
}

/** What is wrong with the networks' source: the shipped table missing or short, no accuracies at all. */
export function SourceNotices({
  source,
  shipped,
  n,
  noAccuracy,
}: {
  source: LectureState['source'];
  shipped: ShippedTable | null;
  n: number;
  noAccuracy: boolean;
}) {
  return (
    <>
      {shipped && !shipped.ok && source === 'shipped' && (
        <p className="notice" data-testid="lec-shipped-problem">
          {shipped.problem}
        </p>
      )}
      {shipped?.ok && source === 'shipped' && shipped.archs.length < n && (
        <p className="notice" data-testid="lec-shipped-short">
          The shipped table has only {shipped.archs.length} architectures; {n} were asked for. All{' '}
          {shipped.archs.length} are used.
        </p>
      )}
      {noAccuracy && (
        <p className="notice" data-testid="lec-no-accuracy">
          None of these architectures has a known accuracy (neither the shipped table nor an imported
          browser-ViT table lists them): the scores are shown, but there is nothing to correlate them with.
        </p>
      )}
    </>
  );
}
