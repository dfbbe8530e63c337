import type { Matrix } from "./matrix.js";
import { rowsPerCall } from "./rowBlocks.js";

/**
 * Each column's mean and population variance (divided by the rows), two passes over the rows in
 * memory order, each column's sums taken over the rows in order, as numpy's mean and var are.
 * Each pass by halves of the rows, down to rowsPerCall's: see addColumnSums.
 */
export function columnMoments(X: Matrix): { readonly mean: Float64Array; readonly variance: Float64Array } {
  const { rows, cols, data } = X;
  const step = rowsPerCall(cols);
  const mean = new Float64Array(cols);
  addColumnSums(data, cols, 0, rows, step, mean);
  for (let j = 0; j < cols; j++) mean[j] /= rows;
  const variance = new Float64Array(cols);
  addSquaredDeviations(data, cols, 0, rows, step, mean, variance);
  for (let j = 0; j < cols; j++) variance[j] /= rows;
  return { mean, variance };
}

/**
 * Rows from..to - 1 added into sums, column by column, in row order. Halved until a part has at
 * most `step` rows (rowBlocks.ts's CALL_STEPS): run once per fold, a loop over every row, or over
 * the blocks of a census-shaped fold's 30,000 rows, was compiled on the stack, and again in a
 * child's second fold; halves have no such loop.
 */
function addColumnSums(data: Float64Array, cols: number, from: number, to: number, step: number, sums: Float64Array): void {
  if (to - from > step) {
    const middle = (from + to) >>> 1;
    addColumnSums(data, cols, from, middle, step, sums);
    addColumnSums(data, cols, middle, to, step, sums);
    return;
  }
  for (let i = from; i < to; i++) for (let j = 0; j < cols; j++) sums[j] += data[i * cols + j];
}

/** Rows from..to - 1's squared deviations from mean added into sums, column by column, in row order (halved as addColumnSums). */
function addSquaredDeviations(data: Float64Array, cols: number, from: number, to: number, step: number, mean: Float64Array, sums: Float64Array): void {
  if (to - from > step) {
    const middle = (from + to) >>> 1;
    addSquaredDeviations(data, cols, from, middle, step, mean, sums);
    addSquaredDeviations(data, cols, middle, to, step, mean, sums);
    return;
  }
  for (let i = from; i < to; i++) {
    for (let j = 0; j < cols; j++) {
      const d = data[i * cols + j] - mean[j];
      sums[j] += d * d;
    }
  }
}
