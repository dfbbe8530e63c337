import { choleskyFactor, solveWithCholesky } from "./choleskySolve.js";
import { denseScatter } from "./gram.js";
import { createMatrix, type Matrix } from "./matrix.js";

/**
 * Ridge weights through the dual system, as scikit-learn's Cholesky solver takes it when a
 * table has more columns than rows (`_solve_cholesky_kernel`): (Xc Xc' + alpha I) a = yc, then
 * w = Xc' a, the same weights as the primal (Xc' Xc + alpha I) w = Xc' yc up to rounding. The
 * primal costs cols^2 rows / 2 for its Gram matrix and cols^3 / 6 for its factor; the dual
 * rows^2 cols / 2 and rows^3 / 6 (a 189 x 800 fold: 60 M and 85 M multiply-adds against 14 M
 * and 1 M; 135-190 ms a fold to 9-22 ms, scikit-learn's 8-13 ms).
 *
 * `Xc` is centred; `targets` holds K centred target vectors of Xc.rows values one after the
 * other, and the result the K weight vectors of Xc.cols values the same way.
 */
export function dualRidgeWeights(Xc: Matrix, targets: Float64Array, K: number, alpha: number): Float64Array {
  const { rows, cols } = Xc;
  if (targets.length !== K * rows) throw new RangeError(`${K} targets of ${rows} rows need ${K * rows} values, got ${targets.length}`);
  const kernel = rowProducts(Xc);
  for (let i = 0; i < rows; i++) kernel[i * rows + i] += alpha;
  const factor = choleskyFactor(kernel, rows);
  const weights = new Float64Array(K * cols);
  for (let k = 0; k < K; k++) {
    const dual = solveWithCholesky(factor, rows, targets.subarray(k * rows, (k + 1) * rows));
    addWeightedRows(Xc, dual, weights.subarray(k * cols, (k + 1) * cols));
  }
  return weights;
}

/**
 * X X' (rows x rows, row-major), each product summed over the columns in order: the scatter
 * kernel's tiles (gram.ts) on X', whose rows are X's columns.
 */
function rowProducts(X: Matrix): Float64Array {
  return denseScatter(createMatrix(X.cols, X.rows, transposed(X)));
}

function transposed(X: Matrix): Float64Array {
  const { rows, cols, data } = X;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let c = 0; c < cols; c++) out[c * rows + i] = data[i * cols + c];
  return out;
}

/** out += X' a: each row of X weighted by its entry of a, in row order. */
function addWeightedRows(X: Matrix, a: Float64Array, out: Float64Array): void {
  const { rows, cols, data } = X;
  for (let i = 0; i < rows; i++) {
    const v = a[i];
    for (let c = 0; c < cols; c++) out[c] += v * data[i * cols + c];
  }
}
