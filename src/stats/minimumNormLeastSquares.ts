/**
 * The minimum-norm least-squares solution of A x = b (A is rows x cols, row-major), the answer
 * scipy.linalg.lstsq gives, which scikit-learn's LinearRegression uses: among all x minimising
 * |A x - b|, the shortest. When columns are collinear (one-hot columns beside an intercept) there
 * are infinitely many minimisers, which agree on the training rows but not on rows outside their
 * span (a row whose category level was unseen in training); the shortest is the one scikit-learn
 * returns when it detects the collinearity.
 *
 * Computed from a singular value decomposition: Householder QR first (when rows > cols), then
 * one-sided Jacobi on R, which finds small singular values to high relative accuracy. Singular
 * values at most `cutoff` times the largest count as zero.
 *
 * The default cutoff is numpy's matrix_rank tolerance, max(rows, cols) * eps, rather than scipy's
 * eps: with eps alone the rank of z-scored one-hot columns is a coin toss (their numerically zero
 * singular value comes out at 1-3 eps). When scikit-learn 1.2.1 keeps that value its coefficients
 * reach ~1e14, rows with an unseen level are predicted at ~1e14, and the other rows lose digits
 * (test/reference/regression_reference.py); with this cutoff the answer is the minimum-norm one,
 * which is scikit-learn's whenever it does detect the collinearity.
 */
export interface LeastSquaresSolution {
  readonly x: Float64Array;
  /** How many singular values were above the cutoff. */
  readonly rank: number;
  /** Singular values of A, largest first. */
  readonly singularValues: Float64Array;
}

export function minimumNormLeastSquares(a: Float64Array, rows: number, cols: number, b: Float64Array, cutoff = Math.max(rows, cols) * Number.EPSILON): LeastSquaresSolution {
  if (a.length !== rows * cols) throw new RangeError(`matrix has ${a.length} values, expected ${rows} x ${cols}`);
  if (b.length !== rows) throw new RangeError(`${rows} rows but ${b.length} right-hand values`);
  if (!(cutoff >= 0 && cutoff < 1)) throw new RangeError(`cutoff must be in [0, 1), got ${cutoff}`);
  // Column-major working copy: the QR and Jacobi steps work on whole columns.
  let m = rows;
  let w = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) w[j * rows + i] = a[i * cols + j];
  let c = Float64Array.from(b);
  if (rows > cols) {
    householderQr(w, rows, cols, c);
    // Keep R (cols x cols, upper triangular) and the first cols entries of Q^T b.
    const r = new Float64Array(cols * cols);
    for (let j = 0; j < cols; j++) for (let i = 0; i <= j; i++) r[j * cols + i] = w[j * rows + i];
    w = r;
    c = c.slice(0, cols);
    m = cols;
  }
  const v = jacobiSvd(w, m, cols);

  const sigma = new Float64Array(cols);
  let largest = 0;
  for (let j = 0; j < cols; j++) {
    sigma[j] = Math.sqrt(dot(w, j * m, w, j * m, m));
    largest = Math.max(largest, sigma[j]);
  }
  // x = sum over kept j of (u_j . c) / sigma_j * v_j, where the rotated column w_j = sigma_j u_j.
  const x = new Float64Array(cols);
  let rank = 0;
  for (let j = 0; j < cols; j++) {
    if (sigma[j] === 0 || sigma[j] <= cutoff * largest) continue;
    rank++;
    const coefficient = dot(w, j * m, c, 0, m) / (sigma[j] * sigma[j]);
    for (let k = 0; k < cols; k++) x[k] += coefficient * v[j * cols + k];
  }
  return { x, rank, singularValues: sigma.sort().reverse() };
}

function dot(a: Float64Array, aStart: number, b: Float64Array, bStart: number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[aStart + i] * b[bStart + i];
  return s;
}

/** In place: a (column-major rows x cols, rows > cols) becomes R in its upper triangle, and b becomes Q^T b. */
function householderQr(a: Float64Array, rows: number, cols: number, b: Float64Array): void {
  const v = new Float64Array(rows);
  for (let k = 0; k < cols; k++) {
    const base = k * rows;
    let squares = 0;
    for (let i = k; i < rows; i++) squares += a[base + i] * a[base + i];
    if (squares === 0) continue;
    const norm = Math.sqrt(squares);
    // Reflect the column onto -sign(a_kk) |x| e_k, the choice that avoids cancellation.
    const alpha = a[base + k] > 0 ? -norm : norm;
    for (let i = k; i < rows; i++) v[i] = a[base + i];
    v[k] -= alpha;
    let vv = 0;
    for (let i = k; i < rows; i++) vv += v[i] * v[i];
    if (vv === 0) continue;
    for (let j = k; j < cols; j++) reflect(a, j * rows, v, k, rows, vv);
    reflect(b, 0, v, k, rows, vv);
  }
}

/** x[start + i] -= 2 v (v . x) / (v . v), for i in [k, rows). */
function reflect(x: Float64Array, start: number, v: Float64Array, k: number, rows: number, vv: number): void {
  let s = 0;
  for (let i = k; i < rows; i++) s += v[i] * x[start + i];
  const f = (2 * s) / vv;
  for (let i = k; i < rows; i++) x[start + i] -= f * v[i];
}

/**
 * One-sided Jacobi (Hestenes): rotates pairs of columns of w (column-major m x n) until all are
 * mutually orthogonal, so that w V = U diag(sigma). Returns V (column-major n x n).
 */
function jacobiSvd(w: Float64Array, m: number, n: number): Float64Array {
  const v = new Float64Array(n * n);
  for (let j = 0; j < n; j++) v[j * n + j] = 1;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const alpha = dot(w, p * m, w, p * m, m);
        const beta = dot(w, q * m, w, q * m, m);
        const gamma = dot(w, p * m, w, q * m, m);
        if (gamma === 0 || Math.abs(gamma) <= Number.EPSILON * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        // tan of the angle that zeroes gamma, the smaller root; 1 / (2 zeta) once zeta^2 would overflow.
        const t = Math.abs(zeta) > 1e150 ? 1 / (2 * zeta) : Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const cos = 1 / Math.sqrt(1 + t * t);
        const sin = cos * t;
        rotate(w, p * m, q * m, m, cos, sin);
        rotate(v, p * n, q * n, n, cos, sin);
      }
    }
    if (!rotated) return v;
  }
  return v;
}

/** Enough for double precision: one-sided Jacobi converges quadratically, typically in 6-10 sweeps. */
const MAX_SWEEPS = 60;

function rotate(x: Float64Array, p: number, q: number, n: number, cos: number, sin: number): void {
  for (let i = 0; i < n; i++) {
    const a = x[p + i];
    const b = x[q + i];
    x[p + i] = cos * a - sin * b;
    x[q + i] = sin * a + cos * b;
  }
}
