import assert from "node:assert/strict";
import { test } from "node:test";
import { elasticNetCoordinateDescent } from "../../src/stats/coordinateDescent.js";
import { elasticNetGramDescent } from "../../src/stats/gramCoordinateDescent.js";
import { createMatrix, type Matrix } from "../../src/stats/matrix.js";
import { createRng, gaussian } from "../../src/stats/rng.js";
import { accurateScatter, encodedTable, type TableShape } from "./scatterReference.js";

/** X centred (column-major, for the row form), its centred Gram, X_c'y_c, y_c'y_c and y_c. */
function centredProblem(X: Matrix, seed: number): { columns: Float64Array; gram: Float64Array; xty: Float64Array; yy: number; y: Float64Array } {
  const { rows, cols, data } = X;
  const rng = createRng(seed);
  const means = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) means[j] += data[i * cols + j] / rows;
  const raw = Float64Array.from({ length: rows }, (_, i) => {
    let s = 3 * gaussian(rng);
    for (let j = 0; j < Math.min(cols, 5); j++) s += (j + 1) * data[i * cols + j];
    return s;
  });
  const yMean = raw.reduce((a, b) => a + b, 0) / rows;
  const y = Float64Array.from(raw, (v) => v - yMean);
  const columns = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) columns[j * rows + i] = data[i * cols + j] - means[j];
  const xty = new Float64Array(cols);
  for (let j = 0; j < cols; j++) for (let i = 0; i < rows; i++) xty[j] += columns[j * rows + i] * y[i];
  const yy = y.reduce((a, v) => a + v * v, 0);
  return { columns, gram: accurateScatter(X, null, means), xty, yy, y };
}

const shapes: readonly [string, TableShape][] = [
  ["numeric", { rows: 300, numeric: 6, blocks: [] }],
  ["z-scored one-hot blocks beside numeric columns", { rows: 400, numeric: 3, blocks: [6, 4, 9], scaled: true }],
  ["one-hot blocks with constant columns", { rows: 250, numeric: 2, blocks: [5, 3], constant: 2 }],
  ["more columns than rows", { rows: 12, numeric: 4, blocks: [8, 6], scaled: true }],
];

for (const [name, shape] of shapes) {
  test(`elasticNetGramDescent makes the row form's sweeps and stops after the same one (${name})`, () => {
    const X = encodedTable(createRng(name.length), shape);
    const { columns, gram, xty, yy, y } = centredProblem(X, 7);
    const { rows, cols } = X;
    for (const [alpha, ratio] of [
      [1, 1],
      [1, 0.5],
      [0.01, 0.9],
    ]) {
      const options = { l1: alpha * ratio * rows, l2: alpha * (1 - ratio) * rows, maxIterations: 1000, tolerance: 1e-4 };
      const plain = elasticNetCoordinateDescent(columns, rows, cols, y, options);
      const fromGram = elasticNetGramDescent(gram, xty, yy, cols, options);
      assert.equal(fromGram.iterations, plain.iterations, `alpha ${alpha} ratio ${ratio}`);
      assert.equal(fromGram.converged, plain.converged);
      const scale = Math.max(1e-300, ...plain.w.map(Math.abs));
      for (let j = 0; j < cols; j++) {
        assert.equal(fromGram.w[j] === 0, plain.w[j] === 0, `weight ${j} zero in one form only`);
        assert.ok(Math.abs(fromGram.w[j] - plain.w[j]) <= 1e-9 * scale, `alpha ${alpha} ratio ${ratio} weight ${j}: ${fromGram.w[j]} vs ${plain.w[j]}`);
      }
      assert.ok(Math.abs(fromGram.gap - plain.gap) <= 1e-9 * yy, `gap ${fromGram.gap} vs ${plain.gap}`);
    }
  });
}

test("elasticNetGramDescent on one row (a zero centred matrix) keeps w = 0 and, like the row form, never meets its zero tolerance", () => {
  const X = createMatrix(1, 3, Float64Array.from([1, 2, 3]));
  const options = { l1: 1, l2: 0, maxIterations: 5, tolerance: 1e-4 };
  const result = elasticNetGramDescent(new Float64Array(9), new Float64Array(3), 0, X.cols, options);
  const plain = elasticNetCoordinateDescent(new Float64Array(3), 1, 3, new Float64Array(1), options);
  assert.deepEqual([...result.w], [0, 0, 0]);
  assert.equal(result.iterations, plain.iterations);
  assert.equal(result.converged, plain.converged);
  assert.equal(result.converged, false);
});

test("elasticNetGramDescent checks its arguments", () => {
  const options = { l1: 1, l2: 0, maxIterations: 5, tolerance: 1e-4 };
  assert.throws(() => elasticNetGramDescent(new Float64Array(3), new Float64Array(2), 1, 2, options), /3 values, expected 2 x 2/);
  assert.throws(() => elasticNetGramDescent(new Float64Array(4), new Float64Array(3), 1, 2, options), /2 columns but 3/);
  assert.throws(() => elasticNetGramDescent(new Float64Array(4), new Float64Array(2), 1, 2, { ...options, l1: -1 }), /penalties/);
  assert.throws(() => elasticNetGramDescent(new Float64Array(4), new Float64Array(2), 1, 2, { ...options, maxIterations: 0 }), /maxIterations/);
});
