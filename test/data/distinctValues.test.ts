import assert from "node:assert/strict";
import { test } from "node:test";
import { distinctValues, NumericDistinct } from "../../src/data/distinctValues.js";

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

test("cells that are all numbers are values by number, in numeric order, each shown as its first cell", () => {
  const { values, codes } = distinctValues(["10", "5", "1.0", "1", "10.00", "-2"], byCodeUnits);
  assert.deepEqual(values, ["-2", "1.0", "5", "10"]);
  assert.deepEqual([...codes], [3, 2, 1, 1, 3, 0]);
});

test("one text cell makes every cell text, in the order given", () => {
  const { values, codes } = distinctValues(["10", "5", "x", "1.0", "1"], byCodeUnits);
  assert.deepEqual(values, ["1", "1.0", "10", "5", "x"]);
  assert.deepEqual([...codes], [2, 3, 4, 1, 0]);
  assert.deepEqual(distinctValues(["b", "a", "b"], (a, b) => byCodeUnits(b, a)).values, ["b", "a"]);
});

test("integers beyond 2^53 stay apart when every cell is a plain integer, as pandas' int64 keeps them; a decimal cell makes the column float64, where they merge", () => {
  const { values, codes } = distinctValues(["9007199254740993", "9007199254740992", "+9007199254740995", "9007199254740993", "-9007199254740993"], byCodeUnits);
  assert.deepEqual(values, ["-9007199254740993", "9007199254740992", "9007199254740993", "+9007199254740995"]);
  assert.deepEqual([...codes], [2, 1, 3, 2, 0]);
  assert.deepEqual(distinctValues(["9007199254740993", "9007199254740992", "1.5"], byCodeUnits).values, ["1.5", "9007199254740993"]);
  // Past int64 pandas reads uint64, and past that Python ints: exact either way.
  assert.equal(distinctValues(["9223372036854775808", "9223372036854775809"], byCodeUnits).values.length, 2);
  assert.equal(distinctValues(["18446744073709551617", "18446744073709551618"], byCodeUnits).values.length, 2);
});

test("NumericDistinct, fed a column cell by cell, tells its values apart as distinctValues does", () => {
  const columns = [
    ["9007199254740993", "9007199254740992", "+9007199254740995", "9007199254740993"],
    ["9007199254740993", "9007199254740992", "1.5"],
    ["10", "5", "1.0", "1", "10.00", "-2"],
    ["18446744073709551617", "18446744073709551618"],
  ];
  for (const cells of columns) {
    const streamed = new NumericDistinct(100);
    for (const cell of cells) streamed.add(cell);
    assert.deepEqual(streamed.values().sort(), distinctValues(cells, byCodeUnits).values.sort(), cells.join(" "));
  }
  const capped = new NumericDistinct(2);
  for (const cell of ["1", "2", "3", "9007199254740993"]) capped.add(cell);
  assert.equal(capped.values().length, 2);
});
