import assert from "node:assert/strict";
import { test } from "node:test";
import { GradientBoostingClassifier } from "../../src/models/gradientBoostingClassifier.js";
import { createMatrix } from "../../src/stats/matrix.js";
import { assertProbabilityRows, boostingReference, labels, largestDifference, matrix } from "./boostingReference.js";

/**
 * GradientBoostingClassifier against scikit-learn 1.2.1's GradientBoostingClassifier() (see
 * test/reference/boosting_reference.py). With one feature no tie between features can arise, so
 * the probabilities must be scikit-learn's; with four, ties are broken in a different order and
 * held-out scores are compared with the mean over ten random_states.
 */
const one = boostingReference["gb-one-feature"];
const XTrain = matrix(one.XTrain);
const XTest = matrix(one.XTest);
const remap = (values: readonly number[], to: readonly number[]): Uint32Array => Uint32Array.from(values, (v) => to[v]);

test("GradientBoostingClassifier matches scikit-learn's probabilities on one feature, two classes (one tree per stage)", () => {
  const proba = new GradientBoostingClassifier().fit(XTrain, labels(one.yBinary), 2).predictProba(XTest);
  assert.ok(largestDifference(proba, one.binary) <= 1e-12, `largest difference ${largestDifference(proba, one.binary)}`);
});

test("GradientBoostingClassifier matches scikit-learn's probabilities on one feature, three classes (a tree per class per stage)", () => {
  const proba = new GradientBoostingClassifier().fit(XTrain, labels(one.yMulticlass), 3).predictProba(XTest);
  assertProbabilityRows(proba, 3);
  assert.ok(largestDifference(proba, one.multiclass) <= 1e-12, `largest difference ${largestDifference(proba, one.multiclass)}`);
});

for (const kind of ["binary", "multiclass"] as const) {
  test(`GradientBoostingClassifier's held-out accuracy and log-loss are within 0.03 of scikit-learn's means over ten random_states (four features, ${kind})`, () => {
    const c = boostingReference["gb-classification"];
    const { yTrain, yTest, accuracyMean, logLossMean } = c[kind];
    const nClasses = kind === "binary" ? 2 : 3;
    const proba = new GradientBoostingClassifier().fit(matrix(c.XTrain), labels(yTrain), nClasses).predictProba(matrix(c.XTest));
    let correct = 0;
    let logLoss = 0;
    for (let i = 0; i < yTest.length; i++) {
      const row = Array.from(proba.subarray(i * nClasses, (i + 1) * nClasses));
      if (row.indexOf(Math.max(...row)) === yTest[i]) correct++;
      logLoss -= Math.log(Math.max(row[yTest[i]], 1e-15));
    }
    const accuracy = correct / yTest.length;
    logLoss /= yTest.length;
    assert.ok(Math.abs(accuracy - accuracyMean) <= 0.03, `accuracy ${accuracy} vs ${accuracyMean}`);
    assert.ok(Math.abs(logLoss - logLossMean) <= 0.03, `log-loss ${logLoss} vs ${logLossMean}`);
  });
}

test("GradientBoostingClassifier gives a class absent from training probability 0, the others as scikit-learn fitted on the classes present", () => {
  // Classes 0, 1, 2 of the reference become 0, 1, 3 of four: class 2 never appears.
  const proba = new GradientBoostingClassifier().fit(XTrain, remap(one.yMulticlass, [0, 1, 3]), 4).predictProba(XTest);
  const present = one.multiclass.map((row) => [row[0], row[1], 0, row[2]]);
  assert.ok(largestDifference(proba, present) <= 1e-12);
  // Two classes present out of three: the binary model, not a three-class one.
  const binary = new GradientBoostingClassifier().fit(XTrain, remap(one.yBinary, [0, 2]), 3).predictProba(XTest);
  assert.ok(largestDifference(binary, one.binary.map((row) => [row[0], 0, row[1]])) <= 1e-12);
});

test("GradientBoostingClassifier with a single training class gives it probability 1", () => {
  const proba = new GradientBoostingClassifier().fit(XTrain, new Uint32Array(XTrain.rows).fill(1), 3).predictProba(XTest);
  for (let i = 0; i < XTest.rows; i++) assert.deepEqual(Array.from(proba.subarray(3 * i, 3 * i + 3)), [0, 1, 0]);
});

test("GradientBoostingClassifier leaves its training data unchanged", () => {
  const before = Float64Array.from(XTrain.data);
  new GradientBoostingClassifier({ nEstimators: 5 }).fit(XTrain, labels(one.yMulticlass), 3);
  assert.deepEqual(XTrain.data, before);
});

test("GradientBoostingClassifier refuses bad options and input, naming the row", () => {
  const X = matrix([[1, 2], [2, 1], [3, 5], [4, 4]]);
  const y = Uint32Array.from([0, 1, 0, 1]);
  assert.throws(() => new GradientBoostingClassifier({ nEstimators: 0 }), /nEstimators must be a positive integer/);
  assert.throws(() => new GradientBoostingClassifier({ learningRate: 0 }), /learningRate must be positive/);
  assert.throws(() => new GradientBoostingClassifier({ maxDepth: 0 }), /maxDepth must be an integer in 1\.\.20/);
  assert.throws(() => new GradientBoostingClassifier().fit(X, Uint32Array.from([0, 1, 2, 1]), 2), /label 2 at row 2 is not below nClasses 2/);
  assert.throws(() => new GradientBoostingClassifier().fit(createMatrix(4, 2, Float64Array.from([1, 2, 2, NaN, 3, 5, 4, 4])), y, 2), /feature 1 row 1 is NaN/);
  assert.throws(() => new GradientBoostingClassifier().predictProba(X), /not fitted/);
  const fitted = new GradientBoostingClassifier({ nEstimators: 3 }).fit(X, y, 2);
  assert.throws(() => fitted.predictProba(matrix([[1, 2, 3]])), /fitted on 2 features, got 3/);
  assert.throws(() => fitted.predictProba(matrix([[1, Infinity]])), /feature 1 row 0 is Infinity/);
});
