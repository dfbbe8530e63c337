import assert from "node:assert/strict";
import { test } from "node:test";
import { createMatrix, type Matrix } from "../../src/stats/matrix.js";
import { centredMinimumNormLeastSquares, minimumNormLeastSquares } from "../../src/stats/minimumNormLeastSquares.js";
import { createRng, gaussian } from "../../src/stats/rng.js";
import { streamedTriangle } from "../../src/stats/streamedQr.js";
import { accurateScatter, encodedTable, scaledGap, type TableShape } from "./scatterReference.js";

function means(X: Matrix): Float64Array {
  const { rows, cols, data } = X;
  const out = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j] += data[i * cols + j];
  return out.map((v) => v / rows);
}

function centred(X: Matrix, shift: Float64Array): Float64Array {
  return X.data.map((v, k) => v - shift[k % X.cols]);
}

function target(X: Matrix, seed: number): Float64Array {
  const rng = createRng(seed);
  const { rows, cols, data } = X;
  const y = Float64Array.from({ length: rows }, (_, i) => {
    let s = gaussian(rng);
    for (let j = 0; j < cols; j++) s += ((j % 5) - 2) * data[i * cols + j];
    return s;
  });
  const mean = y.reduce((a, b) => a + b, 0) / rows;
  return y.map((v) => v - mean);
}

const shapes: readonly [string, TableShape][] = [
  ["numeric, rows not a multiple of the block", { rows: 301, numeric: 7, blocks: [] }],
  ["z-scored one-hot blocks (collinear beside the intercept)", { rows: 700, numeric: 3, blocks: [6, 4, 9], scaled: true }],
  ["unscaled one-hot blocks and constant columns", { rows: 260, numeric: 2, blocks: [5, 3], constant: 2 }],
  ["one row more than columns", { rows: 19, numeric: 4, blocks: [8, 6] }],
  ["more columns than rows", { rows: 9, numeric: 4, blocks: [8, 6], scaled: true }],
  ["one row", { rows: 1, numeric: 3, blocks: [4] }],
];

for (const [name, shape] of shapes) {
  test(`centredMinimumNormLeastSquares equals the least squares of the centred copy: rank, weights, singular values (${name})`, () => {
    const X = encodedTable(createRng(name.length + 3), shape);
    const shift = means(X);
    const y = target(X, 5);
    const streamed = centredMinimumNormLeastSquares(X, shift, y);
    const plain = minimumNormLeastSquares(centred(X, shift), X.rows, X.cols, y);
    assert.equal(streamed.rank, plain.rank);
    const largest = Math.max(1e-300, plain.singularValues[0]);
    for (let j = 0; j < plain.rank; j++) assert.ok(Math.abs(streamed.singularValues[j] - plain.singularValues[j]) <= 1e-12 * largest, `singular value ${j}`);
    const scale = Math.max(1e-300, ...plain.x.map(Math.abs));
    for (let j = 0; j < X.cols; j++) assert.ok(Math.abs(streamed.x[j] - plain.x[j]) <= 1e-9 * scale, `weight ${j}: ${streamed.x[j]} vs ${plain.x[j]}`);
  });
}

test("the collinear one-hot table really is rank deficient, so the rank decision is exercised", () => {
  const X = encodedTable(createRng(7), { rows: 700, numeric: 3, blocks: [6, 4, 9], scaled: true });
  assert.equal(centredMinimumNormLeastSquares(X, means(X), target(X, 5)).rank, X.cols - 3);
});

test("streamedTriangle's R'R is the centred Gram matrix and R'c is X_c'y, to rounding", () => {
  const X = encodedTable(createRng(11), { rows: 517, numeric: 3, blocks: [5, 7], constant: 1 });
  const shift = means(X);
  const y = target(X, 2);
  const { r, c } = streamedTriangle(X, shift, y);
  const p = X.cols;
  const rtr = new Float64Array(p * p);
  const rtc = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    for (let l = 0; l < p; l++) for (let i = 0; i <= Math.min(j, l); i++) rtr[j * p + l] += r[j * p + i] * r[l * p + i];
    for (let i = 0; i <= j; i++) rtc[j] += r[j * p + i] * c[i];
  }
  const { gap, at } = scaledGap(rtr, accurateScatter(X, null, shift), p);
  assert.ok(gap <= 1e-13, `${at}: ${gap}`);
  const xc = centred(X, shift);
  for (let j = 0; j < p; j++) {
    let s = 0;
    let size = 0;
    for (let i = 0; i < X.rows; i++) {
      s += xc[i * p + j] * y[i];
      size += Math.abs(xc[i * p + j] * y[i]);
    }
    assert.ok(Math.abs(rtc[j] - s) <= 1e-12 * Math.max(size, 1e-300), `column ${j}: ${rtc[j]} vs ${s}`);
  }
});

test("streamedTriangle and centredMinimumNormLeastSquares check their arguments", () => {
  const X = createMatrix(3, 2, Float64Array.from([1, 2, 3, 4, 5, 6]));
  assert.throws(() => streamedTriangle(X, new Float64Array(3), new Float64Array(3)), /3 shifts for 2 columns/);
  assert.throws(() => streamedTriangle(X, new Float64Array(2), new Float64Array(2)), /3 rows but 2/);
  assert.throws(() => streamedTriangle(createMatrix(1, 2, Float64Array.from([1, 2])), new Float64Array(2), new Float64Array(1)), /needs at least as many rows/);
  assert.throws(() => centredMinimumNormLeastSquares(X, new Float64Array(1), new Float64Array(3)), /1 means for 2 columns/);
});
