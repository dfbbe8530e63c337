import assert from "node:assert/strict";
import { test } from "node:test";
import { ensembleSize } from "../../src/models/ensembleSize.js";

test("ensembleSize takes the model's default when nEstimators is not given, and a positive integer as given", () => {
  assert.equal(ensembleSize(undefined, 100), 100);
  assert.equal(ensembleSize(7, 100), 7);
  assert.equal(ensembleSize(1, 50), 1);
});

test("ensembleSize refuses zero, negative, fractional and non-finite counts", () => {
  for (const bad of [0, -3, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.throws(() => ensembleSize(bad, 100), /nEstimators must be a positive integer/, String(bad));
  }
});
