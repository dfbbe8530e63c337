import assert from "node:assert/strict";
import { test } from "node:test";
import { LinearDiscriminantAnalysis } from "../../src/models/linearDiscriminant.js";
import { QuadraticDiscriminantAnalysis } from "../../src/models/quadraticDiscriminant.js";
import { assertProbabilityRows } from "./estimatorReference.js";
import { assertClose, assertReferenceProbabilities, classificationCases, classificationProblem, discriminantCases, matrix } from "./linearReference.js";
import { WIDE_CLASSIFICATION_CASES, wideReference as wide } from "./wideReference.js";

/**
 * LinearDiscriminantAnalysis against scikit-learn 1.2.1's LinearDiscriminantAnalysis() (solver
 * "svd") on test/reference/linear_reference.py's cases. The model is closed-form: only the SVDs'
 * rounding differs (ours one-sided Jacobi, LAPACK's divide and conquer), and the probabilities
 * agree to 6e-15 (measured); 1e-9 leaves room for that and nothing else.
 */
for (const [name, c] of classificationCases) {
  test(`LDA probabilities equal scikit-learn's to 1e-9 (${name})`, () => {
    assertReferenceProbabilities(new LinearDiscriminantAnalysis(), c, c.lda, 1e-9, name);
  });
}

/**
 * Raw columns of very different scales: LDA divides each column by its within-class standard
 * deviation before its SVD, as scikit-learn's _solve_svd does, so the scales cancel before any
 * rank is decided.
 */
for (const [name, c] of discriminantCases) {
  test(`LDA probabilities equal scikit-learn's to 1e-9 on columns of very different scales (${name})`, () => {
    assertReferenceProbabilities(new LinearDiscriminantAnalysis(), c, c.lda, 1e-9, name);
  });
}

test("LDA gives an absent class probability 0 and splits the rest between the classes it saw", () => {
  const c = classificationCases.find(([name]) => name === "absent-class")![1];
  const p = classificationProblem(c);
  const proba = new LinearDiscriminantAnalysis().fit(p.XTrain, p.yTrain, 3).predictProba(p.XTest);
  for (let i = 0; i < p.XTest.rows; i++) assert.equal(proba[i * 3 + 1], 0);
});

test("LDA drops a column that is constant within every class instead of dividing by its zero spread", () => {
  const X = matrix([[0, 5], [1, 5], [2, 5], [3, 7], [4, 7], [5, 7]]);
  const y = Uint32Array.from([0, 0, 0, 1, 1, 1]);
  const proba = new LinearDiscriminantAnalysis().fit(X, y, 2).predictProba(matrix([[1, 5], [4, 7]]));
  assertProbabilityRows(proba, 2);
  assert.ok(proba[0] > 0.5 && proba[3] > 0.5, `${[...proba]}`);
});

// The estimator alone: in a grid, the registry's needsTwoClasses fails LDA on such a fold first,
// as scikit-learn's raises there (test/evaluate/oneClassFold.test.ts).
test("LDA with one class in the training rows predicts it with probability 1", () => {
  const proba = new LinearDiscriminantAnalysis().fit(matrix([[1], [2], [3]]), Uint32Array.from([1, 1, 1]), 2).predictProba(matrix([[0]]));
  assert.deepEqual([...proba], [0, 1]);
});

test("LDA refuses as many rows as classes, and a query of another width", () => {
  assert.throws(() => new LinearDiscriminantAnalysis().fit(matrix([[1], [2]]), Uint32Array.from([0, 1]), 2), /more than the number of classes/);
  const model = new LinearDiscriminantAnalysis().fit(matrix([[1], [2], [3], [4]]), Uint32Array.from([0, 0, 1, 1]), 2);
  assert.throws(() => model.predictProba(matrix([[1, 2]])), /fitted on 1 features, got 2/);
  assert.throws(() => new LinearDiscriminantAnalysis().predictProba(matrix([[1]])), /not fitted/);
});
/** test/reference/wide_reference.py: more columns than rows, where ours decomposes the rows x rows Gram matrix. */
for (const name of WIDE_CLASSIFICATION_CASES) {
  test(`LDA on more columns than rows equals scikit-learn's probabilities to 1e-9 (${name})`, () => {
    const c = wide.cases[name];
    const proba = new LinearDiscriminantAnalysis().fit(matrix(c.XTrain), Uint32Array.from(c.yTrain), c.nClasses).predictProba(matrix(c.XTest));
    assertProbabilityRows(proba, c.nClasses);
    assertClose(proba, c.ldaProba, 1e-9, name);
  });
}

test("LDA and QDA fit a column near 1e-160 (its scale near 2^530 applied one factor at a time) and refuse one near 1e155, saying why", () => {
  const rows = Array.from({ length: 40 }, (_, i) => [((i * 37) % 11) - 5, ((i * 13) % 7) - 3 + (i % 2), ((i * 29) % 13) * 1e-160 + (i % 2) * 3e-160]);
  const y = Uint32Array.from({ length: 40 }, (_, i) => i % 2);
  const tiny = matrix(rows);
  for (const model of [new LinearDiscriminantAnalysis(), new QuadraticDiscriminantAnalysis()]) {
    const proba = model.fit(tiny, y, 2).predictProba(tiny);
    assert.ok(proba.every(Number.isFinite));
  }
  const huge = matrix(rows.map(([a, b], i) => [a, b, (i % 5) * 1e155]));
  assert.throws(() => new LinearDiscriminantAnalysis().fit(huge, y, 2), /feature 2 holds values too large for their sums of squares/);
  assert.throws(() => new QuadraticDiscriminantAnalysis().fit(huge, y, 2), /feature 2 holds values too large for their sums of squares/);
});
