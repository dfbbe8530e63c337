import assert from "node:assert/strict";
import { test } from "node:test";
import { minimumNormLeastSquares } from "../../src/stats/minimumNormLeastSquares.js";
import { createRng } from "../../src/stats/rng.js";

const close = (actual: Float64Array, expected: readonly number[], tolerance = 1e-12) =>
  expected.forEach((v, i) => assert.ok(Math.abs(actual[i] - v) <= tolerance * Math.max(1, Math.abs(v)), `x[${i}] = ${actual[i]}, expected ${v}`));

test("minimumNormLeastSquares solves a square full-rank system", () => {
  const { x, rank } = minimumNormLeastSquares(Float64Array.from([2, 1, 1, 3]), 2, 2, Float64Array.from([3, 5]));
  assert.equal(rank, 2);
  close(x, [0.8, 1.4]);
});

test("minimumNormLeastSquares matches the normal equations on a tall full-rank system", () => {
  const rng = createRng(3);
  const rows = 40;
  const a = Float64Array.from({ length: rows * 2 }, () => rng.next() * 2 - 1);
  const b = Float64Array.from({ length: rows }, () => rng.next());
  // (A'A) x = A'b, solved by hand for two columns.
  let s00 = 0, s01 = 0, s11 = 0, t0 = 0, t1 = 0;
  for (let i = 0; i < rows; i++) {
    s00 += a[2 * i] ** 2;
    s01 += a[2 * i] * a[2 * i + 1];
    s11 += a[2 * i + 1] ** 2;
    t0 += a[2 * i] * b[i];
    t1 += a[2 * i + 1] * b[i];
  }
  const det = s00 * s11 - s01 * s01;
  close(minimumNormLeastSquares(a, rows, 2, b).x, [(s11 * t0 - s01 * t1) / det, (s00 * t1 - s01 * t0) / det], 1e-10);
});

test("minimumNormLeastSquares picks the shortest of many solutions: duplicated columns and fewer rows than columns", () => {
  // Columns equal: any x0 + x1 = 2 fits; the shortest is (1, 1).
  const duplicated = minimumNormLeastSquares(Float64Array.from([1, 1, 2, 2, 3, 3]), 3, 2, Float64Array.from([2, 4, 6]));
  assert.equal(duplicated.rank, 1);
  close(duplicated.x, [1, 1]);
  // One equation x0 + 2 x1 + 2 x2 = 9: the shortest solution is along (1, 2, 2).
  const wide = minimumNormLeastSquares(Float64Array.from([1, 2, 2]), 1, 3, Float64Array.from([9]));
  assert.equal(wide.rank, 1);
  close(wide.x, [1, 2, 2]);
});

test("minimumNormLeastSquares returns singular values largest first and drops those under the cutoff", () => {
  const diagonal = Float64Array.from([3, 0, 0, 0, 1e-20, 0, 0, 0, 5]);
  const { x, rank, singularValues } = minimumNormLeastSquares(diagonal, 3, 3, Float64Array.from([3, 1, 10]));
  assert.deepEqual([...singularValues], [5, 3, 1e-20]);
  assert.equal(rank, 2);
  close(x, [1, 0, 2]);
  // With no cutoff the tiny value counts, and its coordinate is 1 / 1e-20.
  assert.equal(minimumNormLeastSquares(diagonal, 3, 3, Float64Array.from([3, 1, 10]), 0).rank, 3);
});

test("minimumNormLeastSquares of a zero matrix is zero, and bad shapes are refused", () => {
  const { x, rank } = minimumNormLeastSquares(new Float64Array(6), 3, 2, Float64Array.from([1, 2, 3]));
  assert.equal(rank, 0);
  assert.deepEqual([...x], [0, 0]);
  assert.throws(() => minimumNormLeastSquares(new Float64Array(5), 3, 2, new Float64Array(3)), RangeError);
  assert.throws(() => minimumNormLeastSquares(new Float64Array(6), 3, 2, new Float64Array(2)), RangeError);
  assert.throws(() => minimumNormLeastSquares(new Float64Array(6), 3, 2, new Float64Array(3), 1), RangeError);
});
