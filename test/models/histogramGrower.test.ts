import assert from "node:assert/strict";
import { test } from "node:test";
import { binFeaturesForHistograms } from "../../src/models/binMapper.js";
import { HistogramGrower } from "../../src/models/histogramGrower.js";
import { createMatrix } from "../../src/stats/matrix.js";
import { createRng } from "../../src/stats/rng.js";

const options = { maxLeafNodes: 31, minSamplesLeaf: 20, l2Regularization: 0, shrinkage: 0.1 };

function randomProblem(rows: number, cols: number, seed: number) {
  const rng = createRng(seed);
  const X = createMatrix(rows, cols, Float64Array.from({ length: rows * cols }, () => Math.round(rng.next() * 1000) / 100));
  const gradients = Float32Array.from({ length: rows }, (_, i) => X.data[i * cols] - 5 + (rng.next() - 0.5));
  return { X, gradients };
}

test("HistogramGrower's leaves partition the rows, hold at least min_samples_leaf rows each and number at most max_leaf_nodes", () => {
  const { X, gradients } = randomProblem(2000, 4, 3);
  const grown = new HistogramGrower(binFeaturesForHistograms(X), options).grow(gradients, null);
  assert.equal(grown.leafValue.length, 31);
  const seen = new Uint8Array(X.rows);
  for (let leaf = 0; leaf < grown.leafValue.length; leaf++) {
    assert.ok(grown.leafStop[leaf] - grown.leafStart[leaf] >= 20);
    for (let p = grown.leafStart[leaf]; p < grown.leafStop[leaf]; p++) seen[grown.partition[p]]++;
  }
  assert.ok(seen.every((count) => count === 1));
});

test("HistogramGrower's leaf values are -shrinkage G / H, with H the row count for a constant hessian", () => {
  const { X, gradients } = randomProblem(500, 3, 4);
  const hessians = Float32Array.from({ length: X.rows }, (_, i) => 0.5 + (i % 3) / 4);
  for (const h of [null, hessians]) {
    const grown = new HistogramGrower(binFeaturesForHistograms(X), options).grow(gradients, h);
    for (let leaf = 0; leaf < grown.leafValue.length; leaf++) {
      let G = 0;
      let H = 0;
      for (let p = grown.leafStart[leaf]; p < grown.leafStop[leaf]; p++) {
        G += gradients[grown.partition[p]];
        H += h === null ? 1 : h[grown.partition[p]];
      }
      assert.ok(Math.abs(grown.leafValue[leaf] - (-0.1 * G) / H) <= 1e-9 * Math.abs(G / H), `leaf ${leaf}`);
    }
  }
});

test("HistogramGrower grows best first: with three leaves allowed, it splits the child whose split gains more", () => {
  // Feature 0 separates rows 0-49 from 50-99; among the latter, feature 1 separates a strong
  // gradient pattern, among the former a weak one.
  const rows = 100;
  const data = new Float64Array(rows * 2);
  const gradients = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    data[2 * i] = i < 50 ? 0 : 1;
    data[2 * i + 1] = i % 2;
    gradients[i] = (i < 50 ? 10 : -10) + (i % 2 === 0 ? 1 : -1) * (i < 50 ? 0.5 : 4);
  }
  const grown = new HistogramGrower(binFeaturesForHistograms(createMatrix(rows, 2, data)), { ...options, maxLeafNodes: 3 }).grow(gradients, null);
  const sizes = grown.leafValue.map((_, leaf) => grown.leafStop[leaf] - grown.leafStart[leaf]).sort((a, b) => a - b);
  assert.deepEqual(sizes, [25, 25, 50]);
  // The undivided leaf is the first half (weak pattern): value -0.1 * mean gradient 10.
  const whole = grown.leafValue.find((_, leaf) => grown.leafStop[leaf] - grown.leafStart[leaf] === 50) as number;
  assert.ok(Math.abs(whole - -1) <= 1e-12);
});

test("HistogramGrower leaves a root of fewer than 2 min_samples_leaf rows unsplit, with value 0 as scikit-learn's", () => {
  const { X, gradients } = randomProblem(39, 2, 5);
  const grown = new HistogramGrower(binFeaturesForHistograms(X), options).grow(gradients, null);
  assert.deepEqual(grown.leafValue, [0]);
  assert.deepEqual(Array.from(grown.tree.feature), [-1]);
});

test("HistogramGrower's WebAssembly histogram kernels grow the JavaScript passes' trees bit for bit, with hessians and with a constant one, tree after tree", () => {
  const { X, gradients } = randomProblem(1500, 6, 11);
  const binned = binFeaturesForHistograms(X);
  const withKernels = new HistogramGrower(binned, options);
  const plain = new HistogramGrower(binned, { ...options, useKernels: false });
  const rng = createRng(12);
  for (let tree = 0; tree < 4; tree++) {
    const g = Float32Array.from(gradients, (v) => v * (1 + tree) + (rng.next() - 0.5));
    const h = tree % 2 === 0 ? null : Float32Array.from(g, () => 0.05 + rng.next());
    const a = withKernels.grow(g, h);
    const b = plain.grow(g, h);
    const label = `tree ${tree}, ${h === null ? "constant hessian" : "hessians"}`;
    for (const key of ["feature", "threshold", "left", "right", "value"] as const) assert.deepEqual([...a.tree[key]], [...b.tree[key]], `${label}: ${key}`);
    assert.deepEqual([...a.partition], [...b.partition], label);
    assert.deepEqual(a.leafValue, b.leafValue, label);
    assert.deepEqual(a.leafStart, b.leafStart, label);
  }
});
