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

/**
 * Tables past the first block of rows (512), where splitScatters' one pass works from that
 * block's columns and majorities and must notice when the rest of the table says otherwise.
 */
function pastFirstBlock(rows: number, seed: number, edit: (data: Float64Array, cols: number) => void): ReturnType<typeof createMatrix> {
  // Blocks whose levels are each held by under half the rows, so that the first block's majorities hold.
  const X = encodedTable(createRng(seed), { rows, numeric: 2, blocks: [6, 8, 7], constant: 1, scaled: true });
  edit(X.data, X.cols);
  return X;
}

/**
 * splitScatters within `tolerance` of the accurate scatter, and its numeric columns (0 and 1 of
 * pastFirstBlock's and encodedTable's tables, once they hold three values or more) the plain
 * in-order sums bit for bit.
 */
function assertAccurate(X: ReturnType<typeof createMatrix>, group: Uint32Array | null, groups: number, tolerance: number): void {
  const shifts = group === null ? null : groupMeans(X, group, groups);
  const out = splitScatters(X, group, groups, shifts);
  if (out === null) return assert.fail("the split should pay on this table");
  const p = X.cols;
  for (let g = 0; g < groups; g++) {
    const rowList = group === null ? null : rowsOf(group, g);
    const shift = shifts === null ? null : shifts.subarray(g * p, (g + 1) * p);
    const expected = accurateScatter(X, rowList, shift);
    const { gap, at } = scaledGap(out.subarray(g * p * p, (g + 1) * p * p), expected, p);
    assert.ok(gap <= tolerance, `group ${g} ${at}: ${gap / Number.EPSILON} eps`);
    if (X.rows < 3) continue;
    const plain = plainScatter(X, rowList, shift);
    for (let j = 0; j < 2; j++) for (let l = 0; l < 2; l++) assert.ok(Object.is(out[g * p * p + j * p + l], plain[j * p + l]), `group ${g} numeric (${j}, ${l})`);
  }
}

test("past the first block: a column two-valued there that takes a third value later is scattered as numeric", () => {
  // Column 2 (a one-hot level) takes a third value in row 1,200 only.
  const X = pastFirstBlock(1500, 31, (data, cols) => (data[1200 * cols + 2] = 7.25));
  assertAccurate(X, null, 1, ROUNDING);
  const group = Uint32Array.from({ length: X.rows }, (_, i) => i % 3);
  assertAccurate(X, group, 3, ROUNDING);
  // The constant column (the last) takes a second value in row 600 and a third in row 1,200.
  const Y = pastFirstBlock(1500, 31, (data, cols) => {
    data[600 * cols + cols - 1] = 1.5;
    data[1200 * cols + cols - 1] = -1.5;
  });
  assertAccurate(Y, null, 1, ROUNDING);
});

test("past the first block: a majority that the first block has the other way round loses no accuracy", () => {
  // Column 3 is at its rare value in every row of the first block and in no row after it: 512
  // of 20,000 rows, so the first block's base would cancel terms of 20,000 d^2 to ~500 d^2.
  const X = pastFirstBlock(20_000, 32, (data, cols) => {
    for (let i = 0; i < 20_000; i++) data[i * cols + 3] = i < 512 ? 1.7 : -0.3;
  });
  assertAccurate(X, null, 1, ROUNDING);
  // Column 3's row of the scatter, to a few ulps: a wrong base is 20 to 40 off there.
  const out = splitScatters(X, null, 1, null);
  if (out === null) return assert.fail("no split");
  const p = X.cols;
  const expected = accurateScatter(X, null, null);
  for (let l = 0; l < p; l++) {
    const scale = Math.sqrt(Math.abs(expected[3 * p + 3] * expected[l * p + l]));
    assert.ok(Math.abs(out[3 * p + l] - expected[3 * p + l]) <= ULPS * scale, `(3, ${l}): ${out[3 * p + l]} vs ${expected[3 * p + l]}`);
  }
});

test("past the first block: a column constant there that takes a second value later, and a group first met after it", () => {
  const X = pastFirstBlock(1500, 33, (data, cols) => {
    // The constant column (the last) takes a second value in a few rows after the first block.
    for (const i of [600, 901, 1400]) data[i * cols + cols - 1] = -2;
  });
  assertAccurate(X, null, 1, ROUNDING);
  // Group 1 starts at row 700; in it column 2 is mostly at row 0's rarer value.
  const group = Uint32Array.from({ length: X.rows }, (_, i) => (i < 700 ? 0 : 1));
  const cols = X.cols;
  const otherRow = [...Array(X.rows).keys()].find((i) => X.data[i * cols + 2] !== X.data[2]);
  if (otherRow === undefined) return assert.fail("column 2 takes two values");
  const other = X.data[otherRow * cols + 2];
  for (let i = 700; i < X.rows; i++) X.data[i * cols + 2] = i % 10 === 0 ? X.data[2] : other;
  assertAccurate(X, group, 2, ROUNDING);
});

test("past the first block: groups without rows scatter nothing, values that are not finite decline the split", () => {
  const X = pastFirstBlock(1300, 34, () => undefined);
  const out = splitScatters(X, Uint32Array.from({ length: X.rows }, (_, i) => (i % 2) * 2), 3, null);
  if (out === null) return assert.fail("no split");
  const pp = X.cols * X.cols;
  assert.deepEqual([...out.subarray(pp, 2 * pp)], new Array(pp).fill(0));
  for (const bad of [NaN, Infinity]) {
    for (const j of [0, 5]) {
      const copy = createMatrix(X.rows, X.cols, X.data.slice());
      copy.data[1100 * X.cols + j] = bad;
      assert.equal(splitScatters(copy, null, 1, null), null, `${bad} in column ${j}`);
    }
  }
});

test("splitScatters equals the accurate scatter on random one-hot tables of 1 to 1,300 rows, 1 to 3 groups, narrow and wide", () => {
  const rng = createRng(35);
  for (const rows of [1, 2, 7, 513, 1300]) {
    for (const groups of [1, 3]) {
      for (const blocks of [[3, 2], [12, 9, 30, 2, 2, 7]]) {
        const X = encodedTable(rng, { rows, numeric: 2, blocks, constant: 2, scaled: rng.next() < 0.5 });
        const group = groups === 1 ? null : Uint32Array.from({ length: rows }, () => rng.int(groups));
        assertAccurate(X, group, groups, ROUNDING);
      }
    }
  }
});
