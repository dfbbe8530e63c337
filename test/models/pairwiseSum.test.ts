import assert from "node:assert/strict";
import { test } from "node:test";
import { pairwiseSum } from "../../src/models/pairwiseSum.js";
import { boostingReference } from "./boostingReference.js";

test("pairwiseSum is numpy's np.sum to the last bit, where a left-to-right sum is not", () => {
  let differs = 0;
  for (const { n, numpy, plain } of boostingReference.pairwiseSum) {
    const values = Float64Array.from({ length: n }, (_, i) => ((i * 7919) % 1013) / 7.3 - 60.25);
    assert.equal(pairwiseSum(values), numpy, `n = ${n}`);
    if (numpy !== plain) differs++;
  }
  assert.ok(differs > 0);
});

test("pairwiseSum sums a slice and is 0 on none", () => {
  assert.equal(pairwiseSum(Float64Array.from([1, 2, 3, 4]), 1, 3), 5);
  assert.equal(pairwiseSum(new Float64Array(0)), 0);
});
