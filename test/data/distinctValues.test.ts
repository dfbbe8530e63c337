import assert from "node:assert/strict";
import { test } from "node:test";
import { distinctValues } from "../../src/data/distinctValues.js";

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
