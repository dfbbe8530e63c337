import assert from "node:assert/strict";
import { test } from "node:test";
import { binaryColumns } from "../../src/stats/binaryColumns.js";
import { createMatrix } from "../../src/stats/matrix.js";

test("binaryColumns keeps numeric columns in every row and two-valued ones only at their rarer value", () => {
  // Column 0 numeric; column 1 two-valued (-0.5 common, 2 rare); column 2 constant; column 3 two-valued, tie (first seen is common).
  const X = createMatrix(4, 4, Float64Array.from([1.5, -0.5, 7, 0, 2.5, 2, 7, 1, -1, -0.5, 7, 1, 3, -0.5, 7, 0]));
  const split = binaryColumns(X, 1);
  if (split === null) return assert.fail("no split");
  assert.deepEqual([...split.numeric], [0]);
  assert.deepEqual([...split.binary], [1, 2, 3]);
  assert.deepEqual([...split.base], [0, -0.5, 7, 0]);
  assert.deepEqual([...split.rare], [NaN, 2, 7, 1]);
  assert.deepEqual([...split.start], [0, 1, 4, 6, 7]);
  assert.deepEqual([...split.index], [0, 0, 1, 3, 0, 3, 0]);
  assert.deepEqual([...split.value], [1.5, 2.5, 2.5, 1, -1, 1, 3]);
});

test("binaryColumns rebuilds every value as base + the row's entry", () => {
  const data = Float64Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? i / 7 : i % 5 === 1 ? 1 : 0));
  const X = createMatrix(20, 3, data);
  const split = binaryColumns(X, 1);
  if (split === null) return assert.fail("no split");
  for (let i = 0; i < 20; i++) {
    const row: Float64Array = Float64Array.from(split.base);
    for (let p = split.start[i]; p < split.start[i + 1]; p++) row[split.index[p]] += split.value[p];
    assert.deepEqual([...row], [...data.subarray(i * 3, i * 3 + 3)], `row ${i}`);
  }
});

test("binaryColumns declines dense numeric tables and values that are not finite", () => {
  assert.equal(binaryColumns(createMatrix(3, 2, Float64Array.from([1, 2, 3, 4, 5, 6]))), null);
  assert.equal(binaryColumns(createMatrix(2, 1, Float64Array.from([0, NaN])), 1), null);
  assert.equal(binaryColumns(createMatrix(0, 3)), null);
});
