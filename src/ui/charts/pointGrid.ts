/**
 * A uniform bucket grid over points in pixel space, for hover (nearest point) and brush (points in a
 * rectangle) queries that touch only nearby cells instead of all 15 625 points. Built in O(n) by a
 * counting sort of points into cells.
 */

export interface PixelRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PointGrid {
  xs: Float64Array;
  ys: Float64Array;
  cellSize: number;
  /** Pixel position of the grid's top-left corner (the bounding box of the points). */
  originX: number;
  originY: number;
  cols: number;
  rows: number;
  /** Points of cell c are items[cellStart[c] .. cellStart[c + 1]). */
  cellStart: Int32Array;
  items: Int32Array;
}

export function buildPointGrid(xs: Float64Array, ys: Float64Array, cellSize = 16): PointGrid {
  const n = xs.length;
  let minX = 0;
  let minY = 0;
  let maxX = 0;
  let maxY = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (i === 0 || x < minX) minX = x;
    if (i === 0 || y < minY) minY = y;
    if (i === 0 || x > maxX) maxX = x;
    if (i === 0 || y > maxY) maxY = y;
  }
  const cols = Math.floor((maxX - minX) / cellSize) + 1;
  const rows = Math.floor((maxY - minY) / cellSize) + 1;
  const cellOf = new Int32Array(n);
  const cellStart = new Int32Array(cols * rows + 1);
  for (let i = 0; i < n; i++) {
    const cx = Math.floor((xs[i]! - minX) / cellSize);
    const cy = Math.floor((ys[i]! - minY) / cellSize);
    const cell = cy * cols + cx;
    cellOf[i] = cell;
    cellStart[cell + 1]!++;
  }
  for (let c = 0; c < cols * rows; c++) cellStart[c + 1]! += cellStart[c]!;
  const fill = cellStart.slice(0, cols * rows);
  const items = new Int32Array(n);
  // Ascending i keeps each cell's items in input order.
  for (let i = 0; i < n; i++) items[fill[cellOf[i]!]!++] = i;
  return { xs, ys, cellSize, originX: minX, originY: minY, cols, rows, cellStart, items };
}

/**
 * Index of the point nearest to (qx, qy) within maxDistance pixels, or −1. Ties go to the lower index.
 * Cells are visited in square rings around the query's cell; a point in ring r+1 or beyond is at least
 * r·cellSize away, which bounds the search.
 */
export function nearestPointIndex(grid: PointGrid, qx: number, qy: number, maxDistance = Infinity): number {
  const { xs, ys, cellSize, cols, rows, cellStart, items } = grid;
  if (xs.length === 0) return -1;
  const cx = Math.floor((qx - grid.originX) / cellSize);
  const cy = Math.floor((qy - grid.originY) / cellSize);
  const maxSq = maxDistance * maxDistance;
  let best = -1;
  let bestSq = Number.POSITIVE_INFINITY;
  const visit = (col: number, row: number) => {
    const cell = row * cols + col;
    for (let k = cellStart[cell]!; k < cellStart[cell + 1]!; k++) {
      const i = items[k]!;
      const dx = xs[i]! - qx;
      const dy = ys[i]! - qy;
      const d = dx * dx + dy * dy;
      if (d < bestSq || (d === bestSq && i < best)) {
        bestSq = d;
        best = i;
      }
    }
  };
  const firstRing = Math.max(0, -cx, cx - (cols - 1), -cy, cy - (rows - 1));
  const lastRing = Math.max(cx, cols - 1 - cx, cy, rows - 1 - cy);
  for (let r = firstRing; r <= lastRing; r++) {
    const lowerBound = Math.max(0, r - 1) * cellSize;
    if (lowerBound * lowerBound > Math.min(bestSq, maxSq)) break;
    const rowLo = Math.max(0, cy - r);
    const rowHi = Math.min(rows - 1, cy + r);
    for (let row = rowLo; row <= rowHi; row++) {
      if (row === cy - r || row === cy + r) {
        const colLo = Math.max(0, cx - r);
        const colHi = Math.min(cols - 1, cx + r);
        for (let col = colLo; col <= colHi; col++) visit(col, row);
      } else {
        if (cx - r >= 0 && cx - r < cols) visit(cx - r, row);
        if (r > 0 && cx + r >= 0 && cx + r < cols) visit(cx + r, row);
      }
    }
  }
  return bestSq <= maxSq ? best : -1;
}

/** Indices (ascending) of the points inside the rectangle, edges included. */
export function pointIndicesInRect(grid: PointGrid, rect: PixelRect): number[] {
  const { xs, ys, cellSize, cols, rows, cellStart, items } = grid;
  const clampCol = (v: number) => Math.min(cols - 1, Math.max(0, v));
  const clampRow = (v: number) => Math.min(rows - 1, Math.max(0, v));
  const colLo = clampCol(Math.floor((rect.x0 - grid.originX) / cellSize));
  const colHi = clampCol(Math.floor((rect.x1 - grid.originX) / cellSize));
  const rowLo = clampRow(Math.floor((rect.y0 - grid.originY) / cellSize));
  const rowHi = clampRow(Math.floor((rect.y1 - grid.originY) / cellSize));
  const found: number[] = [];
  if (xs.length === 0) return found;
  for (let row = rowLo; row <= rowHi; row++) {
    for (let col = colLo; col <= colHi; col++) {
      const cell = row * cols + col;
      for (let k = cellStart[cell]!; k < cellStart[cell + 1]!; k++) {
        const i = items[k]!;
        const x = xs[i]!;
        const y = ys[i]!;
        if (x >= rect.x0 && x <= rect.x1 && y >= rect.y0 && y <= rect.y1) found.push(i);
      }
    }
  }
  return found.sort((a, b) => a - b);
}
