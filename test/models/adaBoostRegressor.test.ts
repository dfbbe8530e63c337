import assert from "node:assert/strict";
import { test } from "node:test";
import { AdaBoostRegressor } from "../../src/models/adaBoostRegressor.js";
import { createMatrix, type Matrix } from "../../src/stats/matrix.js";
import { r2Score } from "../../src/stats/regressionScores.js";
import { createRng } from "../../src/stats/rng.js";
import { ensembles, largestDifference, systematicRng } from "./ensembleReference.js";
import { matrix, problem } from "./regressionReference.js";

const ada = (seed: number, nEstimators?: number) => new AdaBoostRegressor({ rng: createRng(seed), nEstimators });
const c = ensembles.regression;
const p = problem(c);
const yTest = Float64Array.from(c.yTest);

function columns(X: Matrix, keep: readonly number[]): Matrix {
  const data = new Float64Array(X.rows * keep.length);
  for (let i = 0; i < X.rows; i++) keep.forEach((j, k) => (data[i * keep.length + k] = X.data[i * X.cols + j]));
  return createMatrix(X.rows, keep.length, data);
}

test("AdaBoostRegressor with systematic bootstrap draws makes scikit-learn's trees, weights, early stop and weighted medians", () => {
  // The reference script gives numpy's choice the uniforms (k + 0.5) / n; so does systematicRng.
  const { features, estimators, estimatorWeights, predictions } = c.systematic;
  const XTrain = columns(p.XTrain, features);
  const model = new AdaBoostRegressor({ rng: systematicRng(XTrain.rows) }).fit(XTrain, p.yTrain);
  const ours = model.predict(columns(p.XTest, features));
  // scikit-learn stopped early (a round's error reached 0.5 and its tree was dropped).
  assert.ok(estimators < 50);
  assert.equal(model.treeWeights.length, estimators);
  // Sums of weights and leaf means may round differently in the last bits (measured: below 1e-13).
  assert.ok(largestDifference(model.treeWeights, estimatorWeights) < 1e-12, `weights differ by ${largestDifference(model.treeWeights, estimatorWeights)}`);
  assert.ok(largestDifference(ours, predictions) < 1e-9, `predictions differ by ${largestDifference(ours, predictions)}`);
});

test("AdaBoostRegressor's held-out R2 is within 0.03 of scikit-learn's (mean of 5 seeds each)", () => {
  let sum = 0;
  for (let seed = 1; seed <= 5; seed++) sum += r2Score(yTest, ada(seed).fit(p.XTrain, p.yTrain).predict(p.XTest));
  assert.ok(Math.abs(sum / 5 - c.adaBoostR2Mean) <= 0.03, `R2 ${sum / 5} vs ${c.adaBoostR2Mean}`);
});

test("AdaBoostRegressor on a target a tree fits exactly stops after that tree and predicts it", () => {
  const X = matrix([[1], [2], [3], [4], [5], [6]]);
  const y = Float64Array.from([5, 5, 5, 9, 9, 9]);
  assert.deepEqual([...ada(1).fit(X, y).predict(matrix([[0], [3.4], [3.6], [10]]))], [5, 5, 9, 9]);
});

test("AdaBoostRegressor predicts many rows (in blocks) as it predicts each row alone", () => {
  const model = ada(3, 10).fit(p.XTrain, p.yTrain);
  const rng = createRng(9);
  const rows = 2500;
  const X = createMatrix(rows, p.XTrain.cols, Float64Array.from({ length: rows * p.XTrain.cols }, () => rng.next() * 20 - 5));
  const together = model.predict(X);
  for (let i = 0; i < rows; i += 97) {
    const alone = model.predict(createMatrix(1, X.cols, X.data.slice(i * X.cols, (i + 1) * X.cols)));
    assert.equal(together[i], alone[0]);
  }
});

test("AdaBoostRegressor is deterministic for a seed and differs for another", () => {
  const a = ada(7, 10).fit(p.XTrain, p.yTrain).predict(p.XTest);
  assert.deepEqual(a, ada(7, 10).fit(p.XTrain, p.yTrain).predict(p.XTest));
  assert.notDeepEqual(a, ada(8, 10).fit(p.XTrain, p.yTrain).predict(p.XTest));
});

test("AdaBoostRegressor predicts one of its trees' predictions, so within the training targets' range", () => {
  const predictions = ada(5, 10).fit(p.XTrain, p.yTrain).predict(p.XTest);
  const low = Math.min(...p.yTrain);
  const high = Math.max(...p.yTrain);
  for (const v of predictions) assert.ok(v >= low && v <= high);
});

test("AdaBoostRegressor rejects bad options and input", () => {
  assert.throws(() => ada(1, 0), /nEstimators must be a positive integer/);
  assert.throws(() => new AdaBoostRegressor({ rng: createRng(1), learningRate: -1 }), /learningRate must be a positive number/);
  assert.throws(() => ada(1).fit(matrix([[1], [2]]), Float64Array.from([1, Infinity])), /target at row 1 is Infinity/);
  assert.throws(() => ada(1).predict(matrix([[1]])), /not fitted/);
});
