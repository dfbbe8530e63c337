import assert from "node:assert/strict";
import { test } from "node:test";
import { TIME_COLUMN } from "../../src/evaluate/task.js";
import { taskInfo } from "../../src/evaluate/tasks.js";
import { baselineName, beatsBaseline } from "../../src/report/beatsBaseline.js";
import { classification, gridRow } from "./gridFixtures.js";

const accuracy = classification.metrics[0];
const dummy = "Dummy Classifier";

test("the baseline is the task record's model id, named as the grid names it, in both tasks", () => {
  assert.equal(classification.baselineModel, "dummy");
  assert.equal(baselineName(classification), "Dummy Classifier");
  assert.equal(baselineName(taskInfo("regression")), "Dummy Regressor");
});

test("a model strictly better than the dummy beats it; a tie does not", () => {
  assert.equal(beatsBaseline([gridRow("a", { Accuracy: 0.7 }), gridRow(dummy, { Accuracy: 0.65 })], accuracy, dummy), "yes");
  assert.equal(beatsBaseline([gridRow("a", { Accuracy: 0.65 }), gridRow(dummy, { Accuracy: 0.65 })], accuracy, dummy), "no");
  assert.equal(beatsBaseline([gridRow("a", { Accuracy: 0.6 }), gridRow("b", { Accuracy: 0.62 }), gridRow(dummy, { Accuracy: 0.65 })], accuracy, dummy), "no");
});

test("two means of one value rounded two ways tie: fold scores 0.5, 0.8, 0.8 do not beat 0.5, 0.9, 0.7", () => {
  const mean = (folds: number[]): number => folds.reduce((a, b) => a + b, 0) / folds.length;
  const model = mean([0.5, 0.8, 0.8]);
  const baseline = mean([0.5, 0.9, 0.7]);
  assert.ok(model > baseline, "the sums round apart");
  assert.equal(beatsBaseline([gridRow("a", { Accuracy: model }), gridRow(dummy, { Accuracy: baseline })], accuracy, dummy), "no");
  assert.equal(beatsBaseline([gridRow("a", { Accuracy: 0.7000001 }), gridRow(dummy, { Accuracy: baseline })], accuracy, dummy), "yes");
});

test("the column's direction decides: for TT_Sec or an error, smaller beats", () => {
  const rows = [gridRow("a", { Accuracy: 0.9, TT_Sec: 0.5 }), gridRow(dummy, { Accuracy: 0.5, TT_Sec: 0.001 })];
  assert.equal(beatsBaseline(rows, TIME_COLUMN, dummy), "no");
  const mae = taskInfo("regression").metrics.find((metric) => metric.id === "MAE")!;
  const regression = [
    { model: "Linear Regression", mean: { MAE: 2 }, sd: {} },
    { model: "Dummy Regressor", mean: { MAE: 3 }, sd: {} },
  ];
  assert.equal(beatsBaseline(regression, mae, "Dummy Regressor"), "yes");
});

test("a NaN never beats the dummy; any number beats a NaN dummy, as the sort ranks NaN last", () => {
  assert.equal(beatsBaseline([gridRow("a", { AUC: NaN }), gridRow(dummy, { AUC: 0.5 })], classification.metrics[1], dummy), "no");
  assert.equal(beatsBaseline([gridRow("a", { AUC: 0.2 }), gridRow(dummy, { AUC: NaN })], classification.metrics[1], dummy), "yes");
});

test("without a dummy row there is nothing to beat (null); a dummy alone is not beaten", () => {
  assert.equal(beatsBaseline([gridRow("a", { Accuracy: 0.9 })], accuracy, dummy), null);
  assert.equal(beatsBaseline([gridRow(dummy, { Accuracy: 0.9 })], accuracy, dummy), "no");
  assert.equal(beatsBaseline([gridRow("a", { Accuracy: 0.9 })], accuracy, null), null);
});
