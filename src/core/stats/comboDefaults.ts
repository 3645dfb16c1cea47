/**
 * The combo components the Explorer offers first: what forward selection (comboSelection.ts, split
 * seed 0, at most 4 components) chose on the selection half of the shipped NB201 quick set against
 * CIFAR-10 test accuracy while reg_swap was version 2. With reg_swap version 3 the selection takes
 * reg_swap in nwot's place, and with AZ-NAS's proxies az_expressivity in ntk_cond's; these stay, because a share link without a combo field means them and
 * must keep showing the same combo. comboSelection.shipped.test.ts checks that they still beat the
 * best single proxy on the held-out half; docs/validation.md (npm run validate:combo) reports the
 * selection itself.
 */
import type { ProxyId } from '../proxies/ids';
import type { SpaceFamily } from '../spaces/spaceIds';

export const NB201_QUICK_COMBO_COMPONENTS = [
  'nwot',
  'synflow',
  'ntk_cond',
  'jacob_cov',
] as const satisfies readonly ProxyId[];

/**
 * AZ-NAS's own four components (Lee & Ham, CVPR 2024): expressivity, progressivity, trainability
 * and complexity (FLOPs), fixed by the paper, so a combo of them needs no selection on the cells.
 */
export const AZ_NAS_COMPONENTS = [
  'az_expressivity',
  'az_progressivity',
  'az_trainability',
  'flops',
] as const satisfies readonly ProxyId[];

/**
 * AZ-NAS's components on AutoFormer, as its authors' search_autoformer_az.py ranks them:
 * expressivity, trainability and complexity (no progressivity).
 */
export const AZ_NAS_VIT_COMPONENTS = [
  'az_expressivity',
  'az_trainability',
  'flops',
] as const satisfies readonly ProxyId[];

/** AZ-NAS's own components for a space family, or undefined where AZ-NAS defines none (MLPs). */
const AZ_NAS_BY_FAMILY: Partial<Record<SpaceFamily, readonly ProxyId[]>> = {
  nb201: AZ_NAS_COMPONENTS,
  vit: AZ_NAS_VIT_COMPONENTS,
};

export function azNasComponents(family: SpaceFamily): readonly ProxyId[] | undefined {
  return AZ_NAS_BY_FAMILY[family];
}
