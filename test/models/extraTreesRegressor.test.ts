import assert from "node:assert/strict";
import { test } from "node:test";
import { ExtraTreesRegressor } from "../../src/models/extraTreesRegressor.js";
import { r2Score } from "../../src/stats/regressionScores.js";
import { createRng } from "../../src/stats/rng.js";
import { ensembles } from "./ensembleReference.js";
import { matrix, problem } from "./regressionReference.js";

/**
 * ExtraTreesRegressor against scikit-learn 1.2.1's ExtraTreesRegressor() (100 trees, every feature
 * per split, no bootstrap): no two random streams draw the same thresholds, so the forests are
 * compared by held-out R2, averaged over 5 seeds on each side.
 */
const extraTrees = (seed: number, nEstimators?: number) => new ExtraTreesRegressor({ rng: createRng(seed), nEstimators });
const c = ensembles.regression;
const p = problem(c);
const yTest = Float64Array.from(c.yTest);

test("ExtraTreesRegressor's held-out R2 is within 0.03 of scikit-learn's (mean of 5 seeds each)", () => {
  let sum = 0;
  for (let seed = 1; seed <= 5; seed++) sum += r2Score(yTest, extraTrees(seed).fit(p.XTrain, p.yTrain).predict(p.XTest));
  assert.ok(Math.abs(sum / 5 - c.extraTreesR2Mean) <= 0.03, `R2 ${sum / 5} vs ${c.extraTreesR2Mean}`);
});

test("ExtraTreesRegressor reproduces its distinct training rows exactly (every tree sees every row)", () => {
  const predictions = extraTrees(2, 5).fit(p.XTrain, p.yTrain).predict(p.XTrain);
  for (let i = 0; i < p.yTrain.length; i++) assert.ok(Math.abs(predictions[i] - p.yTrain[i]) < 1e-9, `row ${i}: ${predictions[i]} vs ${p.yTrain[i]}`);
});

test("ExtraTreesRegressor is deterministic for a seed and differs for another", () => {
  const a = extraTrees(7, 10).fit(p.XTrain, p.yTrain).predict(p.XTest);
  assert.deepEqual(a, extraTrees(7, 10).fit(p.XTrain, p.yTrain).predict(p.XTest));
  assert.notDeepEqual(a, extraTrees(8, 10).fit(p.XTrain, p.yTrain).predict(p.XTest));
});

test("ExtraTreesRegressor predictions lie within the training targets' range (means of leaf means)", () => {
  const predictions = extraTrees(5, 10).fit(p.XTrain, p.yTrain).predict(p.XTest);
  const low = Math.min(...p.yTrain);
  const high = Math.max(...p.yTrain);
  for (const v of predictions) assert.ok(v >= low && v <= high);
});

test("ExtraTreesRegressor rejects bad options and input", () => {
  assert.throws(() => extraTrees(1, 0), /nEstimators must be a positive integer/);
  assert.throws(() => extraTrees(1).fit(matrix([[1], [2]]), Float64Array.from([1, NaN])), /target at row 1 is NaN/);
  assert.throws(() => extraTrees(1).predict(matrix([[1]])), /not fitted/);
  assert.throws(() => extraTrees(1, 3).fit(matrix([[1], [2]]), Float64Array.from([1, 2])).predict(matrix([[NaN]])), /is NaN/);
});
