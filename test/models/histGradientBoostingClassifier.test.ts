import assert from "node:assert/strict";
import { test } from "node:test";
import { HistGradientBoostingClassifier } from "../../src/models/histGradientBoostingClassifier.js";
import { createMatrix } from "../../src/stats/matrix.js";
import { assertProbabilityRows, boostingReference, formulaRows, largestDifference, matrix } from "./boostingReference.js";

/**
 * HistGradientBoostingClassifier against scikit-learn 1.2.1's
 * HistGradientBoostingClassifier(early_stopping=False) (see test/reference/boosting_reference.py).
 * Nothing is random there, so the probabilities must be scikit-learn's: 2,000 rows whose trees
 * reach 31 leaves, features binned by quantiles and by distinct values.
 */
const c = boostingReference.hgb;
const train = formulaRows(0, c.rows);
const test_ = formulaRows(c.rows, c.rows + c.testRows);
const cut = (score: Float64Array, cuts: readonly number[]): Uint32Array => Uint32Array.from(score, (s) => cuts.filter((t) => s >= t).length);

test("HistGradientBoostingClassifier matches scikit-learn's probabilities on two classes", () => {
  const proba = new HistGradientBoostingClassifier().fit(train.X, cut(train.score, [0]), 2).predictProba(test_.X);
  assert.ok(largestDifference(proba, c.binary) <= 1e-12, `largest difference ${largestDifference(proba, c.binary)}`);
});

test("HistGradientBoostingClassifier matches scikit-learn's probabilities on four classes (a tree per class per iteration)", () => {
  const proba = new HistGradientBoostingClassifier().fit(train.X, cut(train.score, c.multiclassCuts), 4).predictProba(test_.X);
  assertProbabilityRows(proba, 4);
  assert.ok(largestDifference(proba, c.multiclass) <= 1e-12, `largest difference ${largestDifference(proba, c.multiclass)}`);
});

test("HistGradientBoostingClassifier on fewer than 40 rows grows single-leaf trees of value 0 and predicts the prior, as scikit-learn", () => {
  const small = boostingReference["hgb-small"];
  const proba = new HistGradientBoostingClassifier().fit(matrix(small.XTrain), Uint32Array.from(small.yBinary), 2).predictProba(matrix(small.XTest));
  assert.ok(largestDifference(proba, small.binary) <= 1e-15);
  const positives = small.yBinary.filter((y) => y === 1).length;
  for (let i = 0; i < small.XTest.length; i++) assert.ok(Math.abs(proba[2 * i + 1] - positives / small.yBinary.length) <= 1e-15);
});

test("HistGradientBoostingClassifier gives a class absent from training probability 0, the others as scikit-learn fitted on the classes present", () => {
  const y = Uint32Array.from(cut(train.score, c.multiclassCuts), (k) => [0, 1, 2, 4][k]);
  const proba = new HistGradientBoostingClassifier().fit(train.X, y, 5).predictProba(test_.X);
  assert.ok(largestDifference(proba, c.multiclass.map((row) => [row[0], row[1], row[2], 0, row[3]])) <= 1e-12);
});

test("HistGradientBoostingClassifier with a single training class gives it probability 1", () => {
  const proba = new HistGradientBoostingClassifier().fit(train.X, new Uint32Array(train.X.rows), 2).predictProba(test_.X);
  for (let i = 0; i < test_.X.rows; i++) assert.deepEqual([proba[2 * i], proba[2 * i + 1]], [1, 0]);
});

test("HistGradientBoostingClassifier refuses bad options and input, naming the row", () => {
  const X = matrix([[1, 2], [2, 1], [3, 5], [4, 4]]);
  const y = Uint32Array.from([0, 1, 0, 1]);
  assert.throws(() => new HistGradientBoostingClassifier({ maxIter: 0 }), /maxIter must be a positive integer/);
  assert.throws(() => new HistGradientBoostingClassifier({ learningRate: -1 }), /learningRate must be positive/);
  assert.throws(() => new HistGradientBoostingClassifier({ l2Regularization: NaN }), /l2Regularization must be >= 0/);
  assert.throws(() => new HistGradientBoostingClassifier({ maxLeafNodes: 1 }).fit(X, y, 2), /maxLeafNodes must be an integer >= 2/);
  assert.throws(() => new HistGradientBoostingClassifier({ maxBins: 256 }).fit(X, y, 2), /maxBins must be an integer in 2\.\.255/);
  assert.throws(() => new HistGradientBoostingClassifier().fit(X, Uint32Array.from([0, 3, 0, 1]), 2), /label 3 at row 1 is not below nClasses 2/);
  assert.throws(() => new HistGradientBoostingClassifier().fit(createMatrix(4, 2, Float64Array.from([1, 2, 2, 1, NaN, 5, 4, 4])), y, 2), /feature 0 row 2 is NaN/);
  assert.throws(() => new HistGradientBoostingClassifier().predictProba(X), /not fitted/);
  const fitted = new HistGradientBoostingClassifier({ maxIter: 2 }).fit(X, y, 2);
  assert.throws(() => fitted.predictProba(matrix([[1, 2, 3]])), /fitted on 2 features, got 3/);
  assert.throws(() => fitted.predictProba(matrix([[1, NaN]])), /feature 1 row 0 is NaN/);
});
