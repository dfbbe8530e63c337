import assert from "node:assert/strict";
import { test } from "node:test";
import { solveSymmetricPositiveDefinite } from "../../src/stats/choleskySolve.js";
import { dualRidgeWeights } from "../../src/stats/dualRidge.js";
import { createMatrix } from "../../src/stats/matrix.js";
import { createRng } from "../../src/stats/rng.js";

/** The primal weights (X'X + alpha I) w = X'y, formed plainly. */
function primalWeights(data: Float64Array, rows: number, cols: number, y: Float64Array, alpha: number): Float64Array {
  const gram = new Float64Array(cols * cols);
  const xty = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    for (let a = 0; a < cols; a++) {
      xty[a] += data[i * cols + a] * y[i];
      for (let b = 0; b < cols; b++) gram[a * cols + b] += data[i * cols + a] * data[i * cols + b];
    }
  }
  for (let a = 0; a < cols; a++) gram[a * cols + a] += alpha;
  return solveSymmetricPositiveDefinite(gram, cols, xty);
}

test("the dual weights on X centred on xMean equal the primal ones, for each of several targets, on more columns than rows", () => {
  const rng = createRng(21);
  for (const [rows, cols, K, alpha] of [[6, 15, 1, 1], [12, 40, 3, 0.5], [30, 31, 2, 10]]) {
    const data = Float64Array.from({ length: rows * cols }, () => (rng.next() - 0.5) * 4);
    const targets = Float64Array.from({ length: K * rows }, () => (rng.next() - 0.5) * 10);
    const xMean = Float64Array.from({ length: cols }, () => rng.next() - 0.5);
    const weights = dualRidgeWeights(createMatrix(rows, cols, data), xMean, targets, K, alpha);
    assert.equal(weights.length, K * cols);
    const centred = data.map((v, e) => v - xMean[e % cols]);
    for (let k = 0; k < K; k++) {
      const primal = primalWeights(centred, rows, cols, targets.subarray(k * rows, (k + 1) * rows), alpha);
      const scale = Math.max(...primal.map(Math.abs));
      primal.forEach((w, j) => assert.ok(Math.abs(weights[k * cols + j] - w) <= 1e-10 * scale, `${rows} x ${cols}, target ${k}, weight ${j}`));
    }
  }
});

test("the dual weights refuse targets of the wrong length", () => {
  assert.throws(() => dualRidgeWeights(createMatrix(2, 3, new Float64Array(6)), new Float64Array(3), new Float64Array(3), 1, 1), /1 targets of 2 rows need 2 values, got 3/);
});
