import assert from "node:assert/strict";
import { test } from "node:test";
import {
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  r2Score,
  rootMeanSquaredError,
  rootMeanSquaredLogError,
} from "../../src/stats/regressionScores.js";
import { metricsReference, type MetricId } from "./regressionMetricsReference.js";

const SCORES: Readonly<Record<MetricId, (yTrue: Float64Array, yPred: Float64Array) => number>> = {
  MAE: meanAbsoluteError,
  MSE: meanSquaredError,
  RMSE: rootMeanSquaredError,
  R2: r2Score,
  RMSLE: rootMeanSquaredLogError,
  MAPE: meanAbsolutePercentageError,
};

/** The tolerance, relative; R2 near 0 and errors of 0 are compared absolutely. */
function assertClose(actual: number, expected: number, where: string): void {
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${where}: ${actual} vs ${expected}`);
}

test("the reference covers every metric", () => {
  assert.deepEqual([...metricsReference.metrics].sort(), Object.keys(SCORES).sort());
});

for (const c of metricsReference.cases) {
  test(`regression scores equal scikit-learn's to 1e-9 (${c.name}: ${c.description})`, () => {
    const yTrue = Float64Array.from(c.yTrue);
    const yPred = Float64Array.from(c.yPred);
    for (const metric of metricsReference.metrics) {
      const expected = c.expected[metric];
      const actual = SCORES[metric](yTrue, yPred);
      if (expected === null) assert.ok(Number.isNaN(actual), `${metric}: ${actual}, expected NaN (${c.sklearnNotes[metric] ?? ""})`);
      else assertClose(actual, expected, metric);
    }
  });
}

test("R2 follows scikit-learn's constant-y rule: 1 when predictions are perfect, 0 otherwise, judged on numpy's rounding", () => {
  const constant = Float64Array.from([4, 4, 4, 4]);
  assert.equal(r2Score(constant, Float64Array.from([4, 4, 4, 4])), 1);
  assert.equal(r2Score(constant, Float64Array.from([4, 3.5, 4, 5])), 0);
  // Seven 0.1s: numpy's mean is not 0.1, so y does not count as constant and R2 is enormous, as scikit-learn's.
  const tenths = new Float64Array(7).fill(0.1);
  const r2 = r2Score(tenths, Float64Array.from([0.1, 0.1, 0.1, 0.2, 0.1, 0.1, 0.1]));
  const expected = metricsReference.cases.find((c) => c.name === "constant y whose mean is not its value")?.expected.R2;
  assert.ok(r2 < -1e30, `${r2}`);
  assert.equal(r2, expected);
});

test("R2 of a single value is NaN, as scikit-learn's (which warns)", () => {
  assert.ok(Number.isNaN(r2Score(Float64Array.from([3]), Float64Array.from([3]))));
  assert.equal(meanAbsoluteError(Float64Array.from([3]), Float64Array.from([2.5])), 0.5);
});

test("RMSLE is NaN when a true or predicted value is at most -1, and defined just above it", () => {
  const y = Float64Array.from([0, 1, 2]);
  assert.ok(Number.isNaN(rootMeanSquaredLogError(Float64Array.from([-1, 1, 2]), y)));
  assert.ok(Number.isNaN(rootMeanSquaredLogError(y, Float64Array.from([0, -3, 2]))));
  assert.ok(Number.isFinite(rootMeanSquaredLogError(Float64Array.from([-0.999, 1, 2]), y)));
  assert.equal(rootMeanSquaredLogError(y, y), 0);
});

test("MAPE divides by machine epsilon where y is 0, and is 0 where predictions are right there", () => {
  assert.equal(meanAbsolutePercentageError(Float64Array.from([0, 2]), Float64Array.from([0, 1])), 0.25);
  assert.equal(meanAbsolutePercentageError(Float64Array.from([0]), Float64Array.from([1])), 1 / Number.EPSILON);
});

test("regression scores refuse mismatched lengths, no values and non-finite values", () => {
  for (const score of Object.values(SCORES)) {
    assert.throws(() => score(Float64Array.from([1, 2]), Float64Array.from([1])), /2 true values but 1 predictions/);
    assert.throws(() => score(new Float64Array(0), new Float64Array(0)), /no values/);
    assert.throws(() => score(Float64Array.from([1, NaN]), Float64Array.from([1, 2])), /true value 1 is NaN/);
    assert.throws(() => score(Float64Array.from([1, 2]), Float64Array.from([Infinity, 2])), /prediction 0 is Infinity/);
  }
});
