import assert from "node:assert/strict";
import { test } from "node:test";
import { CLASSIFICATION_METRICS, type Classes } from "../../src/evaluate/classificationMetrics.js";
import { classificationTask } from "../../src/evaluate/classificationTask.js";
import { scoreTable, type GridSpec } from "../../src/evaluate/compareModels.js";
import type { Table } from "../../src/data/table.js";
import { createRng } from "../../src/stats/rng.js";
import { classificationCases, classificationProblem } from "../models/linearReference.js";

/**
 * Models without probabilities (ridge, svm) are scored on their decision values: AUC ranks them,
 * as scikit-learn's roc_auc_score on decision_function (PyCaret shows 0 there instead), and the
 * label metrics read the row argmax, which for two classes laid out [-d, d] is scikit-learn's
 * predict, d > 0.
 */
const metric = (id: string) => CLASSIFICATION_METRICS.find((m) => m.id === id)!;
const model = (id: string) => classificationTask.models.find((m) => m.id === id)!;
const classes = (codes: readonly number[], k: number): Classes => ({ codes: Uint32Array.from(codes), labels: Array.from({ length: k }, (_, c) => `c${c}`) });

// "absent-class" is left out: scikit-learn scores it as a binary problem (it saw two classes),
// where the grid scores the table's three.
for (const [name, c] of classificationCases.filter(([name, c]) => c.ridgeAuc !== undefined && name !== "absent-class")) {
  test(`AUC of the ridge classifier's decision values equals scikit-learn's roc_auc_score on decision_function (${name})`, () => {
    const p = classificationProblem(c);
    const truth = classes(c.yTrain, p.nClasses);
    const output = model("ridge").fitPredict(p.XTrain, truth, p.XTest, createRng(1));
    assert.equal(classificationTask.checkOutput(output, p.XTest.rows, classes(c.yTest, p.nClasses), "ridge"), null);
    const auc = metric("AUC").score(classes(c.yTest, p.nClasses), output);
    assert.ok(Math.abs(auc - c.ridgeAuc!) <= 1e-12, `${auc} vs scikit-learn ${c.ridgeAuc}`);
  });
}

test("a binary decision value of exactly 0 predicts the first class, as scikit-learn's d > 0", () => {
  const truth = classes([0, 1, 1], 2);
  // d = 0, 2, -0.5 laid out [-d, d].
  const scores = Float64Array.from([-0, 0, -2, 2, 0.5, -0.5]);
  assert.equal(metric("Accuracy").score(truth, scores), 2 / 3);
  assert.equal(metric("Recall").score(truth, scores), 1 / 2);
  // AUC reads d itself: positives at 2 and -0.5 against a negative at 0.
  assert.equal(metric("AUC").score(truth, scores), 0.5);
});

test("the task checks each model's output by its kind: decision values finite, probabilities in [0, 1] summing to 1", () => {
  const y = classes([0, 1], 2);
  const decision = Float64Array.from([-2.5, 2.5, 1, -1]);
  assert.equal(classificationTask.checkOutput(decision, 2, y, "ridge"), null);
  assert.equal(classificationTask.checkOutput(decision, 2, y, "svm"), null);
  assert.match(classificationTask.checkOutput(decision, 2, y, "lda") ?? "", /outside \[0, 1\]/);
  assert.equal(classificationTask.checkOutput(Float64Array.from([-1, 1, NaN, 0]), 2, y, "ridge"), "returned NaN decision values (row 2)");
});

test("the grid scores ridge and svm with real AUCs and every model of issue 10 on a small table", () => {
  const rng = createRng(7);
  const rows = Array.from({ length: 120 }, (_, i) => {
    const x = rng.next() * 4 - 2;
    const colour = ["red", "green", "blue"][i % 3];
    return [x.toFixed(3), colour, x + (colour === "red" ? 0.5 : 0) + rng.next() - 0.5 > 0 ? "yes" : "no"];
  });
  const table: Table = { header: ["x", "colour", "y"], rows };
  const spec: GridSpec = {
    task: "classification",
    target: "y",
    features: ["x", "colour"],
    foldColumn: null,
    folds: 5,
    trainSize: 1,
    minRows: 0,
    seed: 3,
    models: ["svm", "ridge", "qda", "lda", "dummy"],
  };
  const result = scoreTable(classificationTask, table, [], spec);
  assert.equal(result.status, "ok", result.reason);
  assert.deepEqual(
    result.rows.map((row) => row.model),
    ["SVM - Linear Kernel", "Ridge Classifier", "Quadratic Discriminant Analysis", "Linear Discriminant Analysis", "Dummy Classifier"],
  );
  for (const row of result.rows) {
    const expected = row.model === "Dummy Classifier" ? [0.5, 0.5] : [0.75, 1];
    assert.ok(row.mean.AUC >= expected[0] && row.mean.AUC <= expected[1], `${row.model} AUC ${row.mean.AUC}`);
  }
});
