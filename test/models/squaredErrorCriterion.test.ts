import assert from "node:assert/strict";
import { test } from "node:test";
import { SplitChoice } from "../../src/models/splitCriterion.js";
import { SquaredErrorCriterion } from "../../src/models/squaredErrorCriterion.js";

const order = Uint32Array.from([0, 1, 2, 3, 4]);
const y = Float64Array.from([1, 2, 3, 10, 12]);

test("SquaredErrorCriterion's node impurity is the weighted variance and its leaf the weighted mean", () => {
  const criterion = new SquaredErrorCriterion(y, Float64Array.from([1, 1, 2, 0, 1]));
  // Rows 0, 1, 2 (twice), 4: mean 21 / 5 = 4.2, mean of squares (1 + 4 + 18 + 144) / 5 = 33.4.
  const impurity = criterion.startNode(order, 0, 5);
  assert.ok(Math.abs(impurity - (33.4 - 4.2 * 4.2)) < 1e-12);
  assert.equal(criterion.nodeWeight, 5);
  const leaf = new Float64Array(1);
  criterion.writeLeaf(leaf, 0);
  assert.equal(leaf[0], 4.2);
});

test("SquaredErrorCriterion scores boundaries by S_L^2 / W_L + S_R^2 / W_R and keeps the first best", () => {
  const criterion = new SquaredErrorCriterion(y, new Float64Array(5).fill(1));
  criterion.startNode(order, 0, 5);
  // One bin per row, in order: the best cut separates {1, 2, 3} from {10, 12}.
  const codes = Uint8Array.from([0, 1, 2, 3, 4]);
  assert.equal(criterion.histogram(codes, 0, order, 0, 5), 0 | (4 << 8));
  const best = new SplitChoice();
  criterion.scan(7, Uint32Array.from([0, 1, 2, 3, 4]), 5, best);
  assert.deepEqual({ feature: best.feature, leftBin: best.leftBin, rightBin: best.rightBin }, { feature: 7, leftBin: 2, rightBin: 3 });
  assert.equal(best.proxy, (6 * 6) / 3 + (22 * 22) / 2);
  // The scan left the histogram empty: scanning again finds nothing better than itself.
  for (const w of criterion.binWeight) assert.equal(w, 0);
  const again = new SplitChoice();
  criterion.histogram(codes, 0, order, 0, 5);
  criterion.scan(7, Uint32Array.from([0, 1, 2, 3, 4]), 5, again);
  assert.equal(again.proxy, best.proxy);
});

test("SquaredErrorCriterion scores one raw threshold as scan scores the same boundary, counting weights", () => {
  const criterion = new SquaredErrorCriterion(y, Float64Array.from([1, 1, 2, 0, 1]));
  criterion.startNode(order, 0, 5);
  // values[p] belongs to row order[p]; x <= 2.5 sends rows 0, 1, 2 (weight 4, sum 9) left,
  // rows 3 (weight 0) and 4 (12) right.
  const values = Float32Array.from([0.5, 1.5, 2.5, 3.5, 4.5]);
  assert.equal(criterion.thresholdProxy(values, order, 0, 5, 2.5), (9 * 9) / 4 + (12 * 12) / 1);
  assert.equal(criterion.thresholdProxy(values, order, 0, 5, 0.5), (1 * 1) / 1 + (20 * 20) / 4);
});

test("SquaredErrorCriterion's twoValuedSplit and twoBinHistogram give thresholdProxy's and histogram's numbers bit for bit", () => {
  const n = 30;
  const targets = Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 10 + i / 3);
  const codes = Uint8Array.from({ length: n }, (_, i) => +(i % 4 === 1 || i % 7 === 0));
  const rows = Uint32Array.from({ length: n }, (_, i) => (i * 11) % n);
  const nodeValues = Float32Array.from(rows, (i) => (codes[i] === 1 ? 2 : 1));
  for (const w of [new Float64Array(n).fill(1), Float64Array.from({ length: n }, (_, i) => 0.2 + (i % 5) * 0.6)]) {
    const criterion = new SquaredErrorCriterion(targets, w);
    criterion.startNode(rows, 2, 27);
    const high = criterion.twoValuedSplit(codes, 0, rows, 2, 27);
    assert.equal(high, [...rows.subarray(2, 27)].filter((i) => codes[i] === 1).length);
    assert.equal(criterion.twoValuedProxy(), criterion.thresholdProxy(nodeValues, rows, 2, 27, 1.5));

    const other = new SquaredErrorCriterion(targets, w);
    other.startNode(rows, 2, 27);
    assert.equal(criterion.twoBinHistogram(codes, 0, rows, 2, 27), other.histogram(codes, 0, rows, 2, 27));
    const a = new SplitChoice();
    const b = new SplitChoice();
    criterion.scan(0, Uint32Array.of(0, 1), 2, a);
    other.scan(0, Uint32Array.of(0, 1), 2, b);
    assert.equal(a.proxy, b.proxy);
  }
});
