import { dot, householderQr, jacobiSvd } from "./householderJacobi.js";

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
  householderQr(w, rows, cols);
  const r = new Float64Array(cols * cols);
  for (let j = 0; j < cols; j++) for (let i = 0; i <= j; i++) r[j * cols + i] = w[j * rows + i];
  const v = jacobiSvd(r, cols, cols);
  const values = new Float64Array(cols);
  for (let j = 0; j < cols; j++) values[j] = Math.sqrt(dot(r, j * cols, r, j * cols, cols));
  // Column j of V (column-major) is the right singular vector of values[j].
  return sorted(values, (j, out, at) => out.set(v.subarray(j * cols, (j + 1) * cols), at), cols);
}

function wideSvd(a: Float64Array, rows: number, cols: number): ThinSvd {
  // A^T (cols x rows) column-major is A row-major: its column i is A's row i.
  const b = Float64Array.from(a);
  jacobiSvd(b, cols, rows);
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
