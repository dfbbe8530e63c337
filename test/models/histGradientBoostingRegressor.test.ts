import assert from "node:assert/strict";
import { test } from "node:test";
import { HistGradientBoostingRegressor } from "../../src/models/histGradientBoostingRegressor.js";
import { createMatrix } from "../../src/stats/matrix.js";
import { boostingReference, formulaRows, largestDifference, matrix, targets } from "./boostingReference.js";

/**
 * HistGradientBoostingRegressor against scikit-learn 1.2.1's
 * HistGradientBoostingRegressor(early_stopping=False) (see test/reference/boosting_reference.py):
 * deterministic on both sides, so the predictions must be scikit-learn's.
 */
const c = boostingReference.hgb;

test("HistGradientBoostingRegressor matches scikit-learn's predictions (2,000 rows, trees of 31 leaves)", () => {
  const train = formulaRows(0, c.rows);
  const predictions = new HistGradientBoostingRegressor().fit(train.X, train.score).predict(formulaRows(c.rows, c.rows + c.testRows).X);
  assert.ok(largestDifference(predictions, c.regression) <= 1e-12, `largest difference ${largestDifference(predictions, c.regression)}`);
});

test("HistGradientBoostingRegressor on fewer than 40 rows predicts the mean target (numpy's pairwise mean), as scikit-learn", () => {
  const small = boostingReference["hgb-small"];
  const predictions = new HistGradientBoostingRegressor().fit(matrix(small.XTrain), targets(small.yRegression)).predict(matrix(small.XTest));
  assert.deepEqual(Array.from(predictions), small.regression);
});

test("HistGradientBoostingRegressor refuses bad input, naming the row", () => {
  const X = matrix([[1, 2], [2, 1], [3, 5], [4, 4]]);
  const y = targets([1, 2, 3, 4]);
  assert.throws(() => new HistGradientBoostingRegressor({ maxIter: 2.5 }), /maxIter must be a positive integer/);
  assert.throws(() => new HistGradientBoostingRegressor().fit(X, targets([1, Infinity, 3, 4])), /target at row 1 is Infinity/);
  assert.throws(() => new HistGradientBoostingRegressor().fit(createMatrix(4, 2, Float64Array.from([1, 2, 2, 1, 3, 5, 4, NaN])), y), /feature 1 row 3 is NaN/);
  assert.throws(() => new HistGradientBoostingRegressor().fit(X, y.subarray(0, 3)), /4 rows but 3 targets/);
  assert.throws(() => new HistGradientBoostingRegressor().predict(X), /not fitted/);
  const fitted = new HistGradientBoostingRegressor({ maxIter: 2 }).fit(X, y);
  assert.throws(() => fitted.predict(matrix([[1]])), /fitted on 2 features, got 1/);
  assert.throws(() => fitted.predict(matrix([[1, -Infinity]])), /feature 1 row 0 is -Infinity/);
});
