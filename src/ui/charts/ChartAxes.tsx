/** The bottom and left visx axes every chart here draws, with ticks and labels chosen by the caller. */
import { AxisBottom, AxisLeft, type TickRendererProps } from '@visx/axis';
import type { ContinuousScale } from './axisScale';
import { SCATTER_STYLE as S } from './scatterStyle';

export interface ChartAxesProps {
  xScale: ContinuousScale;
  yScale: ContinuousScale;
  xTicks: readonly number[];
  yTicks: readonly number[];
  /** Label text, index-aligned with the ticks. */
  xTickLabels: readonly string[];
  yTickLabels: readonly string[];
  xLabel: string;
  yLabel: string;
  innerHeight: number;
}

/**
 * A tick label as one plain SVG text. visx's default (its Text component) measures, wraps and
 * evaluates CSS calc() for every label on every render: with a few charts on screen that was a
 * 50-70 ms task each time results arrived. One-line labels need none of it; the placement (dx, dy,
 * anchor) is the one the axis passes, as Text would apply it.
 */
function TickLabel(props: TickRendererProps) {
  const { formattedValue, x, y, dx, dy, textAnchor, fill, fontSize, fontFamily } = props;
  return (
    <text
      x={x}
      y={y}
      dx={dx}
      dy={dy}
      textAnchor={textAnchor}
      fill={fill}
      fontSize={fontSize}
      fontFamily={fontFamily}
    >
      {formattedValue}
    </text>
  );
}

const tickLabelProps = { fill: S.axisColour, fontSize: S.fontSize, fontFamily: S.fontFamily };
const titleProps = {
  fill: S.axisColour,
  fontSize: S.labelFontSize,
  fontFamily: S.fontFamily,
  textAnchor: 'middle',
} as const;

const middle = (range: readonly unknown[]) => (Number(range[0]) + Number(range[range.length - 1])) / 2;

/** Gaps between tick labels and axis titles. */
const X_TITLE_OFFSET = 14;
const Y_TITLE_OFFSET = S.yTitleOffset - 18;

export function ChartAxes(props: ChartAxesProps) {
  const xMid = middle(props.xScale.range());
  const yMid = middle(props.yScale.range());
  return (
    <>
      <AxisBottom
        top={props.innerHeight}
        scale={props.xScale}
        tickValues={[...props.xTicks]}
        tickFormat={(_, i) => props.xTickLabels[i]}
        stroke={S.axisColour}
        tickStroke={S.axisColour}
        tickLength={S.tickLength}
        tickLabelProps={tickLabelProps}
        tickComponent={TickLabel}
      />
      <AxisLeft
        scale={props.yScale}
        tickValues={[...props.yTicks]}
        tickFormat={(_, i) => props.yTickLabels[i]}
        stroke={S.axisColour}
        tickStroke={S.axisColour}
        tickLength={S.tickLength}
        tickLabelProps={tickLabelProps}
        tickComponent={TickLabel}
      />
      {/* The axis titles, placed where visx's own label would be (its getLabelTransform), as plain text. */}
      <text
        x={xMid}
        y={props.innerHeight + S.tickLength + X_TITLE_OFFSET + Math.max(10, S.fontSize) + S.labelFontSize}
        {...titleProps}
      >
        {props.xLabel}
      </text>
      <text x={-yMid} y={-(S.tickLength + Y_TITLE_OFFSET)} transform="rotate(-90)" {...titleProps}>
        {props.yLabel}
      </text>
    </>
  );
}
