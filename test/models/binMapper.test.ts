import assert from "node:assert/strict";
import { test } from "node:test";
import { binFeaturesForHistograms, binOf, binThresholds } from "../../src/models/binMapper.js";
import { createMatrix } from "../../src/stats/matrix.js";
import { createRng } from "../../src/stats/rng.js";
import { boostingReference, formulaRows } from "./boostingReference.js";

test("binFeaturesForHistograms finds scikit-learn's bin thresholds, by quantile and by distinct value, to the last bit", () => {
  const c = boostingReference.hgb;
  const binned = binFeaturesForHistograms(formulaRows(0, c.rows).X);
  assert.equal(binned.thresholds.length, c.binThresholds.length);
  binned.thresholds.forEach((thresholds, j) => assert.deepEqual(Array.from(thresholds), c.binThresholds[j], `feature ${j}`));
});

test("binThresholds: midpoints of distinct values up to maxBins of them, and none for a constant column", () => {
  assert.deepEqual(Array.from(binThresholds(Float64Array.from([3, 1, 2, 3, 1]), 255)), [1.5, 2.5]);
  assert.deepEqual(Array.from(binThresholds(Float64Array.from([-0, 0, 0]), 255)), []);
  // Three distinct values but two bins: numpy's midpoint median of [1, 1, 2, 3].
  assert.deepEqual(Array.from(binThresholds(Float64Array.from([1, 2, 3, 1]), 2)), [1.5]);
});

test("a value equal to a threshold falls in the bin below it, as scikit-learn's _map_to_bins", () => {
  const thresholds = Float64Array.from([1.5, 2.5]);
  assert.deepEqual([0, 1.5, 1.6, 2.5, 9].map((v) => binOf(v, thresholds)), [0, 0, 1, 1, 2]);
  // Row-major codes; the second column is constant: one bin.
  const binned = binFeaturesForHistograms(createMatrix(4, 2, Float64Array.from([3, 7, 1, 7, 2, 7, 1, 7])));
  assert.deepEqual(Array.from(binned.codes), [2, 0, 0, 0, 1, 0, 0, 0]);
});

test("binOf counts the thresholds strictly below a value, repeated thresholds included", () => {
  const rng = createRng(12);
  for (let trial = 0; trial < 300; trial++) {
    const thresholds = Float64Array.from({ length: rng.int(40) }, () => rng.int(20)).sort();
    for (let q = 0; q < 20; q++) {
      const value = rng.int(24) - 2 + (rng.next() < 0.5 ? 0.5 : 0);
      assert.equal(binOf(value, thresholds), thresholds.filter((t) => t < value).length);
    }
  }
});

test("binFeaturesForHistograms refuses non-finite values and a bad maxBins", () => {
  assert.throws(() => binFeaturesForHistograms(createMatrix(2, 1, Float64Array.from([1, Infinity]))), /feature 0 row 1 is Infinity/);
  assert.throws(() => binFeaturesForHistograms(createMatrix(1, 1, Float64Array.from([1])), 256), /maxBins must be an integer in 2\.\.255/);
});

test("binFeaturesForHistograms gives two-valued and constant columns the thresholds and codes of the general path", () => {
  const rng = createRng(5);
  const rows = 200;
  const columns = [
    (i: number) => (rng.next() < 0.1 ? 2.5 : -0.4), // one-hot, rare high
    (i: number) => (i === rows - 1 ? -3 : 1), // second value only in the last row
    (i: number) => (i % 2 === 0 ? -0 : 0), // one value, written two ways
    () => 7, // constant
    () => Math.round(rng.next() * 50) / 10, // many values
    (i: number) => (i % 3 === 0 ? 1 : 0), // 0/1
  ];
  const data = new Float64Array(rows * columns.length);
  for (let i = 0; i < rows; i++) columns.forEach((value, j) => (data[i * columns.length + j] = value(i)));
  for (const maxBins of [255, 2]) {
    const binned = binFeaturesForHistograms(createMatrix(rows, columns.length, data), maxBins);
    columns.forEach((_, j) => {
      const column = Float64Array.from({ length: rows }, (_, i) => data[i * columns.length + j]);
      const expected = binThresholds(column, maxBins);
      assert.deepEqual(Array.from(binned.thresholds[j]), Array.from(expected), `column ${j}, maxBins ${maxBins}`);
      for (let i = 0; i < rows; i++) assert.equal(binned.codes[i * columns.length + j], binOf(column[i], expected), `column ${j} row ${i}`);
    });
  }
});
