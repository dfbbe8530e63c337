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
