import { choleskyFactor, solveWithCholesky } from "./choleskySolve.js";
import { denseScatter } from "./gram.js";
import { createMatrix, type Matrix } from "./matrix.js";

/**
 * Ridge weights through the dual system, as scikit-learn's Cholesky solver takes it when a
 * table has more columns than rows (`_solve_cholesky_kernel`): (Xc Xc' + alpha I) a = yc, then
 * w = Xc' a, the same weights as the primal (Xc' Xc + alpha I) w = Xc' yc up to rounding, Xc
 * being X centred on xMean. The primal costs cols^2 rows / 2 for its Gram matrix and cols^3 / 6
 * for its factor; the dual rows^2 cols / 2 and rows^3 / 6 (a 189 x 800 fold: 60 M and 85 M
 * multiply-adds against 14 M and 1 M; 135-190 ms a fold to 9-22 ms, scikit-learn's 8-13 ms).
 *
 * `targets` holds K centred target vectors of X.rows values one after the other, and the result
 * the K weight vectors of X.cols values the same way.
 */
export function dualRidgeWeights(X: Matrix, xMean: Float64Array, targets: Float64Array, K: number, alpha: number): Float64Array {
  const { rows, cols } = X;
  if (targets.length !== K * rows) throw new RangeError(`${K} targets of ${rows} rows need ${K * rows} values, got ${targets.length}`);
  // Xc' (cols x rows): its rows are Xc's columns, so the scatter kernel's tiles (gram.ts) on it
  // give Xc Xc', each product summed over the columns in order.
  const xct = centredTranspose(X, xMean);
  const kernel = denseScatter(createMatrix(cols, rows, xct));
  for (let i = 0; i < rows; i++) kernel[i * rows + i] += alpha;
  const factor = choleskyFactor(kernel, rows);
  const weights = new Float64Array(K * cols);
  for (let k = 0; k < K; k++) {
    const dual = solveWithCholesky(factor, rows, targets.subarray(k * rows, (k + 1) * rows));
    columnProducts(xct, rows, dual, weights.subarray(k * cols, (k + 1) * cols));
  }
  return weights;
}

/** (X - xMean)' as a cols x rows row-major array. */
function centredTranspose(X: Matrix, xMean: Float64Array): Float64Array {
  const { rows, cols, data } = X;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let c = 0; c < cols; c++) out[c * rows + i] = data[i * cols + c] - xMean[c];
  return out;
}

/** out[c] = Xc[., c] . a, from Xc' (one row of it per output). */
function columnProducts(xct: Float64Array, rows: number, a: Float64Array, out: Float64Array): void {
  for (let c = 0; c < out.length; c++) {
    let s = 0;
    for (let i = 0; i < rows; i++) s += xct[c * rows + i] * a[i];
    out[c] = s;
  }
}
