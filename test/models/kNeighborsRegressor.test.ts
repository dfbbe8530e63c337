import assert from "node:assert/strict";
import { test } from "node:test";
import { KNeighborsRegressor } from "../../src/models/kNeighborsRegressor.js";
import { matrix, problem, regressionReference } from "./regressionReference.js";

/**
 * KNeighborsRegressor against scikit-learn 1.2.1's KNeighborsRegressor() (k=5, uniform, brute
 * euclidean) on cases where no test row has a tie at its 5th neighbour (the reference script
 * asserts it): the same neighbours, summed nearest first, so the means are equal bit for bit.
 */
for (const [name, c] of Object.entries(regressionReference.linear)) {
  test(`KNeighborsRegressor equals scikit-learn's predictions exactly (${name})`, () => {
    const p = problem(c);
    assert.deepEqual([...new KNeighborsRegressor().fit(p.XTrain, p.yTrain).predict(p.XTest)], c.knn);
  });
}

test("KNeighborsRegressor averages the k nearest targets, exact ties going to the lower training index", () => {
  const X = matrix([[0], [1], [-1], [5], [6]]);
  const y = Float64Array.from([10, 20, 30, 40, 50]);
  // From 0: row 0 (0), then rows 1 and 2 tie at 1: k = 2 keeps row 1.
  assert.deepEqual([...new KNeighborsRegressor(2).fit(X, y).predict(matrix([[0], [5.4]]))], [15, 45]);
});

test("KNeighborsRegressor refuses fewer training rows than k, as scikit-learn does, and takes exactly k", () => {
  assert.throws(() => new KNeighborsRegressor().fit(matrix([[0], [1], [2]]), Float64Array.from([1, 2, 6])), /3 training rows, fewer than n_neighbors=5/);
  assert.deepEqual([...new KNeighborsRegressor(3).fit(matrix([[0], [1], [2]]), Float64Array.from([1, 2, 6])).predict(matrix([[100]]))], [3]);
});

test("KNeighborsRegressor refuses a k that is not a positive integer, and predicting before fitting", () => {
  assert.throws(() => new KNeighborsRegressor(0), /k must be a positive integer/);
  assert.throws(() => new KNeighborsRegressor(2.5), /k must be a positive integer/);
  assert.throws(() => new KNeighborsRegressor().predict(matrix([[1]])), /not fitted/);
});
