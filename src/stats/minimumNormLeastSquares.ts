import { dot, householderQr, jacobiSvd } from "./householderJacobi.js";
import type { Matrix } from "./matrix.js";
import { streamedTriangle } from "./streamedQr.js";

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
  return triangleLeastSquares(w, m, cols, c, cutoff);
}

/**
 * minimumNormLeastSquares for X centred on xMean (column by column), without the centred copy:
 * when there are more rows than columns the triangle comes from streamedTriangle (a block of rows
 * at a time); otherwise the small centred matrix is decomposed directly, as above. rows is the
 * cutoff's max(rows, cols), as for the centred matrix.
 */
export function centredMinimumNormLeastSquares(X: Matrix, xMean: Float64Array, b: Float64Array, cutoff = Math.max(X.rows, X.cols) * Number.EPSILON): LeastSquaresSolution {
  const { rows, cols, data } = X;
  if (xMean.length !== cols) throw new RangeError(`${xMean.length} means for ${cols} columns`);
  if (b.length !== rows) throw new RangeError(`${rows} rows but ${b.length} right-hand values`);
  if (!(cutoff >= 0 && cutoff < 1)) throw new RangeError(`cutoff must be in [0, 1), got ${cutoff}`);
  if (rows > cols) {
    const { r, c } = streamedTriangle(X, xMean, b);
    return triangleLeastSquares(r, cols, cols, c, cutoff);
  }
  const w = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) w[j * rows + i] = data[i * cols + j] - xMean[j];
  return triangleLeastSquares(w, rows, cols, Float64Array.from(b), cutoff);
}

/**
 * The minimum-norm solution of w x = c for w column-major m x cols (R after a QR, or the matrix
 * itself when it has no more rows than columns): one-sided Jacobi on w, then the singular
 * directions above the cutoff. w is rotated in place.
 */
function triangleLeastSquares(w: Float64Array, m: number, cols: number, c: Float64Array, cutoff: number): LeastSquaresSolution {
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
