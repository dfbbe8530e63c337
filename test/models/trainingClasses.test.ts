import assert from "node:assert/strict";
import { test } from "node:test";
import { spreadProbabilities, trainingClasses } from "../../src/models/trainingClasses.js";

test("trainingClasses lists the classes present, ascending, and each row's index among them", () => {
  const { present, local } = trainingClasses(Uint32Array.from([3, 1, 3, 0]), 5);
  assert.deepEqual(Array.from(present), [0, 1, 3]);
  assert.deepEqual(Array.from(local), [2, 1, 2, 0]);
});

test("spreadProbabilities puts each present class's column in its place and 0 for the absent ones", () => {
  const out = spreadProbabilities(Float64Array.from([0.2, 0.8, 0.6, 0.4]), Uint32Array.from([1, 3]), 4);
  assert.deepEqual(Array.from(out), [0, 0.2, 0, 0.8, 0, 0.6, 0, 0.4]);
});
