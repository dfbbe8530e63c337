import assert from "node:assert/strict";
import { test } from "node:test";
import { addForestValues, BoostedTreeBuilder, packForest, type BoostedTree } from "../../src/models/boostedTree.js";
import { createMatrix } from "../../src/stats/matrix.js";

/** A stump on `feature` at `threshold`: leaf values `low` (left) and `high` (right). */
function stump(feature: number, threshold: number, low: number, high: number): BoostedTree {
  const builder = new BoostedTreeBuilder(1);
  const root = builder.addLeaf(0);
  builder.setSplit(root, feature, threshold, builder.addLeaf(low), builder.addLeaf(high));
  return builder.finish();
}

test("addForestValues adds scale times each tree's leaf value, tree t into output t % outputs", () => {
  const forest = packForest([stump(1, 0.5, 1, 2), stump(0, 3, 10, 20), stump(0, 3, 100, 200)]);
  const X = createMatrix(2, 2, Float64Array.from([9, 0, 1, 5]));
  const out = Float64Array.from([1000, 2000, 3000, 4000]);
  addForestValues(forest, X, out, 2, 0.5, false);
  // Row 0 (9, 0): trees give 1, 20, 200; row 1 (1, 5): 2, 10, 100. Outputs: trees 0 and 2, tree 1.
  assert.deepEqual(Array.from(out), [1000 + 0.5 * (1 + 200), 2000 + 0.5 * 20, 3000 + 0.5 * (2 + 100), 4000 + 0.5 * 10]);
});

test("addForestValues compares float32-rounded values when asked (GradientBoosting*) and raw doubles otherwise (HistGradientBoosting*)", () => {
  // 0.1 rounds up to a float32 above the double 0.1: it goes right as float32, left as double.
  const forest = packForest([stump(1, 0.1, 1, 2)]);
  const X = createMatrix(1, 2, Float64Array.from([0, 0.1]));
  const asFloat32 = new Float64Array(1);
  const asDouble = new Float64Array(1);
  addForestValues(forest, X, asFloat32, 1, 1, true);
  addForestValues(forest, X, asDouble, 1, 1, false);
  assert.deepEqual([asFloat32[0], asDouble[0]], [2, 1]);
});

test("BoostedTreeBuilder grows past its first capacity", () => {
  const builder = new BoostedTreeBuilder(1);
  let node = builder.addLeaf(0);
  for (let depth = 1; depth <= 5; depth++) {
    const left = builder.addLeaf(-depth);
    builder.setSplit(node, 0, depth, left, builder.addLeaf(depth));
    node = left;
  }
  const tree = builder.finish();
  assert.equal(tree.feature.length, 11);
  const out = new Float64Array(2);
  addForestValues(packForest([tree]), createMatrix(2, 1, Float64Array.from([0, 4.5])), out, 1, 1, false);
  // 0 goes left at every split, down to the deepest leaf; 4.5 goes right at the first.
  assert.deepEqual(Array.from(out), [-5, 1]);
});
