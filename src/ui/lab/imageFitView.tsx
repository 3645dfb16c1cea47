/**
 * Panel 2's 2-D variant (Tancik et al., NeurIPS 2020): the built-in test card, the network's current
 * reconstruction on the evaluation grid (twice the training grid: every other pixel is held out),
 * and PSNR on the training and the held-out pixels as it trains.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { ImageRecord } from '../../core/lab/imageRegression';
import { testCardImage } from '../../core/lab/testCard';
import { LineChart, type LineSeries } from '../charts/LineChart';
import type { StreamedRun } from './biasRun';
import { LabPlot } from './LabPlot';

const SCALE = 3;

/** Draws [size, size, 3] values in [0, 1] onto a canvas, one canvas pixel per image pixel. */
function ImageCanvas({
  pixels,
  size,
  label,
  testId,
}: {
  pixels: Float32Array | null;
  size: number;
  label: string;
  testId: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const data = ctx.createImageData(size, size);
    for (let p = 0; p < size * size; p++) {
      for (let c = 0; c < 3; c++)
        data.data[p * 4 + c] = pixels ? Math.round(255 * Math.min(1, Math.max(0, pixels[p * 3 + c]!))) : 240;
      data.data[p * 4 + 3] = 255;
    }
    ctx.putImageData(data, 0, 0);
  }, [pixels, size]);
  return (
    <figure className="image-figure">
      <canvas
        ref={ref}
        width={size}
        height={size}
        role="img"
        aria-label={label}
        data-testid={testId}
        style={{ width: size * SCALE, height: size * SCALE, imageRendering: 'pixelated' }}
      />
      <figcaption>{label}</figcaption>
    </figure>
  );
}

export function ImageFitView({
  run,
  evalSize,
  total,
}: {
  run: StreamedRun<ImageRecord>;
  evalSize: number;
  total: number;
}) {
  const card = useMemo(() => testCardImage(evalSize), [evalSize]);
  const last = run.records.at(-1) ?? null;
  const series: LineSeries[] = [
    {
      id: 'train',
      label: 'training pixels',
      points: run.records.map((r) => [r.iteration, r.trainPsnr] as const),
      colour: '#0072b2',
    },
    {
      id: 'held',
      label: 'held-out pixels',
      points: run.records.map((r) => [r.iteration, r.heldOutPsnr ?? Number.NaN] as const),
      colour: '#d55e00',
      gaps: true,
    },
  ];
  return (
    <div className="image-view">
      <div className="bias-charts">
        <ImageCanvas
          pixels={card.pixels}
          size={evalSize}
          label={`test card ${evalSize}x${evalSize}`}
          testId="image-card"
        />
        <ImageCanvas
          pixels={last && last.evalSize === evalSize ? last.reconstruction : null}
          size={evalSize}
          label={last ? `network at iteration ${last.iteration}` : 'network (not run yet)'}
          testId="image-reconstruction"
        />
        <LabPlot
          plotId="lab-image-psnr"
          title="PSNR of the reconstruction on training and held-out pixels"
          extra={[
            `test card on a ${evalSize}×${evalSize} evaluation grid, the pixels not trained on held out · iteration ${last?.iteration ?? 0} of ${total}`,
          ]}
        >
          <LineChart
            series={series}
            width={420}
            height={230}
            xLabel="iteration"
            yLabel="PSNR (dB)"
            xDomain={[0, total]}
            title="PSNR: higher is better"
            testId="image-psnr-chart"
          />
        </LabPlot>
      </div>
      <p
        className="bias-sentence"
        data-testid="image-psnr"
        data-value={last?.heldOutPsnr ?? ''}
        data-train={last?.trainPsnr ?? ''}
        data-first-train={run.records[0]?.trainPsnr ?? ''}
        data-first-value={run.records[0]?.heldOutPsnr ?? ''}
        data-iteration={last?.iteration ?? ''}
      >
        <strong>What you see: </strong>
        {last
          ? `at iteration ${last.iteration}, PSNR ${last.trainPsnr.toFixed(1)} dB on the training pixels and ${last.heldOutPsnr?.toFixed(1) ?? '–'} dB on the held-out ones. A mapping that fits the training pixels much better than the held-out ones is memorising (σ too large for this 32-pixel grid).`
          : 'the first reconstruction appears a moment after the run starts.'}
      </p>
    </div>
  );
}
