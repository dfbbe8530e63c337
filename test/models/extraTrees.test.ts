import assert from "node:assert/strict";
import { test } from "node:test";
import { ExtraTreesClassifier } from "../../src/models/extraTrees.js";
import { createMatrix, type Matrix } from "../../src/stats/matrix.js";
import { predictedLabels } from "../../src/stats/predictedLabels.js";
import { rocAuc } from "../../src/stats/rocAuc.js";
import { createRng } from "../../src/stats/rng.js";
import { ensembles } from "./ensembleReference.js";
import { referenceSplit } from "./treeReferenceData.js";

const extraTrees = (seed: number, nEstimators?: number) => new ExtraTreesClassifier({ rng: createRng(seed), nEstimators });

function accuracy(y: Uint32Array, proba: Float64Array, nClasses: number): number {
  const labels = predictedLabels(proba, nClasses);
  let hits = 0;
  for (let i = 0; i < y.length; i++) if (y[i] === labels[i]) hits++;
  return hits / y.length;
}

for (const [name, c] of Object.entries(ensembles.classification)) {
  test(`ExtraTreesClassifier's accuracy and AUC match scikit-learn's over seeds (${name})`, () => {
    const split = referenceSplit(c.features, c.target);
    const seeds = [1, 2, 3, 4, 5];
    let accuracySum = 0;
    let aucSum = 0;
    for (const seed of seeds) {
      const proba = extraTrees(seed).fit(split.XTrain, split.yTrain, split.nClasses).predictProba(split.XTest);
      accuracySum += accuracy(split.yTest, proba, split.nClasses);
      aucSum += rocAuc(split.yTest, proba, split.nClasses);
    }
    const expected = c.extraTreesSeedMean;
    // 0.03, the tolerance; averaged over 5 seeds on each side because no two random streams match.
    assert.ok(Math.abs(accuracySum / seeds.length - expected.accuracy) <= 0.03, `accuracy ${accuracySum / seeds.length} vs ${expected.accuracy}`);
    assert.ok(Math.abs(aucSum / seeds.length - expected.auc) <= 0.03, `AUC ${aucSum / seeds.length} vs ${expected.auc}`);
  });
}

/** Class 1 when x > 0.5, on 2,000 distinct values: far more than the 256 bins a histogram tree has. */
function fineGrained(rows: number): { X: Matrix; y: Uint32Array } {
  const rng = createRng(11);
  const x = Float64Array.from({ length: rows }, () => rng.next());
  return { X: createMatrix(rows, 1, x), y: Uint32Array.from(x, (v) => (v > 0.5 ? 1 : 0)) };
}

test("ExtraTreesClassifier fits every training row on a feature with 2,000 distinct values (thresholds on raw values, not bins)", () => {
  const { X, y } = fineGrained(2000);
  const proba = extraTrees(3, 5).fit(X, y, 2).predictProba(X);
  // Unpruned trees end in pure leaves, so each tree, and the forest, reproduces the training labels
  // with certainty; a threshold that could only fall between bins would leave mixed leaves where
  // a bin straddles 0.5.
  for (let i = 0; i < X.rows; i++) assert.equal(proba[i * 2 + y[i]], 1, `row ${i} (x = ${X.data[i]})`);
});

test("ExtraTreesClassifier is deterministic for a seed and differs for another", () => {
  const split = referenceSplit(ensembles.classification["y3-quantile"].features, "y3");
  const a = extraTrees(7, 10).fit(split.XTrain, split.yTrain, 3).predictProba(split.XTest);
  assert.deepEqual(a, extraTrees(7, 10).fit(split.XTrain, split.yTrain, 3).predictProba(split.XTest));
  assert.notDeepEqual(a, extraTrees(8, 10).fit(split.XTrain, split.yTrain, 3).predictProba(split.XTest));
});

test("ExtraTreesClassifier probabilities sum to 1 and leave a class absent from training at 0", () => {
  const split = referenceSplit(ensembles.classification["y2-exact"].features, "y2");
  const y = Uint32Array.from(split.yTrain, (label) => label * 2);
  const proba = extraTrees(3, 20).fit(split.XTrain, y, 3).predictProba(split.XTest);
  for (let i = 0; i < split.XTest.rows; i++) {
    assert.equal(proba[i * 3 + 1], 0);
    assert.ok(Math.abs(proba[i * 3] + proba[i * 3 + 2] - 1) < 1e-12);
  }
});

test("ExtraTreesClassifier grows every tree on every training row (no bootstrap): distinct rows are predicted with certainty", () => {
  // y2-quantile has two full-precision features, so no two training rows share all their values.
  const split = referenceSplit(ensembles.classification["y2-quantile"].features, "y2");
  const proba = extraTrees(4, 10).fit(split.XTrain, split.yTrain, 2).predictProba(split.XTrain);
  for (let i = 0; i < split.XTrain.rows; i++) assert.equal(proba[i * 2 + split.yTrain[i]], 1);
});

test("ExtraTreesClassifier rejects bad options and input", () => {
  const split = referenceSplit(ensembles.classification["y2-exact"].features, "y2");
  assert.throws(() => extraTrees(1, 0), /nEstimators must be a positive integer/);
  assert.throws(() => extraTrees(1).fit(split.XTrain, split.yTrain, 1), /label 1/);
  assert.throws(() => extraTrees(1).predictProba(split.XTest), /not fitted/);
  const bad = Float64Array.from(split.XTrain.data);
  bad[9] = Infinity;
  assert.throws(() => extraTrees(1, 2).fit(createMatrix(split.XTrain.rows, split.XTrain.cols, bad), split.yTrain, 2), /feature 1 row 1 is Infinity/);
  assert.throws(() => extraTrees(1, 2).fit(split.XTrain, split.yTrain, 2).predictProba(createMatrix(1, 3, new Float64Array(3))), /fitted on 8 features, got 3/);
});
