import assert from "node:assert/strict";
import { test } from "node:test";
import { denseScatter } from "../../src/stats/gram.js";
import { createMatrix, type Matrix } from "../../src/stats/matrix.js";
import { createRng, gaussian } from "../../src/stats/rng.js";
import { encodedTable, plainScatter } from "./scatterReference.js";

function randomMatrix(seed: number, rows: number, cols: number): Matrix {
  const rng = createRng(seed);
  return createMatrix(rows, cols, Float64Array.from({ length: rows * cols }, () => (rng.next() < 0.2 ? 0 : 10 * gaussian(rng))));
}

function assertBitEqual(actual: Float64Array, expected: Float64Array, what: string): void {
  assert.equal(actual.length, expected.length, what);
  for (let e = 0; e < expected.length; e++) assert.ok(Object.is(actual[e], expected[e]), `${what}: entry ${e} is ${actual[e]}, the in-order sum ${expected[e]}`);
}

test("denseScatter is the per-row rank-1 sums bit for bit, for any width (tiles padded) and any number of row blocks", () => {
  for (const [rows, cols] of [[1, 1], [1, 7], [3, 4], [64, 5], [65, 9], [200, 13], [130, 16], [5, 37]]) {
    const X = randomMatrix(rows * 100 + cols, rows, cols);
    assertBitEqual(denseScatter(X), plainScatter(X, null, null), `${rows} x ${cols}`);
  }
});

test("denseScatter sums the listed rows in their order, shifted, bit for bit", () => {
  const X = randomMatrix(7, 150, 11);
  const rng = createRng(8);
  const rowList = Uint32Array.from({ length: 97 }, () => rng.int(150));
  const shift = Float64Array.from({ length: 11 }, (_, j) => j - 5.5);
  assertBitEqual(denseScatter(X, rowList, shift), plainScatter(X, rowList, shift), "listed rows");
  assertBitEqual(denseScatter(X, new Uint32Array(0), shift), new Float64Array(121), "no rows");
});

test("denseScatter of a one-hot table with constant columns is symmetric and bit for bit the plain sums", () => {
  const X = encodedTable(createRng(3), { rows: 300, numeric: 3, blocks: [4, 6, 2], constant: 2, scaled: true });
  const out = denseScatter(X);
  assertBitEqual(out, plainScatter(X, null, null), "one-hot");
  for (let j = 0; j < X.cols; j++) for (let l = 0; l < j; l++) assert.equal(out[j * X.cols + l], out[l * X.cols + j]);
});

test("denseScatter refuses a row outside X and a shift of the wrong length", () => {
  const X = randomMatrix(1, 4, 3);
  assert.throws(() => denseScatter(X, Uint32Array.from([0, 4])), /row 4 of 4/);
  assert.throws(() => denseScatter(X, null, new Float64Array(2)), /2 shifts for 3 columns/);
});

test("denseScatter's WebAssembly tiles give the JavaScript tiles' sums bit for bit: any width, partial blocks, a row list and a shift", () => {
  const rng = createRng(71);
  for (const [rows, cols] of [[1, 1], [63, 3], [64, 4], [65, 5], [200, 23], [130, 67]]) {
    const X = createMatrix(rows, cols, Float64Array.from({ length: rows * cols }, () => (rng.next() - 0.5) * 10 ** Math.floor(rng.next() * 6)));
    const rowList = Uint32Array.from({ length: Math.max(1, rows - 7) }, (_, i) => (i * 5) % rows);
    const shift = Float64Array.from({ length: cols }, () => rng.next() * 3);
    for (const [list, by] of [[null, null], [rowList, shift], [null, shift]] as const) {
      assert.deepEqual([...denseScatter(X, list, by, 0)], [...denseScatter(X, list, by, Infinity)], `${rows} x ${cols}, ${list === null ? "every row" : "a row list"}, ${by === null ? "no shift" : "shifted"}`);
    }
  }
});
