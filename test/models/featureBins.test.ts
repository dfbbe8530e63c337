import assert from "node:assert/strict";
import { test } from "node:test";
import { createMatrix } from "../../src/stats/matrix.js";
import { binFeatures, MAX_BINS, splitThreshold } from "../../src/models/featureBins.js";
import { createRng } from "../../src/stats/rng.js";

const column = (values: readonly number[]) => createMatrix(values.length, 1, Float64Array.from(values));

test("binFeatures gives each of at most 256 distinct values its own bin, in value order", () => {
  const bins = binFeatures(column([4, 1, 2, 4, 1, 8]));
  assert.equal(bins.binCount[0], 4);
  assert.deepEqual([...bins.codes], [2, 0, 1, 2, 0, 3]);
  assert.deepEqual([...bins.low.subarray(0, 4)], [1, 2, 4, 8]);
  assert.deepEqual([...bins.high.subarray(0, 4)], [1, 2, 4, 8]);
});

test("splitThreshold is the midpoint of neighbouring values, as scikit-learn's", () => {
  const bins = binFeatures(column([1, 2, 4, 8]));
  assert.deepEqual([splitThreshold(bins, 0, 0, 1), splitThreshold(bins, 0, 1, 2), splitThreshold(bins, 0, 0, 3)], [1.5, 3, 4.5]);
});

test("binFeatures works on float32 values, as scikit-learn's trees cast X to float32", () => {
  const bins = binFeatures(column([0.1, 0.2]));
  assert.equal(bins.high[0], Math.fround(0.1));
  assert.equal(splitThreshold(bins, 0, 0, 1), Math.fround(0.1) / 2 + Math.fround(0.2) / 2);
  // Two doubles that share a float32 are one value.
  assert.equal(binFeatures(column([1, 1 + 1e-12])).binCount[0], 1);
});

test("binFeatures keeps values closer than scikit-learn's FEATURE_THRESHOLD in one bin", () => {
  const bins = binFeatures(column([5, 5 + 5e-8, 6]));
  assert.equal(bins.binCount[0], 2);
  assert.deepEqual([...bins.codes], [0, 0, 1]);
});

test("binFeatures: a run of values each within FEATURE_THRESHOLD of the next but wider than it is near, one value a bin; a run within it stays one bin", () => {
  // 0, 6e-8, 1.2e-7: neighbours too close to split, the ends not, in a node without the middle.
  const chain = [0, 6e-8, 1.2e-7, 1].map(Math.fround);
  const bins = binFeatures(column([chain[3], chain[0], chain[2], chain[1]]));
  assert.equal(bins.near[0], 1);
  assert.equal(bins.binCount[0], 4);
  assert.deepEqual([...bins.low.subarray(0, 4)], chain);
  assert.deepEqual([...bins.codes], [3, 0, 2, 1]);
  const tight = binFeatures(column([0, 3e-8, 6e-8, 1]));
  assert.equal(tight.near[0], 0);
  assert.equal(tight.binCount[0], 2);
});

test("binFeatures codes a constant column as one bin", () => {
  const bins = binFeatures(column([3, 3, 3]));
  assert.equal(bins.binCount[0], 1);
  assert.deepEqual([...bins.codes], [0, 0, 0]);
});

test("binFeatures codes a feature of more than 256 distinct values by its rank among them: one bin per value, in value order", () => {
  const rng = createRng(4);
  const values = Array.from({ length: 5000 }, () => Math.round(rng.next() * 1e5) / 100);
  // A heavy value, as a zero-inflated column has, and a run closer than FEATURE_THRESHOLD.
  for (let i = 0; i < 1500; i++) values[i] = 0;
  values[1500] = 500;
  values[1501] = 500 + 5e-8;
  const bins = binFeatures(column(values));
  const distinct = [...new Set(values.map(Math.fround))].sort((a, b) => a - b).filter((v, k, all) => k === 0 || v > all[k - 1] + 1e-7);
  assert.ok(distinct.length > MAX_BINS);
  assert.equal(bins.binCount[0], distinct.length);
  assert.equal(bins.widest, distinct.length);
  assert.equal(bins.rankColumn[0], 0);
  assert.deepEqual([...bins.low.subarray(0, distinct.length)], distinct);
  const run = distinct.indexOf(500);
  assert.equal(bins.high[run], Math.fround(500 + 5e-8));
  for (let i = 0; i < values.length; i++) {
    const rank = bins.ranks[i];
    assert.ok(bins.low[rank] <= Math.fround(values[i]) && Math.fround(values[i]) <= bins.high[rank], `row ${i}`);
  }
  assert.equal(bins.ranks[1500], bins.ranks[1501]);
});

test("binFeatures keeps narrow features in byte codes and lays every feature's bins out one after another", () => {
  const rows = 300;
  const data = new Float64Array(rows * 3);
  for (let i = 0; i < rows; i++) data.set([i % 3, 1000 - i / 4, i % 2], i * 3);
  const bins = binFeatures(createMatrix(rows, 3, data));
  assert.deepEqual([...bins.binCount], [3, rows, 2]);
  assert.deepEqual([...bins.rankColumn], [-1, 0, -1]);
  assert.deepEqual([...bins.binStart], [0, 3, 3 + rows, 5 + rows]);
  assert.equal(bins.ranks.length, rows);
  // Feature 1 falls as the row index grows: row i has rank rows - 1 - i.
  assert.deepEqual([...bins.ranks.subarray(0, 3)], [rows - 1, rows - 2, rows - 3]);
  assert.deepEqual([...bins.codes.subarray(0, 4)], [0, 1, 2, 0]);
  assert.deepEqual([...bins.codes.subarray(2 * rows, 2 * rows + 3)], [0, 1, 0]);
  assert.equal(splitThreshold(bins, 1, 0, 1), 925.375);
  assert.equal(splitThreshold(bins, 2, 0, 1), 0.5);
});

test("binFeatures codes each feature of a matrix on its own, column-major", () => {
  const bins = binFeatures(createMatrix(3, 2, Float64Array.from([1, 30, 2, 10, 3, 20])));
  assert.deepEqual([...bins.codes], [0, 1, 2, 2, 0, 1]);
});

test("binFeatures rejects values that are not finite float32", () => {
  assert.throws(() => binFeatures(column([1, NaN])), /feature 0 row 1/);
  assert.throws(() => binFeatures(column([1e39])), RangeError);
});

test("binFeatures bins columns of one or two distinct values (no sort) as valueGroups would: -0 and 0 one value, close values one bin", () => {
  const twoValues = binFeatures(column([1, 0, 0, 1, 0]));
  assert.equal(twoValues.binCount[0], 2);
  assert.deepEqual([...twoValues.codes], [1, 0, 0, 1, 0]);
  assert.deepEqual([twoValues.low[0], twoValues.high[0], twoValues.low[1], twoValues.high[1]], [0, 0, 1, 1]);
  const zeros = binFeatures(column([0, -0, 0]));
  assert.equal(zeros.binCount[0], 1);
  assert.ok(Object.is(zeros.low[0], -0) && Object.is(zeros.high[0], 0));
  const close = Math.fround(0.5 + 6e-8);
  const near = binFeatures(column([close, 0.5, close]));
  assert.equal(near.binCount[0], 1);
  assert.deepEqual([near.low[0], near.high[0], ...near.codes], [0.5, close, 0, 0, 0]);
  assert.equal(binFeatures(createMatrix(0, 1)).binCount[0], 1);
});
