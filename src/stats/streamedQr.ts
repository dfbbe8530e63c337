import type { Matrix } from "./matrix.js";
import { ROW_BLOCK } from "./rowBlocks.js";

/**
 * The triangle R and Q'b of a Householder QR of X - 1 shift' (X rows x cols, row-major, rows >=
 * cols), without forming the shifted matrix: the rows are read a block at a time, and each block
 * is folded into the triangle so far by the reflections that make the stack [R; block]
 * triangular again (sequential TSQR). Every step is an orthogonal transformation of the rows, so
 * R and Q'b are those of one Householder QR of the whole matrix up to rounding (the same
 * singular values, the same least-squares solution), but the working set is one block of rows
 * and the triangle, which stays in cache, where the whole-matrix QR streamed every column of the
 * copied n x p matrix once per reflection and paid the copy's page faults first.
 *
 * Returns r, the cols x cols upper triangle column-major (r[j * cols + i], i <= j), and c, the
 * first cols entries of Q'b.
 */
export interface TriangleAndProjection {
  readonly r: Float64Array;
  readonly c: Float64Array;
}

/** Rows per block: 128 rows of 67 columns (69 kB) stay in the L2 cache while they are reflected. */
const BLOCK = Math.min(128, ROW_BLOCK);

export function streamedTriangle(X: Matrix, shift: Float64Array, b: Float64Array): TriangleAndProjection {
  const { rows, cols } = X;
  if (rows < cols) throw new RangeError(`${rows} rows: the streamed QR needs at least as many rows as columns (${cols})`);
  if (shift.length !== cols) throw new RangeError(`${shift.length} shifts for ${cols} columns`);
  if (b.length !== rows) throw new RangeError(`${rows} rows but ${b.length} right-hand values`);
  // The triangle and Q'b as one cols x (cols + 1) column-major array: column cols is Q'b.
  const width = cols + 1;
  const triangle = new Float64Array(cols * width);
  const block = new Float64Array(width * BLOCK);
  for (let first = 0; first < rows; first += BLOCK) {
    const m = Math.min(BLOCK, rows - first);
    loadBlock(X, shift, b, first, m, block);
    for (let k = 0; k < cols; k++) foldColumn(triangle, cols, block, m, k);
  }
  const r = new Float64Array(cols * cols);
  for (let j = 0; j < cols; j++) for (let i = 0; i <= j; i++) r[j * cols + i] = triangle[j * cols + i];
  return { r, c: triangle.slice(cols * cols, cols * width) };
}

/** Rows first..first + m - 1 of X - shift, and of b, column-major into block (column j at j * BLOCK). */
function loadBlock(X: Matrix, shift: Float64Array, b: Float64Array, first: number, m: number, block: Float64Array): void {
  const { cols, data } = X;
  for (let r = 0; r < m; r++) {
    const o = (first + r) * cols;
    for (let j = 0; j < cols; j++) block[j * BLOCK + r] = data[o + j] - shift[j];
    block[cols * BLOCK + r] = b[first + r];
  }
}

/**
 * One Householder reflection of the stack [R; block] that zeroes column k of the block into
 * R[k][k]. Rows of R below k are zero in column k (R is triangular), so the reflection vector is
 * R[k][k] - alpha on R's row k and the block's column k on the block's rows, and it touches
 * nothing else; applied to the columns after k, Q'b's column included.
 */
function foldColumn(triangle: Float64Array, cols: number, block: Float64Array, m: number, k: number): void {
  const kb = k * BLOCK;
  let squares = 0;
  for (let r = 0; r < m; r++) squares += block[kb + r] * block[kb + r];
  if (squares === 0) return;
  const rkk = triangle[k * cols + k];
  const norm = Math.sqrt(rkk * rkk + squares);
  // Reflect onto -sign(R[k][k]) |x| e_k, the choice that avoids cancellation.
  const alpha = rkk > 0 ? -norm : norm;
  const v0 = rkk - alpha;
  const vv = v0 * v0 + squares;
  for (let j = k + 1; j <= cols; j++) {
    const jb = j * BLOCK;
    const at = j * cols + k;
    let s = v0 * triangle[at];
    for (let r = 0; r < m; r++) s += block[kb + r] * block[jb + r];
    const f = (2 * s) / vv;
    triangle[at] -= f * v0;
    for (let r = 0; r < m; r++) block[jb + r] -= f * block[kb + r];
  }
  triangle[k * cols + k] = alpha;
}
