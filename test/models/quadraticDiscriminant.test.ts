import assert from "node:assert/strict";
import { test } from "node:test";
import { QuadraticDiscriminantAnalysis } from "../../src/models/quadraticDiscriminant.js";
import { predictedLabels } from "../../src/stats/predictedLabels.js";
import { assertProbabilityRows } from "./estimatorReference.js";
import { assertClose, assertReferenceProbabilities, classificationCases, classificationProblem, discriminantCases, matrix } from "./linearReference.js";
import { WIDE_QDA_CASES, wideReference as wide } from "./wideReference.js";

/**
 * QuadraticDiscriminantAnalysis against scikit-learn 1.2.1's QuadraticDiscriminantAnalysis() on
 * test/reference/linear_reference.py's cases. Where every class's covariance has full rank, the
 * model is closed-form and the probabilities agree to 5e-15 (measured), held to 1e-9. Where a
 * class lacks a direction, scikit-learn's probabilities are rounding noise (the script's
 * docstring), so the labels are compared, on the case where the script asserts they are not noise.
 */
for (const [name, c] of classificationCases.filter(([, c]) => c.qda !== undefined)) {
  test(`QDA probabilities equal scikit-learn's to 1e-9 where every class has full rank (${name})`, () => {
    const p = classificationProblem(c);
    const proba = new QuadraticDiscriminantAnalysis().fit(p.XTrain, p.yTrain, p.nClasses).predictProba(p.XTest);
    assertProbabilityRows(proba, p.nClasses);
    assertClose(proba, c.qda!, 1e-9, name);
  });
}

/**
 * Raw columns of very different scales (a price near 1e7 beside a rate near 0.1; a column near
 * 1e-12 or 1e12 beside columns near 1; 1e-6, 1 and 1e6 together): scikit-learn's answer does not
 * depend on the scales there (the script asserts it), and a Gram matrix of the raw columns would
 * lose the small ones' directions (its eigenvalues resolve to eps times the largest, a squared
 * scale ratio of 1e-16 to 1e-24 here).
 */
// One value of 1e8 among values near 1: scikit-learn's own SVD resolves the other classes'
// spread there (1e-8 of the largest) to about eps / 1e-8 relative, so 1e-8 is its precision.
const QDA_TOLERANCE: Readonly<Record<string, number>> = { "one-value-1e8": 1e-8 };

for (const [name, c] of discriminantCases) {
  const tolerance = QDA_TOLERANCE[name] ?? 1e-9;
  test(`QDA probabilities equal scikit-learn's to ${tolerance} on columns of very different scales (${name})`, () => {
    assertReferenceProbabilities(new QuadraticDiscriminantAnalysis(), c, c.qda, tolerance, name);
  });
}

test("QDA gives the same probabilities when a column is multiplied by a power of 2", () => {
  const [name, c] = classificationCases.find(([name]) => name === "three-class")!;
  const p = classificationProblem(c);
  const proba = new QuadraticDiscriminantAnalysis().fit(p.XTrain, p.yTrain, p.nClasses).predictProba(p.XTest);
  for (const factor of [2 ** 40, 2 ** -40]) {
    const scale = (rows: typeof c.XTrain) => matrix(rows.map((row) => row.map((v, j) => (j === 1 ? v * factor : v))));
    const again = new QuadraticDiscriminantAnalysis().fit(scale(c.XTrain), p.yTrain, p.nClasses).predictProba(scale(c.XTest));
    assert.deepEqual([...again], [...proba], `${name} x ${factor}`);
  }
});

test("QDA predicts scikit-learn's labels where a 0/1 column is constant within a class", () => {
  const c = classificationCases.find(([name]) => name === "qda-constant-in-class")![1];
  const p = classificationProblem(c);
  const proba = new QuadraticDiscriminantAnalysis().fit(p.XTrain, p.yTrain, 2).predictProba(p.XTest);
  assertProbabilityRows(proba, 2);
  assert.deepEqual([...predictedLabels(proba, 2)], c.qdaLabels);
  // Rows whose 0/1 column is 1 are off class 0's subspace: class 0 is ruled out.
  p.XTest.data.forEach((v, k) => {
    if (k % p.XTest.cols === 3 && v > 0) assert.ok(proba[Math.floor(k / p.XTest.cols) * 2] < 1e-12, `row ${Math.floor(k / p.XTest.cols)}`);
  });
});

test("QDA on one-hot levels, which every class lacks a direction of, gives finite probabilities that do not depend on row order", () => {
  const c = classificationCases.find(([name]) => name === "one-hot")![1];
  const p = classificationProblem(c);
  const proba = new QuadraticDiscriminantAnalysis().fit(p.XTrain, p.yTrain, 2).predictProba(p.XTest);
  assertProbabilityRows(proba, 2);
  const order = Array.from({ length: p.XTrain.rows }, (_, i) => (i * 7) % p.XTrain.rows);
  const shuffled = matrix(order.map((i) => c.XTrain[i]));
  const again = new QuadraticDiscriminantAnalysis().fit(shuffled, Uint32Array.from(order, (i) => c.yTrain[i]), 2).predictProba(p.XTest);
  assert.deepEqual([...predictedLabels(again, 2)], [...predictedLabels(proba, 2)]);
  // scikit-learn's labels there depend on how each class mean rounds: its accuracy over ten row
  // orders spans a wide range (recorded by the script), which is why it is not compared.
  const noise = c.qdaNoise!.filter((v): v is number => v !== null);
  assert.ok(Math.max(...noise) - Math.min(...noise) > 0.2, `${noise}`);
});

test("QDA gives an absent class probability 0", () => {
  const c = classificationCases.find(([name]) => name === "absent-class")![1];
  const p = classificationProblem(c);
  const proba = new QuadraticDiscriminantAnalysis().fit(p.XTrain, p.yTrain, 3).predictProba(p.XTest);
  for (let i = 0; i < p.XTest.rows; i++) assert.equal(proba[i * 3 + 1], 0);
});

test("QDA refuses a class with one training row and a fold with one class, as scikit-learn does", () => {
  const X = matrix([[0], [1], [2], [3]]);
  assert.throws(() => new QuadraticDiscriminantAnalysis().fit(X, Uint32Array.from([0, 0, 0, 1]), 2), /class 1 has only 1 training row/);
  assert.throws(() => new QuadraticDiscriminantAnalysis().fit(X, Uint32Array.from([1, 1, 1, 1]), 2), /greater than one; got 1 class/);
  assert.throws(() => new QuadraticDiscriminantAnalysis().predictProba(X), /not fitted/);
});

test("QDA with fewer rows in a class than features still predicts finite probabilities", () => {
  const X = matrix([[0, 1, 2], [1, 0, 2], [5, 5, 0], [6, 4, 1], [5, 6, 3]]);
  const proba = new QuadraticDiscriminantAnalysis().fit(X, Uint32Array.from([0, 0, 1, 1, 1]), 2).predictProba(matrix([[0.5, 0.5, 2], [5.5, 5, 1]]));
  assertProbabilityRows(proba, 2);
});

/**
 * test/reference/wide_reference.py: classes of fewer rows than columns, which QDA decomposes from
 * their rows x rows Gram matrices (a cols x cols scatter per class cost cols^3: minutes a fold on
 * thousands of one-hot columns). The reference is the documented model through numpy's SVD.
 */
for (const name of WIDE_QDA_CASES) {
  test(`QDA on classes of fewer rows than columns equals the documented model to 1e-9 (${name})`, () => {
    const c = wide.cases[name];
    const proba = new QuadraticDiscriminantAnalysis().fit(matrix(c.XTrain), Uint32Array.from(c.yTrain), c.nClasses).predictProba(matrix(c.XTest));
    assertProbabilityRows(proba, c.nClasses);
    assertClose(proba, c.qdaProba, 1e-9, name);
  });
}

test("QDA with one class of fewer rows than features among full-rank classes gives scikit-learn's probabilities: the narrow class impossible off its rows' span", () => {
  const c = wide.cases["qda-narrow-class"];
  const expected = c.sklearnQdaProba;
  assert.ok(expected !== undefined);
  const proba = new QuadraticDiscriminantAnalysis().fit(matrix(c.XTrain), Uint32Array.from(c.yTrain), c.nClasses).predictProba(matrix(c.XTest));
  assertClose(proba, expected, 1e-9, "qda-narrow-class");
  for (let i = 0; i < c.XTest.length; i++) assert.equal(proba[i * c.nClasses + 2], 0);
  // A row of the narrow class's own span (one of its training rows) is that class's.
  const own = c.XTrain[c.yTrain.indexOf(2)];
  const onSpan = new QuadraticDiscriminantAnalysis().fit(matrix(c.XTrain), Uint32Array.from(c.yTrain), c.nClasses).predictProba(matrix([own]));
  assert.ok(onSpan[2] > 0.99, String(onSpan[2]));
});
