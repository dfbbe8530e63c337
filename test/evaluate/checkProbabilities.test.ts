import assert from "node:assert/strict";
import { test } from "node:test";
import { checkProbabilities } from "../../src/evaluate/checkProbabilities.js";

const rows = (...values: number[]): Float64Array => Float64Array.from(values);

test("checkProbabilities accepts rows of finite values in [0, 1] that sum to 1", () => {
  assert.equal(checkProbabilities(rows(0.25, 0.75, 1, 0, 0.5, 0.5), 3, 2), null);
  assert.equal(checkProbabilities(rows(0.2, 0.3, 0.5), 1, 3), null);
  assert.equal(checkProbabilities(rows(), 0, 2), null);
});

test("checkProbabilities tolerates rounding: a value a few ulps past 0 or 1, a sum off by 1e-9", () => {
  assert.equal(checkProbabilities(rows(-1e-12, 1 + 1e-12), 1, 2), null);
  assert.equal(checkProbabilities(rows(0.1, 0.2, 0.7 + 1e-9), 1, 3), null);
  // Three thirds do not add up to exactly 1 in binary floating point.
  assert.equal(checkProbabilities(rows(1 / 3, 1 / 3, 1 / 3), 1, 3), null);
});

test("checkProbabilities names the first row holding a NaN, counted from 1", () => {
  assert.equal(checkProbabilities(rows(0.5, 0.5, 0.5, 0.5, NaN, NaN, NaN, 0), 4, 2), "returned NaN probabilities (row 3)");
  assert.equal(checkProbabilities(rows(NaN, 1), 1, 2), "returned NaN probabilities (row 1)");
});

test("checkProbabilities refuses infinite values and values outside [0, 1]", () => {
  assert.equal(checkProbabilities(rows(0.5, 0.5, Infinity, 0), 2, 2), "returned infinite probabilities (row 2)");
  assert.equal(checkProbabilities(rows(-Infinity, 1), 1, 2), "returned infinite probabilities (row 1)");
  assert.equal(checkProbabilities(rows(1.5, -0.5), 1, 2), "returned a probability of 1.5, outside [0, 1] (row 1)");
  assert.equal(checkProbabilities(rows(0.5, 0.5, -0.01, 1.01), 2, 2), "returned a probability of -0.01, outside [0, 1] (row 2)");
});

test("checkProbabilities refuses a row that does not sum to 1 (all zeros, raw scores)", () => {
  assert.equal(checkProbabilities(rows(0.5, 0.5, 0, 0), 2, 2), "returned probabilities summing to 0, not 1 (row 2)");
  assert.equal(checkProbabilities(rows(0.6, 0.6), 1, 2), "returned probabilities summing to 1.2, not 1 (row 1)");
  assert.equal(checkProbabilities(rows(0.5, 0.5 - 1e-5), 1, 2), `returned probabilities summing to ${0.5 + (0.5 - 1e-5)}, not 1 (row 1)`);
});

test("checkProbabilities refuses an output of the wrong length", () => {
  assert.equal(checkProbabilities(rows(), 3, 2), "returned 0 probabilities, expected 6 (3 rows x 2 classes)");
  assert.equal(checkProbabilities(rows(0.5, 0.5, 1), 1, 2), "returned 3 probabilities, expected 2 (1 rows x 2 classes)");
});
