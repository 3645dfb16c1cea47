/**
 * The infinite-width NTK and NNGP kernels of a ReLU MLP, by the arc-cosine recursion (Jacot et al.,
 * NeurIPS 2018; Arora et al., NeurIPS 2019, eqs. 4–5; Cho & Saul 2009 for the arc-cosine moments).
 *
 * Conventions are neural-tangents' stax.serial(Dense(W_std=σ_w, b_std=σ_b), Relu(), …, Dense):
 * the NTK parameterisation, h = (σ_w/√fan_in)·a·W + σ_b·b with W, b ~ N(0, 1).
 *   Σ⁰(x, x') = σ_w²·xᵀx'/d + σ_b²,                       Θ⁰ = Σ⁰
 *   Σˡ = σ_w²·E[φ(u)φ(v)] + σ_b²,                          Θˡ = Σˡ + σ_w²·E[φ'(u)φ'(v)]·Θˡ⁻¹
 * with (u, v) ~ N(0, Σˡ⁻¹ restricted to {x, x'}). For ReLU, with c = cos θ the correlation:
 *   E[φ(u)φ(v)] = √(Σ(x,x)Σ(x',x'))·(sin θ + (π − θ) cos θ)/(2π),   E[φ'(u)φ'(v)] = (π − θ)/(2π).
 * The returned NTK is that of the read-out after `hiddenLayers` Dense+ReLU blocks.
 *
 * The σ_b² terms include the biases' own gradient contribution; the proxies' empirical NTK leaves
 * biases out (docs/science.md §1), so compare the two with σ_b = 0. A zero-variance input (x = 0 with
 * σ_b = 0) gives 0 for both moments (ReLU'(0) = 0, as in tfjs).
 */

export interface ReluNtkOptions {
  /** Dense+ReLU blocks before the read-out Dense layer. */
  hiddenLayers: number;
  /** σ_w (neural-tangents W_std); default 1. */
  weightStd?: number;
  /** σ_b (neural-tangents b_std); default 0. */
  biasStd?: number;
}

export interface ReluKernels {
  /** Θ(x1_i, x2_j), row-major [n1, n2]. */
  ntk: Float64Array;
  /** Σ(x1_i, x2_j) of the output layer (the NNGP kernel), row-major [n1, n2]. */
  nngp: Float64Array;
}

function dot(a: ArrayLike<number>, i: number, b: ArrayLike<number>, j: number, dim: number): number {
  let s = 0;
  for (let k = 0; k < dim; k++) s += a[i * dim + k]! * b[j * dim + k]!;
  return s;
}

/** ReLU moments for variances sxx, syy and covariance sxy: [E[φφ], E[φ'φ']]. */
function reluMoments(sxx: number, syy: number, sxy: number): [number, number] {
  const norm = Math.sqrt(sxx * syy);
  if (!(norm > 0)) return [0, 0];
  const c = Math.max(-1, Math.min(1, sxy / norm));
  const theta = Math.acos(c);
  return [
    (norm * (Math.sin(theta) + (Math.PI - theta) * c)) / (2 * Math.PI),
    (Math.PI - theta) / (2 * Math.PI),
  ];
}

/**
 * Kernels between the rows of x1 and x2 (row-major, `dim` columns each); x2 = null means x1 itself.
 */
export function reluNtk(
  x1: ArrayLike<number>,
  x2: ArrayLike<number> | null,
  dim: number,
  options: ReluNtkOptions,
): ReluKernels {
  const other = x2 ?? x1;
  const n1 = x1.length / dim;
  const n2 = other.length / dim;
  const sw2 = (options.weightStd ?? 1) ** 2;
  const sb2 = (options.biasStd ?? 0) ** 2;
  // Variances of each input along the recursion (the diagonal of the kernel on its own set).
  let var1 = Float64Array.from({ length: n1 }, (_, i) => (sw2 * dot(x1, i, x1, i, dim)) / dim + sb2);
  let var2 = Float64Array.from({ length: n2 }, (_, j) => (sw2 * dot(other, j, other, j, dim)) / dim + sb2);
  const nngp = new Float64Array(n1 * n2);
  for (let i = 0; i < n1; i++) {
    for (let j = 0; j < n2; j++) nngp[i * n2 + j] = (sw2 * dot(x1, i, other, j, dim)) / dim + sb2;
  }
  const ntk = Float64Array.from(nngp);
  for (let l = 0; l < options.hiddenLayers; l++) {
    for (let i = 0; i < n1; i++) {
      for (let j = 0; j < n2; j++) {
        const k = i * n2 + j;
        const [e, eDot] = reluMoments(var1[i]!, var2[j]!, nngp[k]!);
        nngp[k] = sw2 * e + sb2;
        ntk[k] = nngp[k]! + sw2 * eDot * ntk[k]!;
      }
    }
    // On the diagonal θ = 0: E[φ(u)²] = Σ(x, x)/2.
    var1 = var1.map((v) => (sw2 * v) / 2 + sb2);
    var2 = var2.map((v) => (sw2 * v) / 2 + sb2);
  }
  return { ntk, nngp };
}
