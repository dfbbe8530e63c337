import type { Matrix } from "../stats/matrix.js";
import { rowsPerCall } from "../stats/rowBlocks.js";

/** X W^T + b: rows x K scores from K weight rows (K x X.cols, row-major) and K intercepts. */
export function linearScores(X: Matrix, weights: Float64Array, intercepts: Float64Array): Float64Array {
  const { rows, cols, data } = X;
  const K = intercepts.length;
  if (weights.length !== K * cols) throw new RangeError(`${weights.length} weights for ${K} x ${cols}`);
  const out = new Float64Array(rows * K);
  for (let from = 0, step = rowsPerCall(K * cols); from < rows; from += step) scoreRows(data, cols, weights, intercepts, from, Math.min(rows, from + step), out);
  return out;
}

/** Rows from..to - 1 of linearScores, a few hundred products a call (rowBlocks.ts's CALL_STEPS): a prediction runs it once. */
function scoreRows(data: Float64Array, cols: number, weights: Float64Array, intercepts: Float64Array, from: number, to: number, out: Float64Array): void {
  const K = intercepts.length;
  for (let i = from; i < to; i++) {
    const xo = i * cols;
    for (let k = 0; k < K; k++) {
      const wo = k * cols;
      let s = intercepts[k];
      for (let j = 0; j < cols; j++) s += weights[wo + j] * data[xo + j];
      out[i * K + k] = s;
    }
  }
}
