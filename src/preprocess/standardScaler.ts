import { columnMoments } from "../stats/columnMoments.js";
import { createMatrix, type Matrix } from "../stats/matrix.js";

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
  const out = scaledRows(X.data, rows, cols, scaler.mean, scaler.scale);
  // A column's affine map keeps its two values two (scale is never 0), so one-hot blocks stay so.
  return createMatrix(rows, cols, out, X.oneHot);
}

/**
 * The rows scaled column by column. A function of its own, ending with its loop: V8 compiles a
 * long loop met in a first call on the stack, and threw that code away at the code after the
 * loop, which had not run yet.
 */
function scaledRows(data: Float64Array, rows: number, cols: number, mean: Float64Array, scale: Float64Array): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const k = i * cols + j;
      out[k] = (data[k] - mean[j]) / scale[j];
    }
  }
  return out;
}
