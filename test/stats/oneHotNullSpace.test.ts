import assert from "node:assert/strict";
import { test } from "node:test";
import { fitFeaturePlan } from "../../src/preprocess/featurePlan.js";
import { applyStandardScaler, fitStandardScaler } from "../../src/preprocess/standardScaler.js";
import { createMatrix, type Matrix } from "../../src/stats/matrix.js";
import { oneHotNullDirections } from "../../src/stats/oneHotNullSpace.js";
import { censusLike } from "./censusLikeColumns.js";

/** |X_c d| over |X_c|'s Frobenius norm: 0 but for rounding on a null direction. */
function relativeResidual(X: Matrix, d: Float64Array): number {
  const { rows, cols, data } = X;
  const mean = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[j] += data[i * cols + j] / rows;
  let residual = 0;
  let total = 0;
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) {
      const c = data[i * cols + j] - mean[j];
      s += c * d[j];
      total += c * c;
    }
    residual += s * s;
  }
  return Math.sqrt(residual / total);
}

test("oneHotNullDirections finds each block's own dependency, two blocks' shared groups and a column that is a function of a block, orthonormal", () => {
  const { columns, rows } = censusLike(400, 1);
  const plain = fitFeaturePlan(columns, rows).transform(rows);
  for (const X of [plain, applyStandardScaler(plain, fitStandardScaler(plain))]) {
    const directions = oneHotNullDirections(X);
    assert.equal(directions.length, 6);
    for (const d of directions) assert.ok(relativeResidual(X, d) < 1e-13, `residual ${relativeResidual(X, d)}`);
    for (let a = 0; a < directions.length; a++) {
      for (let b = 0; b <= a; b++) {
        const dot = directions[a].reduce((s, v, j) => s + v * directions[b][j], 0);
        assert.ok(Math.abs(dot - (a === b ? 1 : 0)) < 1e-12, `directions ${a} and ${b}: ${dot}`);
      }
    }
  }
});

test("oneHotNullDirections claims nothing for a matrix without blocks, or for a block with a row on no level", () => {
  const { columns, rows } = censusLike(200, 2);
  const X = fitFeaturePlan(columns, rows).transform(rows);
  assert.deepEqual(oneHotNullDirections(createMatrix(X.rows, X.cols, X.data)), []);
  // The same blocks, each with one row on no level: none of the dependencies holds then.
  const broken = (X.oneHot ?? []).map((b) => ({ ...b, level: Int32Array.from(b.level, (k, i) => (i === 5 ? -1 : k)) }));
  const data = Float64Array.from(X.data);
  for (const { first, width } of broken) data.fill(0, 5 * X.cols + first, 5 * X.cols + first + width);
  assert.deepEqual(oneHotNullDirections(createMatrix(X.rows, X.cols, data, broken)), []);
});
