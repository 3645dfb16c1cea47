/**
 * The combo components the Explorer offers first: what forward selection (comboSelection.ts, split
 * seed 0, at most 4 components) chooses on the selection half of the shipped NB201 quick set against
 * CIFAR-10 test accuracy. comboSelection.shipped.test.ts checks that it still does; docs/validation.md
 * (npm run validate:combo) reports how the choice does on the held-out half.
 */
import type { ProxyId } from '../proxies/ids';

export const NB201_QUICK_COMBO_COMPONENTS = [
  'nwot',
  'synflow',
  'ntk_cond',
  'jacob_cov',
] as const satisfies readonly ProxyId[];
