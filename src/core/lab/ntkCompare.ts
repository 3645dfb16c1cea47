/**
 * How far an empirical kernel is from a reference one, both unnormalised (the lab's networks use the
 * NTK parameterisation, whose kernel has the closed form's scale at every width, so no rescaling):
 * - relative Frobenius error ‖A − B‖_F / ‖B‖_F;
 * - max |A − B| / max |B|, the measure of kernels/ntk.test.ts (its 0.28 → 0.023 from width 64 to
 *   4096 are in these units).
 */

export function relativeFrobenius(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`kernels of ${a.length} and ${b.length} entries`);
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < b.length; i++) {
    diff += (a[i]! - b[i]!) ** 2;
    norm += b[i]! ** 2;
  }
  return Math.sqrt(diff / norm);
}

export function relativeMaxAbs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`kernels of ${a.length} and ${b.length} entries`);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff / scale;
}
