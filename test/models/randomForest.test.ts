import assert from "node:assert/strict";
import { test } from "node:test";
import { createMatrix, type Matrix } from "../../src/stats/matrix.js";
import { RandomForestClassifier } from "../../src/models/randomForest.js";
import { predictedLabels } from "../../src/stats/predictedLabels.js";
import { rocAuc } from "../../src/stats/rocAuc.js";
import { createRng } from "../../src/stats/rng.js";
import { reference, referenceSplit } from "./treeReferenceData.js";

const forest = (seed: number, nEstimators?: number) => new RandomForestClassifier({ rng: createRng(seed), nEstimators });

function accuracy(y: Uint32Array, labels: Uint32Array): number {
  let hits = 0;
  for (let i = 0; i < y.length; i++) if (y[i] === labels[i]) hits++;
  return hits / y.length;
}

/** Class 1 when x0 + x1 plus heavy noise is positive, with four pure-noise features. */
function noisyProblem(seed: number, rows: number): { X: Matrix; y: Uint32Array } {
  const rng = createRng(seed);
  const cols = 6;
  const data = Float64Array.from({ length: rows * cols }, () => rng.next() * 2 - 1);
  const y = Uint32Array.from({ length: rows }, (_, i) => (data[i * cols] + data[i * cols + 1] + (rng.next() - 0.5) * 1.5 > 0 ? 1 : 0));
  return { X: createMatrix(rows, cols, data), y };
}

const train = noisyProblem(1, 300);
const holdout = noisyProblem(2, 200);

test("RandomForestClassifier is deterministic for a seed and differs for another", () => {
  const a = forest(7, 20).fit(train.X, train.y, 2).predictProba(holdout.X);
  const b = forest(7, 20).fit(train.X, train.y, 2).predictProba(holdout.X);
  const c = forest(8, 20).fit(train.X, train.y, 2).predictProba(holdout.X);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test("RandomForestClassifier probabilities sum to 1 and leave a class absent from training at 0", () => {
  const y = Uint32Array.from(train.y, (label) => label * 2);
  const proba = forest(3, 20).fit(train.X, y, 3).predictProba(holdout.X);
  for (let i = 0; i < holdout.X.rows; i++) {
    assert.equal(proba[i * 3 + 1], 0);
    assert.ok(Math.abs(proba[i * 3] + proba[i * 3 + 2] - 1) < 1e-12);
  }
});

test("RandomForestClassifier beats chance on a noisy problem, and beats its own single tree", () => {
  const many = forest(4).fit(train.X, train.y, 2).predictProba(holdout.X);
  const one = forest(4, 1).fit(train.X, train.y, 2).predictProba(holdout.X);
  const manyAccuracy = accuracy(holdout.y, predictedLabels(many, 2));
  assert.ok(manyAccuracy > 0.7, `accuracy ${manyAccuracy}`);
  assert.ok(rocAuc(holdout.y, many, 2) > rocAuc(holdout.y, one, 2));
});

test("RandomForestClassifier rejects bad options and input", () => {
  assert.throws(() => forest(1, 0), RangeError);
  assert.throws(() => forest(1).fit(train.X, train.y, 1), /label 1/);
  assert.throws(() => forest(1).predictProba(train.X), /not fitted/);
});

for (const [name, reference_] of Object.entries(reference.cases)) {
  test(`RandomForestClassifier's accuracy and AUC match scikit-learn's over seeds (${name})`, () => {
    const split = referenceSplit(reference_.features, reference_.target);
    const seeds = [1, 2, 3, 4, 5];
    let accuracySum = 0;
    let aucSum = 0;
    for (const seed of seeds) {
      const proba = forest(seed).fit(split.XTrain, split.yTrain, split.nClasses).predictProba(split.XTest);
      accuracySum += accuracy(split.yTest, predictedLabels(proba, split.nClasses));
      aucSum += rocAuc(split.yTest, proba, split.nClasses);
    }
    const { accuracy: sklearnAccuracy, auc: sklearnAuc } = reference_.forestSeedMean;
    // 0.03, the tolerance for trees; averaged over seeds because no two random streams match.
    assert.ok(Math.abs(accuracySum / seeds.length - sklearnAccuracy) <= 0.03, `accuracy ${accuracySum / seeds.length} vs ${sklearnAccuracy}`);
    assert.ok(Math.abs(aucSum / seeds.length - sklearnAuc) <= 0.03, `AUC ${aucSum / seeds.length} vs ${sklearnAuc}`);
  });
}
