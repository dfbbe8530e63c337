import { columnMoments } from "../stats/columnMoments.js";
import { createMatrix, type Matrix } from "../stats/matrix.js";
import { rowsPerCall } from "../stats/rowBlocks.js";

export interface StandardScaler {
  readonly mean: Float64Array;
  readonly scale: Float64Array;
}

/**
 * Column means and population standard deviations of the training matrix, as scikit-learn's
 * StandardScaler. A (near-)constant column gets scale 1, using sklearn's test
 * var <= n*eps*var + (n*mean*eps)^2, so that it stays 0 on the training rows instead of
 * exploding on rounding noise.
 */
export function fitStandardScaler(X: Matrix): StandardScaler {
  const { rows, cols } = X;
  const { mean, variance } = columnMoments(X);
  const scale = new Float64Array(cols);
  const eps = Number.EPSILON;
  for (let j = 0; j < cols; j++) {
    const v = variance[j];
    const bound = rows * eps * v + (rows * mean[j] * eps) ** 2;
    scale[j] = v <= bound ? 1 : Math.sqrt(v);
  }
  return { mean, scale };
}

export function applyStandardScaler(X: Matrix, scaler: StandardScaler): Matrix {
  const { rows, cols } = X;
  const out = new Float64Array(rows * cols);
  scaleRows(X.data, cols, scaler.mean, scaler.scale, 0, rows, rowsPerCall(cols), out);
  // A column's affine map keeps its two values two (scale is never 0), so one-hot blocks stay so.
  return createMatrix(rows, cols, out, X.oneHot);
}

/**
 * Rows from..to - 1 scaled column by column into out, halved until a part has at most `step` rows
 * (rowBlocks.ts's CALL_STEPS): run once per fold and side, a loop over every row, or over the
 * blocks of a census-shaped fold's rows, was compiled on the stack, and again in a child's second
 * fold; halves have no such loop.
 */
function scaleRows(data: Float64Array, cols: number, mean: Float64Array, scale: Float64Array, from: number, to: number, step: number, out: Float64Array): void {
  if (to - from > step) {
    const middle = (from + to) >>> 1;
    scaleRows(data, cols, mean, scale, from, middle, step, out);
    scaleRows(data, cols, mean, scale, middle, to, step, out);
    return;
  }
  for (let i = from; i < to; i++) {
    for (let j = 0; j < cols; j++) {
      const k = i * cols + j;
      out[k] = (data[k] - mean[j]) / scale[j];
    }
  }
}
