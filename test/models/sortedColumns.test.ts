import assert from "node:assert/strict";
import { test } from "node:test";
import { sortColumns } from "../../src/models/sortedColumns.js";
import { createMatrix } from "../../src/stats/matrix.js";
import { createRng } from "../../src/stats/rng.js";

test("sortColumns orders each column's rows by float32 value, equal values in row order", () => {
  // Column 0: negatives, both zeros, duplicates; column 1: values float32 cannot tell apart.
  const X = createMatrix(6, 2, Float64Array.from([3, 0.1, -2, 0.1 + 1e-12, 0, 5, -0, -1, 3, 2, -2.5, 0.1]));
  const sorted = sortColumns(X);
  assert.deepEqual(Array.from(sorted.order.subarray(0, 6)), [5, 1, 2, 3, 0, 4]);
  assert.deepEqual(Array.from(sorted.sorted.subarray(0, 6)), [-2.5, -2, 0, 0, 3, 3]);
  // 0.1, 0.1 + 1e-12 and 0.1 again are one float32, so they keep their row order.
  assert.deepEqual(Array.from(sorted.order.subarray(6, 12)), [3, 0, 1, 5, 4, 2]);
  assert.equal(sorted.values[6 + 1], Math.fround(0.1 + 1e-12));
  assert.ok(Object.is(sorted.values[3], 0), "-0 is stored as 0");
});

test("sortColumns agrees with a comparison sort on random columns with ties", () => {
  const rng = createRng(9);
  const rows = 1000;
  const data = Float64Array.from({ length: rows * 3 }, (_, k) => (k % 3 === 0 ? Math.round((rng.next() - 0.5) * 20) : (rng.next() - 0.5) * 1e6 * (k % 3)));
  const sorted = sortColumns(createMatrix(rows, 3, data));
  for (let j = 0; j < 3; j++) {
    const expected = Array.from({ length: rows }, (_, i) => i).sort((a, b) => Math.fround(data[a * 3 + j]) - Math.fround(data[b * 3 + j]) || a - b);
    assert.deepEqual(Array.from(sorted.order.subarray(j * rows, (j + 1) * rows)), expected);
  }
});

test("sortColumns refuses values that are not finite float32, naming the row", () => {
  assert.throws(() => sortColumns(createMatrix(2, 1, Float64Array.from([1, NaN]))), /feature 0 row 1 is NaN/);
  assert.throws(() => sortColumns(createMatrix(2, 1, Float64Array.from([1e39, 1]))), /feature 0 row 0 is 1e\+39: trees need finite float32 values/);
});
