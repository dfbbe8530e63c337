import assert from "node:assert/strict";
import { test } from "node:test";
import { CODED, codedColumns, MAX_CODES, rankAtOrBelow, RAW, TWO_VALUED } from "../../src/models/codedColumns.js";
import { float32Columns } from "../../src/models/float32Columns.js";
import { createMatrix } from "../../src/stats/matrix.js";

/** One matrix from columns of equal length. */
function columns(...cols: number[][]) {
  const rows = cols[0].length;
  const data = new Float64Array(rows * cols.length);
  cols.forEach((col, j) => col.forEach((v, i) => (data[i * cols.length + j] = v)));
  return float32Columns(createMatrix(rows, cols.length, data));
}

test("codedColumns tells two-valued, few-valued and many-valued features apart", () => {
  const many = Array.from({ length: 300 }, (_, i) => i / 7);
  const coded = codedColumns(columns(
    many.map((_, i) => i % 3 === 0 ? 1 : 0),
    many.map((_, i) => i % 5),
    many,
    many.map(() => 4),
  ));
  assert.deepEqual([...coded.kind], [TWO_VALUED, CODED, RAW, CODED]);
});

test("codedColumns ranks a coded feature's values in ascending order, as float32 values", () => {
  const coded = codedColumns(columns([0.1, -3, 0.1, 7, -3]));
  assert.deepEqual([...coded.codes.subarray(0, 5)], [1, 0, 1, 2, 0]);
  assert.deepEqual([...coded.distinct.subarray(0, 3)], [-3, Math.fround(0.1), 7]);
});

test("codedColumns keeps raw a feature holding both -0 and 0, and codes 256 values but not 257", () => {
  const coded = codedColumns(columns([0, -0, 1, 0], [-0, -0, 1, 1]));
  assert.deepEqual([...coded.kind], [RAW, TWO_VALUED]);
  const values = (count: number) => Array.from({ length: 600 }, (_, i) => i % count);
  assert.deepEqual([...codedColumns(columns(values(MAX_CODES), values(MAX_CODES + 1))).kind], [CODED, RAW]);
});

test("codedColumns does not call two values closer than FEATURE_THRESHOLD two-valued: a node holding both is constant", () => {
  const close = Math.fround(0.5 + 6e-8);
  assert.deepEqual([...codedColumns(columns([0.5, close, 0.5])).kind], [CODED]);
});

test("rankAtOrBelow finds the highest rank whose value is at or below the threshold", () => {
  const coded = codedColumns(columns([1, 2, 4, 8, 16]));
  assert.equal(rankAtOrBelow(coded.distinct, 0, 0, 4, 1), 0);
  assert.equal(rankAtOrBelow(coded.distinct, 0, 0, 4, 3.9), 1);
  assert.equal(rankAtOrBelow(coded.distinct, 0, 1, 4, 8), 3);
  assert.equal(rankAtOrBelow(coded.distinct, 0, 2, 3, 5), 2);
});
