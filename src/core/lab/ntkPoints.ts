/**
 * The inputs the lab's NTK panels evaluate networks on:
 * - grid: z_j = j/n on [0, 1), the network's input is z itself (1-D);
 * - circle: t_j = 2πj/n, the input is (cos t_j, sin t_j) (2-D, unit norm): Geifman et al.'s
 *   setting, where a dot-product kernel is circulant and its eigenvectors are Fourier modes;
 * - inputs: any list of points, row-major with `dim` columns (for tests and custom studies).
 * `coordinate` is what a plot puts on its x axis: z_j, t_j, or the point's index.
 */
export type LabPoints =
  | { kind: 'grid'; n: number }
  | { kind: 'circle'; n: number }
  | { kind: 'inputs'; values: readonly number[]; dim: 1 | 2 };

export interface LabInputs {
  n: number;
  dim: 1 | 2;
  /** Row-major [n, dim]. */
  inputs: Float64Array;
  /** z_j (grid), t_j (circle) or j (inputs). */
  coordinate: Float64Array;
}

/** Grid sizes the panels handle comfortably (the eigen-decomposition is O(n³) in float64 JS). */
export const LAB_POINT_LIMITS = [2, 512] as const;

/** Every problem with a point set, in plain words (empty when usable). */
export function labPointsProblems(points: LabPoints): string[] {
  const [lo, hi] = LAB_POINT_LIMITS;
  if (points.kind === 'grid' || points.kind === 'circle') {
    return Number.isInteger(points.n) && points.n >= lo && points.n <= hi
      ? []
      : [`the number of points must be an integer in [${lo}, ${hi}], got ${points.n}`];
  }
  if (points.kind !== 'inputs') return [`unknown point set "${String((points as { kind: unknown }).kind)}"`];
  if (points.dim !== 1 && points.dim !== 2) return [`input dimension must be 1 or 2, got ${points.dim}`];
  const n = points.values.length / points.dim;
  const problems: string[] = [];
  if (!Number.isInteger(n)) problems.push(`${points.values.length} values do not make rows of ${points.dim}`);
  else if (n < lo || n > hi) problems.push(`the number of points must be in [${lo}, ${hi}], got ${n}`);
  if (!points.values.every((v) => Number.isFinite(v)))
    problems.push('every input value must be a finite number');
  return problems;
}

/** The inputs of a point set (call labPointsProblems first; this throws on a bad one). */
export function labInputs(points: LabPoints): LabInputs {
  const problems = labPointsProblems(points);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  switch (points.kind) {
    case 'grid': {
      const z = Float64Array.from({ length: points.n }, (_, j) => j / points.n);
      return { n: points.n, dim: 1, inputs: Float64Array.from(z), coordinate: z };
    }
    case 'circle':
      return circleInputs(points.n);
    case 'inputs': {
      const n = points.values.length / points.dim;
      return {
        n,
        dim: points.dim,
        inputs: Float64Array.from(points.values),
        coordinate: Float64Array.from({ length: n }, (_, j) => j),
      };
    }
  }
}

/** t_j = 2πj/n and (cos t_j, sin t_j), for any n ≥ 1 (no size limit: also used to draw functions). */
export function circleInputs(n: number): LabInputs {
  const t = Float64Array.from({ length: n }, (_, j) => (2 * Math.PI * j) / n);
  const inputs = new Float64Array(2 * n);
  t.forEach((tj, j) => {
    inputs[2 * j] = Math.cos(tj);
    inputs[2 * j + 1] = Math.sin(tj);
  });
  return { n, dim: 2, inputs, coordinate: t };
}
