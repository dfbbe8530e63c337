import assert from "node:assert/strict";
import { test } from "node:test";
import { GiniCriterion } from "../../src/models/giniCriterion.js";
import { SplitChoice } from "../../src/models/splitCriterion.js";

// Row i has value i and label y[i]; the node lists its rows in a scrambled order.
const y = Uint32Array.from([0, 1, 1, 0, 2]);
const weight = Float64Array.from([1, 2, 1, 0.5, 3]);
const order = Uint32Array.from([4, 0, 3, 1, 2]);
const values = Float32Array.from(order, (i) => i);

test("GiniCriterion's thresholdProxy is -(W_R gini_R) - (W_L gini_L) of the rows at or below the threshold", () => {
  const criterion = new GiniCriterion(y, 3, weight);
  criterion.startNode(order, 0, 5);
  // x <= 1.5: rows 0 and 1, class weights (1, 2, 0); the rest (0.5, 1, 3).
  const giniLeft = 1 - (1 + 4) / 9;
  const giniRight = 1 - (0.25 + 1 + 9) / (4.5 * 4.5);
  assert.ok(Math.abs(criterion.thresholdProxy(values, order, 0, 5, 1.5) - (-4.5 * giniRight - 3 * giniLeft)) < 1e-12);
});

test("GiniCriterion's best thresholdProxy over the boundaries equals scan's best proxy, and leaves the histogram alone", () => {
  const criterion = new GiniCriterion(y, 3, weight);
  criterion.startNode(order, 0, 5);
  const bins = Uint8Array.from([0, 1, 2, 3, 4]);
  criterion.histogram(bins, 0, order, 0, 5);
  const scanned = new SplitChoice();
  criterion.scan(0, bins, 5, scanned);
  const proxies = [0.5, 1.5, 2.5, 3.5].map((threshold) => criterion.thresholdProxy(values, order, 0, 5, threshold));
  assert.equal(Math.max(...proxies), scanned.proxy);
  assert.equal(proxies.indexOf(scanned.proxy), scanned.leftBin);
  for (const w of criterion.binWeight) assert.equal(w, 0);
});
