/**
 * Eigenvalues and eigenvectors of a symmetric tridiagonal matrix by implicit QL iterations with
 * Wilkinson shifts (Golub & Van Loan, section 8.3.5, in its QL form: each sweep chases from the
 * bottom of an unreduced block to its top, where the shifted eigenvalue converges). Backward
 * stable: the eigenvalues are those of a matrix within a few eps of T in norm, so an eigenvalue of
 * a singular matrix comes out at a few eps times the largest, not more.
 *
 * Each rotation T := R T R' (R the identity but for rows i, i + 1: [c s; -s c]) is applied to the
 * rows i, i + 1 of `vectors` too (all of a sweep's rotations in one pass after it), so that if
 * A = Z' T Z on entry, A = Z' diag(d) Z on return: with Z = Q' from the Householder reduction,
 * row j of Z is the unit eigenvector of d[j].
 */

/** Sweeps per eigenvalue at most; Wilkinson's shift converges cubically, in 1-3 as a rule. */
const MAX_SWEEPS = 30;

/**
 * Diagonalises T in place: `diagonal` (n) becomes the eigenvalues in no particular order,
 * `offDiagonal` (n, T[k + 1][k] in 0..n - 2) zeros, `vectors` (n x n, row-major) rotated.
 */
export function tridiagonalEigen(diagonal: Float64Array, offDiagonal: Float64Array, vectors: Float64Array, n: number): void {
  let largest = 0;
  for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(diagonal[i]), Math.abs(offDiagonal[i]));
  // A subdiagonal below eps times the largest entry is dropped (as EISPACK's tql2 does): that
  // perturbs T by no more than the rounding of a sweep does, and a relative test alone (eps times
  // its two diagonal neighbours) never passes in a block of rounding-level entries, the null
  // space of a singular matrix, where the subdiagonal stalls at the noise that rotations bring in
  // from the rest of the block.
  const floor = Number.EPSILON * largest;
  const cosines = new Float64Array(n);
  const sines = new Float64Array(n);
  for (let l = 0; l < n; l++) {
    for (let sweep = 0; ; sweep++) {
      const m = blockEnd(diagonal, offDiagonal, n, l, floor);
      if (m === l) break;
      if (sweep === MAX_SWEEPS) throw new Error(`tridiagonal QL did not converge in ${MAX_SWEEPS} sweeps`);
      const top = qlSweep(diagonal, offDiagonal, l, m, wilkinsonShift(diagonal[l], diagonal[l + 1], offDiagonal[l]), cosines, sines);
      rotateSweep(vectors, n, top, m, cosines, sines);
    }
  }
}

/**
 * The end m >= l of the unreduced block that starts at l: the first subdiagonal from l that is
 * negligible against its two diagonal neighbours or below `floor` (set to 0 there), or n - 1.
 */
function blockEnd(d: Float64Array, e: Float64Array, n: number, l: number, floor: number): number {
  for (let m = l; m + 1 < n; m++) {
    const size = Math.abs(e[m]);
    if (size <= Number.EPSILON * (Math.abs(d[m]) + Math.abs(d[m + 1])) || size <= floor) {
      e[m] = 0;
      return m;
    }
  }
  return n - 1;
}

/** The eigenvalue of [[a, e], [e, b]] nearer a (e != 0). */
function wilkinsonShift(a: number, b: number, e: number): number {
  const half = 0.5 * (b - a);
  const radius = length(half, e);
  return a - (e * e) / (half + (half < 0 ? -radius : radius));
}

/** sqrt(x^2 + y^2) without the underflow of squares below 1e-154 (overflow cannot occur: callers scale to 1). */
function length(x: number, y: number): number {
  const r = Math.sqrt(x * x + y * y);
  return r > 1e-150 ? r : Math.hypot(x, y);
}

/**
 * One implicit QL sweep over the block l..m with the given shift: the first rotation, in rows
 * m - 1, m, is the one that would start the QL factorisation of T - shift I (it zeroes
 * (T - shift I)[m - 1][m]); it leaves a bulge at T[m][m - 2], which rotations in rows i, i + 1 for
 * i = m - 2 down to l move up and out of the block. The rotation in rows i, i + 1 is left in
 * cosines[i], sines[i] for the eigenvectors; returns the last row it reached (l, or above it if
 * the chase ended early).
 */
function qlSweep(d: Float64Array, e: Float64Array, l: number, m: number, shift: number, cosines: Float64Array, sines: Float64Array): number {
  // The rotation for rows i, i + 1 is (c, s) = (f, g) / |(f, g)|.
  let f = d[m] - shift;
  let g = -e[m - 1];
  for (let i = m - 1; i >= l; i--) {
    const r = length(f, g);
    if (r === 0) return i + 1; // nothing left to zero: T - shift I is already lower triangular here
    const c = f / r;
    const s = g / r;
    if (i < m - 1) e[i + 1] = r;
    const di = d[i];
    const dj = d[i + 1];
    const ei = e[i];
    const cs = c * s;
    d[i] = c * c * di + 2 * cs * ei + s * s * dj;
    d[i + 1] = s * s * di - 2 * cs * ei + c * c * dj;
    e[i] = cs * (dj - di) + (c * c - s * s) * ei;
    cosines[i] = c;
    sines[i] = s;
    if (i > l) {
      // Row i now reaches T[i][i - 1] = c e[i - 1]; row i + 1 reaches T[i + 1][i - 1] = -s e[i - 1], the bulge.
      f = e[i];
      g = s * e[i - 1];
      e[i - 1] *= c;
    }
  }
  return l;
}

/**
 * Applies a sweep's rotations, rows m - 1, m first and rows top, top + 1 last, to z:
 * [row_i; row_i+1] := [c_i s_i; -s_i c_i] [row_i; row_i+1]. Column by column, row i + 1 is final
 * once rotation i is applied, so one value is carried down the chain instead of two rows read and
 * written per rotation; four columns at a time, so that four chains of dependent multiply-adds overlap.
 */
function rotateSweep(z: Float64Array, n: number, top: number, m: number, cosines: Float64Array, sines: Float64Array): void {
  let k = 0;
  for (; k + 4 <= n; k += 4) rotateFourColumns(z, n, k, top, m, cosines, sines);
  for (; k < n; k++) rotateColumn(z, n, k, top, m, cosines, sines);
}

function rotateFourColumns(z: Float64Array, n: number, k: number, top: number, m: number, cosines: Float64Array, sines: Float64Array): void {
  const last = m * n + k;
  let x0 = z[last];
  let x1 = z[last + 1];
  let x2 = z[last + 2];
  let x3 = z[last + 3];
  for (let i = m - 1; i >= top; i--) {
    const c = cosines[i];
    const s = sines[i];
    const at = i * n + k;
    const z0 = z[at];
    const z1 = z[at + 1];
    const z2 = z[at + 2];
    const z3 = z[at + 3];
    z[at + n] = c * x0 - s * z0;
    z[at + n + 1] = c * x1 - s * z1;
    z[at + n + 2] = c * x2 - s * z2;
    z[at + n + 3] = c * x3 - s * z3;
    x0 = c * z0 + s * x0;
    x1 = c * z1 + s * x1;
    x2 = c * z2 + s * x2;
    x3 = c * z3 + s * x3;
  }
  const first = top * n + k;
  z[first] = x0;
  z[first + 1] = x1;
  z[first + 2] = x2;
  z[first + 3] = x3;
}

function rotateColumn(z: Float64Array, n: number, k: number, top: number, m: number, cosines: Float64Array, sines: Float64Array): void {
  let x = z[m * n + k];
  for (let i = m - 1; i >= top; i--) {
    const c = cosines[i];
    const s = sines[i];
    const zx = z[i * n + k];
    z[(i + 1) * n + k] = c * x - s * zx;
    x = c * zx + s * x;
  }
  z[top * n + k] = x;
}
