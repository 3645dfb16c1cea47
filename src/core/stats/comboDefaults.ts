/**
 * The combo components the Explorer offers first: what forward selection (comboSelection.ts, split
 * seed 0, at most 4 components) chose on the selection half of the shipped NB201 quick set against
 * CIFAR-10 test accuracy while reg_swap was version 2. With reg_swap version 3 the selection takes
 * reg_swap in nwot's place; these stay, because a share link without a combo field means them and
 * must keep showing the same combo. comboSelection.shipped.test.ts checks that they still beat the
 * best single proxy on the held-out half; docs/validation.md (npm run validate:combo) reports the
 * selection itself.
 */
import type { ProxyId } from '../proxies/ids';

export const NB201_QUICK_COMBO_COMPONENTS = [
  'nwot',
  'synflow',
  'ntk_cond',
  'jacob_cov',
] as const satisfies readonly ProxyId[];
