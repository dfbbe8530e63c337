import assert from "node:assert/strict";
import { test } from "node:test";
import { compareKeys } from "../../src/data/partitionKey.js";
import { createRng, type Rng } from "../../src/stats/rng.js";

const sign = (n: number): number => Math.sign(n);

/** Values of every class the order knows: missing, numbers (signs, zeros, exponents, equal values), text. */
const POOL = ["", "9", "10", "1a", "2", "05", "5", "5.0", "-5", "+5", "1e1", "-0", "0", ".5", "a", "B", "b", "10a", "NaN", "Infinity", "é", "-", "=1"];

function pick(rng: Rng): string {
  return POOL[rng.int(POOL.length)];
}

function shuffled<T>(values: readonly T[], rng: Rng): T[] {
  const out = [...values];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

test("compareKeys puts the missing value first, then numbers by value, equal numbers by code units, then text by code units", () => {
  const keys = ["10", "2", "b", "", "B", "1.5", "1a", "05", "5", "5.0", "-3", "9"].map((v) => [v]);
  assert.deepEqual(
    [...keys].sort(compareKeys).map((k) => k[0]),
    ["", "-3", "1.5", "2", "05", "5", "5.0", "9", "10", "1a", "B", "b"],
  );
  assert.equal(compareKeys(["a", "2"], ["a", "10"]) < 0, true);
});

test("compareKeys orders 9 10 1a 2 05 the same whatever order they come in", () => {
  const expected = [["2"], ["05"], ["9"], ["10"], ["1a"]];
  assert.deepEqual([["9"], ["10"], ["1a"], ["2"], ["05"]].sort(compareKeys), expected);
  assert.deepEqual([["1a"], ["05"], ["2"], ["10"], ["9"]].sort(compareKeys), expected);
  assert.deepEqual([["10"], ["1a"], ["9"], ["05"], ["2"]].sort(compareKeys), expected);
});

test("sorting any shuffle of a mixed list of keys gives one result", () => {
  const rng = createRng(7);
  for (let trial = 0; trial < 50; trial++) {
    const keys = Array.from({ length: 2 + rng.int(20) }, () => [pick(rng), pick(rng)]);
    const sorted = [...keys].sort(compareKeys);
    for (let s = 0; s < 10; s++) assert.deepEqual(shuffled(keys, rng).sort(compareKeys), sorted);
  }
});

test("compareKeys is antisymmetric, transitive and 0 only on equal keys", () => {
  const rng = createRng(11);
  for (let trial = 0; trial < 5000; trial++) {
    const [a, b, c] = [0, 1, 2].map(() => [pick(rng), pick(rng)]);
    assert.equal(sign(compareKeys(a, b)) + sign(compareKeys(b, a)), 0, `${a} vs ${b}`);
    assert.equal(compareKeys(a, b) === 0, a[0] === b[0] && a[1] === b[1], `${a} vs ${b}`);
    if (compareKeys(a, b) <= 0 && compareKeys(b, c) <= 0) assert.ok(compareKeys(a, c) <= 0, `${a} <= ${b} <= ${c}`);
  }
});
