import assert from "node:assert/strict";
import { test } from "node:test";
import { compareKeys, describeKey } from "../../src/data/partitionKey.js";

test("compareKeys sorts numbers numerically, text by code units, and the missing value first", () => {
  const keys = [["10"], ["2"], ["b"], [""], ["B"], ["1.5"]];
  assert.deepEqual(
    [...keys].sort(compareKeys),
    [[""], ["1.5"], ["2"], ["10"], ["B"], ["b"]],
  );
  assert.equal(compareKeys(["a", "2"], ["a", "10"]) < 0, true);
});

test("describeKey names each key column", () => {
  assert.equal(describeKey(["region", "plan"], ["North", "basic"]), "region=North, plan=basic");
});

test("compareKeys reads a key written with a decimal comma (a --decimal , file keeps its keys' text) as its number", () => {
  const keys = [["10,5"], ["2"], ["9,5"], ["-0,5"], ["x"], [""], ["9.75"]];
  assert.deepEqual(
    [...keys].sort(compareKeys).map((key) => key[0]),
    ["", "-0,5", "2", "9,5", "9.75", "10,5", "x"],
  );
  // One total order whatever the input's order.
  assert.deepEqual([...keys].reverse().sort(compareKeys), [...keys].sort(compareKeys));
});

test("describeKey cuts a long column name or value, so that a note or a progress line stays one short line", () => {
  const described = describeKey(["n".repeat(5000)], ["v".repeat(5000)]);
  assert.ok(described.length < 100, String(described.length));
  assert.match(described, /^n+\.\.\.=v+\.\.\.$/);
});
