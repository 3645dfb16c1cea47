// The first-order gradient of train-mode BatchNorm over channels-last data (M positions x C
// channels), in WebAssembly SIMD on memory the caller owns (see gemm.ts). With μ, r = 1/√(σ² + ε)
// saved by the forward pass, S1 = Σ dy and S2 = Σ dy·(x − μ) per channel:
//   ∂β = S1,  ∂γ = r·S2,  ∂x = γ·r·(dy − S1/M − (x − μ)·r²·S2/M).
// tfjs composes this from about twelve kernels, seven of them full-size passes; here it is two
// passes: one reading x and dy for the sums, one writing ∂x.
//
// The sums run in float32 over chunks of positions and are added up in float64, so that their
// rounding does not grow with the batch.

const CHUNK: i32 = 1024; // positions summed in float32 before the float64 total takes them

// scratch: 2·C float64 (S1, S2), then 4·C float32 (per-channel constants of the second pass).
export function batchNormGradScratchBytes(c: i32): i32 {
  return c * 16 + c * 16;
}

export function batchNormGrad(
  x: usize,
  dy: usize,
  mean: usize,
  r: usize,
  gamma: usize,
  dx: usize,
  dGamma: usize,
  dBeta: usize,
  scratch: usize,
  m: i32,
  c: i32,
): void {
  const s1 = scratch;
  const s2 = scratch + <usize>(c * 8);
  memory.fill(scratch, 0, <usize>(c * 16));
  const rowBytes: usize = <usize>(c * 4);
  const groups = c - (c % 4);
  for (let p0: i32 = 0; p0 < m; p0 += CHUNK) {
    const count = min(CHUNK, m - p0);
    const base: usize = <usize>(p0) * rowBytes;
    for (let g: i32 = 0; g < groups; g += 4) {
      const mu = v128.load(mean + <usize>(g * 4));
      let a1 = f32x4.splat(0);
      let a2 = f32x4.splat(0);
      let xp = x + base + <usize>(g * 4);
      let dp = dy + base + <usize>(g * 4);
      for (let p: i32 = 0; p < count; p++) {
        const d = v128.load(dp);
        a1 = f32x4.add(a1, d);
        a2 = f32x4.add(a2, f32x4.mul(d, f32x4.sub(v128.load(xp), mu)));
        xp += rowBytes;
        dp += rowBytes;
      }
      const t1 = s1 + <usize>(g * 8);
      const t2 = s2 + <usize>(g * 8);
      v128.store(t1, f64x2.add(v128.load(t1), f64x2.promote_low_f32x4(a1)));
      v128.store(t1, f64x2.add(v128.load(t1, 16), f64x2.promote_low_f32x4(i32x4.shuffle(a1, a1, 2, 3, 0, 1))), 16);
      v128.store(t2, f64x2.add(v128.load(t2), f64x2.promote_low_f32x4(a2)));
      v128.store(t2, f64x2.add(v128.load(t2, 16), f64x2.promote_low_f32x4(i32x4.shuffle(a2, a2, 2, 3, 0, 1))), 16);
    }
    for (let k: i32 = groups; k < c; k++) {
      const mu = load<f32>(mean + <usize>(k * 4));
      let a1: f32 = 0;
      let a2: f32 = 0;
      for (let p: i32 = 0; p < count; p++) {
        const at = base + <usize>(p) * rowBytes + <usize>(k * 4);
        const d = load<f32>(dy + at);
        a1 += d;
        a2 += d * (load<f32>(x + at) - mu);
      }
      store<f64>(s1 + <usize>(k * 8), load<f64>(s1 + <usize>(k * 8)) + <f64>a1);
      store<f64>(s2 + <usize>(k * 8), load<f64>(s2 + <usize>(k * 8)) + <f64>a2);
    }
  }
  // Per channel: scale = γ·r, shift = −S1/M, slope = r²·S2/M, so ∂x = scale·(dy + shift − (x − μ)·slope).
  const scale = scratch + <usize>(c * 16);
  const shift = scale + rowBytes;
  const slope = shift + rowBytes;
  for (let k: i32 = 0; k < c; k++) {
    const rk = <f64>load<f32>(r + <usize>(k * 4));
    const sum1 = load<f64>(s1 + <usize>(k * 8));
    const sum2 = load<f64>(s2 + <usize>(k * 8));
    store<f32>(dBeta + <usize>(k * 4), <f32>sum1);
    store<f32>(dGamma + <usize>(k * 4), <f32>(rk * sum2));
    store<f32>(scale + <usize>(k * 4), <f32>(<f64>load<f32>(gamma + <usize>(k * 4)) * rk));
    store<f32>(shift + <usize>(k * 4), <f32>(-sum1 / <f64>m));
    store<f32>(slope + <usize>(k * 4), <f32>((rk * rk * sum2) / <f64>m));
  }
  for (let p: i32 = 0; p < m; p++) {
    const at: usize = <usize>(p) * rowBytes;
    for (let g: i32 = 0; g < groups; g += 4) {
      const o: usize = <usize>(g * 4);
      const centred = f32x4.sub(v128.load(x + at + o), v128.load(mean + o));
      const inner = f32x4.sub(f32x4.add(v128.load(dy + at + o), v128.load(shift + o)), f32x4.mul(centred, v128.load(slope + o)));
      v128.store(dx + at + o, f32x4.mul(v128.load(scale + o), inner));
    }
    for (let k: i32 = groups; k < c; k++) {
      const o: usize = <usize>(k * 4);
      const centred = load<f32>(x + at + o) - load<f32>(mean + o);
      store<f32>(dx + at + o, load<f32>(scale + o) * (load<f32>(dy + at + o) + load<f32>(shift + o) - centred * load<f32>(slope + o)));
    }
  }
}
