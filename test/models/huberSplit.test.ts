import assert from "node:assert/strict";
import { test } from "node:test";
import { binaryColumns } from "../../src/stats/binaryColumns.js";
import { createRng, gaussian } from "../../src/stats/rng.js";
import { huberObjective, SMALLEST_SCALE } from "../../src/models/huberRegressor.js";
import { splitHuberObjective } from "../../src/models/huberSplit.js";
import { encodedTable, type TableShape } from "../stats/scatterReference.js";

const shapes: readonly [string, TableShape][] = [
  ["z-scored one-hot blocks beside numeric columns, more rows than a block", { rows: 1300, numeric: 2, blocks: [6, 4, 9, 3], scaled: true }],
  ["unscaled one-hot blocks with a constant column", { rows: 90, numeric: 1, blocks: [5, 7, 3], constant: 1 }],
  ["more columns than rows", { rows: 6, numeric: 1, blocks: [8, 6] }],
  ["one row", { rows: 1, numeric: 0, blocks: [4, 3] }],
];

for (const [name, shape] of shapes) {
  test(`splitHuberObjective equals the dense objective, value and gradient, at inliers and outliers (${name})`, () => {
    const rng = createRng(name.length);
    const X = encodedTable(rng, shape);
    const split = binaryColumns(X);
    assert.ok(split !== null, "the table is one-hot heavy enough to split");
    const p = X.cols;
    // Heavy-tailed targets, so that some residuals fall beyond epsilon sigma.
    const y = Float64Array.from({ length: X.rows }, () => gaussian(rng) * (rng.next() < 0.2 ? 20 : 1));
    const dense = huberObjective(X, y, 1.35, 0.3);
    const sparse = splitHuberObjective(split, y, 1.35, 0.3, SMALLEST_SCALE);
    for (let trial = 0; trial < 5; trial++) {
      const x = Float64Array.from({ length: p + 2 }, () => gaussian(rng) * 0.5);
      x[p + 1] = trial - 2;
      const gDense = new Float64Array(p + 2);
      const gSparse = new Float64Array(p + 2);
      const vDense = dense(x, gDense);
      const vSparse = sparse(x, gSparse);
      assert.ok(Math.abs(vSparse - vDense) <= 1e-12 * Math.abs(vDense), `trial ${trial}: ${vSparse} vs ${vDense}`);
      const scale = Math.max(1, ...gDense.map(Math.abs));
      for (let j = 0; j < p + 2; j++) assert.ok(Math.abs(gSparse[j] - gDense[j]) <= 1e-11 * scale, `trial ${trial} gradient ${j}: ${gSparse[j]} vs ${gDense[j]}`);
    }
  });
}

test("splitHuberObjective is infinite below the scale bound, as the dense one", () => {
  const X = encodedTable(createRng(3), { rows: 20, numeric: 0, blocks: [4, 3] });
  const split = binaryColumns(X);
  assert.ok(split !== null);
  const x = new Float64Array(X.cols + 2);
  x[X.cols + 1] = Math.log(SMALLEST_SCALE) - 1;
  const y = new Float64Array(20).fill(1);
  assert.equal(splitHuberObjective(split, y, 1.35, 1e-4, SMALLEST_SCALE)(x, new Float64Array(X.cols + 2)), Infinity);
  assert.equal(huberObjective(X, y, 1.35, 1e-4)(x, new Float64Array(X.cols + 2)), Infinity);
});

test("splitHuberObjective's kernel gives its JavaScript loops' value and gradient bit for bit, over several blocks of rows", () => {
  for (const [name, shape] of shapes) {
    const rng = createRng(name.length + 1);
    const X = encodedTable(rng, shape);
    const split = binaryColumns(X);
    assert.ok(split !== null);
    const p = X.cols;
    const y = Float64Array.from({ length: X.rows }, () => gaussian(rng) * (rng.next() < 0.2 ? 20 : 1));
    const withKernel = splitHuberObjective(split, y, 1.35, 0.3, SMALLEST_SCALE, true);
    const withLoops = splitHuberObjective(split, y, 1.35, 0.3, SMALLEST_SCALE, false);
    for (let trial = 0; trial < 6; trial++) {
      const x = Float64Array.from({ length: p + 2 }, () => gaussian(rng) * 0.5);
      // From a scale that makes every residual an outlier to one that makes every one an inlier.
      x[p + 1] = 2 * trial - 6;
      const a = new Float64Array(p + 2);
      const b = new Float64Array(p + 2);
      assert.ok(Object.is(withKernel(x, a), withLoops(x, b)), `${name}, trial ${trial}`);
      assert.deepEqual(a, b, `${name}, trial ${trial}`);
    }
  }
});
