import assert from "node:assert/strict";
import { test } from "node:test";
import { projectionKernel } from "../../src/models/projectionKernel.js";
import { createRng } from "../../src/stats/rng.js";

test("the projection kernel's sums are the in-order scalar loop's bits: any count of directions (odd ones too), class after class", () => {
  const rng = createRng(61);
  for (const [rows, p] of [[1, 1], [17, 5], [120, 23], [40, 50]]) {
    const data = Float64Array.from({ length: rows * p }, () => (rng.next() - 0.5) * 10 ** Math.floor(rng.next() * 5));
    const kernel = projectionKernel(data, rows, p, p);
    if (kernel === null) return assert.fail("the kernel should fit");
    for (const count of [p, Math.max(1, p - 1), 1]) {
      const mean = Float64Array.from({ length: p }, () => rng.next());
      const directions = Float64Array.from({ length: count * p }, () => rng.next() - 0.5);
      kernel.project(mean, directions, count);
      const width = 2 * Math.ceil(count / 2);
      for (let i = 0; i < rows; i++) {
        for (let d = 0; d < count; d++) {
          let s = 0;
          for (let j = 0; j < p; j++) s += (data[i * p + j] - mean[j]) * directions[d * p + j];
          assert.ok(Object.is(kernel.along[i * width + d], s), `${rows} x ${p}, ${count} directions, row ${i}, direction ${d}: ${kernel.along[i * width + d]} vs ${s}`);
        }
      }
    }
  }
});
