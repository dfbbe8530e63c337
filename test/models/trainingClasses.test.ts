import { test } from "node:test";
import assert from "node:assert/strict";
import { requireTwoClasses, spreadProbabilities, trainingClasses } from "../../src/models/trainingClasses.js";
import { createMatrix } from "../../src/stats/matrix.js";

test("trainingClasses lists the classes present, ascending, with their counts and each row's index among them", () => {
  const X = createMatrix(4, 1);
  const { classes, counts, local } = trainingClasses(X, Uint32Array.from([3, 1, 3, 0]), 5);
  assert.deepEqual([...classes], [0, 1, 3]);
  assert.deepEqual([...counts], [1, 1, 2]);
  assert.deepEqual([...local], [2, 1, 2, 0]);
});

test("trainingClasses refuses a label at or above nClasses", () => {
  const X = createMatrix(2, 1);
  assert.throws(() => trainingClasses(X, Uint32Array.from([0, 2]), 2), RangeError);
});

test("spreadProbabilities puts each present class's column in its place and 0 for the absent ones", () => {
  const out = spreadProbabilities(Float64Array.from([0.2, 0.8, 0.6, 0.4]), Uint32Array.from([1, 3]), 4);
  assert.deepEqual([...out], [0, 0.2, 0, 0.8, 0, 0.6, 0, 0.4]);
});

test("requireTwoClasses refuses training labels of one class, naming it, and lets two through", () => {
  assert.throws(() => requireTwoClasses(Uint32Array.from([1, 1, 1]), ["no", "yes"]), /^RangeError: the training rows hold one class \(yes\); it needs two, as in scikit-learn$/);
  assert.doesNotThrow(() => requireTwoClasses(Uint32Array.from([1, 1, 0]), ["no", "yes"]));
});
