import assert from "node:assert/strict";
import { test } from "node:test";
import { GradientBoostingRegressor } from "../../src/models/gradientBoostingRegressor.js";
import { createMatrix } from "../../src/stats/matrix.js";
import { r2Score } from "../../src/stats/regressionScores.js";
import { boostingReference, largestDifference, matrix, targets } from "./boostingReference.js";

/**
 * GradientBoostingRegressor against scikit-learn 1.2.1's GradientBoostingRegressor() (see
 * test/reference/boosting_reference.py). Relative tolerances of 1e-12: the sums behind a leaf
 * mean are taken in another order than scikit-learn's (which itself varies with random_state).
 */
const one = boostingReference["gb-one-feature"];
const four = boostingReference["gb-regression"];

function assertClose(actual: Float64Array, expected: readonly number[], tolerance: number): void {
  const scale = Math.max(...expected.map(Math.abs));
  assert.ok(largestDifference(actual, expected) <= tolerance * scale, `largest difference ${largestDifference(actual, expected)}, scale ${scale}`);
}

test("GradientBoostingRegressor matches scikit-learn's held-out predictions on one feature", () => {
  assertClose(new GradientBoostingRegressor().fit(matrix(one.XTrain), targets(one.yRegression)).predict(matrix(one.XTest)), one.regression, 1e-12);
});

test("GradientBoostingRegressor matches scikit-learn's predictions on its four-feature training rows, which ties between features do not move", () => {
  const model = new GradientBoostingRegressor().fit(matrix(four.XTrain), targets(four.yTrain));
  assertClose(model.predict(matrix(four.XTrain)), four.trainPredictions, 1e-12);
});

test("GradientBoostingRegressor's held-out R2 is within 0.03 of scikit-learn's mean over ten random_states (four features)", () => {
  const predictions = new GradientBoostingRegressor().fit(matrix(four.XTrain), targets(four.yTrain)).predict(matrix(four.XTest));
  const r2 = r2Score(targets(four.yTest), predictions);
  assert.ok(Math.abs(r2 - four.testR2Mean) <= 0.03, `R2 ${r2} vs ${four.testR2Mean}`);
});

test("GradientBoostingRegressor with one stage predicts the mean plus a tenth of the tree's leaf mean residual", () => {
  // Eight rows, eight leaves at depth 3: each row is its own leaf, so its prediction moves a
  // tenth of the way from the mean (16) to its target.
  const X = matrix([[1], [2], [11], [12], [21], [22], [31], [32]]);
  const y = [0, 2, 10, 12, 20, 22, 30, 32];
  const predictions = new GradientBoostingRegressor({ nEstimators: 1 }).fit(X, targets(y)).predict(X);
  assert.ok(largestDifference(predictions, y.map((v) => 16 + 0.1 * (v - 16))) <= 1e-12, `${Array.from(predictions)}`);
  // Between the training values, a row goes where the midpoint thresholds send it.
  assert.ok(largestDifference(new GradientBoostingRegressor({ nEstimators: 1 }).fit(X, targets(y)).predict(matrix([[6.4], [6.6]])), [16 + 0.1 * (2 - 16), 16 + 0.1 * (10 - 16)]) <= 1e-12);
});

test("GradientBoostingRegressor refuses bad input, naming the row", () => {
  const X = matrix([[1, 2], [2, 1], [3, 5], [4, 4]]);
  const y = targets([1, 2, 3, 4]);
  assert.throws(() => new GradientBoostingRegressor({ nEstimators: 1.5 }), /nEstimators must be a positive integer/);
  assert.throws(() => new GradientBoostingRegressor().fit(X, targets([1, 2, NaN, 4])), /target at row 2 is NaN/);
  assert.throws(() => new GradientBoostingRegressor().fit(createMatrix(4, 2, Float64Array.from([1, 2, 2, 1, 3, -Infinity, 4, 4])), y), /feature 1 row 2 is -Infinity/);
  assert.throws(() => new GradientBoostingRegressor().predict(X), /not fitted/);
  const fitted = new GradientBoostingRegressor({ nEstimators: 2 }).fit(X, y);
  assert.throws(() => fitted.predict(matrix([[1]])), /fitted on 2 features, got 1/);
  assert.throws(() => fitted.predict(matrix([[NaN, 1]])), /feature 0 row 0 is NaN/);
});
