import assert from "node:assert/strict";
import { test } from "node:test";
import { addTreeValues, BoostedTreeBuilder } from "../../src/models/boostedTree.js";
import { createMatrix } from "../../src/stats/matrix.js";

/** A stump on feature 1 at 0.1 (as a double): left leaf 1, right leaf 2. */
function stump() {
  const builder = new BoostedTreeBuilder(1);
  const root = builder.addLeaf(0);
  builder.setSplit(root, 1, 0.1, builder.addLeaf(1), builder.addLeaf(2));
  return builder.finish();
}

test("addTreeValues adds scale times the leaf value into the given column of out", () => {
  const X = createMatrix(2, 2, Float64Array.from([9, 0, 9, 5]));
  const out = Float64Array.from([10, 20, 30, 40]);
  addTreeValues(stump(), X, out, 2, 1, 0.5, false);
  assert.deepEqual(Array.from(out), [10, 20.5, 30, 41]);
});

test("addTreeValues compares float32-rounded values when asked (GradientBoosting*) and raw doubles otherwise (HistGradientBoosting*)", () => {
  // 0.1 rounds up to a float32 above the double 0.1: it goes right as float32, left as double.
  const X = createMatrix(1, 2, Float64Array.from([0, 0.1]));
  const asFloat32 = new Float64Array(1);
  const asDouble = new Float64Array(1);
  addTreeValues(stump(), X, asFloat32, 1, 0, 1, true);
  addTreeValues(stump(), X, asDouble, 1, 0, 1, false);
  assert.deepEqual([asFloat32[0], asDouble[0]], [2, 1]);
});
