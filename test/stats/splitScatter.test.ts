import assert from "node:assert/strict";
import { test } from "node:test";
import { createMatrix } from "../../src/stats/matrix.js";
import { createRng, gaussian } from "../../src/stats/rng.js";
import { splitScatters } from "../../src/stats/splitScatter.js";
import { accurateScatter, encodedTable, groupMeans, plainScatter, scaledGap } from "./scatterReference.js";

/** Rounding of sums over a few hundred rows, relative to an entry's scale: the in-order dense sums stray as far. */
const ROUNDING = 64 * Number.EPSILON;
/** Where a group's rarer values are a handful of rows, a few ulps (one base for the whole table is 20 off there). */
const ULPS = 4 * Number.EPSILON;

function rowsOf(group: Uint32Array, g: number): Uint32Array {
  return Uint32Array.from([...group.keys()].filter((i) => group[i] === g));
}

for (const scaled of [true, false]) {
  test(`splitScatters equals the accurately summed scatter of each group about its mean, one-hot blocks ${scaled ? "z-scored" : "raw"}`, () => {
    const rng = createRng(scaled ? 11 : 12);
    const X = encodedTable(rng, { rows: 400, numeric: 2, blocks: [5, 3, 8, 2], constant: 1, scaled });
    const group = Uint32Array.from({ length: X.rows }, () => rng.int(3));
    const means = groupMeans(X, group, 3);
    const out = splitScatters(X, group, 3, means);
    if (out === null) return assert.fail("the split should pay on this table");
    const p = X.cols;
    for (let g = 0; g < 3; g++) {
      const expected = accurateScatter(X, rowsOf(group, g), means.subarray(g * p, (g + 1) * p));
      const { gap, at } = scaledGap(out.subarray(g * p * p, (g + 1) * p * p), expected, p);
      assert.ok(gap <= ROUNDING, `group ${g} ${at}: ${gap}`);
    }
  });
}

test("splitScatters' numeric block is the dense in-order sums bit for bit", () => {
  const rng = createRng(21);
  const X = encodedTable(rng, { rows: 250, numeric: 3, blocks: [6, 6, 4] });
  const group = Uint32Array.from({ length: X.rows }, () => rng.int(2));
  const means = groupMeans(X, group, 2);
  const out = splitScatters(X, group, 2, means);
  if (out === null) return assert.fail("no split");
  const p = X.cols;
  for (let g = 0; g < 2; g++) {
    const plain = plainScatter(X, rowsOf(group, g), means.subarray(g * p, (g + 1) * p));
    for (let j = 0; j < 3; j++) for (let l = 0; l < 3; l++) assert.ok(Object.is(out[g * p * p + j * p + l], plain[j * p + l]), `group ${g} (${j}, ${l})`);
  }
});

test("a level that nearly every row of a group holds loses no accuracy: each group is split about its own majority", () => {
  // Column 1 is at 1.7 in 998 of group 0's 1,000 rows and in 5 of group 1's: 1,003 of 2,000 rows,
  // so one base for the whole table (1.7) would leave group 1's 995 rows as entries, and group 1
  // would cancel terms of ~1,000 d^2 to a result of ~5 d^2.
  const rows = 2000;
  const cols = 12;
  const rng = createRng(5);
  const data = new Float64Array(rows * cols);
  const group = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) {
    group[i] = i < 1000 ? 0 : 1;
    data[i * cols] = gaussian(rng);
    data[i * cols + 1] = (i < 1000 ? i >= 2 : i < 1005) ? 1.7 : -0.3;
    for (let j = 2; j < cols; j++) data[i * cols + j] = rng.next() < 0.1 ? 2 : 0;
  }
  const X = createMatrix(rows, cols, data);
  const means = groupMeans(X, group, 2);
  const out = splitScatters(X, group, 2, means);
  if (out === null) return assert.fail("no split");
  for (let g = 0; g < 2; g++) {
    const expected = accurateScatter(X, rowsOf(group, g), means.subarray(g * cols, (g + 1) * cols));
    const { gap, at } = scaledGap(out.subarray(g * cols * cols, (g + 1) * cols * cols), expected, cols);
    assert.ok(gap <= ULPS, `group ${g} ${at}: ${gap}`);
  }
});

test("splitScatters without groups or shifts is X'X; a group without rows scatters nothing", () => {
  const X = encodedTable(createRng(9), { rows: 120, numeric: 1, blocks: [4, 4, 3] });
  const out = splitScatters(X, null, 1, null);
  if (out === null) return assert.fail("no split");
  assert.ok(scaledGap(out, accurateScatter(X, null, null), X.cols).gap <= ROUNDING);
  const empty = splitScatters(X, new Uint32Array(X.rows), 2, null);
  if (empty === null) return assert.fail("no split");
  assert.deepEqual([...empty.subarray(X.cols * X.cols)], new Array(X.cols * X.cols).fill(0));
});

test("splitScatters of a single row is its outer product", () => {
  const X = createMatrix(1, 3, Float64Array.from([2, 0, 1]));
  const out = splitScatters(X, null, 1, Float64Array.from([1, 0, 0]));
  assert.deepEqual(out === null ? null : [...out], [1, 0, 1, 0, 0, 0, 1, 0, 1]);
});

test("splitScatters declines numeric tables and values that are not finite, and checks its arguments", () => {
  const rng = createRng(4);
  const numeric = createMatrix(50, 4, Float64Array.from({ length: 200 }, () => gaussian(rng)));
  assert.equal(splitScatters(numeric, null, 1, null), null);
  const X = encodedTable(createRng(6), { rows: 60, numeric: 1, blocks: [5, 5] });
  X.data[7] = NaN;
  assert.equal(splitScatters(X, null, 1, null), null);
  X.data[7] = 0;
  assert.throws(() => splitScatters(X, new Uint32Array(3), 1, null), /3 groups for 60 rows/);
  assert.throws(() => splitScatters(X, null, 1, new Float64Array(2)), /2 shifts for 1 x 11/);
  assert.throws(() => splitScatters(X, new Uint32Array(60).fill(2), 2, null), /group 2 of 2/);
});
