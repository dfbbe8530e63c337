import assert from "node:assert/strict";
import { test } from "node:test";
import { solveSymmetricPositiveDefinite } from "../../src/stats/choleskySolve.js";

test("solveSymmetricPositiveDefinite solves an SPD system, reading only the lower triangle", () => {
  // [[4, 2, 0], [2, 5, 1], [0, 1, 3]] x = [2, 1, 4]; the upper triangle holds junk.
  const a = Float64Array.from([4, 99, 99, 2, 5, 99, 0, 1, 3]);
  const x = solveSymmetricPositiveDefinite(a, 3, Float64Array.from([2, 1, 4]));
  const full = [[4, 2, 0], [2, 5, 1], [0, 1, 3]];
  full.forEach((row, i) => assert.ok(Math.abs(row[0] * x[0] + row[1] * x[1] + row[2] * x[2] - [2, 1, 4][i]) < 1e-12));
});

test("solveSymmetricPositiveDefinite refuses a matrix that is not positive definite", () => {
  assert.throws(() => solveSymmetricPositiveDefinite(Float64Array.from([1, 0, 2, 1]), 2, Float64Array.from([1, 1])), /not positive definite/);
  assert.throws(() => solveSymmetricPositiveDefinite(Float64Array.from([0]), 1, Float64Array.from([1])), /not positive definite/);
  assert.throws(() => solveSymmetricPositiveDefinite(Float64Array.from([1, 0, 0]), 2, Float64Array.from([1, 1])), RangeError);
});
