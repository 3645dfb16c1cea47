/**
 * The settings each paper (or our reading of it) scores with, for the proxies whose registry entry
 * (X.ts) and computation (XScore.ts, loaded on first use in the worker) both need them: kept here so
 * that neither imports the other (docs/science.md gives each one's source).
 */

/** TE-NAS's settings (docs/science.md §1), shared by ntk_cond, ntk_trace and ntk_spectrum. */
export const NTK_PROXY_DEFAULTS = {
  init: 'kaiming_fan_out',
  repeats: 3,
  batchNorm: 'train',
  outputs: 'summed',
  method: 'auto',
} as const;

/** ntk_cond's NTK settings plus the cut-off radius r (Nyquist = 1) and the weight α of Θ_hi. */
export const VINTK_DEFAULTS = { ...NTK_PROXY_DEFAULTS, r: 0.25, alpha: 0.5 } as const;

/**
 * ntk_cond's NTK settings plus σ, the frequency scale of B in units of the patch norm: B has entries
 * N(0, σ²/(3P²)), so for standardised images (|p| ≈ √(3P²)) the phase B_j·p has std ≈ σ cycles,
 * and each feature is a plane wave of σ cycles per unit of its own direction's data std.
 * σ = 1 is the data's own scale; σ → 0 makes the sine half a random linear embedding (low
 * frequencies only) and the cosine half constant; larger σ, higher frequencies (Tancik et al. 2020).
 */
export const VINTK_RFP_DEFAULTS = { ...NTK_PROXY_DEFAULTS, sigma: 1 } as const;

/**
 * ntk_cond's NTK settings plus m (Fourier features per patch: 2m inputs are added to the embedding),
 * σ (std of B's entries, in cycles per unit pixel value: docs/science.md asks for σ = 1 and σ = 10 side
 * by side), α (weight of the mapped NTK against the plain one; 1 scores the mapped inputs alone)
 * and ffSeed (the seed B is drawn from: fixed, so every candidate of a space sees the same B).
 */
export const VINTK_FF_DEFAULTS = { ...NTK_PROXY_DEFAULTS, m: 64, sigma: 1, alpha: 1, ffSeed: 0 } as const;

/** SWAP's released defaults (docs/science.md §4). */
export const SWAP_DEFAULTS = { init: 'normal', batchNorm: 'train', repeats: 32 } as const;

/** reg_swap adds μ and σ: 'space' derives them from the job's space (swap.ts, swapRegulariser.ts). */
export const REG_SWAP_DEFAULTS = { ...SWAP_DEFAULTS, mu: 'space', sigma: 'space' } as const;

/**
 * NASWOT: one batch (128 training images in the paper; the size comes from the given batch),
 * PyTorch's default init, BatchNorm in train mode (the module default).
 */
export const NWOT_DEFAULTS = { init: 'pytorch', batchNorm: 'train' } as const;

/**
 * AZ-NAS's NB201 settings (cvlab-yonsei/AZ-NAS NB201/ZeroShotProxy/compute_az_nas_score.py):
 * Kaiming-normal fan-in weights, BatchNorm in train mode, standard-normal inputs ('data' reads the
 * given batch instead); the batch size comes from the given batch.
 */
export const AZ_NAS_DEFAULTS = { init: 'kaiming_fan_in', batchNorm: 'train', input: 'gaussian' } as const;
