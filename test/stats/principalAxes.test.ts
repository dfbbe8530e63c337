import assert from "node:assert/strict";
import { test } from "node:test";
import { createMatrix } from "../../src/stats/matrix.js";
import { principalAxes } from "../../src/stats/principalAxes.js";
import { createRng } from "../../src/stats/rng.js";

test("principalAxes are orthonormal to working precision and lead with the direction of largest spread", () => {
  const rng = createRng(3);
  const rows = 3000;
  const cols = 10;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const t = 5 * (rng.next() - 0.5);
    for (let j = 0; j < cols; j++) data[i * cols + j] = (j < 2 ? t : 0) + 0.1 * (rng.next() - 0.5);
  }
  const { axes, count, orthogonalityError } = principalAxes(createMatrix(rows, cols, data), 4);
  assert.equal(count, 4);
  assert.ok(orthogonalityError < 1e-14, `error ${orthogonalityError}`);
  // The spread lies along (1, 1, 0, ...) / sqrt 2.
  assert.ok(Math.abs(Math.abs(axes[0]) - Math.SQRT1_2) < 1e-3 && Math.abs(axes[0] - axes[1]) < 1e-3, [...axes.subarray(0, cols)].join(" "));
});

test("principalAxes of a rank-deficient table leave the missing directions at zero, which bound nothing", () => {
  const data = Float64Array.from({ length: 50 * 4 }, (_, i) => (i % 4 === 0 ? i % 7 : 0));
  const { axes, count, orthogonalityError } = principalAxes(createMatrix(50, 4, data), 3);
  assert.equal(count, 3);
  assert.ok(orthogonalityError < 1e-14);
  assert.ok(Math.abs(Math.abs(axes[0]) - 1) < 1e-12);
});
