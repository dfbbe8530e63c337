import { rowsPerCall } from "./rowBlocks.js";

/**
 * Householder reduction of a symmetric matrix to tridiagonal form, A = Q T Q', as the first half
 * of a symmetric eigen-decomposition (Golub & Van Loan, section 8.3.1). Step k reflects the
 * entries below the diagonal in column k onto the subdiagonal with H_k = I - beta v v' (v
 * supported on k + 1..n - 1) and updates the trailing block to H_k B H_k by a symmetric rank-2
 * update; Q' = H_{n-2} ... H_0 is then accumulated from the reflectors, last first, so that each
 * product touches only the trailing block.
 *
 * Only the lower triangle is updated (half the flops of the whole square); every inner loop runs
 * along a row, contiguous, and each is in a small function of its own, so that V8's mid-call
 * compilation (OSR) of a hot loop is not thrown away by code after the loop that has not run yet.
 */
export interface Tridiagonal {
  /** n diagonal entries of T. */
  readonly diagonal: Float64Array;
  /** n entries, the subdiagonal of T in 0..n - 2 (T[k + 1][k]); the last is 0. */
  readonly offDiagonal: Float64Array;
  /** n x n, row-major: Q', so that A = Q T Q' (row i of it is column i of Q). */
  readonly basisT: Float64Array;
}

/**
 * Reduces a (row-major n x n, symmetric, overwritten) to T; `a` holds the reflectors afterwards.
 *
 * Stops early once what is left to reduce, the trailing block from row k with column k's entries
 * below the diagonal, is negligible as a whole (Frobenius norm within sqrt(n) eps |A|_F): T keeps
 * that block's diagonal and drops the rest. For a Gram matrix of rank r, the common case on small
 * partitions (fewer rows than one-hot columns), the reduction from e_1 exhausts A's range after
 * about r steps and leaves rounding noise, which the QL phase would otherwise spend its sweeps on.
 * The eigenvalues that noise holds (within its norm of 0) come out as its diagonal, as near 0; the
 * others move by no more than the reduction's own rounding; the threshold is below the callers'
 * rank cutoffs (max(rows, n) eps times the largest eigenvalue, which is at least |A|_F / sqrt(n)).
 */
export function householderTridiagonal(a: Float64Array, n: number): Tridiagonal {
  const diagonal = new Float64Array(n);
  const offDiagonal = new Float64Array(n);
  const betas = new Float64Array(n);
  const work = new Float64Array(n);
  const negligible = n * Number.EPSILON * Number.EPSILON * matrixSquares(a, n);
  let k = 0;
  for (; k + 1 < n; k++) {
    // Only the lower triangle is kept up to date; column k below the diagonal is copied into row
    // k right of it, where it becomes v in place and stays for the accumulation of Q'.
    copyColumnToRow(a, n, k);
    const column = squares(a, k * n + k + 1, k * n + n);
    if (column <= negligible && column + trailingSquares(a, n, k + 1) <= negligible) break;
    diagonal[k] = a[k * n + k];
    const { beta, subdiagonal } = reflector(a, k * n + k + 1, n - k - 1);
    offDiagonal[k] = subdiagonal;
    betas[k] = beta;
    if (beta !== 0) reflectTrailing(a, n, k, beta, work);
  }
  for (let j = k; j < n; j++) diagonal[j] = a[j * n + j];
  const basisT = new Float64Array(n * n);
  for (let i = 0; i < n; i++) basisT[i * n + i] = 1;
  let j = k - 1;
  for (; j >= 1; j -= 2) applyTwoReflectors(basisT, n, a, j, betas[j], betas[j - 1]);
  if (j === 0 && betas[0] !== 0) applyReflector(basisT, n, a, 0, betas[0]);
  return { diagonal, offDiagonal, basisT };
}

function copyColumnToRow(a: Float64Array, n: number, k: number): void {
  for (let i = k + 1; i < n; i++) a[k * n + i] = a[i * n + k];
}

/** The sum of squares of a[from..to - 1]. */
function squares(a: Float64Array, from: number, to: number): number {
  return addSquares(a, from, to, 0);
}

/** s plus the squares of a[from..to - 1], in order. */
function addSquares(a: Float64Array, from: number, to: number, s: number): number {
  for (let e = from; e < to; e++) s += a[e] * a[e];
  return s;
}

/** The sum of squares of the n x n matrix, in order: a few rows a call (rowBlocks.ts's CALL_STEPS), as the reduction reads it once. */
function matrixSquares(a: Float64Array, n: number): number {
  let s = 0;
  for (let from = 0, step = rowsPerCall(n); from < n; from += step) s = addSquares(a, from * n, Math.min(n, from + step) * n, s);
  return s;
}

/** The sum of squares of the trailing block a[from.., from..] (from its lower triangle). */
function trailingSquares(a: Float64Array, n: number, from: number): number {
  let off = 0;
  let diagonal = 0;
  for (let i = from; i < n; i++) {
    off += squares(a, i * n + from, i * n + i);
    diagonal += a[i * n + i] * a[i * n + i];
  }
  return 2 * off + diagonal;
}

/**
 * Turns x = a[at..at + m - 1] into v (v_0 = x_0 + sign(x_0) |x|, the rest unchanged) with
 * (I - beta v v') x = -sign(x_0) |x| e_1; beta 0 (no reflection) when x is already a multiple of
 * e_1, which keeps a diagonal or block-diagonal matrix exact.
 */
function reflector(a: Float64Array, at: number, m: number): { beta: number; subdiagonal: number } {
  const x0 = a[at];
  const rest = squares(a, at + 1, at + m);
  if (rest === 0) return { beta: 0, subdiagonal: x0 };
  const norm = Math.sqrt(x0 * x0 + rest);
  const sign = x0 < 0 ? -1 : 1;
  a[at] = x0 + sign * norm;
  // v'v = 2 |x| (|x| + |x_0|), so beta = 2 / v'v.
  return { beta: 1 / (norm * (norm + Math.abs(x0))), subdiagonal: -sign * norm };
}

/**
 * B := H B H on the lower triangle of the trailing block B = a[k + 1.., k + 1..], with v in row
 * k: p = beta B v, w = p - (beta p'v / 2) v, B -= v w' + w v'.
 */
function reflectTrailing(a: Float64Array, n: number, k: number, beta: number, w: Float64Array): void {
  const v = k * n;
  const from = k + 1;
  w.fill(0, from, n);
  for (let i = from; i < n; i++) {
    const vi = a[v + i];
    w[i] += lowerRowTimesVector(a, i * n, from, i, v, vi, w) + a[i * n + i] * vi;
  }
  let pv = 0;
  for (let j = from; j < n; j++) pv += w[j] * a[v + j];
  // w = beta B v - (beta^2 v'Bv / 2) v
  const half = 0.5 * beta * beta * pv;
  for (let j = from; j < n; j++) w[j] = beta * w[j] - half * a[v + j];
  for (let i = from; i < n; i++) lowerRowUpdate(a, i * n, from, i + 1, a[v + i], w[i], v, w);
}

/**
 * Row i of B v from the lower triangle: returns sum_{j < i} B[i][j] v_j, and adds B[i][j] v_i to
 * w[j] for the entries above the diagonal that B[i][j] stands for.
 */
function lowerRowTimesVector(a: Float64Array, row: number, from: number, to: number, v: number, vi: number, w: Float64Array): number {
  let s = 0;
  for (let j = from; j < to; j++) {
    const aij = a[row + j];
    s += aij * a[v + j];
    w[j] += aij * vi;
  }
  return s;
}

/** a[i][j] -= v_i w_j + w_i v_j for j in from..to - 1. */
function lowerRowUpdate(a: Float64Array, row: number, from: number, to: number, vi: number, wi: number, v: number, w: Float64Array): void {
  for (let j = from; j < to; j++) a[row + j] -= vi * w[j] + wi * a[v + j];
}

/** sum_j x[row + j] y[at + j] over from..to - 1, in order. */
function rowDot(x: Float64Array, row: number, y: Float64Array, at: number, from: number, to: number): number {
  let s = 0;
  for (let j = from; j < to; j++) s += x[row + j] * y[at + j];
  return s;
}

/**
 * basisT := basisT H_k, H_k = I - beta v v' with v in row k of `reflectors`. basisT is at this
 * point H_{n-2} ... H_{k+1}, the identity outside rows and columns k + 2.., so only the trailing
 * block from k + 1 changes: row i -= beta (row i . v) v'.
 */
function applyReflector(basisT: Float64Array, n: number, reflectors: Float64Array, k: number, beta: number): void {
  const v = k * n;
  const from = k + 1;
  for (let i = from; i < n; i++) subtractMultiple(basisT, i * n, from, n, beta * rowDot(basisT, i * n, reflectors, v, from, n), reflectors, v);
}

/**
 * basisT := basisT H_k H_{k-1} in one pass over the rows (half the reads and writes of two
 * applyReflector passes, the same flops): with u = v_k (from k + 1) and w = v_{k-1} (from k), row
 * i -= a u' + b w', a = beta_k (row . u), b = beta_{k-1} (row . w - a (u . w)). basisT is the
 * identity outside rows and columns k + 1.. here, so rows and columns from k change.
 */
function applyTwoReflectors(basisT: Float64Array, n: number, reflectors: Float64Array, k: number, betaU: number, betaW: number): void {
  const u = k * n;
  const w = (k - 1) * n;
  const uw = rowDot(reflectors, u, reflectors, w, k + 1, n);
  for (let i = k; i < n; i++) twoReflectorsRow(basisT, i * n, n, k, reflectors, u, w, betaU, betaW, uw);
}

function twoReflectorsRow(basisT: Float64Array, row: number, n: number, k: number, reflectors: Float64Array, u: number, w: number, betaU: number, betaW: number, uw: number): void {
  let du = 0;
  let dw = basisT[row + k] * reflectors[w + k];
  for (let j = k + 1; j < n; j++) {
    const x = basisT[row + j];
    du += x * reflectors[u + j];
    dw += x * reflectors[w + j];
  }
  const a = betaU * du;
  const b = betaW * (dw - a * uw);
  basisT[row + k] -= b * reflectors[w + k];
  for (let j = k + 1; j < n; j++) basisT[row + j] -= a * reflectors[u + j] + b * reflectors[w + j];
}

function subtractMultiple(target: Float64Array, row: number, from: number, to: number, factor: number, source: Float64Array, at: number): void {
  for (let j = from; j < to; j++) target[row + j] -= factor * source[at + j];
}
