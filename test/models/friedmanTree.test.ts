import assert from "node:assert/strict";
import { test } from "node:test";
import { FriedmanTreeGrower } from "../../src/models/friedmanTree.js";
import { sortColumns } from "../../src/models/sortedColumns.js";
import { createMatrix } from "../../src/stats/matrix.js";
import { createRng } from "../../src/stats/rng.js";

const grower = (rows: number[][], maxDepth: number, seed = 1): FriedmanTreeGrower =>
  new FriedmanTreeGrower(sortColumns(createMatrix(rows.length, rows[0].length, Float64Array.from(rows.flat()))), maxDepth, createRng(seed));
const splits = (tree: { feature: Int32Array; threshold: Float64Array }): [number, number][] =>
  Array.from(tree.feature).flatMap((f, node) => (f >= 0 ? [[f, tree.threshold[node]] as [number, number]] : []));

test("FriedmanTreeGrower splits at the midpoint of the neighbouring values with the best (W_R S_L - W_L S_R)^2 / (W_L W_R)", () => {
  const g = grower([[1], [2], [3], [10], [11], [12]], 1);
  const tree = g.grow(Float64Array.from([0, 0, 1, 5, 5, 6]));
  assert.deepEqual(splits(tree), [[0, 6.5]]);
  const leaves = Array.from(g.leafOfRow);
  assert.deepEqual(leaves.map((leaf) => tree.value[leaf]), [1 / 3, 1 / 3, 1 / 3, 16 / 3, 16 / 3, 16 / 3]);
});

test("FriedmanTreeGrower stops at the depth limit and at pure nodes", () => {
  const g = grower([[1], [2], [3], [4], [5], [6], [7], [8]], 2);
  // The right half is pure: it stays a leaf while the left half splits again.
  const tree = g.grow(Float64Array.from([0, 1, 2, 3, 9, 9, 9, 9]));
  assert.deepEqual(splits(tree), [[0, 4.5], [0, 2.5]]);
  // At depth 2 no more splits, though the leaves {1, 2} and {3, 4} are not pure.
  assert.equal(new Set(g.leafOfRow).size, 3);
});

test("FriedmanTreeGrower never separates values within 1e-7 of each other, as scikit-learn's FEATURE_THRESHOLD", () => {
  const g = grower([[0], [1e-8], [5e-8], [1]], 1);
  const tree = g.grow(Float64Array.from([0, 10, 10, 10]));
  // Isolating row 0 would be best, but its neighbour is too close: the only cut is before 1.
  assert.deepEqual(splits(tree).map(([f, t]) => [f, Math.fround(t)]), [[0, Math.fround(5e-8 / 2 + 0.5)]]);
});

test("FriedmanTreeGrower makes a leaf of a node whose features are all constant, and breaks ties by a seeded random feature order per node", () => {
  const constant = grower([[1, 2], [1, 2], [1, 2]], 3);
  assert.deepEqual(splits(constant.grow(Float64Array.from([1, 2, 3]))), []);
  // Columns 0, 1 and 2 cut the rows alike; scikit-learn takes the first in a random order drawn
  // per node, so over seeds each wins sometimes, and one seed always makes the same choice.
  const tiedRows = [[1, 5, 9], [2, 6, 8], [3, 7, 7], [4, 8, 6]];
  const y = Float64Array.from([0, 0, 1, 1]);
  const chosen = Array.from({ length: 30 }, (_, seed) => splits(grower(tiedRows, 1, seed).grow(y)));
  const expected: Record<number, [number, number]> = { 0: [0, 2.5], 1: [1, 6.5], 2: [2, 7.5] };
  for (const choice of chosen) assert.deepEqual(choice, [expected[choice[0][0]]]);
  assert.deepEqual(new Set(chosen.map((choice) => choice[0][0])), new Set([0, 1, 2]));
  assert.deepEqual(splits(grower(tiedRows, 1, 5).grow(y)), chosen[5]);
  // Each node draws its own order: the trees of one grower do not all take the same column.
  const g = grower(tiedRows, 1, 3);
  assert.equal(new Set(Array.from({ length: 20 }, () => splits(g.grow(y))[0][0])).size, 3);
});

test("FriedmanTreeGrower sends rows left by their float32 value, as scikit-learn's float32 X", () => {
  // 0.1 and 0.1 + 1e-9 are one float32 value: they cannot be split apart.
  const g = grower([[0.1], [0.1 + 1e-9], [0.3]], 2);
  const tree = g.grow(Float64Array.from([0, 4, 10]));
  assert.equal(splits(tree).length, 1);
  assert.equal(g.leafOfRow[0], g.leafOfRow[1]);
});

/**
 * scikit-learn's friedman_mse split search written the plain way, node by node: each node's rows
 * sorted by each feature, every cut between values more than 1e-7 apart scored by
 * (W_R S_L - W_L S_R)^2 / (W_L W_R), the first best kept. Returns each row's leaf mean.
 */
function plainTreeMeans(X: number[][], y: Float64Array, maxDepth: number): number[] {
  const out = new Array<number>(X.length);
  const fx = X.map((row) => row.map((v) => Math.fround(v)));
  const grow = (rows: number[], depth: number): void => {
    const mean = rows.reduce((a, i) => a + y[i], 0) / rows.length;
    const variance = rows.reduce((a, i) => a + y[i] * y[i], 0) / rows.length - mean * mean;
    let best = { proxy: -Infinity, feature: -1, threshold: 0 };
    if (depth < maxDepth && rows.length >= 2 && variance > Number.EPSILON) {
      const total = rows.reduce((a, i) => a + y[i], 0);
      for (let f = 0; f < fx[0].length; f++) {
        const sorted = [...rows].sort((a, b) => fx[a][f] - fx[b][f] || a - b);
        let sL = 0;
        for (let p = 1; p < sorted.length; p++) {
          sL += y[sorted[p - 1]];
          const a = fx[sorted[p - 1]][f];
          const v = fx[sorted[p]][f];
          if (!(v > a + 1e-7)) continue;
          const wL = p;
          const wR = sorted.length - p;
          const diff = wR * sL - wL * (total - sL);
          const proxy = (diff * diff) / (wL * wR);
          if (proxy > best.proxy) best = { proxy, feature: f, threshold: a / 2 + v / 2 };
        }
      }
    }
    if (best.feature < 0) {
      for (const i of rows) out[i] = mean;
      return;
    }
    grow(rows.filter((i) => fx[i][best.feature] <= best.threshold), depth + 1);
    grow(rows.filter((i) => fx[i][best.feature] > best.threshold), depth + 1);
  };
  grow(X.map((_, i) => i), 0);
  return out;
}

test("FriedmanTreeGrower grows the plain search's trees on tables of two-valued columns (either value the rarer), constant and numeric ones", () => {
  const rng = createRng(7);
  for (let trial = 0; trial < 12; trial++) {
    const rows = 60 + trial * 7;
    const X = Array.from({ length: rows }, () => [
      rng.next() < 0.2 ? 1 : 0, // rare high
      rng.next() < 0.8 ? 2.5 : -0.4, // rare low
      rng.next() < 0.5 ? -1 : 1, // balanced
      3, // constant
      Math.round(rng.next() * 20) / 4, // numeric with ties
      rng.next() < 0.1 ? 1e-8 : 0, // two values closer than 1e-7: never split
    ]);
    const y = Float64Array.from(X, (row) => 2 * row[0] - row[1] + 0.5 * row[2] * row[4] + rng.next());
    const g = new FriedmanTreeGrower(sortColumns(createMatrix(rows, 6, Float64Array.from(X.flat()))), 3, createRng(trial));
    const tree = g.grow(y);
    const expected = plainTreeMeans(X, y, 3);
    Array.from(g.leafOfRow).forEach((leaf, i) => assert.ok(Math.abs(tree.value[leaf] - expected[i]) <= 1e-12, `trial ${trial} row ${i}: ${tree.value[leaf]} vs ${expected[i]}`));
  }
});
