import assert from "node:assert/strict";
import { test } from "node:test";
import { taskInfo } from "../../src/evaluate/tasks.js";
import { shortModelName, shortModelNames } from "../../src/report/shortModelName.js";

test("every registered model has a short name of at most 14 characters", () => {
  for (const id of ["classification", "regression"] as const) {
    for (const model of taskInfo(id).models) assert.ok(shortModelName(model.name).length <= 14, `${model.name} -> ${shortModelName(model.name)}`);
  }
});

test("the short names read as the models: a listed name, else without Classifier or Regressor and with Reg.", () => {
  assert.equal(shortModelName("Logistic Regression"), "Logistic Reg.");
  assert.equal(shortModelName("Random Forest Classifier"), "Random Forest");
  assert.equal(shortModelName("Random Forest Regressor"), "Random Forest");
  assert.equal(shortModelName("Naive Bayes"), "Naive Bayes");
  assert.equal(shortModelName("Light Gradient Boosting Machine"), "LightGBM");
  assert.equal(shortModelName("Extra Trees Classifier"), "Extra Trees");
  assert.equal(shortModelName("Bayesian Ridge"), "Bayesian Ridge");
  assert.equal(shortModelName("Kernel Regression"), "Kernel Reg.");
  assert.equal(shortModelName("Classifier"), "Classifier");
});

test("models whose short names would read alike keep their full names", () => {
  const names = shortModelNames(["Ridge Regression", "Ridge Classifier", "Naive Bayes", "Ridge Regression"]);
  assert.deepEqual([...names], [
    ["Ridge Regression", "Ridge Regression"],
    ["Ridge Classifier", "Ridge Classifier"],
    ["Naive Bayes", "Naive Bayes"],
  ]);
  assert.equal(shortModelNames(["Lasso", "Lasso Regression"]).get("Lasso Regression"), "Lasso Regression");
});
