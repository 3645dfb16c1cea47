/**
 * An MLP drawn left to right: input → input mapping γ → hidden layers (bar height ∝ log₂ width,
 * coloured by activation) → output. Compact for table rows; `labels` names the mapping and each
 * layer's width and activation.
 */
import { type MlpActivation, type MlpArch, type MlpMapping, mappedDim } from '../../core/spaces/mlp/mlp';
import { mlpLayersLayout } from './mlpLayersLayout';

const ACTIVATION_COLOR: Record<MlpActivation, string> = {
  relu: '#dc2626',
  tanh: '#16a34a',
  gelu: '#3b82f6',
  sin: '#a855f7',
};

/** The mapping in a few characters (compact) or in words (labelled), one or two lines. */
function mappingLines(m: MlpMapping, labels: boolean): string[] {
  switch (m.kind) {
    case 'none':
      return [labels ? 'none' : 'x'];
    case 'basic':
      return [labels ? 'basic' : 'B'];
    case 'positional':
      return labels ? ['positional', `L=${m.levels}`] : [`P${m.levels}`];
    case 'gaussian':
      return labels ? [`gauss σ=${m.sigma}`, `m=${m.features}`] : [`G${m.sigma}`];
  }
}

function mappingWords(m: MlpMapping): string {
  switch (m.kind) {
    case 'none':
      return 'no input mapping';
    case 'basic':
      return 'basic Fourier features';
    case 'positional':
      return `positional encoding with ${m.levels} levels`;
    case 'gaussian':
      return `Gaussian Fourier features σ ${m.sigma}, m ${m.features} (seed ${m.seed})`;
  }
}

export function mlpDescription(arch: MlpArch): string {
  return (
    `MLP: ${arch.inputDim}-D input, ${mappingWords(arch.mapping)}, ` +
    `${arch.depth} hidden layer${arch.depth === 1 ? '' : 's'} of ${arch.width} ${arch.activation} units, ` +
    `${arch.outputs} output${arch.outputs === 1 ? '' : 's'}`
  );
}

interface Props {
  arch: MlpArch;
  width?: number;
  labels?: boolean;
}

export function MlpLayers({ arch, width, labels = false }: Props) {
  const w = width ?? (labels ? 320 : 132);
  const layout = mlpLayersLayout(arch, { width: w, labels });
  const { mapping, mid } = layout;
  const lines = mappingLines(arch.mapping, labels);
  const color = ACTIVATION_COLOR[arch.activation];
  const font = labels ? 9 : 7.5;
  const mappedWidth = mappedDim(arch.mapping, arch.inputDim);
  return (
    <svg
      width={w}
      height={layout.height}
      viewBox={`0 0 ${w} ${layout.height}`}
      role="img"
      aria-label={mlpDescription(arch)}
      className="candidate-drawing mlp-layers"
    >
      <line x1={layout.input.x} y1={mid} x2={layout.output.x} y2={mid} stroke="#c5c9d3" strokeWidth={1} />
      <circle cx={layout.input.x} cy={mid} r={3.5} fill="#fff" stroke="#1d2b53">
        <title>{`input: ${arch.inputDim}-D point`}</title>
      </circle>
      <rect
        x={mapping.x}
        y={mapping.y}
        width={mapping.width}
        height={mapping.height}
        rx={3}
        fill="#fff7e6"
        stroke="#f59e0b"
      >
        <title>{`input mapping γ: ${mappingWords(arch.mapping)}`}</title>
      </rect>
      <text
        x={mapping.x + mapping.width / 2}
        y={mid + (font / 2 - 1) - ((lines.length - 1) * (font + 1)) / 2}
        fontSize={font}
        textAnchor="middle"
        fill="#b45309"
        pointerEvents="none"
      >
        {lines.map((line, i) => (
          <tspan key={line} x={mapping.x + mapping.width / 2} dy={i === 0 ? 0 : font + 1}>
            {line}
          </tspan>
        ))}
      </text>
      {layout.bars.map((bar, l) => (
        <g key={l}>
          <rect x={bar.x} y={bar.y} width={bar.width} height={bar.height} rx={1.5} fill={color}>
            <title>{`hidden layer ${l + 1}: ${bar.units} ${arch.activation} units`}</title>
          </rect>
          {labels && (
            <text
              x={bar.x + bar.width / 2}
              y={layout.height - 18}
              fontSize={9}
              textAnchor="middle"
              fill="#1d2b53"
            >
              <tspan x={bar.x + bar.width / 2}>{bar.units}</tspan>
              <tspan x={bar.x + bar.width / 2} dy={10} fill={color}>
                {arch.activation}
              </tspan>
            </text>
          )}
        </g>
      ))}
      <circle cx={layout.output.x} cy={mid} r={3.5} fill="#1d2b53">
        <title>{`output: ${arch.outputs} value${arch.outputs === 1 ? '' : 's'}`}</title>
      </circle>
      {labels && (
        <>
          <text x={layout.input.x} y={layout.height - 18} fontSize={9} fill="#1d2b53">
            <tspan x={layout.input.x}>input</tspan>
            <tspan x={layout.input.x} dy={10}>{`${arch.inputDim}-D`}</tspan>
          </text>
          <text
            x={mapping.x + mapping.width / 2}
            y={layout.height - 18}
            fontSize={9}
            textAnchor="middle"
            fill="#b45309"
          >
            <tspan x={mapping.x + mapping.width / 2}>γ</tspan>
            <tspan x={mapping.x + mapping.width / 2} dy={10}>{`→ ${mappedWidth}`}</tspan>
          </text>
          <text x={layout.output.x} y={layout.height - 18} fontSize={9} textAnchor="end" fill="#1d2b53">
            <tspan x={layout.output.x}>output</tspan>
            <tspan x={layout.output.x} dy={10}>
              {arch.outputs}
            </tspan>
          </text>
        </>
      )}
    </svg>
  );
}
