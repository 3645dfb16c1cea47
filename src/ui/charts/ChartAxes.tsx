/** The bottom and left visx axes every chart here draws, with ticks and labels chosen by the caller. */
import { AxisBottom, AxisLeft } from '@visx/axis';
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

const tickLabelProps = { fill: S.axisColour, fontSize: S.fontSize, fontFamily: S.fontFamily };
const titleProps = {
  fill: S.axisColour,
  fontSize: S.labelFontSize,
  fontFamily: S.fontFamily,
  textAnchor: 'middle',
} as const;

export function ChartAxes(props: ChartAxesProps) {
  return (
    <>
      <AxisBottom
        top={props.innerHeight}
        scale={props.xScale}
        tickValues={[...props.xTicks]}
        tickFormat={(_, i) => props.xTickLabels[i]}
        label={props.xLabel}
        labelOffset={14}
        stroke={S.axisColour}
        tickStroke={S.axisColour}
        tickLength={S.tickLength}
        tickLabelProps={tickLabelProps}
        labelProps={titleProps}
      />
      <AxisLeft
        scale={props.yScale}
        tickValues={[...props.yTicks]}
        tickFormat={(_, i) => props.yTickLabels[i]}
        label={props.yLabel}
        labelOffset={S.yTitleOffset - 18}
        stroke={S.axisColour}
        tickStroke={S.axisColour}
        tickLength={S.tickLength}
        tickLabelProps={tickLabelProps}
        labelProps={titleProps}
      />
    </>
  );
}
