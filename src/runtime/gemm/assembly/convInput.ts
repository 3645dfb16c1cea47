// The input gradient of a 2-D convolution (tfjs's Conv2DBackpropInput), NHWC, directly in WebAssembly
// SIMD on memory the caller owns (see gemm.ts):
//   dx[b, h, w, ci] = Σ_{th, tw, co} dy[b, i, j, co] · W[th, tw, ci, co]
// over the taps with h = i·sh + th − padTop and w = j·sw + tw − padLeft for some output (i, j).
//
// Why direct: tfjs runs this as a convolution of dy zero-stuffed between rows and columns (stride
// > 1) with the flipped filter; XNNPACK handles few channels poorly (8.9 GFLOP/s at 8 channels), and
// with stride 2 three quarters of its products are with stuffed zeros. Here each tile of 4 positions
// x 8 input channels of dx stays in eight SIMD registers over every tap and output channel, and
// only the taps that really touch a position are visited: positions of one row are walked in
// phases w ≡ pw (mod sw), which share their set of taps and read consecutive columns of dy.
//
// Module globals, not memory, hold the state (this module writes only where it is told to).
let gDy: usize = 0;
let gWt: usize = 0; // W transposed to [th, tw, co, ci] in the caller's scratch
let gTaps: usize = 0; // scratch list of the current row's taps: (tap index, dy row offset, jOff)
let gTapCount: i32 = 0;
let gCi: i32 = 0;
let gCo: i32 = 0;
let gOutW: i32 = 0;

// dx at dst (4 positions, dStep bytes apart) channels c..c+7 = Σ over the listed taps of dy ⊗ Wt,
// for output column q of the phase.
function tile4x8(dst: usize, dStep: usize, c: i32, q: i32): void {
  let a00 = f32x4.splat(0);
  let a01 = f32x4.splat(0);
  let a10 = f32x4.splat(0);
  let a11 = f32x4.splat(0);
  let a20 = f32x4.splat(0);
  let a21 = f32x4.splat(0);
  let a30 = f32x4.splat(0);
  let a31 = f32x4.splat(0);
  const yStep: usize = <usize>(gCo * 4);
  const wStep: usize = <usize>(gCi * 4);
  for (let t: i32 = 0; t < gTapCount; t++) {
    const entry = gTaps + <usize>(t * 12);
    let wp = gWt + <usize>((load<i32>(entry) * gCo * gCi + c) * 4);
    let yp = gDy + <usize>((load<i32>(entry, 4) + (q + load<i32>(entry, 8)) * gCo) * 4);
    for (let o: i32 = 0; o < gCo; o++) {
      const w0 = v128.load(wp);
      const w1 = v128.load(wp, 16);
      let y = v128.load32_splat(yp);
      a00 = f32x4.add(a00, f32x4.mul(y, w0));
      a01 = f32x4.add(a01, f32x4.mul(y, w1));
      y = v128.load32_splat(yp + yStep);
      a10 = f32x4.add(a10, f32x4.mul(y, w0));
      a11 = f32x4.add(a11, f32x4.mul(y, w1));
      y = v128.load32_splat(yp + 2 * yStep);
      a20 = f32x4.add(a20, f32x4.mul(y, w0));
      a21 = f32x4.add(a21, f32x4.mul(y, w1));
      y = v128.load32_splat(yp + 3 * yStep);
      a30 = f32x4.add(a30, f32x4.mul(y, w0));
      a31 = f32x4.add(a31, f32x4.mul(y, w1));
      wp += wStep;
      yp += 4;
    }
  }
  v128.store(dst, a00);
  v128.store(dst, a01, 16);
  v128.store(dst + dStep, a10);
  v128.store(dst + dStep, a11, 16);
  v128.store(dst + 2 * dStep, a20);
  v128.store(dst + 2 * dStep, a21, 16);
  v128.store(dst + 3 * dStep, a30);
  v128.store(dst + 3 * dStep, a31, 16);
}

// One position, channels c..c+7, skipping the taps whose column falls outside dy.
function tile1x8(dst: usize, c: i32, q: i32): void {
  let a0 = f32x4.splat(0);
  let a1 = f32x4.splat(0);
  const wStep: usize = <usize>(gCi * 4);
  for (let t: i32 = 0; t < gTapCount; t++) {
    const entry = gTaps + <usize>(t * 12);
    const j = q + load<i32>(entry, 8);
    if (j < 0 || j >= gOutW) continue;
    let wp = gWt + <usize>((load<i32>(entry) * gCo * gCi + c) * 4);
    let yp = gDy + <usize>((load<i32>(entry, 4) + j * gCo) * 4);
    for (let o: i32 = 0; o < gCo; o++) {
      const y = v128.load32_splat(yp);
      a0 = f32x4.add(a0, f32x4.mul(y, v128.load(wp)));
      a1 = f32x4.add(a1, f32x4.mul(y, v128.load(wp, 16)));
      wp += wStep;
      yp += 4;
    }
  }
  v128.store(dst, a0);
  v128.store(dst, a1, 16);
}

// One position, channels c..c+width−1 (any width), skipping the taps whose column falls outside dy.
function tileOne(dst: usize, c: i32, width: i32, q: i32): void {
  for (let k: i32 = 0; k < width; k++) {
    let sum: f32 = 0;
    for (let t: i32 = 0; t < gTapCount; t++) {
      const entry = gTaps + <usize>(t * 12);
      const j = q + load<i32>(entry, 8);
      if (j < 0 || j >= gOutW) continue;
      let wp = gWt + <usize>((load<i32>(entry) * gCo * gCi + c + k) * 4);
      let yp = gDy + <usize>((load<i32>(entry, 4) + j * gCo) * 4);
      for (let o: i32 = 0; o < gCo; o++) {
        sum += load<f32>(yp) * load<f32>(wp);
        wp += <usize>(gCi * 4);
        yp += 4;
      }
    }
    store<f32>(dst + <usize>(k * 4), sum);
  }
}

// Bytes of scratch convInput needs beside W's transpose: the tap list.
export function convInputScratchBytes(kh: i32, kw: i32, ci: i32, co: i32): i32 {
  return (kh * kw * ci * co + kh * kw * 3) * 4;
}

export function convInput(
  dy: usize,
  w: usize,
  dx: usize,
  scratch: usize,
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
  const taps = kh * kw;
  // W [th, tw, ci, co] -> Wt [th, tw, co, ci], so that 8 input channels of one output channel are
  // contiguous.
  for (let t: i32 = 0; t < taps; t++) {
    for (let a: i32 = 0; a < ci; a++) {
      for (let o: i32 = 0; o < co; o++) {
        store<f32>(scratch + <usize>(((t * co + o) * ci + a) * 4), load<f32>(w + <usize>(((t * ci + a) * co + o) * 4)));
      }
    }
  }
  gDy = dy;
  gWt = scratch;
  gTaps = scratch + <usize>(taps * ci * co * 4);
  gCi = ci;
  gCo = co;
  gOutW = outW;
  const ciFull = ci - (ci % 8);
  const posBytes: usize = <usize>(ci * 4);
  for (let b: i32 = 0; b < batch; b++) {
    for (let h: i32 = 0; h < inH; h++) {
      for (let pw: i32 = 0; pw < min(strideW, inW); pw++) {
        // The taps (th, tw) that reach row h at columns ≡ pw (mod sw): output row i and column
        // offset jOff (column j = q + jOff for the position w = pw + sw·q).
        gTapCount = 0;
        let qLo: i32 = 0;
        const positions = (inW - pw + strideW - 1) / strideW;
        let qHi: i32 = positions;
        for (let th: i32 = 0; th < kh; th++) {
          const rowSpan = h + padTop - th;
          if (rowSpan < 0 || rowSpan % strideH != 0) continue;
          const i = rowSpan / strideH;
          if (i >= outH) continue;
          for (let tw: i32 = 0; tw < kw; tw++) {
            const colSpan = pw + padLeft - tw;
            const rem = ((colSpan % strideW) + strideW) % strideW;
            if (rem != 0) continue;
            const jOff = (colSpan - rem) / strideW;
            const entry = gTaps + <usize>(gTapCount * 12);
            store<i32>(entry, th * kw + tw);
            store<i32>(entry, (b * outH + i) * outW * co, 4);
            store<i32>(entry, jOff, 8);
            gTapCount++;
            qLo = max(qLo, -jOff);
            qHi = min(qHi, outW - jOff);
          }
        }
        const row = dx + <usize>((((b * inH + h) * inW + pw) * ci) * 4);
        const step: usize = <usize>(strideW) * posBytes;
        // Positions where every tap reads inside dy (qLo ≤ q < qHi) take the 4-wide tile; the last
        // tile is moved back to end at qHi, overlapping the one before (tiles write, never add, so
        // the overlap is recomputed identically). The rest check each tap.
        for (let q: i32 = 0; q < positions; q++) {
          const at = row + <usize>(q) * step;
          if (q >= qLo && qHi - qLo >= 4 && q < qHi) {
            const start = min(q, qHi - 4);
            const tile = row + <usize>(start) * step;
            for (let c: i32 = 0; c < ciFull; c += 8) tile4x8(tile + <usize>(c * 4), step, c, start);
            for (let k: i32 = 0; k < 4 && ciFull < ci; k++) {
              tileOne(tile + <usize>(k) * step + <usize>(ciFull * 4), ciFull, ci - ciFull, start + k);
            }
            q = start + 3;
          } else {
            for (let c: i32 = 0; c < ciFull; c += 8) tile1x8(at + <usize>(c * 4), c, q);
            if (ciFull < ci) tileOne(at + <usize>(ciFull * 4), ciFull, ci - ciFull, q);
          }
        }
      }
    }
  }
}
