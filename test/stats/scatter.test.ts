import assert from "node:assert/strict";
import { test } from "node:test";
import { createMatrix } from "../../src/stats/matrix.js";
import { createRng, gaussian } from "../../src/stats/rng.js";
import { groupScatters } from "../../src/stats/scatter.js";
import { accurateScatter, encodedTable, groupMeans, plainScatter, scaledGap } from "./scatterReference.js";

function rowsOf(group: Uint32Array, g: number): Uint32Array {
  return Uint32Array.from([...group.keys()].filter((i) => group[i] === g));
}

test("groupScatters on a numeric table is each group's plain in-order scatter, bit for bit", () => {
  const rng = createRng(31);
  const X = createMatrix(210, 6, Float64Array.from({ length: 1260 }, () => 5 + gaussian(rng)));
  const group = Uint32Array.from({ length: 210 }, () => rng.int(3));
  const means = groupMeans(X, group, 3);
  const out = groupScatters(X, group, 3, means);
  for (let g = 0; g < 3; g++) {
    const plain = plainScatter(X, rowsOf(group, g), means.subarray(g * 6, (g + 1) * 6));
    for (let e = 0; e < 36; e++) assert.ok(Object.is(out[g * 36 + e], plain[e]), `group ${g} entry ${e}`);
  }
  const all = groupScatters(X, null, 1, null);
  assert.deepEqual([...all], [...plainScatter(X, null, null)]);
});

/** Rounding of sums over a few hundred rows, relative to an entry's scale: the in-order dense sums stray as far. */
const ROUNDING = 64 * Number.EPSILON;

test("groupScatters on a one-hot-heavy table equals the accurate scatter to rounding, wide and narrow", () => {
  for (const [seed, shape] of [
    [41, { rows: 500, numeric: 2, blocks: [9, 7, 5, 12], scaled: true }],
    [42, { rows: 20, numeric: 1, blocks: [10, 10, 10, 10], constant: 3 }],
  ] as const) {
    const X = encodedTable(createRng(seed), shape);
    const group = Uint32Array.from({ length: X.rows }, (_, i) => i % 2);
    const means = groupMeans(X, group, 2);
    const out = groupScatters(X, group, 2, means);
    const p = X.cols;
    for (let g = 0; g < 2; g++) {
      const { gap, at } = scaledGap(out.subarray(g * p * p, (g + 1) * p * p), accurateScatter(X, rowsOf(group, g), means.subarray(g * p, (g + 1) * p)), p);
      assert.ok(gap <= ROUNDING, `seed ${seed} group ${g} ${at}: ${gap}`);
    }
  }
});

test("groupScatters checks its arguments", () => {
  const X = createMatrix(3, 2, Float64Array.from([1, 2, 3, 4, 5, 6]));
  assert.throws(() => groupScatters(X, new Uint32Array(2), 1, null), /2 groups for 3 rows/);
  assert.throws(() => groupScatters(X, null, 1, new Float64Array(3)), /3 shifts for 1 x 2/);
  assert.throws(() => groupScatters(X, Uint32Array.from([0, 1, 2]), 2, null), /group 2 of 2/);
});
