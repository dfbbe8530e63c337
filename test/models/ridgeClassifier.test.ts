import assert from "node:assert/strict";
import { test } from "node:test";
import { ABSENT_CLASS_SCORE } from "../../src/models/estimator.js";
import { RidgeClassifier } from "../../src/models/ridgeClassifier.js";
import { assertClose, classificationCases, classificationProblem, matrix } from "./linearReference.js";
import { WIDE_CLASSIFICATION_CASES, wideReference as wide } from "./wideReference.js";

/**
 * RidgeClassifier against scikit-learn 1.2.1's RidgeClassifier() (alpha=1, Cholesky) on
 * test/reference/linear_reference.py's cases, decision values laid out as ours (binary [-d, d],
 * an absent class at the lowest double). Closed-form: they agree to 3e-15 (measured), held to 1e-9.
 */
for (const [name, c] of classificationCases) {
  test(`Ridge classifier decision values equal scikit-learn's to 1e-9 (${name})`, () => {
    const p = classificationProblem(c);
    assertClose(new RidgeClassifier().fit(p.XTrain, p.yTrain, p.nClasses).decisionFunction(p.XTest), c.ridge, 1e-9, name);
  });
}

test("a binary ridge classifier's two columns are -d and d, d being the second class's score", () => {
  const model = new RidgeClassifier().fit(matrix([[0], [1], [2], [3]]), Uint32Array.from([0, 0, 1, 1]), 2);
  const scores = model.decisionFunction(matrix([[0], [1.5], [3]]));
  for (let i = 0; i < 3; i++) assert.equal(scores[2 * i], -scores[2 * i + 1]);
  // Symmetric data: the midpoint scores exactly 0 up to rounding, the ends -d and +d.
  assert.ok(Math.abs(scores[3]) < 1e-12 && scores[1] < 0 && scores[5] > 0);
});

test("an absent class scores the lowest double and a fold with one class scores it 0", () => {
  const three = new RidgeClassifier().fit(matrix([[0], [1], [2], [3]]), Uint32Array.from([0, 0, 2, 2]), 3).decisionFunction(matrix([[1]]));
  assert.equal(three[1], ABSENT_CLASS_SCORE);
  assert.equal(three[0], -three[2]);
  const one = new RidgeClassifier().fit(matrix([[0], [1]]), Uint32Array.from([1, 1]), 2).decisionFunction(matrix([[5]]));
  assert.deepEqual([...one], [ABSENT_CLASS_SCORE, 0]);
});

test("the ridge classifier refuses a non-positive alpha, mismatched rows and an unfitted query", () => {
  for (const alpha of [0, -1, NaN, Infinity]) assert.throws(() => new RidgeClassifier({ alpha }), /alpha must be finite and > 0/);
  assert.throws(() => new RidgeClassifier().fit(matrix([[0], [1]]), Uint32Array.from([0]), 2), /2 rows but 1 labels/);
  assert.throws(() => new RidgeClassifier().fit(matrix([[0], [1]]), Uint32Array.from([0, 2]), 2), /label 2 at row 1 is not below nClasses 2/);
  assert.throws(() => new RidgeClassifier().decisionFunction(matrix([[0]])), /not fitted/);
});
/** test/reference/wide_reference.py: more columns than rows, where both sides solve the dual system. */
for (const name of WIDE_CLASSIFICATION_CASES) {
  test(`Ridge classifier on more columns than rows equals scikit-learn's decision values to 1e-9 (${name})`, () => {
    const c = wide.cases[name];
    const scores = new RidgeClassifier().fit(matrix(c.XTrain), Uint32Array.from(c.yTrain), c.nClasses).decisionFunction(matrix(c.XTest));
    // Ours lays a binary score out as [-d, d]: scikit-learn's d is the second column.
    const expected = c.nClasses === 2 ? c.decision.map(([d]) => [-d, d]) : c.decision;
    assertClose(scores, expected, 1e-9, name);
  });
}
