/**
 * Geometry of an MLP drawing (MlpLayers.tsx), left to right: the input, the input-mapping box,
 * one bar per hidden layer, the output. A bar's height is proportional to log₂ of its width on a
 * scale where the largest width the MLP space allows (4096) fills the drawing, so 32 and 256 units
 * read as 5 : 8 and every candidate of the space shares one scale.
 */
import { MLP_LIMITS, type MlpArch } from '../../core/spaces/mlp/mlp';
import type { Box } from './vitBlocksLayout';

export interface MlpLayersLayout {
  width: number;
  height: number;
  /** Vertical middle, where the flow line runs. */
  mid: number;
  input: { x: number; y: number };
  mapping: Box;
  bars: (Box & { units: number })[];
  output: { x: number; y: number };
  /** Pixels of bar height per doubling of the width. */
  perDoubling: number;
}

export const MLP_COMPACT_HEIGHT = 60;

export function mlpLayersLayout(arch: MlpArch, options: { width: number; labels: boolean }): MlpLayersLayout {
  const { width, labels } = options;
  const height = labels ? 130 : MLP_COMPACT_HEIGHT;
  // Labelled drawings keep a band below the bars for the widths and activations.
  const textBand = labels ? 30 : 0;
  const mid = (height - textBand) / 2 + 2;
  const tallest = height - textBand - 8;
  const perDoubling = tallest / Math.log2(MLP_LIMITS.width[1]);
  const input = { x: 6, y: mid };
  const mappingWidth = labels ? 56 : 18;
  const mapping: Box = { x: 16, y: mid - (labels ? 16 : 8), width: mappingWidth, height: labels ? 32 : 16 };
  const output = { x: width - 6, y: mid };
  const first = mapping.x + mappingWidth + 4;
  // Labelled: room under the output node for the word "output" beside the last bar's label.
  const last = output.x - (labels ? 34 : 10);
  const pitch = (last - first) / arch.depth;
  const barWidth = Math.min(labels ? 22 : 10, pitch * 0.7);
  const barHeight = Math.max(2, perDoubling * Math.log2(arch.width));
  const bars = Array.from({ length: arch.depth }, (_, l) => ({
    x: first + pitch * (l + 0.5) - barWidth / 2,
    y: mid - barHeight / 2,
    width: barWidth,
    height: barHeight,
    units: arch.width,
  }));
  return { width, height, mid, input, mapping, bars, output, perDoubling };
}
