/**
 * Geometry of a ViT drawing (VitBlocks.tsx): the patch embedding at the bottom, then one block per
 * layer stacked upwards (layer 1 lowest). Widths share one scale across the space: a block is as
 * wide as its MLP hidden width, the patch embedding as its embedding width, and the widest
 * possible block of the space fills the column, so two candidates of a space compare at a glance.
 * The stack's pitch is set by the space's deepest architecture, so deeper stacks are taller.
 */
import { VIT_SPACES, type VitArch, vitMlpHidden } from '../../core/spaces/vit/vit';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface VitBlockBox extends Box {
  /** 0-based layer. */
  layer: number;
  hidden: number;
  heads: number;
  mlpRatio: number;
}

export interface VitBlocksLayout {
  width: number;
  height: number;
  /** Centre of the column the boxes are drawn in, and where the text column starts. */
  centerX: number;
  textX: number;
  patch: Box;
  /** Bottom to top: blocks[0] is the first layer. */
  blocks: VitBlockBox[];
  /** Pixels per unit of width (hidden or embedding). */
  scale: number;
}

/** Compact (table row) height; the labelled drawing grows with the space's depth. */
export const VIT_COMPACT_HEIGHT = 64;
const MARGIN = 2;

export function vitBlocksLayout(arch: VitArch, options: { width: number; labels: boolean }): VitBlocksLayout {
  const space = VIT_SPACES[arch.space];
  const maxDepth = Math.max(...space.depth, arch.mlpRatio.length);
  const maxHidden = Math.floor(Math.max(...space.mlpRatio) * Math.max(...space.embed));
  const widest = Math.max(maxHidden, ...arch.mlpRatio.map((_, l) => vitMlpHidden(arch, l)), arch.embed);
  const { width, labels } = options;
  const patchHeight = labels ? 14 : 6;
  const pitch = labels ? 16 : (VIT_COMPACT_HEIGHT - 2 * MARGIN - patchHeight - 2) / maxDepth;
  const height = labels ? Math.ceil(2 * MARGIN + patchHeight + 4 + pitch * maxDepth) : VIT_COMPACT_HEIGHT;
  // The column of boxes, then the text: compact keeps room for "e192", labelled for a layer's line.
  const column = labels ? Math.min(width * 0.42, 150) : width - 34;
  const scale = (column - 2 * MARGIN) / widest;
  const centerX = MARGIN + (column - 2 * MARGIN) / 2;
  const patchY = height - MARGIN - patchHeight;
  const patchWidth = arch.embed * scale;
  const gap = Math.max(0.6, pitch * 0.22);
  const blocks = arch.mlpRatio.map((mlpRatio, layer): VitBlockBox => {
    const hidden = vitMlpHidden(arch, layer);
    const y = patchY - (labels ? 4 : 2) - (layer + 1) * pitch;
    return {
      layer,
      x: centerX - (hidden * scale) / 2,
      y,
      width: hidden * scale,
      height: pitch - gap,
      hidden,
      heads: arch.heads[layer]!,
      mlpRatio,
    };
  });
  return {
    width,
    height,
    centerX,
    textX: column + 4,
    patch: { x: centerX - patchWidth / 2, y: patchY, width: patchWidth, height: patchHeight },
    blocks,
    scale,
  };
}
