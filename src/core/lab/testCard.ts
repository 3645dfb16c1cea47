/**
 * The lab's built-in image: a procedural RGB "test card", defined as a function of continuous
 * coordinates (u, v) ∈ [0, 1)² so that every resolution samples the same picture (no file, no fetch).
 * It holds one thing per frequency band, so a reconstruction shows what a fit has learned:
 * - a smooth colour gradient behind everything (low frequencies);
 * - a red disc and a blue triangle with sharp edges (broadband);
 * - top right, vertical black/white stripes 1/8 wide (8 px at 64x64, 4 px at 32x32);
 * - bottom right, a yellow/black checkerboard of 1/16 squares (4 px at 64x64, 2 px at 32x32: a
 *   period of 4 training pixels, twice the finest a 32x32 grid can hold).
 * Every pattern edge lies on a multiple of 1/16, so the 32x32 grid is exactly the even pixels of the
 * 64x64 one and both see the same stripes and squares.
 */

export interface LabImage {
  /** Pixels per side (the image is square). */
  size: number;
  channels: 3;
  /** Row-major [size, size, 3], values in [0, 1]; pixel (row i, column j) sits at u = j/size, v = i/size. */
  pixels: Float32Array;
  label: string;
}

type Rgb = readonly [number, number, number];

const DISC = { u: 0.28, v: 0.3, r: 0.2, colour: [0.9, 0.15, 0.15] as Rgb };
/** Vertices of the triangle (u, v). */
const TRIANGLE: readonly (readonly [number, number])[] = [
  [0.08, 0.92],
  [0.45, 0.92],
  [0.25, 0.56],
];
const TRIANGLE_COLOUR: Rgb = [0.1, 0.25, 0.85];

function insideTriangle(u: number, v: number): boolean {
  // Same sign of the three edge cross products.
  let sign = 0;
  for (let e = 0; e < 3; e++) {
    const [au, av] = TRIANGLE[e]!;
    const [bu, bv] = TRIANGLE[(e + 1) % 3]!;
    const cross = (bu - au) * (v - av) - (bv - av) * (u - au);
    const s = Math.sign(cross);
    if (s === 0) continue;
    if (sign === 0) sign = s;
    else if (s !== sign) return false;
  }
  return true;
}

/** The colour of the test card at (u, v). */
export function testCardColour(u: number, v: number): Rgb {
  if (u >= 0.5625 && u < 0.9375 && v >= 0.0625 && v < 0.4375) {
    const on = Math.floor(u * 8) % 2 === 0;
    return on ? [0.95, 0.95, 0.95] : [0.05, 0.05, 0.05];
  }
  if (u >= 0.5625 && u < 0.9375 && v >= 0.5625 && v < 0.9375) {
    const on = (Math.floor(u * 16) + Math.floor(v * 16)) % 2 === 0;
    return on ? [0.95, 0.85, 0.2] : [0.1, 0.1, 0.1];
  }
  if ((u - DISC.u) ** 2 + (v - DISC.v) ** 2 < DISC.r ** 2) return DISC.colour;
  if (insideTriangle(u, v)) return TRIANGLE_COLOUR;
  return [0.2 + 0.5 * u, 0.25 + 0.5 * v, 0.55 - 0.3 * u];
}

/** The test card sampled on a size x size grid. */
export function testCardImage(size: number): LabImage {
  if (!(Number.isInteger(size) && size >= 1 && size <= 1024)) {
    throw new RangeError(`image size must be an integer in [1, 1024], got ${size}`);
  }
  const pixels = new Float32Array(size * size * 3);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const colour = testCardColour(j / size, i / size);
      pixels.set(colour, (i * size + j) * 3);
    }
  }
  return { size, channels: 3, pixels, label: `test card ${size}x${size}` };
}

/** Grid coordinates (u, v) = (j/size, i/size), row-major [size², 2], matching LabImage's pixel order. */
export function imageCoordinates(size: number): Float32Array {
  const coords = new Float32Array(size * size * 2);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      coords[(i * size + j) * 2] = j / size;
      coords[(i * size + j) * 2 + 1] = i / size;
    }
  }
  return coords;
}
