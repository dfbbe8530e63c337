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
  criterion.scan(0, Uint32Array.from(bins), 5, scanned);
  const proxies = [0.5, 1.5, 2.5, 3.5].map((threshold) => criterion.thresholdProxy(values, order, 0, 5, threshold));
  assert.equal(Math.max(...proxies), scanned.proxy);
  assert.equal(proxies.indexOf(scanned.proxy), scanned.leftBin);
  for (const w of criterion.binWeight) assert.equal(w, 0);
});

/** A node of 40 rows in scrambled order, a one-hot-like code per row and labels of `classes`. */
function twoValuedNode(classes: number, seed: number) {
  const n = 40;
  const labels = Uint32Array.from({ length: n }, (_, i) => (i * 7 + seed) % classes);
  const codes = Uint8Array.from({ length: n }, (_, i) => +((i * 13 + seed) % 5 < 2));
  const rows = Uint32Array.from({ length: n }, (_, i) => (i * 17) % n);
  const nodeValues = Float32Array.from(rows, (i) => (codes[i] === 1 ? 3 : -1));
  return { n, labels, codes, rows, nodeValues };
}

test("GiniCriterion's twoValuedSplit scores what thresholdProxy scores between the two values, bit for bit, and counts the higher rows", () => {
  for (const [classes, weights] of [[2, "unit"], [2, "float"], [3, "unit"], [3, "float"]] as const) {
    const { n, labels, codes, rows, nodeValues } = twoValuedNode(classes, classes);
    const w = weights === "unit" ? new Float64Array(n).fill(1) : Float64Array.from({ length: n }, (_, i) => 0.3 + (i % 7) * 0.45);
    const criterion = new GiniCriterion(labels, classes, w);
    // The node is rows[5, 35).
    criterion.startNode(rows, 5, 35);
    const high = criterion.twoValuedSplit(codes, 0, rows, 5, 35);
    assert.equal(high, [...rows.subarray(5, 35)].filter((i) => codes[i] === 1).length);
    const proxy = criterion.twoValuedProxy();
    for (const threshold of [-1, 0.5, 2.99]) assert.equal(criterion.thresholdProxy(nodeValues, rows, 5, 35, threshold), proxy, `${classes} classes, ${weights} weights`);
  }
});

test("GiniCriterion's twoBinHistogram fills the same bins, bit for bit, as histogram, and reports the bins touched", () => {
  for (const [classes, weights] of [[2, "unit"], [2, "float"], [3, "float"]] as const) {
    const { n, labels, codes, rows } = twoValuedNode(classes, 1);
    const w = weights === "unit" ? new Float64Array(n).fill(1) : Float64Array.from({ length: n }, (_, i) => 0.1 + (i % 9) * 0.77);
    const a = new GiniCriterion(labels, classes, w);
    const b = new GiniCriterion(labels, classes, w);
    a.startNode(rows, 3, 31);
    b.startNode(rows, 3, 31);
    assert.equal(a.twoBinHistogram(codes, 0, rows, 3, 31), b.histogram(codes, 0, rows, 3, 31));
    assert.deepEqual([...a.binWeight.subarray(0, 2)], [...b.binWeight.subarray(0, 2)]);
    const scanA = new SplitChoice();
    const scanB = new SplitChoice();
    a.scan(0, Uint32Array.of(0, 1), 2, scanA);
    b.scan(0, Uint32Array.of(0, 1), 2, scanB);
    assert.equal(scanA.proxy, scanB.proxy);
  }
  // Rows all in one bin: that bin alone is reported, as histogram does.
  const labels = Uint32Array.of(0, 1, 1);
  const order = Uint32Array.of(0, 1, 2);
  const criterion = new GiniCriterion(labels, 2, new Float64Array(3).fill(1));
  criterion.startNode(order, 0, 3);
  assert.equal(criterion.twoBinHistogram(Uint8Array.of(1, 1, 1), 0, order, 0, 3), 1 | (1 << 8));
  criterion.clearBin(1);
  assert.equal(criterion.twoBinHistogram(Uint8Array.of(0, 0, 0), 0, order, 0, 3), 0);
});
