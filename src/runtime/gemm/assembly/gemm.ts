// A float32 matrix product in WebAssembly SIMD, written in AssemblyScript (compiled by
// scripts/build-gemm.ts into ../gemmWasm.ts). It runs on memory that the caller owns: the module
// imports its memory, so it can work directly on the tfjs WASM backend's heap without copies.
//
// gemm: C[M, N] = A[M, K] · B[K, N] (accumulate = 0) or C += A · B (accumulate = 1).
// symmetric = 1 promises B = Aᵀ (a Gram matrix, M = N): only tiles touching the upper triangle are
// computed, then copied below it. Both triangles then hold the same products in the same order, so
// the result is exactly what the full product gives, for about half the work.
// A's element (i, k) is at a + 4·(i·aRow + k·aCol); B's (k, j) at b + 4·(k·bRow + j·bCol); so a
// transposed operand is only a swap of its two strides. C is row-major with row pitch cRow.
// `pack` is scratch space of packBytes() bytes, 16-byte aligned.
//
// The loop nest is the usual one of blocked matrix products (Goto & van de Geijn, "Anatomy of
// high-performance matrix multiplication", 2008): B is copied into KC x NR panels and A into MR x KC
// panels, so the inner kernel reads both with unit stride from cache; that kernel keeps an MR x NR
// block of C in eight SIMD registers.

const MR: i32 = 4; // rows of C per inner kernel
const NR: i32 = 8; // columns of C per inner kernel (two f32x4)
const KC: i32 = 256; // depth of one packed block
const MC: i32 = 96; // rows of A packed at once (a multiple of MR)
const NC: i32 = 2048; // columns of B packed at once (a multiple of NR)

export function packBytes(): i32 {
  return (MC * KC + KC * NC) * 4 + 64 * 4; // packed A, packed B, one spill tile
}

function packA(a: usize, aRow: i32, aCol: i32, i0: i32, rows: i32, p0: i32, depth: i32, dst: usize): void {
  for (let ir: i32 = 0; ir < rows; ir += MR) {
    const panel = dst + <usize>(ir * depth * 4);
    const valid = min(MR, rows - ir);
    for (let p: i32 = 0; p < depth; p++) {
      const out = panel + <usize>(p * MR * 4);
      const col = a + <usize>((p0 + p) * aCol * 4);
      for (let i: i32 = 0; i < MR; i++) {
        const v: f32 = i < valid ? load<f32>(col + <usize>((i0 + ir + i) * aRow * 4)) : 0;
        store<f32>(out + <usize>(i * 4), v);
      }
    }
  }
}

function packB(b: usize, bRow: i32, bCol: i32, p0: i32, depth: i32, j0: i32, cols: i32, dst: usize): void {
  for (let jr: i32 = 0; jr < cols; jr += NR) {
    const panel = dst + <usize>(jr * depth * 4);
    const valid = min(NR, cols - jr);
    for (let p: i32 = 0; p < depth; p++) {
      const out = panel + <usize>(p * NR * 4);
      const row = b + <usize>((p0 + p) * bRow * 4);
      if (valid == NR && bCol == 1) {
        const src = row + <usize>((j0 + jr) * 4);
        v128.store(out, v128.load(src));
        v128.store(out + 16, v128.load(src + 16));
      } else {
        for (let j: i32 = 0; j < NR; j++) {
          const v: f32 = j < valid ? load<f32>(row + <usize>((j0 + jr + j) * bCol * 4)) : 0;
          store<f32>(out + <usize>(j * 4), v);
        }
      }
    }
  }
}

// C tile (MR x NR at c, pitch cRow floats) = or += packed A panel · packed B panel over `depth`.
// Tiles at the matrix edge go through `spill` and only their valid part is written.
function kernel(
  ap: usize,
  bp: usize,
  depth: i32,
  c: usize,
  cRow: i32,
  rows: i32,
  cols: i32,
  add: bool,
  spill: usize,
): void {
  let c00 = f32x4.splat(0);
  let c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0);
  let c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0);
  let c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0);
  let c31 = f32x4.splat(0);
  for (let p: i32 = 0; p < depth; p++) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let av = v128.load32_splat(ap);
    c00 = f32x4.add(c00, f32x4.mul(av, b0));
    c01 = f32x4.add(c01, f32x4.mul(av, b1));
    av = v128.load32_splat(ap, 4);
    c10 = f32x4.add(c10, f32x4.mul(av, b0));
    c11 = f32x4.add(c11, f32x4.mul(av, b1));
    av = v128.load32_splat(ap, 8);
    c20 = f32x4.add(c20, f32x4.mul(av, b0));
    c21 = f32x4.add(c21, f32x4.mul(av, b1));
    av = v128.load32_splat(ap, 12);
    c30 = f32x4.add(c30, f32x4.mul(av, b0));
    c31 = f32x4.add(c31, f32x4.mul(av, b1));
    ap += 16;
    bp += 32;
  }
  const full = rows == MR && cols == NR;
  const out: usize = full ? c : spill;
  const pitch: usize = full ? <usize>(cRow * 4) : <usize>(NR * 4);
  if (full && add) {
    v128.store(out, f32x4.add(v128.load(out), c00));
    v128.store(out + 16, f32x4.add(v128.load(out + 16), c01));
    v128.store(out + pitch, f32x4.add(v128.load(out + pitch), c10));
    v128.store(out + pitch + 16, f32x4.add(v128.load(out + pitch + 16), c11));
    v128.store(out + 2 * pitch, f32x4.add(v128.load(out + 2 * pitch), c20));
    v128.store(out + 2 * pitch + 16, f32x4.add(v128.load(out + 2 * pitch + 16), c21));
    v128.store(out + 3 * pitch, f32x4.add(v128.load(out + 3 * pitch), c30));
    v128.store(out + 3 * pitch + 16, f32x4.add(v128.load(out + 3 * pitch + 16), c31));
    return;
  }
  v128.store(out, c00);
  v128.store(out + 16, c01);
  v128.store(out + pitch, c10);
  v128.store(out + pitch + 16, c11);
  v128.store(out + 2 * pitch, c20);
  v128.store(out + 2 * pitch + 16, c21);
  v128.store(out + 3 * pitch, c30);
  v128.store(out + 3 * pitch + 16, c31);
  if (full) return;
  for (let i: i32 = 0; i < rows; i++) {
    for (let j: i32 = 0; j < cols; j++) {
      const dst = c + <usize>((i * cRow + j) * 4);
      const v = load<f32>(spill + <usize>((i * NR + j) * 4));
      store<f32>(dst, add ? load<f32>(dst) + v : v);
    }
  }
}

export function gemm(
  a: usize,
  aRow: i32,
  aCol: i32,
  b: usize,
  bRow: i32,
  bCol: i32,
  c: usize,
  cRow: i32,
  m: i32,
  n: i32,
  k: i32,
  accumulate: i32,
  symmetric: i32,
  pack: usize,
): void {
  const packedA = pack;
  const packedB = pack + <usize>(MC * KC * 4);
  const spill = packedB + <usize>(KC * NC * 4);
  if (k == 0) {
    if (accumulate == 0) {
      for (let i: i32 = 0; i < m; i++) memory.fill(c + <usize>(i * cRow * 4), 0, <usize>(n * 4));
    }
    return;
  }
  for (let jc: i32 = 0; jc < n; jc += NC) {
    const cols = min(NC, n - jc);
    for (let pc: i32 = 0; pc < k; pc += KC) {
      const depth = min(KC, k - pc);
      packB(b, bRow, bCol, pc, depth, jc, cols, packedB);
      const add = accumulate != 0 || pc > 0;
      for (let ic: i32 = 0; ic < m; ic += MC) {
        if (symmetric != 0 && ic >= jc + cols) break; // every tile from here on is below the diagonal
        const rows = min(MC, m - ic);
        packA(a, aRow, aCol, ic, rows, pc, depth, packedA);
        for (let jr: i32 = 0; jr < cols; jr += NR) {
          const bp = packedB + <usize>(jr * depth * 4);
          for (let ir: i32 = 0; ir < rows; ir += MR) {
            if (symmetric != 0 && ic + ir >= jc + jr + NR) break;
            kernel(
              packedA + <usize>(ir * depth * 4),
              bp,
              depth,
              c + <usize>(((ic + ir) * cRow + jc + jr) * 4),
              cRow,
              min(MR, rows - ir),
              min(NR, cols - jr),
              add,
              spill,
            );
          }
        }
      }
    }
  }
  if (symmetric != 0) {
    for (let i: i32 = 1; i < m; i++) {
      for (let j: i32 = 0; j < i; j++) {
        store<f32>(c + <usize>((i * cRow + j) * 4), load<f32>(c + <usize>((j * cRow + i) * 4)));
      }
    }
  }
}
