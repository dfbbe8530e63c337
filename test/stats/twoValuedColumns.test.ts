import assert from "node:assert/strict";
import { test } from "node:test";
import { createMatrix } from "../../src/stats/matrix.js";
import { twoValuedColumns } from "../../src/stats/twoValuedColumns.js";

test("twoValuedColumns finds the two-valued columns and each group's more frequent value, the column's first value on a tie", () => {
  // Column 0 numeric; 1 two-valued (group 0 mostly 5, group 1 mostly 7); 2 constant; 3 two-valued,
  // a tie in group 1, which the column's first value (0, row 0) wins.
  const X = createMatrix(8, 4, Float64Array.from([
    0.5, 5, 9, 0,
    1.5, 5, 9, 0,
    2.5, 7, 9, 1,
    3.5, 7, 9, 1,
    4.5, 7, 9, 1,
    5.5, 7, 9, 0,
    6.5, 5, 9, 0,
    7.5, 5, 9, 0,
  ]));
  const group = Uint32Array.from([0, 0, 0, 1, 1, 1, 1, 0]);
  const found = twoValuedColumns(X, group, 2, 4);
  if (found === null) return assert.fail("no split");
  assert.deepEqual([...found.numeric], [0]);
  assert.deepEqual([...found.binary], [1, 2, 3]);
  assert.deepEqual([...found.groupBase], [0, 5, 9, 0, 0, 7, 9, 0]);
  assert.deepEqual([...found.groupRare], [NaN, 7, 9, 1, NaN, 5, 9, 1]);
  assert.deepEqual([...found.counts], [4, 4]);
  // Per row one numeric entry; off their group's base: column 1 in rows 2 and 6, column 3 in rows 2, 3 and 4.
  assert.equal(found.entries, 8 + 2 + 3);
  assert.equal(found.perRow, (8 + 2 + 3) / 8);
});

test("twoValuedColumns declines tables where the split cannot pay, values that are not finite, and empty tables", () => {
  const numeric = createMatrix(3, 2, Float64Array.from([1, 2, 3, 4, 5, 6]));
  assert.equal(twoValuedColumns(numeric, null, 1, 2), null);
  assert.notEqual(twoValuedColumns(numeric, null, 1, 3), null);
  assert.equal(twoValuedColumns(createMatrix(2, 1, Float64Array.from([0, Infinity])), null, 1, 5), null);
  assert.equal(twoValuedColumns(createMatrix(0, 3), null, 1, 5), null);
});
