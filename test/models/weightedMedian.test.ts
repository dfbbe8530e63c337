import assert from "node:assert/strict";
import { test } from "node:test";
import { weightedMedian } from "../../src/models/weightedMedian.js";
import { ensembles } from "./ensembleReference.js";

test("weightedMedian equals scikit-learn's AdaBoostRegressor median on fixed predictions with ties and zero weights", () => {
  const { predictions, weights, median } = ensembles.weightedMedian;
  const w = Float64Array.from(weights);
  const order = new Uint32Array(w.length);
  assert.deepEqual(
    predictions.map((row) => weightedMedian(Float64Array.from(row), w, order)),
    median,
  );
});

test("weightedMedian with equal weights is the lower middle value, and with one weight that value", () => {
  const order = new Uint32Array(4);
  assert.equal(weightedMedian(Float64Array.from([4, 1, 3, 2]), Float64Array.from([1, 1, 1, 1]), order), 2);
  assert.equal(weightedMedian(Float64Array.from([5]), Float64Array.from([0]), new Uint32Array(1)), 5);
});

test("weightedMedian refuses no predictions and mismatched lengths", () => {
  assert.throws(() => weightedMedian(new Float64Array(0), new Float64Array(0), new Uint32Array(0)), /no predictions/);
  assert.throws(() => weightedMedian(new Float64Array(2), new Float64Array(3), new Uint32Array(2)), /2 predictions but 3 weights/);
});
