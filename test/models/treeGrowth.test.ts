import assert from "node:assert/strict";
import { test } from "node:test";
import { binFeatures } from "../../src/models/featureBins.js";
import { GiniCriterion } from "../../src/models/giniCriterion.js";
import { SquaredErrorCriterion } from "../../src/models/squaredErrorCriterion.js";
import { addLeafValues, growTree, type FlatTree } from "../../src/models/treeGrowth.js";
import { createMatrix, type Matrix } from "../../src/stats/matrix.js";
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

/**
 * Checks every split of a tree grown on all rows with every feature tried, against a brute-force
 * sorted scan of the rows reaching the node (scikit-learn's BestSplitter, written plainly): its
 * threshold lies between the largest value sent left and the smallest sent right, at their
 * midpoint, and no boundary between neighbouring distinct values of any feature scores better.
 * Ties may go to another feature, so the scores are compared, not the splits.
 */
function assertBestSplits(tree: FlatTree, X: Matrix, proxyOf: (left: readonly number[], right: readonly number[]) => number): number {
  const value = (i: number, j: number) => Math.fround(X.data[i * X.cols + j]);
  let checked = 0;
  const visit = (node: number, rows: readonly number[]): void => {
    const f = tree.feature[node];
    if (f < 0) return;
    const t = tree.threshold[node];
    const left = rows.filter((i) => value(i, f) <= t);
    const right = rows.filter((i) => value(i, f) > t);
    assert.ok(left.length > 0 && right.length > 0, `node ${node} sends every row one way`);
    const a = Math.max(...left.map((i) => value(i, f)));
    const b = Math.min(...right.map((i) => value(i, f)));
    assert.equal(t, a / 2 + b / 2 === b ? a : a / 2 + b / 2, `node ${node}: threshold ${t} between ${a} and ${b}`);
    let best = -Infinity;
    for (let j = 0; j < X.cols; j++) {
      const sorted = [...rows].sort((p, q) => value(p, j) - value(q, j));
      for (let k = 1; k < sorted.length; k++) {
        if (value(sorted[k], j) <= value(sorted[k - 1], j) + 1e-7) continue;
        best = Math.max(best, proxyOf(sorted.slice(0, k), sorted.slice(k)));
      }
    }
    const proxy = proxyOf(left, right);
    assert.ok(proxy >= best - 1e-9 * Math.abs(best), `node ${node}: split scores ${proxy}, a boundary scores ${best}`);
    checked++;
    visit(tree.left[node], left);
    visit(tree.right[node], right);
  };
  visit(0, Array.from({ length: X.rows }, (_, i) => i));
  return checked;
}

/**
 * Random tables whose features have more than 256 distinct values (continuous, and rounded so
 * that values repeat) beside a few-valued one. With `groups`, the few-valued feature cuts the
 * rows into interleaved groups first, so that deep nodes hold a few rows spread over thousands of
 * ranks of the wide feature.
 */
function wideTable(seed: number, rows: number, groups = 0): { X: Matrix; y: Float64Array; labels: Uint32Array } {
  const rng = createRng(seed);
  const data = new Float64Array(rows * 3);
  const y = new Float64Array(rows);
  const labels = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) {
    const wide = rng.next() * 10;
    const repeated = Math.round(rng.next() * 600) / 2;
    const few = groups > 0 ? i % groups : rng.int(5);
    data.set([wide, repeated, few], i * 3);
    const signal = groups > 0 ? 100 * few + Math.sin(3 * wide) : Math.sin(wide) + repeated / 100 - few / 2;
    y[i] = signal + rng.next() * 0.5;
    labels[i] = signal + rng.next() * 1.5 > (groups > 0 ? 100 * few + 0.75 : 1.75) ? 1 : 0;
  }
  return { X: createMatrix(rows, 3, data), y, labels };
}

const sum = (values: readonly number[]) => values.reduce((s, v) => s + v, 0);

test("growTree splits features of more than 256 values at every boundary scikit-learn's sorted scan could choose, at the best one (squared error)", () => {
  for (const [seed, rows, groups] of [[1, 400, 0], [2, 700, 0], [3, 6000, 300]]) {
    const { X, y } = wideTable(seed, rows, groups);
    const tree = growTree(binFeatures(X), new SquaredErrorCriterion(y, new Float64Array(rows).fill(1)), { maxFeatures: 3, rng: createRng(seed), maxDepth: groups > 0 ? undefined : 12 });
    const proxyOf = (left: readonly number[], right: readonly number[]) => sum(left.map((i) => y[i])) ** 2 / left.length + sum(right.map((i) => y[i])) ** 2 / right.length;
    assert.ok(assertBestSplits(tree, X, proxyOf) > 100);
  }
});

test("growTree splits features of more than 256 values at every boundary scikit-learn's sorted scan could choose, at the best one (gini)", () => {
  for (const [seed, rows, groups] of [[4, 500, 0], [5, 6000, 300]]) {
    const { X, labels } = wideTable(seed, rows, groups);
    const tree = growTree(binFeatures(X), new GiniCriterion(labels, 2, new Float64Array(rows).fill(1)), { maxFeatures: 3, rng: createRng(seed) });
    const weightedGini = (side: readonly number[]) => {
      const positives = side.filter((i) => labels[i] === 1).length;
      return side.length * (1 - (positives ** 2 + (side.length - positives) ** 2) / side.length ** 2);
    };
    assert.ok(assertBestSplits(tree, X, (left, right) => -weightedGini(right) - weightedGini(left)) > 20);
  }
});

test("a fully grown tree on one feature of more than 256 distinct values fits every training row (no two rows share a bin)", () => {
  const { X: table, y, labels } = wideTable(6, 800);
  const X = createMatrix(800, 1, Float64Array.from({ length: 800 }, (_, i) => table.data[i * 3]));
  const bins = binFeatures(X);
  assert.equal(bins.binCount[0], 800);
  const regression = growTree(bins, new SquaredErrorCriterion(y, new Float64Array(800).fill(1)), { maxFeatures: 1, rng: createRng(6) });
  const classification = growTree(bins, new GiniCriterion(labels, 2, new Float64Array(800).fill(1)), { maxFeatures: 1, rng: createRng(7) });
  const fitted = new Float64Array(800);
  addLeafValues(regression, X, fitted, 1);
  const proba = new Float64Array(1600);
  addLeafValues(classification, X, proba, 1);
  for (let i = 0; i < 800; i++) {
    assert.equal(fitted[i], y[i]);
    assert.equal(proba[2 * i + 1], labels[i]);
  }
});
