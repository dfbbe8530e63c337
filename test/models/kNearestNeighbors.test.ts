import assert from "node:assert/strict";
import { test } from "node:test";
import { createMatrix } from "../../src/stats/matrix.js";
import { KNearestNeighbors } from "../../src/models/kNearestNeighbors.js";
import { createRng } from "../../src/stats/rng.js";
import { assertProbabilityRows, estimatorCases, matrix, type EstimatorCase, type Rows } from "./estimatorReference.js";

/**
 * KNearestNeighbors against scikit-learn 1.2.1's KNeighborsClassifier() (k=5, uniform, brute
 * euclidean) on the seeded cases of test/reference/estimators_reference.py, whose docstring says
 * when a row's answer does not depend on how ties are broken ("determined").
 *
 * Exact: a probability is a vote count divided by k on both sides, so counts and values must be
 * equal bit for bit.
 */
const K = 5;

function fitted(name: string): { c: EstimatorCase; proba: Float64Array; expected: Rows } {
  const c = estimatorCases[name];
  if (!c.proba.knn) throw new Error(`case ${name} has no kNN reference`);
  const proba = new KNearestNeighbors().fit(matrix(c.XTrain), Uint32Array.from(c.yTrain), c.nClasses).predictProba(matrix(c.XTest));
  return { c, proba, expected: c.proba.knn };
}

/** Row i of a flat rows x nClasses array. */
const row = (proba: Float64Array, i: number, nClasses: number): number[] => [...proba.subarray(i * nClasses, (i + 1) * nClasses)];

/** Asserts equal vote counts over `k`, and equal values bit for bit. */
function assertSameVotes(actual: readonly number[], expected: readonly number[], k: number, where: string): void {
  const votes = (p: readonly number[]) => p.map((v) => v * k);
  assert.deepEqual(votes(actual).map(Math.round), votes(expected).map(Math.round), where);
  assert.deepEqual(actual, expected, where);
}

const tieFreeCases = ["binary-mixed-scales", "three-class", "absent-class", "separable"];

test("the reference has the kNN cases", () => {
  const knnCases = Object.keys(estimatorCases).filter((name) => estimatorCases[name].proba.knn !== undefined);
  assert.deepEqual(knnCases, [...tieFreeCases, "knn-ties", "knn-k-exceeds-rows"]);
});

for (const name of tieFreeCases) {
  test(`KNearestNeighbors equals scikit-learn's vote counts on every row (${name})`, () => {
    const { c, proba, expected } = fitted(name);
    assert.equal(proba.length, expected.length * c.nClasses);
    expected.forEach((p, i) => assertSameVotes(row(proba, i, c.nClasses), p, K, `row ${i}`));
  });
}

test("KNearestNeighbors gives a class absent from training probability 0", () => {
  const { proba } = fitted("absent-class");
  for (let i = 0; i < proba.length / 3; i++) assert.equal(proba[i * 3 + 1], 0);
});

test("KNearestNeighbors equals scikit-learn with duplicate rows and exact ties wherever the tie order cannot matter", () => {
  // Integer grid: squared distances are exact integers on both sides. Rows whose 5th-neighbour
  // tie mixes labels are left out: scikit-learn does not specify which tied neighbours it keeps.
  const { c, proba, expected } = fitted("knn-ties");
  const determined = c.determined ?? [];
  assert.equal(determined.length, expected.length);
  let compared = 0;
  expected.forEach((p, i) => {
    if (!determined[i]) return;
    assertSameVotes(row(proba, i, c.nClasses), p, K, `row ${i}`);
    compared++;
  });
  assert.ok(compared >= 5 && compared < expected.length, `${compared} determined rows`);
});

test("KNearestNeighbors breaks exact distance ties towards the lower training index", () => {
  const { c, proba } = fitted("knn-ties");
  const lowerIndex = c.lowerIndexProba ?? [];
  assert.equal(lowerIndex.length, c.XTest.length);
  // Computed by the reference script with a stable sort on the exact distances, so bit for bit.
  lowerIndex.forEach((p, i) => assert.deepEqual(row(proba, i, c.nClasses), p, `row ${i}`));

  // And by hand: two training rows at distance 1 from the query, k = 1.
  const query = createMatrix(1, 1, Float64Array.from([0]));
  const twoAtOne = createMatrix(2, 1, Float64Array.from([1, -1]));
  assert.deepEqual([...new KNearestNeighbors(1).fit(twoAtOne, Uint32Array.from([0, 1]), 2).predictProba(query)], [1, 0]);
  assert.deepEqual([...new KNearestNeighbors(1).fit(twoAtOne, Uint32Array.from([1, 0]), 2).predictProba(query)], [0, 1]);
});

test("KNearestNeighbors refuses fewer training rows than k, as scikit-learn does", () => {
  const c = estimatorCases["knn-k-exceeds-rows"];
  assert.match(c.sklearnError ?? "", /Expected n_neighbors <= n_samples/);
  assert.equal(c.XTrain.length, 3);
  assert.throws(() => new KNearestNeighbors().fit(matrix(c.XTrain), Uint32Array.from(c.yTrain), c.nClasses), {
    name: "RangeError",
    message: "3 training rows, fewer than n_neighbors=5 (scikit-learn refuses it too)",
  });
  // With k = the 3 rows it equals the reference, scikit-learn's n_neighbors=3.
  const three = new KNearestNeighbors(3).fit(matrix(c.XTrain), Uint32Array.from(c.yTrain), c.nClasses).predictProba(matrix(c.XTest));
  (c.proba.knn ?? []).forEach((p, i) => assertSameVotes(row(three, i, c.nClasses), p, 3, `row ${i}`));
  assert.equal(c.proba.knn?.length, c.XTest.length);
});

test("KNearestNeighbors probabilities lie in [0, 1] and every row sums to 1", () => {
  const rng = createRng(13);
  // Includes k = rows, an absent class, and (via rounding) duplicate rows and ties.
  for (const [rows, cols, nClasses, k] of [[40, 3, 2, 5], [60, 5, 3, 5], [80, 2, 5, 7], [5, 4, 4, 5], [30, 1, 3, 3]]) {
    const X = createMatrix(rows, cols, Float64Array.from({ length: rows * cols }, () => Math.round((rng.next() - 0.5) * 6)));
    const y = Uint32Array.from({ length: rows }, () => {
      const label = rng.int(nClasses);
      return nClasses > 2 && label === 1 ? 0 : label;
    });
    const probe = createMatrix(25, cols, Float64Array.from({ length: 25 * cols }, () => (rng.next() - 0.5) * 10));
    const proba = new KNearestNeighbors(k).fit(X, y, nClasses).predictProba(probe);
    assertProbabilityRows(proba, nClasses);
  }
});
