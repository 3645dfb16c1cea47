// The weight gradient of a 2-D convolution (tfjs's Conv2DBackpropFilter), NHWC, computed directly in
// WebAssembly SIMD on memory the caller owns (see gemm.ts):
//   dW[kh, kw, ci, co] = Σ_{b, i, j} x[b, i·sh + kh − padTop, j·sw + kw − padLeft, ci] · dy[b, i, j, co]
// with taps that land in the padding contributing nothing.
//
// Why direct: as a matrix product this is im2col(x)ᵀ · dy, a product with a tiny output (9·Ci x Co,
// 144 x 16 in NB201) and an enormous depth (every position of the batch), the shape blocked products
// handle worst. Here each output tile of 4 input x 8 output channels stays in eight SIMD registers
// while the positions stream past, read straight from x and dy (no im2col copy, no transposes). The
// positions are walked in chunks of rows small enough for x and dy to stay in cache while every tap
// and channel tile passes over them.

// The convolution's shape and the current pass, as module globals (WebAssembly globals, not memory:
// this module must never write to the heap it shares with tfjs except where it is told to).
// A pass is one tap's sums over output rows r0..r1−1 of the batch (row r = b·outH + i) and output
// columns j0..j0+count−1, reading x at the tap's offset (th, −lo) from each output position.
let gX: usize = 0;
let gDy: usize = 0;
let gInH: i32 = 0;
let gInW: i32 = 0;
let gCi: i32 = 0;
let gOutH: i32 = 0;
let gOutW: i32 = 0;
let gCo: i32 = 0;
let gStrideH: i32 = 0;
let gStrideW: i32 = 0;
let gPadTop: i32 = 0;
let gR0: i32 = 0;
let gR1: i32 = 0;
let gTh: i32 = 0;
let gJ0: i32 = 0;
let gLo: i32 = 0;
let gCount: i32 = 0;

// dW[t] rows c..c+rows−1 (rows ≤ 4) x columns o..o+7 += Σ over the pass's positions of x ⊗ dy. The
// eight accumulators stay in registers for the whole pass. Rows past `rows` repeat the last valid
// row's loads and are not written back.
function tile4x8(out: usize, rows: i32, c: i32, o: i32): void {
  const o1: usize = <usize>(min(1, rows - 1) * 4);
  const o2: usize = <usize>(min(2, rows - 1) * 4);
  const o3: usize = <usize>(min(3, rows - 1) * 4);
  const rowBytes: usize = <usize>(gCo * 4);
  const xStep: usize = <usize>(gStrideW * gCi * 4);
  const dStep: usize = <usize>(gCo * 4);
  let c00 = v128.load(out);
  let c01 = v128.load(out, 16);
  let c10 = v128.load(out + o1 * rowBytes / 4);
  let c11 = v128.load(out + o1 * rowBytes / 4, 16);
  let c20 = v128.load(out + o2 * rowBytes / 4);
  let c21 = v128.load(out + o2 * rowBytes / 4, 16);
  let c30 = v128.load(out + o3 * rowBytes / 4);
  let c31 = v128.load(out + o3 * rowBytes / 4, 16);
  let b = gR0 / gOutH;
  let i = gR0 - b * gOutH;
  for (let r: i32 = gR0; r < gR1; r++) {
    const ih = i * gStrideH + gTh - gPadTop;
    if (ih >= 0 && ih < gInH) {
      let xp = gX + <usize>((((b * gInH + ih) * gInW + gJ0 * gStrideW - gLo) * gCi + c) * 4);
      let dp = gDy + <usize>(((r * gOutW + gJ0) * gCo + o) * 4);
      for (let p: i32 = 0; p < gCount; p++) {
        const d0 = v128.load(dp);
        const d1 = v128.load(dp, 16);
        let a = v128.load32_splat(xp);
        c00 = f32x4.add(c00, f32x4.mul(a, d0));
        c01 = f32x4.add(c01, f32x4.mul(a, d1));
        a = v128.load32_splat(xp + o1);
        c10 = f32x4.add(c10, f32x4.mul(a, d0));
        c11 = f32x4.add(c11, f32x4.mul(a, d1));
        a = v128.load32_splat(xp + o2);
        c20 = f32x4.add(c20, f32x4.mul(a, d0));
        c21 = f32x4.add(c21, f32x4.mul(a, d1));
        a = v128.load32_splat(xp + o3);
        c30 = f32x4.add(c30, f32x4.mul(a, d0));
        c31 = f32x4.add(c31, f32x4.mul(a, d1));
        xp += xStep;
        dp += dStep;
      }
    }
    if (++i == gOutH) {
      i = 0;
      b++;
    }
  }
  // A repeated row (rows < 4) holds the same sum as the row it repeats: storing it again is harmless.
  v128.store(out + o3 * rowBytes / 4, c30);
  v128.store(out + o3 * rowBytes / 4, c31, 16);
  v128.store(out + o2 * rowBytes / 4, c20);
  v128.store(out + o2 * rowBytes / 4, c21, 16);
  v128.store(out + o1 * rowBytes / 4, c10);
  v128.store(out + o1 * rowBytes / 4, c11, 16);
  v128.store(out, c00);
  v128.store(out, c01, 16);
}

// The same sum for output channels that do not fill a group of 8: dW[t][c][e], one pair at a time.
function tileScalar(out: usize, c: i32, e: i32): void {
  const xStep: usize = <usize>(gStrideW * gCi * 4);
  const dStep: usize = <usize>(gCo * 4);
  let sum: f32 = load<f32>(out);
  let b = gR0 / gOutH;
  let i = gR0 - b * gOutH;
  for (let r: i32 = gR0; r < gR1; r++) {
    const ih = i * gStrideH + gTh - gPadTop;
    if (ih >= 0 && ih < gInH) {
      let xp = gX + <usize>((((b * gInH + ih) * gInW + gJ0 * gStrideW - gLo) * gCi + c) * 4);
      let dp = gDy + <usize>(((r * gOutW + gJ0) * gCo + e) * 4);
      for (let p: i32 = 0; p < gCount; p++) {
        sum += load<f32>(xp) * load<f32>(dp);
        xp += xStep;
        dp += dStep;
      }
    }
    if (++i == gOutH) {
      i = 0;
      b++;
    }
  }
  store<f32>(out, sum);
}

// Floats of x and dy one chunk of output rows may touch: sized to stay in a core's L2 cache.
const CHUNK_FLOATS: i32 = 48 * 1024;

export function convFilter(
  x: usize,
  dy: usize,
  dw: usize,
  batch: i32,
  inH: i32,
  inW: i32,
  ci: i32,
  outH: i32,
  outW: i32,
  co: i32,
  kh: i32,
  kw: i32,
  strideH: i32,
  strideW: i32,
  padTop: i32,
  padLeft: i32,
): void {
  memory.fill(dw, 0, <usize>(kh * kw * ci * co * 4));
  gInH = inH;
  gInW = inW;
  gCi = ci;
  gOutH = outH;
  gOutW = outW;
  gCo = co;
  gStrideH = strideH;
  gStrideW = strideW;
  gPadTop = padTop;
  gX = x;
  gDy = dy;
  const rowsTotal = batch * outH;
  const perRow = outW * co + strideH * inW * ci;
  const chunk = max(1, CHUNK_FLOATS / max(1, perRow));
  const coFull = co - (co % 8);
  for (let r0: i32 = 0; r0 < rowsTotal; r0 += chunk) {
    gR0 = r0;
    gR1 = min(rowsTotal, r0 + chunk);
    for (let th: i32 = 0; th < kh; th++) {
      gTh = th;
      for (let tw: i32 = 0; tw < kw; tw++) {
        // Output columns whose tap (th, tw) reads inside x: 0 <= j·sw + tw − padLeft < inW.
        const lo = padLeft - tw;
        const j0 = lo <= 0 ? 0 : (lo + strideW - 1) / strideW;
        const hi = inW - 1 + padLeft - tw;
        const j1 = hi < 0 ? 0 : min(outW, hi / strideW + 1);
        if (j1 <= j0) continue;
        gLo = lo;
        gJ0 = j0;
        gCount = j1 - j0;
        const tap = dw + <usize>((th * kw + tw) * ci * co * 4);
        for (let c: i32 = 0; c < ci; c += 4) {
          const rows = min(4, ci - c);
          for (let o: i32 = 0; o < coFull; o += 8) {
            tile4x8(tap + <usize>((c * co + o) * 4), rows, c, o);
          }
          for (let a: i32 = c; a < c + rows; a++) {
            for (let e: i32 = coFull; e < co; e++) {
              tileScalar(tap + <usize>((a * co + e) * 4), a, e);
            }
          }
        }
      }
    }
  }
}
