import type { Matrix } from "../stats/matrix.js";

/** X W^T + b: rows x K scores from K weight rows (K x X.cols, row-major) and K intercepts. */
export function linearScores(X: Matrix, weights: Float64Array, intercepts: Float64Array): Float64Array {
  const { rows, cols, data } = X;
  const K = intercepts.length;
  if (weights.length !== K * cols) throw new RangeError(`${weights.length} weights for ${K} x ${cols}`);
  const out = new Float64Array(rows * K);
  for (let i = 0; i < rows; i++) {
    const xo = i * cols;
    for (let k = 0; k < K; k++) {
      const wo = k * cols;
      let s = intercepts[k];
      for (let j = 0; j < cols; j++) s += weights[wo + j] * data[xo + j];
      out[i * K + k] = s;
    }
  }
  return out;
}
