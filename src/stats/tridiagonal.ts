/**
 * Householder reduction of a symmetric matrix to tridiagonal form, A = Q T Q', as the first half
 * of a symmetric eigen-decomposition (Golub & Van Loan, section 8.3.1). Step k reflects the
 * entries below the diagonal in column k onto the subdiagonal with H_k = I - beta v v' (v
 * supported on k + 1..n - 1) and updates the trailing block to H_k B H_k by a symmetric rank-2
 * update; Q' = H_{n-2} ... H_0 is then accumulated from the reflectors, last first, so that each
 * product touches only the trailing block.
 *
 * The whole square is kept and updated (not one triangle): every inner loop then runs along a row,
 * contiguous, and each is in a small function of its own, so that V8's mid-call compilation (OSR)
 * of a hot loop is not thrown away by code after the loop that has not run yet.
 */
export interface Tridiagonal {
  /** n diagonal entries of T. */
  readonly diagonal: Float64Array;
  /** n entries, the subdiagonal of T in 0..n - 2 (T[k + 1][k]); the last is 0. */
  readonly offDiagonal: Float64Array;
  /** n x n, row-major: Q', so that A = Q T Q' (row i of it is column i of Q). */
  readonly basisT: Float64Array;
}

/** Reduces a (row-major n x n, symmetric, overwritten) to T; `a` holds the reflectors afterwards. */
export function householderTridiagonal(a: Float64Array, n: number): Tridiagonal {
  const diagonal = new Float64Array(n);
  const offDiagonal = new Float64Array(n);
  const betas = new Float64Array(n);
  const work = new Float64Array(n);
  for (let k = 0; k + 1 < n; k++) {
    diagonal[k] = a[k * n + k];
    // Row k right of the diagonal is column k below it; it becomes v in place.
    const { beta, subdiagonal } = reflector(a, k * n + k + 1, n - k - 1);
    offDiagonal[k] = subdiagonal;
    betas[k] = beta;
    if (beta !== 0) reflectTrailing(a, n, k, beta, work);
  }
  if (n > 0) diagonal[n - 1] = a[n * n - 1];
  const basisT = new Float64Array(n * n);
  for (let i = 0; i < n; i++) basisT[i * n + i] = 1;
  for (let k = n - 2; k >= 0; k--) if (betas[k] !== 0) applyReflector(basisT, n, a, k, betas[k]);
  return { diagonal, offDiagonal, basisT };
}

/**
 * Turns x = a[at..at + m - 1] into v (v_0 = x_0 + sign(x_0) |x|, the rest unchanged) with
 * (I - beta v v') x = -sign(x_0) |x| e_1; beta 0 (no reflection) when x is already a multiple of
 * e_1, which keeps a diagonal or block-diagonal matrix exact.
 */
function reflector(a: Float64Array, at: number, m: number): { beta: number; subdiagonal: number } {
  const x0 = a[at];
  let rest = 0;
  for (let j = 1; j < m; j++) rest += a[at + j] * a[at + j];
  if (rest === 0) return { beta: 0, subdiagonal: x0 };
  const norm = Math.sqrt(x0 * x0 + rest);
  const sign = x0 < 0 ? -1 : 1;
  a[at] = x0 + sign * norm;
  // v'v = 2 |x| (|x| + |x_0|), so beta = 2 / v'v.
  return { beta: 1 / (norm * (norm + Math.abs(x0))), subdiagonal: -sign * norm };
}

/**
 * B := H B H on the trailing block B = a[k + 1.., k + 1..], with v in row k: p = beta B v,
 * w = p - (beta p'v / 2) v, B -= v w' + w v'.
 */
function reflectTrailing(a: Float64Array, n: number, k: number, beta: number, w: Float64Array): void {
  const v = k * n;
  const from = k + 1;
  blockTimesVector(a, n, from, v, beta, w);
  let pv = 0;
  for (let j = from; j < n; j++) pv += w[j] * a[v + j];
  const half = 0.5 * beta * pv;
  for (let j = from; j < n; j++) w[j] -= half * a[v + j];
  rankTwoUpdate(a, n, from, v, w);
}

/** w[i] = beta sum_j a[i][j] a[v + j] over the trailing block from..n - 1. */
function blockTimesVector(a: Float64Array, n: number, from: number, v: number, beta: number, w: Float64Array): void {
  for (let i = from; i < n; i++) w[i] = beta * rowDot(a, i * n, a, v, from, n);
}

/** sum_j x[row + j] y[at + j] over from..to - 1, in order. */
function rowDot(x: Float64Array, row: number, y: Float64Array, at: number, from: number, to: number): number {
  let s = 0;
  for (let j = from; j < to; j++) s += x[row + j] * y[at + j];
  return s;
}

/** a[i][j] -= v_i w_j + w_i v_j over the trailing block from..n - 1. */
function rankTwoUpdate(a: Float64Array, n: number, from: number, v: number, w: Float64Array): void {
  for (let i = from; i < n; i++) rowUpdate(a, i * n, from, n, a[v + i], w[i], v, w);
}

function rowUpdate(a: Float64Array, row: number, from: number, to: number, vi: number, wi: number, v: number, w: Float64Array): void {
  for (let j = from; j < to; j++) a[row + j] -= vi * w[j] + wi * a[v + j];
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

function subtractMultiple(target: Float64Array, row: number, from: number, to: number, factor: number, source: Float64Array, at: number): void {
  for (let j = from; j < to; j++) target[row + j] -= factor * source[at + j];
}
