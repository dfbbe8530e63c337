import assert from "node:assert/strict";
import { test } from "node:test";
import { predefinedFolds } from "../../src/evaluate/predefinedFolds.js";
import { stratifiedKFold } from "../../src/evaluate/stratifiedKFold.js";
import { stratifiedTrainSplit } from "../../src/evaluate/stratifiedTrainSplit.js";
import { createRng } from "../../src/stats/rng.js";

function labels(counts: number[]): Uint32Array {
  const y: number[] = [];
  counts.forEach((count, c) => {
    for (let i = 0; i < count; i++) y.push(c);
  });
  // Interleave so that class order in the table is not sorted.
  return Uint32Array.from(y.map((c, i) => ({ c, k: (i * 7919) % y.length })).sort((a, b) => a.k - b.k).map((e) => e.c));
}

const all = (n: number): Uint32Array => Uint32Array.from({ length: n }, (_, i) => i);

test("stratifiedKFold keeps class proportions and covers every row once", () => {
  const y = labels([60, 30, 13]);
  const folds = stratifiedKFold(y, all(y.length), 3, 5, createRng(1));
  assert.equal(folds.length, 5);
  const seen = new Uint32Array(y.length);
  for (const fold of folds) {
    assert.equal(fold.train.length + fold.test.length, y.length);
    for (const i of fold.test) seen[i]++;
    const counts = [0, 0, 0];
    for (const i of fold.test) counts[y[i]]++;
    assert.deepEqual(
      counts.map((c, k) => Math.abs(c - [60, 30, 13][k] / 5) <= 1),
      [true, true, true],
    );
    const inTest = new Set(fold.test);
    for (const i of fold.train) assert.ok(!inTest.has(i), "train and test overlap");
  }
  assert.ok(seen.every((count) => count === 1));
});

test("stratifiedKFold gives the same folds for the same seed and different ones for another", () => {
  const y = labels([40, 40]);
  const a = stratifiedKFold(y, all(80), 2, 4, createRng(9));
  const b = stratifiedKFold(y, all(80), 2, 4, createRng(9));
  const c = stratifiedKFold(y, all(80), 2, 4, createRng(10));
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test("stratifiedKFold deals classes in order of first appearance, as scikit-learn 1.2 does, not in label order", () => {
  // Labels a=0, b=1, c=2, d=3 appearing as b (3 rows), d (7), a (7), c (6). scikit-learn's
  // per-fold test counts: StratifiedKFold(2).split(X, list("bbb" + "d" * 7 + "a" * 7 + "c" * 6))
  // gives {a: 4, b: 2, c: 3, d: 3} and {a: 3, b: 1, c: 3, d: 4}.
  const y = Uint32Array.from([...Array(3).fill(1), ...Array(7).fill(3), ...Array(7).fill(0), ...Array(6).fill(2)]);
  const folds = stratifiedKFold(y, all(y.length), 4, 2, createRng(1));
  const counts = folds.map((fold) => {
    const perClass = [0, 0, 0, 0];
    for (const i of fold.test) perClass[y[i]]++;
    return perClass;
  });
  assert.deepEqual(counts, [
    [4, 2, 3, 3],
    [3, 1, 3, 4],
  ]);
});

test("stratifiedKFold refuses fewer than 2 folds and more folds than rows", () => {
  const y = labels([3, 3]);
  assert.throws(() => stratifiedKFold(y, all(6), 2, 1, createRng(1)), /folds must be an integer >= 2/);
  assert.throws(() => stratifiedKFold(y, all(6), 2, 7, createRng(1)), /cannot make 7 folds from 6 rows/);
});

test("stratifiedTrainSplit keeps train_test_split's size and each class's share", () => {
  const y = labels([70, 25, 5]);
  const train = stratifiedTrainSplit(y, 3, 0.7, createRng(3));
  // sklearn with train_size only: n_train = floor(0.7 * 100) = 70.
  assert.equal(train.length, 70);
  const counts = (rows: Uint32Array): number[] => {
    const perClass = [0, 0, 0];
    for (const i of rows) perClass[y[i]]++;
    return perClass;
  };
  // 49, 17.5 and 3.5: the .5s tie for the one spare row, which scikit-learn's _approximate_mode
  // gives to one of them at random; over seeds each gets it, one seed always the same.
  const shares = Array.from({ length: 20 }, (_, seed) => counts(stratifiedTrainSplit(y, 3, 0.7, createRng(seed))).join(","));
  assert.deepEqual(new Set(shares), new Set(["49,18,3", "49,17,4"]));
  assert.deepEqual(counts(stratifiedTrainSplit(y, 3, 0.7, createRng(3))), counts(train));
  assert.deepEqual([...train], [...train].sort((a, b) => a - b));
  assert.equal(new Set(train).size, 70);
  assert.equal(stratifiedTrainSplit(y, 3, 1, createRng(3)).length, 100);
});

test("stratifiedTrainSplit shares the spare rows by largest remainder: no draw decides them when the remainders differ", () => {
  // 60, 30 and 10 of 100 at 0.65: 39, 19.5, 6.5 (a tie for one row); 57 and 43 at 0.7: 39.9 and
  // 30.1, the spare row to the larger remainder whatever the seed.
  const y = labels([60, 30, 10]);
  const tied = new Set(Array.from({ length: 20 }, (_, seed) => {
    const perClass = [0, 0, 0];
    for (const i of stratifiedTrainSplit(y, 3, 0.65, createRng(seed))) perClass[y[i]]++;
    return perClass.join(",");
  }));
  assert.deepEqual(tied, new Set(["39,20,6", "39,19,7"]));
  const two = labels([57, 43]);
  for (let seed = 0; seed < 5; seed++) {
    const perClass = [0, 0];
    for (const i of stratifiedTrainSplit(two, 2, 0.7, createRng(seed))) perClass[two[i]]++;
    assert.deepEqual(perClass, [40, 30]);
  }
});

test("predefinedFolds holds out each distinct value once, in sorted order", () => {
  const values = ["b", "a", "b", "c", "a", "10", "2"];
  const folds = predefinedFolds(values, all(values.length));
  assert.deepEqual(
    folds.map((fold) => [...fold.test]),
    [[6], [5], [1, 4], [0, 2], [3]],
  );
});

test("predefinedFolds reads a column of numbers by value: 1 and 1.0 are one fold, 2 comes before 10", () => {
  const values = ["1", "10", "1.0", "2", "10.0", "2"];
  const folds = predefinedFolds(values, all(values.length));
  assert.deepEqual(
    folds.map((fold) => [...fold.test]),
    [[0, 2], [3, 5], [1, 4]],
  );
  // One text value among them makes every value text again, as pandas would read the column.
  const mixed = predefinedFolds([...values, "x"], all(values.length + 1));
  assert.equal(mixed.length, 6);
});
