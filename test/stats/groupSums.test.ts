import assert from "node:assert/strict";
import { test } from "node:test";
import { groupSums } from "../../src/stats/groupSums.js";
import { createMatrix } from "../../src/stats/matrix.js";
import { createRng, gaussian } from "../../src/stats/rng.js";

test("groupSums adds each group's rows in row order, across blocks of rows, bit for bit", () => {
  const rng = createRng(3);
  // Not a multiple of four: the ungrouped sums' four-row steps end with rows one at a time.
  const rows = 1303;
  const X = createMatrix(rows, 3, Float64Array.from({ length: rows * 3 }, () => 1e3 * gaussian(rng)));
  const group = Uint32Array.from({ length: rows }, () => rng.int(3));
  const expected = new Float64Array(9);
  for (let i = 0; i < rows; i++) for (let j = 0; j < 3; j++) expected[group[i] * 3 + j] += X.data[i * 3 + j];
  assert.deepEqual([...groupSums(X, group, 3)], [...expected]);
  const all = new Float64Array(3);
  for (let i = 0; i < rows; i++) for (let j = 0; j < 3; j++) all[j] += X.data[i * 3 + j];
  assert.deepEqual([...groupSums(X, null, 1)], [...all]);
});

test("groupSums checks the groups", () => {
  const X = createMatrix(2, 1, Float64Array.from([1, 2]));
  assert.throws(() => groupSums(X, new Uint32Array(3), 1), /3 groups for 2 rows/);
  assert.throws(() => groupSums(X, Uint32Array.from([0, 1]), 1), /group 1 of 1 at row 1/);
});
