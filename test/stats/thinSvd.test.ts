import assert from "node:assert/strict";
import { test } from "node:test";
import { createRng } from "../../src/stats/rng.js";
import { thinSvd } from "../../src/stats/thinSvd.js";

function random(rows: number, cols: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: rows * cols }, () => rng.next() * 2 - 1);
}

/** |A v_j| = s_j, the v_j orthonormal, the s_j descending and their squares summing to |A|_F^2. */
function assertDecomposes(a: Float64Array, rows: number, cols: number): void {
  const { values, vt } = thinSvd(a, rows, cols);
  assert.equal(values.length, Math.min(rows, cols));
  let frobenius = 0;
  for (const v of a) frobenius += v * v;
  let squares = 0;
  values.forEach((s, j) => {
    squares += s * s;
    if (j > 0) assert.ok(values[j - 1] >= s);
    if (s === 0) return;
    let norm = 0;
    for (let i = 0; i < rows; i++) {
      let av = 0;
      for (let l = 0; l < cols; l++) av += a[i * cols + l] * vt[j * cols + l];
      norm += av * av;
    }
    assert.ok(Math.abs(Math.sqrt(norm) - s) <= 1e-12 * values[0], `|A v_${j}| = ${Math.sqrt(norm)}, s = ${s}`);
    for (let k = 0; k <= j; k++) {
      if (values[k] === 0) continue;
      let dot = 0;
      for (let l = 0; l < cols; l++) dot += vt[j * cols + l] * vt[k * cols + l];
      assert.ok(Math.abs(dot - (j === k ? 1 : 0)) < 1e-12, `v_${j} . v_${k} = ${dot}`);
    }
  });
  assert.ok(Math.abs(squares - frobenius) <= 1e-12 * frobenius);
}

test("thinSvd decomposes tall, square and wide matrices", () => {
  assertDecomposes(random(50, 6, 1), 50, 6);
  assertDecomposes(random(7, 7, 2), 7, 7);
  assertDecomposes(random(4, 9, 3), 4, 9);
});

test("thinSvd finds the singular values of a known matrix, a zero one included", () => {
  // Columns scaled by 3, 2, 0 of orthonormal ones: singular values 3, 2, 0.
  const a = Float64Array.from([3 / Math.SQRT2, 2, 0, 3 / Math.SQRT2, -2, 0].map((v, k) => (k % 3 === 1 ? v / 2 : v)));
  const { values } = thinSvd(a, 2, 3);
  assert.ok(Math.abs(values[0] - 3) < 1e-14 && Math.abs(values[1] - Math.SQRT2) < 1e-14, `${[...values]}`);
  const rankOne = thinSvd(Float64Array.from([1, 2, 2, 4, 3, 6]), 3, 2);
  assert.ok(Math.abs(rankOne.values[0] - Math.sqrt(70)) < 1e-13 && rankOne.values[1] < 1e-14, `${[...rankOne.values]}`);
});

test("thinSvd gives a wide matrix's zero singular value a zero vector, and refuses a wrong size", () => {
  const { values, vt } = thinSvd(Float64Array.from([1, 2, 3, 2, 4, 6]), 2, 3);
  assert.equal(values[1], 0);
  assert.deepEqual([...vt.subarray(3)], [0, 0, 0]);
  assert.throws(() => thinSvd(new Float64Array(5), 2, 3), /expected 2 x 3/);
  assert.equal(thinSvd(new Float64Array(0), 0, 3).values.length, 0);
});
