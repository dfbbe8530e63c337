import assert from "node:assert/strict";
import { test } from "node:test";
import { AdaBoostClassifier } from "../../src/models/adaBoost.js";
import { growStump, stumpColumns } from "../../src/models/exactStump.js";
import { binFeatures } from "../../src/models/featureBins.js";
import { GiniCriterion } from "../../src/models/giniCriterion.js";
import { growTree, type FlatTree } from "../../src/models/treeGrowth.js";
import { createMatrix } from "../../src/stats/matrix.js";
import { predictedLabels } from "../../src/stats/predictedLabels.js";
import { rocAuc } from "../../src/stats/rocAuc.js";
import { createRng } from "../../src/stats/rng.js";
import { ensembles, largestDifference } from "./ensembleReference.js";
import { referenceSplit } from "./treeReferenceData.js";

const ada = (seed: number, nEstimators?: number) => new AdaBoostClassifier({ rng: createRng(seed), nEstimators });

function accuracy(y: Uint32Array, proba: Float64Array, nClasses: number): number {
  const labels = predictedLabels(proba, nClasses);
  let hits = 0;
  for (let i = 0; i < y.length; i++) if (y[i] === labels[i]) hits++;
  return hits / y.length;
}

const exactThree = referenceSplit(ensembles.classification["y3-exact"].features, "y3");

for (const [name, c] of Object.entries(ensembles.classification)) {
  const split = referenceSplit(c.features, c.target);
  test(`AdaBoostClassifier's 50 SAMME.R rounds give scikit-learn's probabilities (${name})`, () => {
    // The quantile cases hold full-precision features: their stumps must take scikit-learn's exact
    // thresholds, not bin edges, or boosting carries the difference into every later round.
    const proba = ada(1).fit(split.XTrain, split.yTrain, split.nClasses).predictProba(split.XTest);
    // Leaf fractions and weight sums may round differently in the last bit (measured: 1.1e-16).
    assert.ok(largestDifference(proba, c.adaBoost.proba.flat()) < 1e-12, `largest difference ${largestDifference(proba, c.adaBoost.proba.flat())}`);
    assert.ok(Math.abs(accuracy(split.yTest, proba, split.nClasses) - c.adaBoost.accuracy) < 1e-12);
    assert.ok(Math.abs(rocAuc(split.yTest, proba, split.nClasses) - c.adaBoost.auc) < 1e-12);
  });
}

/** A depth-1 tree is scikit-learn's weighted stump of the reference: feature, threshold and both leaves. */
function assertReferenceStump(tree: FlatTree): void {
  const { stump } = ensembles;
  assert.equal(tree.nodeCount, 3);
  assert.equal(tree.feature[0], stump.feature);
  // scikit-learn stores thresholds as doubles from float32 midpoints; ours is the same midpoint.
  assert.equal(tree.threshold[0], stump.threshold);
  const leaf = (node: number) => [...tree.values.subarray(tree.valueOffset[node], tree.valueOffset[node] + 3)];
  assert.ok(largestDifference(leaf(tree.left[0]), stump.left) < 1e-15);
  assert.ok(largestDifference(leaf(tree.right[0]), stump.right) < 1e-15);
}

test("a weighted depth-1 tree makes scikit-learn's stump: feature, threshold and both leaves", () => {
  const weight = Float64Array.from(ensembles.stump.weight);
  assertReferenceStump(growTree(binFeatures(exactThree.XTrain), new GiniCriterion(exactThree.yTrain, 3, weight), { maxFeatures: exactThree.XTrain.cols, rng: createRng(1), maxDepth: 1 }));
});

test("growStump makes scikit-learn's weighted stump too, from the sorted columns", () => {
  assertReferenceStump(growStump(stumpColumns(exactThree.XTrain), exactThree.yTrain, 3, Float64Array.from(ensembles.stump.weight), createRng(1)));
});

test("growStump splits a full-precision feature between its neighbouring values, not at a bin edge, and makes a leaf of a pure or constant node", () => {
  // 600 distinct values, more than the 256 bins a binned search could cut at: the best cut lies
  // between ranks 300 and 301 (labels switch there), which no equal-count bin edge need hit.
  const rows = 600;
  const data = Float64Array.from({ length: rows }, (_, i) => (i * 7919) % rows / 3 + 0.001);
  const y = Uint32Array.from(data, (v) => (v > 100.1 ? 1 : 0));
  const weight = new Float64Array(rows).fill(1 / rows);
  const tree = growStump(stumpColumns(createMatrix(rows, 1, data)), y, 2, weight, createRng(3));
  const below = Math.max(...data.filter((v) => v <= 100.1));
  const above = Math.min(...data.filter((v) => v > 100.1));
  assert.equal(tree.threshold[0], Math.fround(below) / 2 + Math.fround(above) / 2);
  assert.deepEqual([...tree.values], [1, 0, 0, 1]);
  const pure = growStump(stumpColumns(createMatrix(rows, 1, data)), new Uint32Array(rows), 2, weight, createRng(3));
  assert.equal(pure.nodeCount, 1);
  const constant = growStump(stumpColumns(createMatrix(rows, 1, new Float64Array(rows).fill(2))), y, 2, weight, createRng(3));
  assert.equal(constant.nodeCount, 1);
});

test("AdaBoostClassifier with one estimator gives scikit-learn's probabilities of a single SAMME.R stump", () => {
  const proba = ada(1, 1).fit(exactThree.XTrain, exactThree.yTrain, 3).predictProba(exactThree.XTest);
  assert.ok(largestDifference(proba, ensembles.stump.singleEstimatorProba.flat()) < 1e-12);
});

test("AdaBoostClassifier gives a class absent from training probability 0 and runs SAMME.R on the classes present", () => {
  // Labels 0 and 2 of 3: the same fit as labels 0 and 1 of 2, with an empty middle column.
  const y2 = referenceSplit(ensembles.classification["y2-exact"].features, "y2");
  const spread = Uint32Array.from(y2.yTrain, (label) => label * 2);
  const three = ada(2, 10).fit(y2.XTrain, spread, 3).predictProba(y2.XTest);
  const two = ada(2, 10).fit(y2.XTrain, y2.yTrain, 2).predictProba(y2.XTest);
  for (let i = 0; i < y2.XTest.rows; i++) {
    assert.equal(three[i * 3 + 1], 0);
    assert.equal(three[i * 3], two[i * 2]);
    assert.equal(three[i * 3 + 2], two[i * 2 + 1]);
  }
});

test("AdaBoostClassifier trained on one class predicts it with certainty, as scikit-learn", () => {
  const X = createMatrix(3, 1, Float64Array.from([1, 2, 3]));
  const proba = ada(1).fit(X, Uint32Array.from([1, 1, 1]), 2).predictProba(X);
  assert.deepEqual([...proba], [0, 1, 0, 1, 0, 1]);
});

test("AdaBoostClassifier stops at a perfect stump, whose probabilities then decide alone", () => {
  const X = createMatrix(4, 1, Float64Array.from([1, 2, 3, 4]));
  const model = ada(1).fit(X, Uint32Array.from([0, 0, 1, 1]), 2);
  assert.equal(model.stumpCount, 1);
  const proba = model.predictProba(X);
  // One stump with pure leaves, its zeros clipped to eps (log(eps) / 2 on each side of the
  // softmax): scikit-learn gives [0.9999999999999998, 2.220446049250318e-16] to a row of class 0.
  const sure = 0.9999999999999998;
  const eps = 2.220446049250318e-16;
  assert.deepEqual([...proba], [sure, eps, sure, eps, eps, sure, eps, sure]);
});

test("AdaBoostClassifier is deterministic for a seed and its probabilities sum to 1", () => {
  const a = ada(7, 10).fit(exactThree.XTrain, exactThree.yTrain, 3).predictProba(exactThree.XTest);
  assert.deepEqual(a, ada(7, 10).fit(exactThree.XTrain, exactThree.yTrain, 3).predictProba(exactThree.XTest));
  for (let i = 0; i < exactThree.XTest.rows; i++) assert.ok(Math.abs(a[i * 3] + a[i * 3 + 1] + a[i * 3 + 2] - 1) < 1e-12);
});

test("AdaBoostClassifier rejects bad options and input", () => {
  assert.throws(() => ada(1, 0), /nEstimators must be a positive integer/);
  assert.throws(() => new AdaBoostClassifier({ rng: createRng(1), learningRate: 0 }), /learningRate must be a positive number/);
  assert.throws(() => ada(1).fit(exactThree.XTrain, exactThree.yTrain, 2), /label 2/);
  assert.throws(() => ada(1).predictProba(exactThree.XTest), /not fitted/);
  const fitted = ada(1, 2).fit(exactThree.XTrain, exactThree.yTrain, 3);
  assert.throws(() => fitted.predictProba(createMatrix(1, 8, new Float64Array(8).fill(NaN))), /is NaN/);
});
