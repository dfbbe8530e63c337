import assert from "node:assert/strict";
import { test } from "node:test";
import { float32Columns } from "../../src/models/float32Columns.js";
import { twoValueCodes } from "../../src/models/twoValueCodes.js";
import { createMatrix } from "../../src/stats/matrix.js";

/** One matrix from columns of equal length. */
function columns(...cols: number[][]) {
  const rows = cols[0].length;
  const data = new Float64Array(rows * cols.length);
  cols.forEach((col, j) => col.forEach((v, i) => (data[i * cols.length + j] = v)));
  return float32Columns(createMatrix(rows, cols.length, data));
}

test("twoValueCodes finds the features of exactly two values and codes the higher one 1", () => {
  const found = twoValueCodes(columns([1, 0, 0, 1], [2.5, -4, 2.5, 2.5], [1, 2, 3, 1], [7, 7, 7, 7]));
  assert.deepEqual([...found.twoValued], [1, 1, 0, 0]);
  assert.deepEqual([found.low[0], found.high[0], found.low[1], found.high[1]], [0, 1, -4, 2.5]);
  assert.deepEqual([...found.codes.subarray(0, 8)], [1, 0, 0, 1, 1, 0, 1, 1]);
});

test("twoValueCodes leaves out two values closer than FEATURE_THRESHOLD (a node holding both is constant) and -0 beside 0", () => {
  const close = Math.fround(0.5 + 6e-8);
  const found = twoValueCodes(columns([0.5, close, 0.5], [0, -0, 0], [-0, 1, 1]));
  assert.deepEqual([...found.twoValued], [0, 0, 1]);
});
