/**
 * A ViT drawn as its stack: the patch embedding at the bottom (as wide as the embedding), one block
 * per layer above it (as wide as its MLP hidden width, shaded by head count). Compact for table
 * rows; `labels` adds each block's heads, MLP ratio and hidden width.
 */
import { VIT_SPACES, type VitArch } from '../../core/spaces/vit/vit';
import { vitBlocksLayout } from './vitBlocksLayout';

/** Fill per head-count choice of the space (fewest heads lightest). */
const HEAD_SHADES = ['#a5b4fc', '#6366f1', '#3730a3'];

export function vitDescription(arch: VitArch): string {
  const s = VIT_SPACES[arch.space];
  return (
    `ViT (${s.label}): ${s.patch}×${s.patch} patch embedding to width ${arch.embed}, ` +
    `${arch.mlpRatio.length} blocks; heads per block ${arch.heads.join(', ')}; ` +
    `MLP ratios ${arch.mlpRatio.join(', ')}`
  );
}

interface Props {
  arch: VitArch;
  width?: number;
  labels?: boolean;
}

export function VitBlocks({ arch, width, labels = false }: Props) {
  const w = width ?? (labels ? 300 : 132);
  const layout = vitBlocksLayout(arch, { width: w, labels });
  const space = VIT_SPACES[arch.space];
  const shade = (heads: number) =>
    HEAD_SHADES[Math.max(0, space.heads.indexOf(heads)) % HEAD_SHADES.length] ?? HEAD_SHADES[0];
  const { patch } = layout;
  return (
    <svg
      width={w}
      height={layout.height}
      viewBox={`0 0 ${w} ${layout.height}`}
      role="img"
      aria-label={vitDescription(arch)}
      className="candidate-drawing vit-blocks"
    >
      <rect x={patch.x} y={patch.y} width={patch.width} height={patch.height} rx={1.5} fill="#f59e0b">
        <title>{`patch embedding: ${space.patch}×${space.patch} patches to width ${arch.embed}`}</title>
      </rect>
      {layout.blocks.map((b) => (
        <g key={b.layer}>
          <rect x={b.x} y={b.y} width={b.width} height={b.height} rx={1} fill={shade(b.heads)}>
            <title>{`layer ${b.layer + 1}: ${b.heads} heads, MLP ratio ${b.mlpRatio} (hidden ${b.hidden})`}</title>
          </rect>
          {labels && (
            <text x={layout.textX} y={b.y + b.height / 2 + 3.5} fontSize={10} fill="#1d2b53">
              {`L${b.layer + 1} · ${b.heads} heads · ×${b.mlpRatio} (${b.hidden})`}
            </text>
          )}
        </g>
      ))}
      {labels ? (
        <text x={layout.textX} y={patch.y + patch.height / 2 + 3.5} fontSize={10} fill="#b45309">
          {`patch ${space.patch} → embed ${arch.embed}`}
        </text>
      ) : (
        <text x={layout.textX} y={layout.height / 2} fontSize={9} fill="#1d2b53">
          <tspan x={layout.textX}>{`e${arch.embed}`}</tspan>
          <tspan x={layout.textX} dy={11}>{`d${arch.mlpRatio.length}`}</tspan>
        </text>
      )}
    </svg>
  );
}
