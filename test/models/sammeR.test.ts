import assert from "node:assert/strict";
import { test } from "node:test";
import { addSammeRContribution, sammeRBoost, sammeRProbabilities } from "../../src/models/sammeR.js";
import { ensembles, largestDifference } from "./ensembleReference.js";

for (const [k, c] of Object.entries(ensembles.sammeR)) {
  test(`SAMME.R probabilities equal scikit-learn's predict_proba on fixed estimator probabilities, zeros included (${k} classes)`, () => {
    const K = Number(k);
    const rows = c.proba.length;
    const sum = new Float64Array(rows * K);
    for (const estimator of c.estimators) addSammeRContribution(Float64Array.from(estimator.flat()), rows, K, sum);
    const proba = sammeRProbabilities(sum, rows, K, c.estimators.length);
    // Up to the last bits of a logarithm (V8's and glibc's log may differ by an ulp).
    assert.ok(largestDifference(proba, c.proba.flat()) < 1e-14, `${proba} vs ${c.proba}`);
  });
}

test("SAMME.R probabilities of two estimators that disagree symmetrically are one half", () => {
  const sum = new Float64Array(2);
  addSammeRContribution(Float64Array.from([0.8, 0.2]), 1, 2, sum);
  addSammeRContribution(Float64Array.from([0.2, 0.8]), 1, 2, sum);
  assert.deepEqual([...sammeRProbabilities(sum, 1, 2, 2)], [0.5, 0.5]);
});

test("sammeRBoost returns the weighted error of the argmax labels and raises the weight of the misclassified row", () => {
  // Row 2 is class 1 but predicted 0; row 3 is a tie, whose argmax is the first class (right).
  const proba = Float64Array.from([0.9, 0.1, 0.2, 0.8, 0.7, 0.3, 0.5, 0.5]);
  const y = Uint32Array.from([0, 1, 1, 0]);
  const weight = Float64Array.from([0.25, 0.25, 0.25, 0.25]);
  const error = sammeRBoost(proba, y, 2, weight, 1, true);
  assert.equal(error, 0.25);
  // exp(-(1/2) (log p_y - log p_other)) for two classes: the wrong row's factor is sqrt(0.7 / 0.3).
  assert.ok(Math.abs(weight[2] - 0.25 * Math.sqrt(0.7 / 0.3)) < 1e-15);
  assert.ok(Math.abs(weight[0] - 0.25 * Math.sqrt(0.1 / 0.9)) < 1e-15);
  assert.ok(Math.abs(weight[3] - 0.25) < 1e-15);
});

test("sammeRBoost leaves the weights alone on the last round and after a perfect estimator", () => {
  const y = Uint32Array.from([0, 1]);
  const weight = Float64Array.from([0.5, 0.5]);
  assert.equal(sammeRBoost(Float64Array.from([0.9, 0.1, 0.6, 0.4]), y, 2, weight, 1, false), 0.5);
  assert.deepEqual([...weight], [0.5, 0.5]);
  assert.equal(sammeRBoost(Float64Array.from([0.9, 0.1, 0.4, 0.6]), y, 2, weight, 1, true), 0);
  assert.deepEqual([...weight], [0.5, 0.5]);
});

test("SAMME.R refuses mismatched shapes and fewer than two classes", () => {
  assert.throws(() => addSammeRContribution(new Float64Array(3), 2, 2, new Float64Array(4)), /3 values are not 2 rows x 2 classes/);
  assert.throws(() => sammeRProbabilities(new Float64Array(2), 2, 1, 1), /at least 2 classes/);
  assert.throws(() => sammeRProbabilities(new Float64Array(4), 2, 2, 0), /sum to a positive number/);
});
