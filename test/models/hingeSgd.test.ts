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

test("the WebAssembly kernel takes the JavaScript pass's steps bit for bit: epochs, weights, intercept, the scale folded into the weights included", () => {
  const rng = createRng(91);
  for (const [rows, cols, alpha] of [[300, 23, 1e-4], [257, 5, 1e-4], [120, 9, 0.5], [64, 1, 10], [200, 17, 3e-6]] as const) {
    const data = Float64Array.from({ length: rows * cols }, () => gaussian(rng) * 3);
    const X = { rows, cols, data };
    const y = Float64Array.from({ length: rows }, (_, i) => (data[i * cols] - (cols > 2 ? data[i * cols + 2] : 0) + gaussian(rng) > 0 ? 1 : -1));
    const kernel = hingeSgd(X, null, y, 4321, alpha, 1000, 1e-3);
    const plain = hingeSgd(X, null, y, 4321, alpha, 1000, 1e-3, false);
    const label = `${rows} x ${cols}, alpha ${alpha}`;
    assert.equal(kernel.epochs, plain.epochs, label);
    assert.ok(Object.is(kernel.intercept, plain.intercept), `${label}: intercept ${kernel.intercept} vs ${plain.intercept}`);
    assert.deepEqual([...kernel.weights], [...plain.weights], label);
  }
});

test("the kernel's weights are a copy, not a view of its memory", () => {
  const X = { rows: 40, cols: 3, data: Float64Array.from({ length: 120 }, (_, i) => Math.sin(i)) };
  const y = Float64Array.from({ length: 40 }, (_, i) => (Math.sin(3 * i) > 0 ? 1 : -1));
  const { weights } = hingeSgd(X, null, y, 7, 1e-4, 50, 1e-3);
  assert.equal(weights.buffer.byteLength, 3 * 8);
});

test("on the split form the WebAssembly kernel takes the JavaScript pass's steps bit for bit, the scale folded into v and beta included", () => {
  for (const [seed, rows, alpha] of [[5, 1300, 1e-4], [6, 300, 0.5], [7, 90, 10]] as const) {
    const X = encodedTable(createRng(seed), { rows, numeric: 3, blocks: [6, 4, 5, 3], constant: 1, scaled: true });
    const split = rareColumns(X);
    if (split === null) return assert.fail("the split should pay on this table");
    const y = signsFor(X, seed);
    const kernel = hingeSgd(X, split, y, 99 + seed, alpha, 1000, 1e-3);
    const plain = hingeSgd(X, split, y, 99 + seed, alpha, 1000, 1e-3, false);
    const label = `${rows} rows, alpha ${alpha}`;
    assert.equal(kernel.epochs, plain.epochs, label);
    assert.ok(Object.is(kernel.intercept, plain.intercept), `${label}: intercept ${kernel.intercept} vs ${plain.intercept}`);
    assert.deepEqual([...kernel.weights], [...plain.weights], label);
  }
});
