import assert from "node:assert/strict";
import { test } from "node:test";
import { elasticNetCoordinateDescent } from "../../src/stats/coordinateDescent.js";

const options = { l1: 0, l2: 0, maxIterations: 1000, tolerance: 1e-4 };

test("elasticNetCoordinateDescent soft-thresholds each weight of orthogonal columns in one sweep", () => {
  // Orthogonal columns (1, 1, -1, -1) and (1, -1, 1, -1): w_j = S(x_j'y, l1) / (x_j'x_j + l2).
  const columns = Float64Array.from([1, 1, -1, -1, 1, -1, 1, -1]);
  const y = Float64Array.from([3, 2, -2, -3]);
  const result = elasticNetCoordinateDescent(columns, 4, 2, y, { ...options, l1: 2, l2: 1 });
  assert.ok(result.converged);
  // x_0'y = 10 and x_1'y = 2, which the L1 threshold of 2 cancels exactly.
  assert.ok(Math.abs(result.w[0] - (10 - 2) / (4 + 1)) < 1e-12, `${result.w[0]}`);
  assert.equal(result.w[1], 0);
  assert.equal(result.gapTolerance, 1e-4 * 26);
});

test("elasticNetCoordinateDescent with no penalty reaches least squares", () => {
  const columns = Float64Array.from([1, 2, 3, 4, 1, 0, 1, 0]);
  const y = Float64Array.from([3, 4, 7, 8]);
  const { w, converged } = elasticNetCoordinateDescent(columns, 4, 2, y, { ...options, tolerance: 1e-12 });
  assert.ok(converged);
  // y = 2 x0 + 1 x1 exactly.
  assert.ok(Math.abs(w[0] - 2) < 1e-6 && Math.abs(w[1] - 1) < 1e-6, `${w}`);
});

test("elasticNetCoordinateDescent on a zero target never meets its zero tolerance and stops at maxIterations", () => {
  const result = elasticNetCoordinateDescent(Float64Array.from([1, -1]), 2, 1, new Float64Array(2), { ...options, l1: 1, maxIterations: 7 });
  assert.deepEqual([...result.w], [0]);
  assert.equal(result.iterations, 7);
  assert.equal(result.converged, false);
});

test("elasticNetCoordinateDescent skips an all-zero column and refuses bad options", () => {
  const result = elasticNetCoordinateDescent(Float64Array.from([0, 0, 1, -1]), 2, 2, Float64Array.from([1, -1]), options);
  assert.equal(result.w[0], 0);
  assert.throws(() => elasticNetCoordinateDescent(new Float64Array(3), 2, 2, new Float64Array(2), options), RangeError);
  assert.throws(() => elasticNetCoordinateDescent(new Float64Array(4), 2, 2, new Float64Array(2), { ...options, l1: -1 }), /penalties/);
  assert.throws(() => elasticNetCoordinateDescent(new Float64Array(4), 2, 2, new Float64Array(2), { ...options, maxIterations: 0 }), /maxIterations/);
});
