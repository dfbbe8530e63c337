/**
 * The two kernels both SVDs of the project are built from (minimumNormLeastSquares for linear
 * regression, thinSvd for LDA and Bayesian ridge): Householder QR to a small triangle, then
 * one-sided Jacobi on it. One copy, so that a fix to either reaches both.
 */

export function dot(a: Float64Array, aStart: number, b: Float64Array, bStart: number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[aStart + i] * b[bStart + i];
  return s;
}

/**
 * In place: a (column-major rows x cols, rows >= cols) becomes R in its upper triangle, and b,
 * when given, becomes Q^T b.
 */
export function householderQr(a: Float64Array, rows: number, cols: number, b?: Float64Array): void {
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
    if (b !== undefined) reflect(b, 0, v, k, rows, vv);
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
export function jacobiSvd(w: Float64Array, m: number, n: number): Float64Array {
  const v = new Float64Array(n * n);
  for (let j = 0; j < n; j++) v[j * n + j] = 1;
  // Each column's squared norm, recomputed only when a rotation changes the column: the same
  // bits as taking it afresh at every pair, for one dot product a pair instead of three.
  const norms = new Float64Array(n);
  for (let j = 0; j < n; j++) norms[j] = dot(w, j * m, w, j * m, m);
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const alpha = norms[p];
        const beta = norms[q];
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
        norms[p] = dot(w, p * m, w, p * m, m);
        norms[q] = dot(w, q * m, w, q * m, m);
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
