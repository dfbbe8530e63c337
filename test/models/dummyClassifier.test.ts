import assert from "node:assert/strict";
import { test } from "node:test";
import { DummyClassifier } from "../../src/models/dummyClassifier.js";
import { assertClose, classificationCases, classificationProblem, matrix } from "./linearReference.js";

for (const [name, c] of classificationCases) {
  test(`the dummy classifier's probabilities are scikit-learn's DummyClassifier() priors (${name})`, () => {
    const p = classificationProblem(c);
    assertClose(new DummyClassifier().fit(p.XTrain, p.yTrain, p.nClasses).predictProba(p.XTest), c.dummy, 0, name);
  });
}

test("the dummy classifier ignores the features: every row gets the training class frequencies", () => {
  const proba = new DummyClassifier().fit(matrix([[1], [2], [3], [4]]), Uint32Array.from([2, 0, 2, 2]), 3).predictProba(matrix([[-100], [1e9]]));
  assert.deepEqual([...proba], [0.25, 0, 0.75, 0.25, 0, 0.75]);
  assert.throws(() => new DummyClassifier().predictProba(matrix([[1]])), /not fitted/);
});
