import assert from "node:assert/strict";
import { test } from "node:test";
import { kFold } from "../../src/evaluate/kFold.js";
import { trainSplit } from "../../src/evaluate/trainSplit.js";
import { createRng } from "../../src/stats/rng.js";

const range = (from: number, n: number): Uint32Array => Uint32Array.from({ length: n }, (_, i) => from + i);

test("kFold sizes folds as scikit-learn's KFold and covers every row once", () => {
  const rows = range(100, 23);
  const folds = kFold(rows, 5, createRng(7));
  assert.deepEqual(
    folds.map((fold) => fold.test.length),
    [5, 5, 5, 4, 4],
  );
  const seen = new Map<number, number>();
  for (const fold of folds) {
    assert.equal(fold.train.length + fold.test.length, rows.length);
    const inTest = new Set(fold.test);
    for (const i of fold.train) assert.ok(!inTest.has(i), "train and test overlap");
    for (const i of fold.test) seen.set(i, (seen.get(i) ?? 0) + 1);
  }
  assert.deepEqual([...seen.keys()].sort((a, b) => a - b), [...rows]);
  assert.ok([...seen.values()].every((count) => count === 1));
});

test("kFold gives the same folds for the same seed and others for another seed", () => {
  const rows = range(0, 40);
  const tests = (seed: number): number[][] => kFold(rows, 4, createRng(seed)).map((fold) => [...fold.test]);
  assert.deepEqual(tests(3), tests(3));
  assert.notDeepEqual(tests(3), tests(4));
});

test("kFold refuses fewer rows than folds and fewer than 2 folds", () => {
  assert.throws(() => kFold(range(0, 3), 4, createRng(1)), RangeError);
  assert.throws(() => kFold(range(0, 3), 1, createRng(1)), RangeError);
});

test("trainSplit keeps floor(f * n) distinct rows, sorted, and all rows at 1", () => {
  const kept = trainSplit(101, 0.7, createRng(5));
  assert.equal(kept.length, 70);
  assert.equal(new Set(kept).size, 70);
  assert.deepEqual([...kept], [...kept].sort((a, b) => a - b));
  assert.ok(kept.every((i) => i < 101));
  assert.deepEqual([...trainSplit(4, 1, createRng(5))], [0, 1, 2, 3]);
  assert.deepEqual([...trainSplit(50, 0.5, createRng(9))], [...trainSplit(50, 0.5, createRng(9))]);
});
