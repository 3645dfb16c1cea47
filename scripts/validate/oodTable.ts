/**
 * OoD-ViT-NAS (Ma et al., NeurIPS 2024) as the ViNTK evidence reads it: the 1 001 AutoFormer-Tiny
 * subnets of ../shared/data/vit_oodvitnas_autoformer.csv (no known licence: read here, never
 * shipped), each with ImageNet top-1 (supernet-inherited weights) and the OoD accuracy the table
 * carries (ImageNet-C Gaussian noise, severity 1).
 * The scoring order is a seeded shuffle, so the first n networks of any run are a uniform sample.
 */
import { vitFromOodRow, vitToString } from '../../src/core/spaces/vit/vit';
import { mulberry32 } from '../../src/core/util/prng';
import { cellNumber, type Row, readReferenceCsv } from '../kit/referenceData';

export const OOD_FILE = 'vit_oodvitnas_autoformer.csv';
/** Seed of the scoring order. */
export const OOD_ORDER_SEED = 2026;

export interface OodNetwork {
  /** Row id in the table. */
  id: number;
  arch: string;
  paramsM: number;
  flopsM: number;
  imagenet: number;
  ood: number;
}

export function oodNetworks(rows: readonly Row[], supernet = 'tiny'): OodNetwork[] {
  return rows
    .filter((row) => row.supernet === supernet)
    .map((row) => {
      const parsed = vitFromOodRow(row.supernet!, row.embed_dim!, row.mlp_ratio_json!, row.num_heads_json!);
      if (!parsed.ok) throw new Error(`${OOD_FILE} row id ${row.id}: ${parsed.error}`);
      return {
        id: cellNumber(row.id),
        arch: vitToString(parsed.value),
        paramsM: cellNumber(row.params_m),
        flopsM: cellNumber(row.flops_m),
        imagenet: cellNumber(row.imagenet_top1_supernet_inherited),
        ood: cellNumber(row.imagenet_c_gaussian_noise_sev1),
      };
    });
}

/** Fisher–Yates with the project's seeded generator. */
export function seededOrder<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const rng = mulberry32(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The Tiny networks in scoring order. */
export function oodTinyInOrder(): OodNetwork[] {
  return seededOrder(oodNetworks(readReferenceCsv(OOD_FILE)), OOD_ORDER_SEED);
}
