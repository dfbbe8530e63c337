import type { Matrix } from "./matrix.js";

/**
 * Each column's mean and population variance (divided by the rows), two passes over the rows in
 * memory order, each column's sums taken over the rows in order, as numpy's mean and var are.
 */
export function columnMoments(X: Matrix): { readonly mean: Float64Array; readonly variance: Float64Array } {
  const { rows, cols, data } = X;
  const mean = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[j] += data[i * cols + j];
  for (let j = 0; j < cols; j++) mean[j] /= rows;
  const variance = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const d = data[i * cols + j] - mean[j];
      variance[j] += d * d;
    }
  }
  for (let j = 0; j < cols; j++) variance[j] /= rows;
  return { mean, variance };
}
