import assert from "node:assert/strict";
import { test } from "node:test";
import { checkDecisionScores } from "../../src/evaluate/checkDecisionScores.js";

const rows = (...values: number[]): Float64Array => Float64Array.from(values);

test("checkDecisionScores accepts any finite values, of any sign and size, the lowest double included", () => {
  assert.equal(checkDecisionScores(rows(-3.5, 3.5, 1e300, -1e300), 2, 2), null);
  assert.equal(checkDecisionScores(rows(0, -Number.MAX_VALUE, 0), 1, 3), null);
  assert.equal(checkDecisionScores(rows(), 0, 2), null);
});

test("checkDecisionScores names the first row holding a NaN or an infinity, counted from 1", () => {
  assert.equal(checkDecisionScores(rows(1, -1, NaN, 2), 2, 2), "returned NaN decision values (row 2)");
  assert.equal(checkDecisionScores(rows(1, -Infinity, 0, 0), 2, 2), "returned infinite decision values (row 1)");
});

test("checkDecisionScores refuses a length other than rows x classes", () => {
  assert.equal(checkDecisionScores(rows(1, 2, 3), 2, 2), "returned 3 decision values, expected 4 (2 rows x 2 classes)");
});
