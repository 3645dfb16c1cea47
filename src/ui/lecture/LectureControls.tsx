/**
 * The lecture's controls, in groups a link can hide ("source_hide", "sliders_hide"; "table_hide" and
 * "train_hide" hide the per-network table and live training in LectureView). The toolbar
 * (presentation mode, screen stepping, the lecture link) is in LectureToolbar.tsx.
 */
import { useGroundTruthStore } from '../../state/groundTruthState';
import {
  LECTURE_HF_PROXIES,
  LECTURE_LIMITS,
  LECTURE_SOURCES,
  type LectureHfProxy,
  type LectureSource,
  type LectureState,
  useLectureStore,
} from '../../state/lectureState';
import { type LectureTableChoice, vitTables } from '../../state/lectureTable';
import { LectureTableSource, tableChoicePatch } from './LectureTableSource';
import type { ShippedTable } from './shippedTable';

const isSource = (value: string): value is LectureSource =>
  (LECTURE_SOURCES as readonly string[]).includes(value);

const isHf = (value: string): value is LectureHfProxy =>
  (LECTURE_HF_PROXIES as readonly string[]).includes(value);

/** σ's slider moves on log10 σ (0.01 … 100), and rounds σ to 3 significant digits. */
const SIGMA_LOG = {
  min: Math.log10(LECTURE_LIMITS.sigma.min),
  max: Math.log10(LECTURE_LIMITS.sigma.max),
};
function sigmaOfSlider(log10: number): number {
  const { min, max } = LECTURE_LIMITS.sigma;
  return Math.min(max, Math.max(min, Number((10 ** log10).toPrecision(3))));
}

function clampInt(value: number, { min, max }: { min: number; max: number }): number | null {
  if (!Number.isFinite(value)) return null;
  return Math.min(max, Math.max(min, Math.round(value)));
}

export function LectureControls({
  lecture,
  shipped,
  candidates,
  tableChoice,
}: {
  lecture: LectureState;
  shipped: ShippedTable | null;
  candidates: number;
  /** Source 'table': the lecture's table, column and space as resolved against the loaded tables. */
  tableChoice: LectureTableChoice | null;
}) {
  const setLecture = useLectureStore((s) => s.setLecture);
  const hidden = new Set(lecture.hide);
  const chooseSource = (source: LectureSource) => {
    // The first imported ViT table, when the lecture names none yet.
    const first = vitTables(useGroundTruthStore.getState().tables)[0];
    setLecture(
      source === 'table' && lecture.table === '' && first
        ? { source, ...tableChoicePatch(first) }
        : { source },
    );
  };
  if (hidden.has('source') && hidden.has('sliders')) return null;
  return (
    <div className="lec-controls">
      {!hidden.has('source') && (
        <fieldset className="lec-group" data-testid="lec-source">
          <legend>Networks</legend>
          <label>
            from{' '}
            <select
              value={lecture.source}
              onChange={(e) => {
                const source = e.currentTarget.value;
                if (isSource(source)) chooseSource(source);
              }}
              data-testid="lec-source-select"
            >
              <option value="shipped">
                the shipped table (trained here){shipped?.ok ? `, ${shipped.archs.length} rows` : ''}
              </option>
              <option value="sample">a seeded sample of the browser ViT space</option>
              <option value="table">a ground-truth table (shipped, or imported: e.g. OoD-ViT-NAS)</option>
            </select>
          </label>
          {lecture.source === 'table' && <LectureTableSource lecture={lecture} choice={tableChoice} />}
          <label>
            n{' '}
            <input
              type="number"
              min={LECTURE_LIMITS.n.min}
              max={LECTURE_LIMITS.n.max}
              value={lecture.n}
              onChange={(e) => {
                const n = clampInt(e.currentTarget.valueAsNumber, LECTURE_LIMITS.n);
                if (n !== null) setLecture({ n });
              }}
              data-testid="lec-n"
            />
          </label>
          <label>
            seed{' '}
            <input
              type="number"
              min={0}
              value={lecture.seed}
              onChange={(e) => {
                const seed = clampInt(e.currentTarget.valueAsNumber, LECTURE_LIMITS.seed);
                if (seed !== null) setLecture({ seed });
              }}
              data-testid="lec-seed"
            />
          </label>
          <label title="Each NTK score averages log10 κ over this many initialisations (seed, seed + 1, …): on ViTs one initialisation is not a stable ranking">
            inits{' '}
            <input
              type="number"
              min={LECTURE_LIMITS.repeats.min}
              max={LECTURE_LIMITS.repeats.max}
              value={lecture.repeats}
              onChange={(e) => {
                const repeats = clampInt(e.currentTarget.valueAsNumber, LECTURE_LIMITS.repeats);
                if (repeats !== null) setLecture({ repeats });
              }}
              data-testid="lec-repeats"
            />
          </label>
          <span className="meta">{candidates} networks</span>
        </fieldset>
      )}
      {!hidden.has('sliders') && (
        <fieldset className="lec-group" data-testid="lec-sliders" disabled={lecture.lock}>
          <legend>ViNTK{lecture.lock ? ' (locked)' : ''}</legend>
          <label>
            high-frequency proxy{' '}
            <select
              value={lecture.hf}
              disabled={lecture.lock}
              onChange={(e) => {
                const hf = e.currentTarget.value;
                if (isHf(hf)) setLecture({ hf });
              }}
              data-testid="lec-hf"
            >
              <option value="vintk">vintk (r, α)</option>
              <option value="vintk_rfp">vintk_rfp (σ)</option>
              <option value="vintk_ff">vintk_ff (σ): Fourier features into the patch embedding</option>
            </select>
          </label>
          {lecture.hf === 'vintk' ? (
            <>
              <Slider
                label={`r = ${lecture.r.toFixed(2)}`}
                min={LECTURE_LIMITS.r.min}
                max={LECTURE_LIMITS.r.max}
                value={lecture.r}
                disabled={lecture.lock}
                onChange={(r) => setLecture({ r })}
                testId="lec-r"
              />
              <Slider
                label={`α = ${lecture.alpha.toFixed(2)}`}
                min={LECTURE_LIMITS.alpha.min}
                max={LECTURE_LIMITS.alpha.max}
                value={lecture.alpha}
                disabled={lecture.lock}
                onChange={(alpha) => setLecture({ alpha })}
                testId="lec-alpha"
              />
            </>
          ) : (
            <Slider
              label={`σ = ${lecture.sigma}`}
              min={SIGMA_LOG.min}
              max={SIGMA_LOG.max}
              value={Math.log10(lecture.sigma)}
              disabled={lecture.lock}
              onChange={(v) => setLecture({ sigma: sigmaOfSlider(v) })}
              ariaLabel="σ (log scale, 0.01 to 100)"
              testId="lec-sigma"
            />
          )}
        </fieldset>
      )}
    </div>
  );
}

function Slider(props: {
  label: string;
  min: number;
  max: number;
  value: number;
  disabled: boolean;
  onChange: (value: number) => void;
  testId: string;
  ariaLabel?: string;
}) {
  return (
    <label>
      {props.label}{' '}
      <input
        type="range"
        min={props.min}
        max={props.max}
        step={0.05}
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => props.onChange(Number(e.currentTarget.value))}
        aria-label={props.ariaLabel}
        data-testid={props.testId}
      />
    </label>
  );
}
