import assert from "node:assert/strict";
import { test } from "node:test";
import { createMatrix } from "../../src/stats/matrix.js";
import { everyNthRow, rareColumns, type RareColumns } from "../../src/stats/rareColumns.js";
import { createRng, gaussian } from "../../src/stats/rng.js";
import { encodedTable } from "./scatterReference.js";

/** Row i of the split written back in column order. */
function rebuiltRow(split: RareColumns, i: number): Float64Array {
  const { column, numericCount, rowValues, start, entries, base, delta } = split;
  const byPosition = Float64Array.from(base);
  for (let q = 0; q < numericCount; q++) byPosition[q] += rowValues[i * (1 + numericCount) + 1 + q];
  for (let p = start[i]; p < start[i + 1]; p++) byPosition[entries[p]] += delta[entries[p]];
  const row = new Float64Array(column.length);
  byPosition.forEach((v, at) => (row[column[at]] = v));
  return row;
}

test("rareColumns rebuilds every row as its base plus its numeric values and its binary columns' deltas", () => {
  const X = encodedTable(createRng(7), { rows: 90, numeric: 2, blocks: [5, 3, 4], constant: 1, scaled: true });
  const split = rareColumns(X);
  if (split === null) return assert.fail("no split");
  const { column, numericCount, rowValues, start, entries, base, delta } = split;
  assert.deepEqual([...column].sort((a, b) => a - b), Array.from({ length: X.cols }, (_, j) => j));
  for (let i = 0; i < X.rows; i++) {
    const row = Float64Array.from(base);
    for (let q = 0; q < numericCount; q++) row[q] += rowValues[i * (1 + numericCount) + 1 + q];
    let baseEntries = 0;
    for (let p = start[i]; p < start[i + 1]; p++) {
      row[entries[p]] += delta[entries[p]];
      baseEntries += base[entries[p]] * delta[entries[p]];
    }
    row.forEach((v, at) => {
      const x = X.data[i * X.cols + column[at]];
      assert.ok(Math.abs(v - x) <= 1e-15 * Math.max(1, Math.abs(x)), `row ${i} column ${column[at]}`);
    });
    assert.equal(rowValues[i * (1 + numericCount)], baseEntries);
  }
});

test("everyNthRow keeps rows 0, stride, 2 stride, ... whole, the last one included", () => {
  const X = encodedTable(createRng(11), { rows: 103, numeric: 2, blocks: [5, 3, 4], constant: 1, scaled: true });
  const split = rareColumns(X);
  if (split === null) return assert.fail("no split");
  for (const stride of [1, 4, 7, 200]) {
    const sample = everyNthRow(split, stride);
    const rows = Math.ceil(103 / stride);
    assert.equal(sample.start.length, rows + 1);
    for (let s = 0; s < rows; s++) {
      assert.deepEqual([...rebuiltRow(sample, s)], [...rebuiltRow(split, s * stride)], `stride ${stride}, row ${s}`);
      assert.equal(sample.rowValues[s * (1 + sample.numericCount)], split.rowValues[s * stride * (1 + split.numericCount)]);
    }
  }
});

test("rareColumns declines tables whose rows would keep half their values", () => {
  const rng = createRng(2);
  assert.equal(rareColumns(createMatrix(40, 3, Float64Array.from({ length: 120 }, () => gaussian(rng)))), null);
});


test("rareColumns puts numeric columns first, then two-valued ones at their rarer value (a tie's base the value seen first)", () => {
  // Column 0 numeric; 1 two-valued (-0.5 common, 2 rare); 2 constant; 3 two-valued, a tie; 4 numeric; 5 constant.
  const X = createMatrix(4, 6, Float64Array.from([1.5, -0.5, 7, 0, 9, 4, 2.5, 2, 7, 1, 8, 4, -1, -0.5, 7, 1, 7, 4, 3, -0.5, 7, 0, 6, 4]));
  const split = rareColumns(X);
  if (split === null) return assert.fail("no split");
  assert.deepEqual([...split.column], [0, 4, 1, 2, 3, 5]);
  assert.equal(split.numericCount, 2);
  assert.deepEqual([...split.base], [0, 0, -0.5, 7, 0, 4]);
  assert.deepEqual([...split.rare], [NaN, NaN, 2, 7, 1, 4]);
  assert.deepEqual([...split.delta], [0, 0, 2.5, 0, 1, 0]);
  assert.deepEqual([...split.start], [0, 0, 2, 3, 3]);
  assert.deepEqual([...split.entries], [2, 4, 4]);
  // Per row: base . e_i (row 1: -0.5 x 2.5 + 0 x 1), then columns 0 and 4.
  assert.deepEqual([...split.rowValues], [0, 1.5, 9, -1.25, 2.5, 8, 0, -1, 7, 0, 3, 6]);
});

test("rareColumns declines values that are not finite and empty tables", () => {
  assert.equal(rareColumns(createMatrix(4, 3, Float64Array.from([0, 1, 0, 1, 0, NaN, 0, 1, 0, 1, 0, 1]))), null);
  assert.equal(rareColumns(createMatrix(4, 3, Float64Array.from([0, 1, 0, 1, 0, Infinity, 0, 1, 0, 1, 0, 1]))), null);
  assert.equal(rareColumns(createMatrix(0, 3)), null);
});
