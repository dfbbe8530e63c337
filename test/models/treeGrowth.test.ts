import assert from "node:assert/strict";
import { test } from "node:test";
import { binFeatures } from "../../src/models/featureBins.js";
import { GiniCriterion } from "../../src/models/giniCriterion.js";
import { SquaredErrorCriterion } from "../../src/models/squaredErrorCriterion.js";
import { growTree, type FlatTree } from "../../src/models/treeGrowth.js";
import { createMatrix } from "../../src/stats/matrix.js";
import { createRng } from "../../src/stats/rng.js";

/** 64 rows on a 4 x 4 x 4 grid (row i's features are its base-4 digits) with target i: best splits halve. */
const X = createMatrix(64, 3, Float64Array.from({ length: 192 }, (_, k) => (k % 3 === 0 ? Math.floor(k / 3) % 4 : k % 3 === 1 ? Math.floor(k / 12) % 4 : Math.floor(k / 48))));
const y = Float64Array.from({ length: 64 }, (_, i) => i);

function depthOf(tree: FlatTree): number {
  const depth = new Int32Array(tree.nodeCount);
  let deepest = 0;
  for (let node = 0; node < tree.nodeCount; node++) {
    if (tree.feature[node] < 0) continue;
    depth[tree.left[node]] = depth[tree.right[node]] = depth[node] + 1;
    deepest = Math.max(deepest, depth[node] + 1);
  }
  return deepest;
}

test("growTree stops at maxDepth (scikit-learn's max_depth: the root is depth 0) and grows fully without it", () => {
  const bins = binFeatures(X);
  const ones = new Float64Array(64).fill(1);
  const grow = (maxDepth?: number) => growTree(bins, new SquaredErrorCriterion(y, ones), { maxFeatures: 3, rng: createRng(1), maxDepth });
  assert.equal(depthOf(grow()), 6);
  assert.equal(grow().nodeCount, 127);
  for (const maxDepth of [1, 2, 3]) {
    const tree = grow(maxDepth);
    assert.equal(depthOf(tree), maxDepth);
    assert.equal(tree.nodeCount, 2 ** (maxDepth + 1) - 1);
  }
});

test("growTree with maxDepth 1 makes a stump: one split, two leaves holding their rows' class fractions", () => {
  const labels = Uint32Array.from({ length: 64 }, (_, i) => (i >= 48 ? 1 : 0));
  const stump = growTree(binFeatures(X), new GiniCriterion(labels, 2, new Float64Array(64).fill(1)), { maxFeatures: 3, rng: createRng(1), maxDepth: 1 });
  assert.equal(stump.nodeCount, 3);
  assert.equal(stump.feature[0], 2);
  assert.equal(stump.threshold[0], 2.5);
  assert.deepEqual([...stump.values], [1, 0, 0, 1]);
});

test("growTree refuses a maxDepth that is not a positive integer", () => {
  const bins = binFeatures(X);
  for (const maxDepth of [0, 1.5, -1]) {
    assert.throws(() => growTree(bins, new SquaredErrorCriterion(y, new Float64Array(64).fill(1)), { maxFeatures: 3, rng: createRng(1), maxDepth }), /maxDepth must be a positive integer/);
  }
});
