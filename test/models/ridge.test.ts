import assert from "node:assert/strict";
import { test } from "node:test";
import { Ridge } from "../../src/models/ridge.js";
import { assertPredictions, matrix, problem, regressionReference } from "./regressionReference.js";
import { WIDE_REGRESSION_CASES, wideReference as wide } from "./wideReference.js";

/** Ridge against scikit-learn 1.2.1's Ridge() (alpha=1, Cholesky), to the issue's 1e-6 (it agrees to about 1e-13). */
for (const [name, c] of Object.entries(regressionReference.linear)) {
  test(`Ridge predicts as scikit-learn's to 1e-6 (${name})`, () => {
    const p = problem(c);
    assertPredictions(new Ridge({ alpha: c.alpha }).fit(p.XTrain, p.yTrain).predict(p.XTest), c.ridge, 1e-6, name);
  });
}

test("Ridge does not penalise the intercept: shifting y shifts every prediction by the same amount", () => {
  const p = problem(regressionReference.linear["mixed-scales"]);
  const base = new Ridge().fit(p.XTrain, p.yTrain).predict(p.XTest);
  const shifted = new Ridge().fit(p.XTrain, Float64Array.from(p.yTrain, (v) => v + 1000)).predict(p.XTest);
  base.forEach((v, i) => assert.ok(Math.abs(shifted[i] - v - 1000) < 1e-9, `row ${i}`));
});

test("Ridge shrinks weights more as alpha grows, towards predicting the mean", () => {
  const X = matrix([[0], [1], [2], [3]]);
  const y = Float64Array.from([0, 1, 2, 3]);
  const weights = [0.01, 1, 100, 1e6].map((alpha) => new Ridge({ alpha }).fit(X, y).coefficients[0]);
  // (X'X + alpha) w = X'y on centred data: X'X = 5, X'y = 5.
  weights.forEach((w, k) => assert.ok(Math.abs(w - 5 / (5 + [0.01, 1, 100, 1e6][k])) < 1e-12));
});

test("Ridge refuses an alpha that is not a positive number", () => {
  for (const alpha of [0, -1, NaN, Infinity]) assert.throws(() => new Ridge({ alpha }), /alpha must be finite and > 0/);
});
/** test/reference/wide_reference.py: more columns than rows, where both sides solve the dual system. */
for (const name of WIDE_REGRESSION_CASES) {
  test(`Ridge on more columns than rows predicts as scikit-learn's to 1e-9, weights and intercept too (${name})`, () => {
    const c = wide.cases[name];
    const model = new Ridge().fit(matrix(c.XTrain), Float64Array.from(c.yTrain));
    assertPredictions(model.predict(matrix(c.XTest)), c.predictions, 1e-9, name);
    assertPredictions(model.coefficients, c.coef, 1e-9, `${name} weights`);
    assert.ok(Math.abs(model.intercept - c.intercept) <= 1e-9 * Math.abs(c.intercept), `${name} intercept`);
  });
}
