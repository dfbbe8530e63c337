import assert from "node:assert/strict";
import { test } from "node:test";
import { DummyRegressor } from "../../src/models/dummyRegressor.js";
import { createMatrix } from "../../src/stats/matrix.js";
import { matrix, problem, regressionReference } from "./regressionReference.js";

/** DummyRegressor against scikit-learn 1.2.1's DummyRegressor() (the mean), bit for bit. */
for (const [name, c] of Object.entries(regressionReference.linear)) {
  test(`DummyRegressor equals scikit-learn's constant exactly (${name})`, () => {
    const p = problem(c);
    assert.deepEqual([...new DummyRegressor().fit(p.XTrain, p.yTrain).predict(p.XTest)], c.dummy);
  });
}

test("DummyRegressor's mean is numpy's, not a left-to-right sum's", () => {
  // Ten 0.1s sum to 0.9999999999999999 left to right, to 1 in numpy's order (8 accumulators).
  const y = new Float64Array(10).fill(0.1);
  const predicted = new DummyRegressor().fit(createMatrix(10, 0), y).predict(createMatrix(1, 0))[0];
  assert.equal(predicted, 0.1);
  let leftToRight = 0;
  for (const v of y) leftToRight += v;
  assert.notEqual(leftToRight / 10, 0.1);
});

test("DummyRegressor reads only the rows of X, refuses non-finite targets and predicting before fitting", () => {
  const model = new DummyRegressor().fit(matrix([[NaN], [2]]), Float64Array.from([1, 3]));
  assert.deepEqual([...model.predict(createMatrix(3, 0))], [2, 2, 2]);
  assert.throws(() => new DummyRegressor().fit(matrix([[1], [2]]), Float64Array.from([1, NaN])), /target at row 1 is NaN/);
  assert.throws(() => new DummyRegressor().fit(matrix([[1], [2]]), Float64Array.from([1])), /2 rows but 1 targets/);
  assert.throws(() => new DummyRegressor().predict(matrix([[1]])), /not fitted/);
});
