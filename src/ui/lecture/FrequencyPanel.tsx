/**
 * What "the high-frequency domain" means, shown on the proxies' own batch: three CIFAR-10 images,
 * their low-pass part (radius < r) and their high-pass part (radius ≥ r, ViNTK's x_hf), and the
 * selected network's NTK spectra on the images as given and on the high-passed ones (vintk), or
 * with its learned and its random-Fourier patch embedding (vintk_rfp).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ScoreResult } from '../../core/proxies/scoreJob';
import { lectureBatchSpec } from '../../state/lectureScoring';
import { type LectureHfProxy, useLectureStore } from '../../state/lectureState';
import { SpectrumChart } from '../charts';
import { ExportablePlot } from '../components/ExportablePlot';
import { lectureProvenance } from '../export/plotCaptions';
import type { PlotExportMeta } from '../export/plotExport';
import { batchImages, filteredViews, IMAGE_SHAPE, toRgba } from './frequencyImages';
import { hfSettingsText } from './LectureStats';

function ImageCanvas({ image, label, testId }: { image: Float32Array; label: string; testId: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = ref.current?.getContext('2d');
    if (!context) return;
    context.putImageData(new ImageData(toRgba(image), IMAGE_SHAPE[1], IMAGE_SHAPE[0]), 0, 0);
  }, [image]);
  return (
    <figure className="lec-image">
      <canvas
        ref={ref}
        width={IMAGE_SHAPE[1]}
        height={IMAGE_SHAPE[0]}
        data-testid={testId}
        aria-label={label}
      />
      <figcaption>{label}</figcaption>
    </figure>
  );
}

export function FrequencyImages({ spec, r }: { spec: string; r: number }) {
  const [images, setImages] = useState<Float32Array[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    batchImages(spec, 3).then(
      (found) => live && setImages(found),
      (error: unknown) => live && setProblem(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, [spec]);
  const views = useMemo(() => {
    try {
      return images?.map((image) => filteredViews(image, r)) ?? null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }, [images, r]);
  if (problem) return <p className="notice error">The images could not be loaded: {problem}</p>;
  if (typeof views === 'string') return <p className="notice error">{views}</p>;
  if (!views) return <p className="meta">Loading the images…</p>;
  return (
    <ExportablePlot
      plotId="lecture-images"
      meta={() => ({
        title: `Images as given, low-pass (radius < ${r}) and high-pass (radius ≥ ${r})`,
        n: `n = ${views.length} images of the proxies' batch`,
        provenance: [
          `batch ${spec}`,
          "Radius in the images' 2-D Fourier spectrum, Nyquist = 1; the high-pass part is ViNTK's x_hf",
        ],
      })}
    >
      <div className="lec-images" data-testid="lec-images" data-r={r}>
        {views.map((v, i) => (
          <div className="lec-image-row" key={i}>
            <ImageCanvas image={v.original} label="image" testId="lec-img-original" />
            <ImageCanvas image={v.low} label={`low-pass (radius < ${r})`} testId="lec-img-low" />
            <ImageCanvas image={v.high} label={`high-pass (radius ≥ ${r})`} testId="lec-img-high" />
          </div>
        ))}
      </div>
    </ExportablePlot>
  );
}

/** What an exported spectrum plot says about itself: the network, the two kernels, the lecture's settings. */
function spectraMeta(arch: string, kernels: string): PlotExportMeta {
  const lecture = useLectureStore.getState().lecture;
  return {
    title: `NTK eigenvalues λᵢ/λ₁ of ${arch}`,
    provenance: [
      `Kernels: ${kernels}; same network, same initialisations`,
      ...lectureProvenance(lecture, hfSettingsText(lecture), lectureBatchSpec(lecture.seed)),
    ],
  };
}

function numbers(details: ScoreResult['details'], key: string): number[] {
  const value = details[key];
  return Array.isArray(value) ? value : [];
}

export function LectureSpectra({
  arch,
  result,
  large,
  hf = 'vintk',
  ntkResult,
}: {
  arch: string | null;
  /** The selected network's result of the high-frequency proxy `hf`. */
  result: ScoreResult | undefined;
  large: boolean;
  hf?: LectureHfProxy;
  /** Its ntk_cond result: vintk_rfp's spectrum is set beside it. */
  ntkResult?: ScoreResult | undefined;
}) {
  if (!arch) return <p className="meta">Pick a network in the table to see its NTK spectra.</p>;
  if (hf === 'vintk_rfp' || hf === 'vintk_ff')
    return <PatchSpectra hf={hf} arch={arch} result={result} ntk={ntkResult} large={large} />;
  if (!result) return <p className="meta">The NTK spectra of {arch} appear once its vintk score is in.</p>;
  const lo = numbers(result.details, 'eigenvaluesLo');
  const hi = numbers(result.details, 'eigenvaluesHi');
  return (
    <figure className="lec-spectra" data-testid="lec-spectra">
      <ExportablePlot
        plotId="lecture-spectra"
        meta={() => spectraMeta(arch, 'Θ_lo on the batch as given, Θ_hi on its high-passed copy')}
      >
        <SpectrumChart
          series={[
            { id: 'lo', label: 'Θ_lo: images as given', eigenvalues: lo },
            { id: 'hi', label: 'Θ_hi: high-passed images', eigenvalues: hi },
          ]}
          width={large ? 720 : 460}
          height={large ? 420 : 280}
          testId="lec-spectrum-chart"
        />
      </ExportablePlot>
      <figcaption>
        NTK eigenvalues λᵢ/λ₁ (log axis) of <code>{arch}</code> on the batch as given and on its high-passed
        copy (same network, same initialisations).
      </figcaption>
    </figure>
  );
}

/** How each patch-side reading changes the network, for the spectra's labels and caption. */
const PATCH_READINGS = {
  vintk_rfp: {
    what: 'random Fourier patch features',
    eigenvalues: 'eigenvalues',
    caption:
      'with the patches embedded as fixed random Fourier features γ(p) = [cos 2πBp, sin 2πBp] (vintk_rfp; same batch, same initialisations of the rest)',
  },
  vintk_ff: {
    what: 'Fourier features into its patch embedding',
    eigenvalues: 'eigenvaluesFf',
    caption:
      'with its learned patch embedding reading γ(p) = [p, cos 2πBp, sin 2πBp] of every patch, B shared by all networks (vintk_ff; same batch, same initialisations)',
  },
} as const;

/** A patch-side reading's NTK spectrum beside ntk_cond's: the same network, its patches seen another way. */
function PatchSpectra({
  hf,
  arch,
  result,
  ntk,
  large,
}: {
  hf: keyof typeof PATCH_READINGS;
  arch: string;
  result: ScoreResult | undefined;
  ntk: ScoreResult | undefined;
  large: boolean;
}) {
  const reading = PATCH_READINGS[hf];
  if (!result || !ntk)
    return (
      <p className="meta">
        The NTK spectra of {arch} appear once its ntk_cond and {hf} scores are in.
      </p>
    );
  return (
    <figure className="lec-spectra" data-testid="lec-spectra" data-hf={hf}>
      <ExportablePlot
        plotId="lecture-spectra"
        meta={() => spectraMeta(arch, `learned patch embedding (ntk_cond) and ${reading.what} (${hf})`)}
      >
        <SpectrumChart
          series={[
            {
              id: 'ntk',
              label: 'ntk_cond: learned patch embedding',
              eigenvalues: numbers(ntk.details, 'eigenvalues'),
            },
            {
              id: hf,
              label: `${hf}: ${reading.what}`,
              eigenvalues: numbers(result.details, reading.eigenvalues),
            },
          ]}
          width={large ? 720 : 460}
          height={large ? 420 : 280}
          testId="lec-spectrum-chart"
        />
      </ExportablePlot>
      <figcaption>
        NTK eigenvalues λᵢ/λ₁ (log axis) of <code>{arch}</code> with its learned patch embedding (ntk_cond)
        and {reading.caption}.
      </figcaption>
    </figure>
  );
}
