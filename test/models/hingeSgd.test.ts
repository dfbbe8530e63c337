import assert from "node:assert/strict";
import { test } from "node:test";
import { hingeSgd, shuffleSwaps, sklearnShuffle } from "../../src/models/hingeSgd.js";
import { rareColumns } from "../../src/stats/rareColumns.js";
import { createRng, gaussian } from "../../src/stats/rng.js";
import { encodedTable } from "../stats/scatterReference.js";

function signsFor(X: { rows: number; cols: number; data: Float64Array }, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: X.rows }, (_, i) => (X.data[i * X.cols] + X.data[i * X.cols + 3] - X.data[i * X.cols + 5] + gaussian(rng) > 0 ? 1 : -1));
}

test("on the split form the hinge SGD takes the dense rows' steps: same epochs, weights and intercept to rounding", () => {
  for (const seed of [1, 2, 3]) {
    const X = encodedTable(createRng(seed), { rows: 400, numeric: 2, blocks: [6, 4, 5, 3], constant: 1, scaled: true });
    const split = rareColumns(X);
    if (split === null) return assert.fail("the split should pay on this table");
    const y = signsFor(X, seed);
    const dense = hingeSgd(X, null, y, 1234 + seed, 1e-4, 1000, 1e-3);
    const sparse = hingeSgd(X, split, y, 1234 + seed, 1e-4, 1000, 1e-3);
    assert.equal(sparse.epochs, dense.epochs);
    assert.ok(Math.abs(sparse.intercept - dense.intercept) <= 1e-12 * Math.abs(dense.intercept));
    const largest = Math.max(...dense.weights.map(Math.abs));
    dense.weights.forEach((w, j) => assert.ok(Math.abs(sparse.weights[j] - w) <= 1e-11 * largest, `weight ${j}: ${sparse.weights[j]} vs ${w}`));
  }
});

test("the shuffle's swaps, drawn once, replay sklearnShuffle", () => {
  const order = Uint32Array.from({ length: 9 }, (_, i) => i);
  const replayed = Uint32Array.from(order);
  const swaps = shuffleSwaps(9, 777);
  for (let epoch = 0; epoch < 3; epoch++) {
    sklearnShuffle(order, 777);
    for (let i = 0; i < swaps.length; i++) [replayed[i], replayed[swaps[i]]] = [replayed[swaps[i]], replayed[i]];
    assert.deepEqual([...replayed], [...order]);
  }
  assert.equal(shuffleSwaps(0, 1).length, 0);
});
