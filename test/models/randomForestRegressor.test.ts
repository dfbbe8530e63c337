import assert from "node:assert/strict";
import { test } from "node:test";
import { DecisionTreeRegressor } from "../../src/models/decisionTreeRegressor.js";
import { RandomForestRegressor } from "../../src/models/randomForestRegressor.js";
import { r2Score } from "../../src/stats/regressionScores.js";
import { createRng } from "../../src/stats/rng.js";
import { matrix, problem, regressionReference } from "./regressionReference.js";

/**
 * RandomForestRegressor against scikit-learn 1.2.1's RandomForestRegressor() (100 trees, every
 * feature per split, bootstrap): no two random streams draw the same bootstraps, so the forests
 * are compared by held-out R2, averaged over 5 seeds on each side.
 */
const forest = (seed: number, nEstimators?: number) => new RandomForestRegressor({ rng: createRng(seed), nEstimators });
const c = regressionReference.trees.forest;
const p = problem(c);
const yTest = Float64Array.from(c.yTest);

test("RandomForestRegressor's held-out R2 is within 0.03 of scikit-learn's (mean of 5 seeds each)", () => {
  let sum = 0;
  for (let seed = 1; seed <= 5; seed++) sum += r2Score(yTest, forest(seed).fit(p.XTrain, p.yTrain).predict(p.XTest));
  assert.ok(Math.abs(sum / 5 - c.forestR2Mean) <= 0.03, `R2 ${sum / 5} vs ${c.forestR2Mean}`);
});

test("RandomForestRegressor is deterministic for a seed and differs for another", () => {
  const a = forest(7, 20).fit(p.XTrain, p.yTrain).predict(p.XTest);
  assert.deepEqual(a, forest(7, 20).fit(p.XTrain, p.yTrain).predict(p.XTest));
  assert.notDeepEqual(a, forest(8, 20).fit(p.XTrain, p.yTrain).predict(p.XTest));
});

test("RandomForestRegressor beats its own single tree and a single unbootstrapped tree on held-out rows", () => {
  const many = r2Score(yTest, forest(4).fit(p.XTrain, p.yTrain).predict(p.XTest));
  const one = r2Score(yTest, forest(4, 1).fit(p.XTrain, p.yTrain).predict(p.XTest));
  const plain = r2Score(yTest, new DecisionTreeRegressor({ rng: createRng(4) }).fit(p.XTrain, p.yTrain).predict(p.XTest));
  assert.ok(many > one && many > plain, `forest ${many}, one bootstrapped tree ${one}, one tree ${plain}`);
});

test("RandomForestRegressor predictions lie within the training targets' range (means of leaf means)", () => {
  const predictions = forest(5, 10).fit(p.XTrain, p.yTrain).predict(p.XTest);
  const low = Math.min(...p.yTrain);
  const high = Math.max(...p.yTrain);
  for (const v of predictions) assert.ok(v >= low && v <= high);
});

test("RandomForestRegressor rejects bad options and input", () => {
  assert.throws(() => forest(1, 0), /nEstimators must be a positive integer/);
  assert.throws(() => forest(1).fit(matrix([[1], [2]]), Float64Array.from([1, Infinity])), /target at row 1 is Infinity/);
  assert.throws(() => forest(1).predict(matrix([[1]])), /not fitted/);
  assert.throws(() => forest(1, 3).fit(matrix([[1], [2]]), Float64Array.from([1, 2])).predict(matrix([[NaN]])), /is NaN/);
});
