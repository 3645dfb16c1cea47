/**
 * Panel 2 · Fourier features (Tancik et al., NeurIPS 2020): the run of panel 1 behind an input
 * mapping γ(z) = [sin 2πBz, cos 2πBz] (none, basic, positional with L levels, Gaussian with σ and m
 * features). A σ comparison runs σ = 1, 4, 10, 32 one after another and plots when the highest
 * frequency reaches 0.9; the image variant fits the built-in test card from pixel coordinates.
 */
import { useMemo } from 'react';
import { callback, labWorker } from '../../compute/labClient';
import type { SignalRecord } from '../../core/lab/fitSignal';
import type { ImageRecord } from '../../core/lab/imageRegression';
import { LAB_LIMITS, type LabState, MAPPING_CHOICES, useLabStore } from '../../state/labState';
import { PageExplanation } from '../components/Explanation';
import { fourierFitConfig, fourierImageConfig, imagePresetOf } from './biasConfig';
import { BiasNumberField, PresetAndSeed, TargetControls } from './biasControls';
import { BiasRunBar, SignalFitView } from './biasFitView';
import { type Launch, useStreamedRun } from './biasRun';
import { ImageFitView } from './imageFitView';
import { SigmaSweep } from './SigmaSweep';

const MAPPING_TEXT: Record<LabState['mapping'], string> = {
  none: 'none: γ(z) = z (panel 1)',
  basic: 'basic: [sin 2πz, cos 2πz]',
  positional: 'positional: frequencies 1, 2, 4, … 2^(L−1)',
  gaussian: 'Gaussian: B ~ N(0, σ²), m features',
};

function MappingControls() {
  const lab = useLabStore((s) => s.lab);
  const setLab = useLabStore((s) => s.setLab);
  return (
    <div className="bias-controls">
      <label className="bias-field bias-check">
        <input
          type="checkbox"
          checked={lab.image}
          onChange={(e) => setLab({ image: e.target.checked })}
          data-testid="fourier-image"
        />{' '}
        2-D image variant
      </label>
      <label className="bias-field">
        Input mapping{' '}
        <select
          value={lab.mapping}
          onChange={(e) => setLab({ mapping: e.target.value as LabState['mapping'] })}
          data-testid="fourier-mapping"
        >
          {MAPPING_CHOICES.map((m) => (
            <option key={m} value={m}>
              {MAPPING_TEXT[m]}
            </option>
          ))}
        </select>
      </label>
      {lab.mapping === 'gaussian' && (
        <>
          <BiasNumberField
            label="σ"
            value={lab.sigma}
            min={LAB_LIMITS.sigma.min}
            max={LAB_LIMITS.sigma.max}
            integer={false}
            onCommit={(v) => setLab({ sigma: v })}
            testId="fourier-sigma"
            title="Standard deviation of the Gaussian frequencies B"
          />
          <BiasNumberField
            label="m"
            value={lab.features}
            min={LAB_LIMITS.features.min}
            max={LAB_LIMITS.features.max}
            onCommit={(v) => setLab({ features: v })}
            testId="fourier-features"
            title="Number of Gaussian features (the mapping has 2m inputs)"
          />
        </>
      )}
      {lab.mapping === 'positional' && (
        <BiasNumberField
          label="L"
          value={lab.levels}
          min={LAB_LIMITS.levels.min}
          max={LAB_LIMITS.levels.max}
          onCommit={(v) => setLab({ levels: v })}
          testId="fourier-levels"
          title="Levels: frequencies 1, 2, 4, … 2^(L−1)"
        />
      )}
      <PresetAndSeed testPrefix="fourier" />
    </div>
  );
}

export function FourierPanel() {
  const lab = useLabStore((s) => s.lab);
  const config = useMemo(() => fourierFitConfig(lab), [lab]);
  const imageConfig = useMemo(() => fourierImageConfig(lab), [lab]);
  const auto1d = !lab.image && config.iterations <= 5_000;
  const launch: Launch<SignalRecord> = (onRecord) =>
    labWorker().api.fitSignal(config, callback(onRecord)) as ReturnType<Launch<SignalRecord>>;
  const run = useStreamedRun(JSON.stringify(config), launch, auto1d);
  const launchImage: Launch<ImageRecord> = (onRecord) =>
    labWorker().api.fitImage(imageConfig, callback(onRecord)) as ReturnType<Launch<ImageRecord>>;
  const imageRun = useStreamedRun(JSON.stringify(imageConfig), launchImage, lab.image);
  const evalSize = (imageConfig.trainSize ?? 32) * (imageConfig.evalFactor ?? 2);
  return (
    <div className="fourier-panel" data-testid="fourier-panel">
      <p className="lab-intro">
        Feed the network γ(z) = [sin 2πBz, cos 2πBz] instead of z. With Gaussian features, the larger σ, the
        sooner high frequencies are learned; too large, and the fit turns noisy between the points it was
        trained on.
      </p>
      <MappingControls />
      <PageExplanation id="lab-fourier" />
      {lab.image ? (
        <>
          <p className="meta">
            Image preset “{imagePresetOf(lab)}” ({imageConfig.arch.depth} x {imageConfig.arch.width},{' '}
            {imageConfig.iterations} iterations, trained on {imageConfig.trainSize}² pixels, shown on{' '}
            {evalSize}²). On this small grid σ ≈ 3–4 gives the best held-out PSNR; σ = 10 memorises the
            training pixels; positional L = 5 reaches its Nyquist frequency.
          </p>
          <BiasRunBar run={imageRun} total={imageConfig.iterations} testPrefix="image" />
          <ImageFitView run={imageRun} evalSize={evalSize} total={imageConfig.iterations} />
        </>
      ) : (
        <>
          <div className="bias-controls">
            <TargetControls testPrefix="fourier" />
          </div>
          <BiasRunBar
            run={run}
            total={config.iterations}
            testPrefix="fourier"
            hint={auto1d ? undefined : 'The paper preset runs for about an hour: press Run to start it.'}
          />
          <SignalFitView config={config} run={run} testPrefix="fourier" />
          <SigmaSweep lab={lab} stopMain={run.cancel} />
        </>
      )}
    </div>
  );
}
