/**
 * The thin singular value decomposition A = U diag(s) Vt of a row-major rows x cols matrix, as
 * numpy's and scipy's svd(full_matrices=False) give it, without U (the discriminant analyses and
 * Bayesian ridge need only s and Vt). k = min(rows, cols) singular values, largest first, and the
 * matching right singular vectors as the rows of `vt` (k x cols, row-major).
 *
 * Tall matrices (rows >= cols): Householder QR first, then one-sided Jacobi on the cols x cols R,
 * so the sweeps cost cols^3 however many rows there are. Wide ones: one-sided Jacobi on A's
 * transpose, whose rotated columns are s_j v_j; a zero singular value there has no defined
 * vector and gets a row of zeros (LAPACK returns some unit vector orthogonal to the others).
 * Signs of singular vectors are arbitrary, as LAPACK's: callers must not depend on them.
 */
export interface ThinSvd {
  /** k singular values, largest first. */
  readonly values: Float64Array;
  /** k x cols, row-major: row j is the right singular vector of values[j]. */
  readonly vt: Float64Array;
}

export function thinSvd(a: Float64Array, rows: number, cols: number): ThinSvd {
  if (a.length !== rows * cols) throw new RangeError(`matrix has ${a.length} values, expected ${rows} x ${cols}`);
  if (rows === 0 || cols === 0) return { values: new Float64Array(0), vt: new Float64Array(0) };
  return rows >= cols ? tallSvd(a, rows, cols) : wideSvd(a, rows, cols);
}

function tallSvd(a: Float64Array, rows: number, cols: number): ThinSvd {
  // Column-major working copy: the QR and Jacobi steps work on whole columns.
  const w = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) w[j * rows + i] = a[i * cols + j];
  householderR(w, rows, cols);
  const r = new Float64Array(cols * cols);
  for (let j = 0; j < cols; j++) for (let i = 0; i <= j; i++) r[j * cols + i] = w[j * rows + i];
  const v = jacobiRotations(r, cols, cols);
  const values = new Float64Array(cols);
  for (let j = 0; j < cols; j++) values[j] = Math.sqrt(dot(r, j * cols, r, j * cols, cols));
  // Column j of V (column-major) is the right singular vector of values[j].
  return sorted(values, (j, out, at) => out.set(v.subarray(j * cols, (j + 1) * cols), at), cols);
}

function wideSvd(a: Float64Array, rows: number, cols: number): ThinSvd {
  // A^T (cols x rows) column-major is A row-major: its column i is A's row i.
  const b = Float64Array.from(a);
  jacobiRotations(b, cols, rows);
  const values = new Float64Array(rows);
  for (let j = 0; j < rows; j++) values[j] = Math.sqrt(dot(b, j * cols, b, j * cols, cols));
  // A^T W = Z with orthogonal columns of norm s_j, so A = W diag(s) (Z / s)^T: v_j = z_j / s_j.
  return sorted(
    values,
    (j, out, at) => {
      if (values[j] === 0) return;
      for (let k = 0; k < cols; k++) out[at + k] = b[j * cols + k] / values[j];
    },
    cols,
  );
}

/** Orders the singular values largest first and writes each one's vector with `write`. */
function sorted(values: Float64Array, write: (j: number, out: Float64Array, at: number) => void, cols: number): ThinSvd {
  const order = Array.from(values.keys()).sort((p, q) => values[q] - values[p] || p - q);
  const vt = new Float64Array(order.length * cols);
  order.forEach((j, rank) => write(j, vt, rank * cols));
  return { values: Float64Array.from(order, (j) => values[j]), vt };
}

function dot(a: Float64Array, aStart: number, b: Float64Array, bStart: number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[aStart + i] * b[bStart + i];
  return s;
}

/** In place: a (column-major rows x cols, rows >= cols) becomes R in its upper triangle. */
function householderR(a: Float64Array, rows: number, cols: number): void {
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
    for (let j = k; j < cols; j++) {
      const start = j * rows;
      let s = 0;
      for (let i = k; i < rows; i++) s += v[i] * a[start + i];
      const f = (2 * s) / vv;
      for (let i = k; i < rows; i++) a[start + i] -= f * v[i];
    }
  }
}

/** Enough for double precision: one-sided Jacobi converges quadratically, typically in 6-10 sweeps. */
const MAX_SWEEPS = 60;

/**
 * One-sided Jacobi (Hestenes): rotates pairs of columns of w (column-major m x n) until all are
 * mutually orthogonal, so that w V = U diag(s). Returns V (column-major n x n).
 */
function jacobiRotations(w: Float64Array, m: number, n: number): Float64Array {
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

function rotate(x: Float64Array, p: number, q: number, n: number, cos: number, sin: number): void {
  for (let i = 0; i < n; i++) {
    const a = x[p + i];
    const b = x[q + i];
    x[p + i] = cos * a - sin * b;
    x[q + i] = sin * a + cos * b;
  }
}
