import assert from "node:assert/strict";
import { test } from "node:test";
import { growExtraForest, growExtraTree } from "../../src/models/extraTreeGrowth.js";
import { float32Columns } from "../../src/models/float32Columns.js";
import { GiniCriterion } from "../../src/models/giniCriterion.js";
import { SquaredErrorCriterion } from "../../src/models/squaredErrorCriterion.js";
import type { FlatTree } from "../../src/models/treeGrowth.js";
import { createMatrix, type Matrix } from "../../src/stats/matrix.js";
import { createRng } from "../../src/stats/rng.js";

const ones = (n: number) => new Float64Array(n).fill(1);

/** Three features: fine-grained, coarse (10 levels), and binary; labels from the first two. */
function problem(rows: number, seed: number): { X: Matrix; y: Uint32Array } {
  const rng = createRng(seed);
  const data = new Float64Array(rows * 3);
  const y = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) {
    data[i * 3] = rng.next() * 100;
    data[i * 3 + 1] = rng.int(10);
    data[i * 3 + 2] = rng.int(2);
    y[i] = data[i * 3] + 5 * data[i * 3 + 1] > 70 ? 1 : 0;
  }
  return { X: createMatrix(rows, 3, data), y };
}

/** The training rows that reach each node, by routing them down the tree. */
function rowsPerNode(tree: FlatTree, X: Matrix): number[][] {
  const reached: number[][] = Array.from({ length: tree.nodeCount }, () => []);
  for (let i = 0; i < X.rows; i++) {
    let node = 0;
    reached[0].push(i);
    while (tree.feature[node] >= 0) {
      node = Math.fround(X.data[i * X.cols + tree.feature[node]]) <= tree.threshold[node] ? tree.left[node] : tree.right[node];
      reached[node].push(i);
    }
  }
  return reached;
}

test("growExtraTree draws every threshold within its node's own range of the feature, so both children get rows", () => {
  const { X, y } = problem(600, 1);
  const tree = growExtraTree(float32Columns(X), new GiniCriterion(y, 2, ones(600)), { maxFeatures: 2, rng: createRng(2) });
  const reached = rowsPerNode(tree, X);
  let splits = 0;
  for (let node = 0; node < tree.nodeCount; node++) {
    const f = tree.feature[node];
    if (f < 0) continue;
    splits++;
    const values = reached[node].map((i) => Math.fround(X.data[i * 3 + f]));
    const low = Math.min(...values);
    const high = Math.max(...values);
    assert.ok(low <= tree.threshold[node] && tree.threshold[node] < high, `node ${node}: ${tree.threshold[node]} outside [${low}, ${high})`);
    assert.ok(reached[tree.left[node]].length > 0 && reached[tree.right[node]].length > 0);
  }
  assert.ok(splits > 10);
});

test("growExtraTree's thresholds are uniform between the node's smallest and largest value", () => {
  // One feature, 0..99: the root's threshold over many seeds has mean 49.5 and a quarter below 24.75.
  const X = createMatrix(100, 1, Float64Array.from({ length: 100 }, (_, i) => i));
  const y = Uint32Array.from({ length: 100 }, (_, i) => i % 2);
  const columns = float32Columns(X);
  const thresholds = Array.from({ length: 400 }, (_, seed) => growExtraTree(columns, new GiniCriterion(y, 2, ones(100)), { maxFeatures: 1, rng: createRng(seed) }).threshold[0]);
  const mean = thresholds.reduce((a, b) => a + b, 0) / thresholds.length;
  const lowQuarter = thresholds.filter((t) => t < 24.75).length / thresholds.length;
  // Standard errors: 1.4 for the mean, 0.022 for the share.
  assert.ok(Math.abs(mean - 49.5) < 5, `mean ${mean}`);
  assert.ok(Math.abs(lowQuarter - 0.25) < 0.08, `share below a quarter ${lowQuarter}`);
});

test("growExtraTree makes a leaf of rows no feature tells apart, including values closer than 1e-7", () => {
  const X = createMatrix(3, 2, Float64Array.from([1, 5, 1 + 1e-8, 5, 1, 5]));
  const tree = growExtraTree(float32Columns(X), new GiniCriterion(Uint32Array.from([0, 1, 1]), 2, ones(3)), { maxFeatures: 2, rng: createRng(1) });
  assert.equal(tree.nodeCount, 1);
  assert.deepEqual([...tree.values], [1 / 3, 2 / 3]);
});

test("growExtraTree leaves rows of weight 0 out and grows regression leaves holding means", () => {
  const X = createMatrix(4, 1, Float64Array.from([1, 2, 3, 4]));
  const y = Float64Array.from([10, 10, 30, 1000]);
  const tree = growExtraTree(float32Columns(X), new SquaredErrorCriterion(y, Float64Array.from([1, 1, 1, 0])), { maxFeatures: 1, rng: createRng(3) });
  // Three rows, all targets but one equal: the leaves hold 10 (maybe twice) and 30, never 1000.
  assert.deepEqual(new Set(tree.values), new Set([10, 30]));
});

test("growExtraForest gives each tree its own stream, reproducibly", () => {
  const { X, y } = problem(200, 4);
  const columns = float32Columns(X);
  const criterion = new GiniCriterion(y, 2, ones(200));
  const a = growExtraForest(columns, 3, 1, createRng(5), criterion);
  const b = growExtraForest(columns, 3, 1, createRng(5), criterion);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a[0].threshold, a[1].threshold);
});

test("growExtraTree refuses bad options and weights", () => {
  const { X, y } = problem(10, 6);
  const columns = float32Columns(X);
  assert.throws(() => growExtraTree(columns, new GiniCriterion(y, 2, ones(10)), { maxFeatures: 0, rng: createRng(1) }), /maxFeatures must be a positive integer/);
  assert.throws(() => growExtraTree(columns, new GiniCriterion(y, 2, new Float64Array(10)), { maxFeatures: 1, rng: createRng(1) }), /no row has a positive weight/);
  assert.throws(() => growExtraForest(columns, 0, 1, createRng(1), new GiniCriterion(y, 2, ones(10))), /tree count must be a positive integer/);
  assert.throws(() => float32Columns(createMatrix(1, 1, Float64Array.from([1e39]))), /feature 0 row 0 is 1e\+39/);
});
