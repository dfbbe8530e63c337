/**
 * Eigenvalues and eigenvectors of a symmetric matrix (row-major n x n; both triangles read as
 * equal) by cyclic Jacobi rotations, largest eigenvalue first. For a Gram matrix X'X it is the
 * cheap route to X's singular values (their squares) and right singular vectors: forming X'X
 * costs half the flops of a Householder QR of X, at the price of resolving eigenvalues only down
 * to about eps times the largest (singular values to sqrt(eps)), which callers that floor tiny
 * variances anyway can afford.
 */
export interface SymmetricEigen {
  /** n eigenvalues, largest first. */
  readonly values: Float64Array;
  /** n x n, row-major: row j is the unit eigenvector of values[j]. */
  readonly vectors: Float64Array;
}

/** Sweeps at most; cyclic Jacobi converges quadratically, in 5-10 sweeps at double precision. */
const MAX_SWEEPS = 60;

export function symmetricEigen(matrix: Float64Array, n: number): SymmetricEigen {
  if (matrix.length !== n * n) throw new RangeError(`matrix has ${matrix.length} values, expected ${n} x ${n}`);
  const a = Float64Array.from(matrix);
  // Columns of v are the eigenvectors as they form: v = product of the rotations.
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  jacobiSweeps(a, v, n);
  const order = Array.from({ length: n }, (_, j) => j).sort((p, q) => a[q * n + q] - a[p * n + p] || p - q);
  const vectors = new Float64Array(n * n);
  order.forEach((j, rank) => {
    for (let k = 0; k < n; k++) vectors[rank * n + k] = v[k * n + j];
  });
  return { values: Float64Array.from(order, (j) => a[j * n + j]), vectors };
}

/**
 * Rotates a (n x n, symmetric) to diagonal in place, accumulating the rotations into v's columns:
 * cyclic sweeps over the pairs (p, q), p < q, row by row. Split into small functions whose hot
 * loops have nothing after them that has not run yet: V8 compiles a hot loop mid-call (OSR), and
 * a statement the loop had not yet reached (the next row's p++, the next sweep) made that code
 * bail out and be compiled again, which cost the first call 60-120 ms on 67 columns against
 * 8 ms once compiled. The pairs are listed up front for the same reason; the rotations are the
 * same, in the same order.
 */
function jacobiSweeps(a: Float64Array, v: Float64Array, n: number): void {
  const pairs = (n * (n - 1)) / 2;
  const first = new Int32Array(pairs);
  const second = new Int32Array(pairs);
  let at = 0;
  for (let p = 0; p < n - 1; p++) {
    for (let q = p + 1; q < n; q++) {
      first[at] = p;
      second[at++] = q;
    }
  }
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    // Done once the off-diagonal part is negligible against the diagonal (or zero).
    const off = offDiagonalSquares(a, n);
    if (off === 0 || off <= Number.EPSILON * Number.EPSILON * diagonalSquares(a, n)) return;
    rotatePairs(a, v, n, first, second);
  }
}

/** The sum of squares above the diagonal, row by row. */
function offDiagonalSquares(a: Float64Array, n: number): number {
  let off = 0;
  for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] * a[p * n + q];
  return off;
}

function diagonalSquares(a: Float64Array, n: number): number {
  let diagonal = 0;
  for (let p = 0; p < n; p++) diagonal += a[p * n + p] * a[p * n + p];
  return diagonal;
}

/** One sweep: a rotation zeroing a[p][q] for each listed pair, in order. */
function rotatePairs(a: Float64Array, v: Float64Array, n: number, first: Int32Array, second: Int32Array): void {
  for (let pair = 0; pair < first.length; pair++) {
    const p = first[pair];
    const q = second[pair];
    const apq = a[p * n + q];
    if (apq === 0) continue;
    const app = a[p * n + p];
    const aqq = a[q * n + q];
    const tau = (aqq - app) / (2 * apq);
    // tan of the rotation angle, the smaller root; 1 / (2 tau) once tau^2 would overflow.
    const t = Math.abs(tau) > 1e150 ? 1 / (2 * tau) : Math.sign(tau || 1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
    const c = 1 / Math.sqrt(1 + t * t);
    const s = t * c;
    for (let k = 0; k < n; k++) {
      // Columns p and q of A, then rows p and q (A stays symmetric).
      const akp = a[k * n + p];
      const akq = a[k * n + q];
      a[k * n + p] = c * akp - s * akq;
      a[k * n + q] = s * akp + c * akq;
    }
    for (let k = 0; k < n; k++) {
      const apk = a[p * n + k];
      const aqk = a[q * n + k];
      a[p * n + k] = c * apk - s * aqk;
      a[q * n + k] = s * apk + c * aqk;
    }
    a[p * n + q] = 0;
    a[q * n + p] = 0;
    for (let k = 0; k < n; k++) {
      const vkp = v[k * n + p];
      const vkq = v[k * n + q];
      v[k * n + p] = c * vkp - s * vkq;
      v[k * n + q] = s * vkp + c * vkq;
    }
  }
}
