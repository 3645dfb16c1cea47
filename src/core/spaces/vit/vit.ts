/**
 * Vision-transformer search spaces.
 *
 * AutoFormer (Chen et al., ICCV 2021; microsoft/Cream AutoFormer/experiments/supernet/*.yaml):
 * patch 16 at 224 px, pre-norm blocks, one embedding width for all layers, per-layer MLP ratio and
 * head count, Q/K/V width = heads x 64. Tiny, Small and Base exactly as published (docs/science.md §10).
 *
 * browser: our scaled-down space for live scoring and training in a browser tab: patch 4 on 32x32
 * CIFAR images (64 tokens), embed {64, 96, 128}, depth 2..6, MLP ratio {2, 3, 4}, heads {2, 4}
 * with head width 32. It is ours, not published; results on it are labelled so.
 */

import type { ParseResult } from '../../util/parseResult';
import { mulberry32 } from '../../util/prng';
import type { FidelityPreset } from '../fidelity';

export const VIT_SPACE_IDS = ['autoformer-tiny', 'autoformer-small', 'autoformer-base', 'browser'] as const;
export type VitSpaceId = (typeof VIT_SPACE_IDS)[number];

export interface VitSpace {
  id: VitSpaceId;
  label: string;
  embed: readonly number[];
  depth: readonly number[];
  mlpRatio: readonly number[];
  heads: readonly number[];
  headDim: number;
  patch: number;
  /** Published input resolution (pixels, square). */
  resolution: number;
  classes: number;
}

export const VIT_SPACES: Record<VitSpaceId, VitSpace> = {
  'autoformer-tiny': {
    id: 'autoformer-tiny',
    label: 'AutoFormer-Ti',
    embed: [192, 216, 240],
    depth: [12, 13, 14],
    mlpRatio: [3.5, 4],
    heads: [3, 4],
    headDim: 64,
    patch: 16,
    resolution: 224,
    classes: 1000,
  },
  'autoformer-small': {
    id: 'autoformer-small',
    label: 'AutoFormer-S',
    embed: [320, 384, 448],
    depth: [12, 13, 14],
    mlpRatio: [3, 3.5, 4],
    heads: [5, 6, 7],
    headDim: 64,
    patch: 16,
    resolution: 224,
    classes: 1000,
  },
  'autoformer-base': {
    id: 'autoformer-base',
    label: 'AutoFormer-B',
    embed: [528, 576, 624],
    depth: [14, 15, 16],
    mlpRatio: [3, 3.5, 4],
    heads: [9, 10],
    headDim: 64,
    patch: 16,
    resolution: 224,
    classes: 1000,
  },
  browser: {
    id: 'browser',
    label: 'Browser ViT (ours: patch 4, 32x32)',
    embed: [64, 96, 128],
    depth: [2, 3, 4, 5, 6],
    mlpRatio: [2, 3, 4],
    heads: [2, 4],
    headDim: 32,
    patch: 4,
    resolution: 32,
    classes: 10,
  },
};

export interface VitArch {
  space: VitSpaceId;
  embed: number;
  /** Per layer; the depth is their length. */
  mlpRatio: number[];
  heads: number[];
}

const SHORT: Record<VitSpaceId, string> = {
  'autoformer-tiny': 'ti',
  'autoformer-small': 's',
  'autoformer-base': 'b',
  browser: 'web',
};

/** Number of architectures in a space: Σ_depth |embed| · (|mlp| · |heads|)^depth. */
export function vitSpaceSize(space: VitSpace): number {
  const perLayer = space.mlpRatio.length * space.heads.length;
  return space.depth.reduce((sum, d) => sum + space.embed.length * perLayer ** d, 0);
}

/** e.g. "vit:ti:e192:m3.5,4,…:h3,4,…" (one MLP ratio and head count per layer). */
export function vitToString(arch: VitArch): string {
  return `vit:${SHORT[arch.space]}:e${arch.embed}:m${arch.mlpRatio.join(',')}:h${arch.heads.join(',')}`;
}

function numbers(text: string): number[] | null {
  const parts = text.split(',');
  const values = parts.map(Number);
  return parts.every((p) => p.trim() !== '') && values.every(Number.isFinite) ? values : null;
}

/** Checks an architecture against its space; returns the first problem, or null. */
export function vitProblem(arch: VitArch): string | null {
  const space = VIT_SPACES[arch.space];
  const depth = arch.mlpRatio.length;
  if (!space.embed.includes(arch.embed)) return `embed ${arch.embed} is not one of ${space.embed.join(', ')}`;
  if (!space.depth.includes(depth)) return `depth ${depth} is not one of ${space.depth.join(', ')}`;
  if (arch.heads.length !== depth) return `${arch.heads.length} head counts for ${depth} layers`;
  const badRatio = arch.mlpRatio.find((r) => !space.mlpRatio.includes(r));
  if (badRatio !== undefined) return `MLP ratio ${badRatio} is not one of ${space.mlpRatio.join(', ')}`;
  const badHeads = arch.heads.find((h) => !space.heads.includes(h));
  if (badHeads !== undefined) return `head count ${badHeads} is not one of ${space.heads.join(', ')}`;
  return null;
}

export function vitFromString(text: string): ParseResult<VitArch> {
  const match = /^vit:([a-z]+):e(\d+):m([0-9.,]+):h([0-9,]+)$/.exec(text.trim());
  if (!match) return { ok: false, error: 'not a ViT string of the form vit:ti:e192:m3.5,4,…:h3,4,…' };
  const space = (Object.keys(SHORT) as VitSpaceId[]).find((id) => SHORT[id] === match[1]);
  if (!space) return { ok: false, error: `unknown ViT space "${match[1]!.slice(0, 10)}"` };
  const mlpRatio = numbers(match[3]!);
  const heads = numbers(match[4]!);
  if (!mlpRatio || !heads)
    return { ok: false, error: 'MLP ratios and head counts must be comma-separated numbers' };
  return validated({ space, embed: Number(match[2]), mlpRatio, heads });
}

function validated(arch: VitArch): ParseResult<VitArch> {
  const problem = vitProblem(arch);
  return problem ? { ok: false, error: problem } : { ok: true, value: arch };
}

/** Auto-Prox's arch_json: {"hidden_dim", "mlp_ratio": [...], "depth", "num_heads": [...]}. */
export function vitFromAutoProxJson(space: VitSpaceId, json: string): ParseResult<VitArch> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, error: 'arch_json is not JSON' };
  }
  if (raw === null || typeof raw !== 'object') return { ok: false, error: 'arch_json is not an object' };
  const r = raw as Record<string, unknown>;
  const ok = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number');
  if (typeof r.hidden_dim !== 'number' || !ok(r.mlp_ratio) || !ok(r.num_heads)) {
    return { ok: false, error: 'arch_json needs hidden_dim, mlp_ratio[] and num_heads[]' };
  }
  if (typeof r.depth === 'number' && r.depth !== r.mlp_ratio.length) {
    return { ok: false, error: `depth ${r.depth} but ${r.mlp_ratio.length} MLP ratios` };
  }
  return validated({ space, embed: r.hidden_dim, mlpRatio: r.mlp_ratio, heads: r.num_heads });
}

/** OoD-ViT-NAS rows: supernet (tiny|small|base), embed_dim, mlp_ratio_json, num_heads_json. */
export function vitFromOodRow(
  supernet: string,
  embed: string,
  mlpJson: string,
  headsJson: string,
): ParseResult<VitArch> {
  const space = `autoformer-${supernet}` as VitSpaceId;
  if (!VIT_SPACE_IDS.includes(space))
    return { ok: false, error: `unknown supernet "${supernet.slice(0, 10)}"` };
  try {
    const mlpRatio = JSON.parse(mlpJson) as unknown;
    const heads = JSON.parse(headsJson) as unknown;
    const ok = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number');
    if (!ok(mlpRatio) || !ok(heads))
      return { ok: false, error: 'MLP ratios and heads must be JSON number arrays' };
    return validated({ space, embed: Number(embed), mlpRatio, heads });
  } catch {
    return { ok: false, error: 'MLP ratios or heads are not JSON' };
  }
}

/** Uniform over each choice (embed, depth, then per-layer ratio and heads), seeded. */
export function vitSample(spaceId: VitSpaceId, count: number, seed: number): VitArch[] {
  const space = VIT_SPACES[spaceId];
  const rng = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  return Array.from({ length: Math.max(0, Math.floor(count)) }, () => {
    const embed = pick(space.embed);
    const depth = pick(space.depth);
    const mlpRatio = Array.from({ length: depth }, () => pick(space.mlpRatio));
    const heads = Array.from({ length: depth }, () => pick(space.heads));
    return { space: spaceId, embed, mlpRatio, heads };
  });
}

/** Hidden width of a layer's MLP; AutoFormer uses int(ratio · embed). */
export function vitMlpHidden(arch: VitArch, layer: number): number {
  return Math.floor(arch.mlpRatio[layer]! * arch.embed);
}

/** ViT fidelity: `paper` scores at the published resolution; `quick` at 64 px (16 tokens of 16 px). */
export function vitResolution(space: VitSpaceId, fidelity: FidelityPreset): number {
  const published = VIT_SPACES[space].resolution;
  return fidelity === 'paper' || space === 'browser' ? published : 64;
}
