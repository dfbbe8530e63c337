import assert from "node:assert/strict";
import { test } from "node:test";
import { createRng } from "../../src/stats/rng.js";
import { symmetricEigen } from "../../src/stats/symmetricEigen.js";

/** A v_j = lambda_j v_j, the v_j orthonormal, the lambda_j descending and summing to the trace. */
function assertEigen(a: Float64Array, n: number, tolerance: number): void {
  const { values, vectors } = symmetricEigen(a, n);
  let trace = 0;
  for (let i = 0; i < n; i++) trace += a[i * n + i];
  let scale = 0;
  for (const v of values) scale = Math.max(scale, Math.abs(v));
  assert.ok(Math.abs(values.reduce((s, v) => s + v, 0) - trace) <= tolerance * Math.max(1, scale));
  for (let j = 0; j < n; j++) {
    if (j > 0) assert.ok(values[j - 1] >= values[j]);
    for (let i = 0; i < n; i++) {
      let av = 0;
      for (let k = 0; k < n; k++) av += a[i * n + k] * vectors[j * n + k];
      assert.ok(Math.abs(av - values[j] * vectors[j * n + i]) <= tolerance * Math.max(1, scale), `A v_${j} row ${i}`);
    }
    for (let k = 0; k <= j; k++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += vectors[j * n + i] * vectors[k * n + i];
      assert.ok(Math.abs(dot - (j === k ? 1 : 0)) <= 1e-12, `v_${j} . v_${k} = ${dot}`);
    }
  }
}

test("symmetricEigen decomposes a random Gram matrix and a diagonal one", () => {
  const rng = createRng(11);
  const rows = 30;
  const n = 8;
  const x = Float64Array.from({ length: rows * n }, () => rng.next() - 0.5);
  const gram = new Float64Array(n * n);
  for (let i = 0; i < rows; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) gram[j * n + k] += x[i * n + j] * x[i * n + k];
  assertEigen(gram, n, 1e-12);
  const { values } = symmetricEigen(Float64Array.from([2, 0, 0, 0, 5, 0, 0, 0, -1]), 3);
  assert.deepEqual([...values], [5, 2, -1]);
});

test("symmetricEigen finds the zero eigenvalue of a singular matrix and refuses a wrong size", () => {
  // [[1, 1], [1, 1]]: eigenvalues 2 and 0, eigenvectors (1, 1) and (1, -1) over sqrt 2.
  const { values, vectors } = symmetricEigen(Float64Array.from([1, 1, 1, 1]), 2);
  assert.ok(Math.abs(values[0] - 2) < 1e-15 && Math.abs(values[1]) < 1e-15, `${[...values]}`);
  assert.ok(Math.abs(Math.abs(vectors[0]) - Math.SQRT1_2) < 1e-15 && Math.abs(vectors[0] - vectors[1]) < 1e-15);
  assert.throws(() => symmetricEigen(new Float64Array(3), 2), /expected 2 x 2/);
});
