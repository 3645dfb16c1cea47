/**
 * Defaults that differ by the family of the space a job scores (docs/science.md §2 on ViTs): vision
 * transformers start from the DeiT/AutoFormer initialisation (nn/init.ts 'vit': truncated normal,
 * std 0.02), the one their trained accuracies come from. A Kaiming fan-out start made the NTK of
 * two inits of the same 50 AutoFormer-Ti networks agree only ρ 0.36.
 * A proxy whose paper fixes its own initialisation for every network (SWAP's Gaussian) leaves
 * this out.
 */
import type { FamilyDefaults } from './types';

export const VIT_INIT_BY_FAMILY: FamilyDefaults = { vit: { init: 'vit' } };
