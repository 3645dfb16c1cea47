/** Every proxy, cheapest first: runs and budgets that stop early leave out the slowest. */
import type { ProxyId } from '../../src/core/proxies/ids';

export const PROXIES_CHEAP_FIRST: readonly ProxyId[] = [
  'params',
  'flops',
  'synflow',
  'nwot',
  'grad_norm',
  'snip',
  'fisher',
  'jacob_cov',
  'zico',
  'az_expressivity',
  'az_progressivity',
  'az_trainability',
  'gradalign',
  'gradalign_det',
  'gradalign_norm',
  'swap',
  'reg_swap',
  'grasp',
  'ntk_cond',
  'ntk_trace',
  'ntk_spectrum',
  'vintk',
  'vintk_rfp',
  'vintk_ff',
];
