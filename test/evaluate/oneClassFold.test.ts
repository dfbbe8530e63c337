import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { classificationTask } from "../../src/evaluate/classificationTask.js";
import { scoreTable, type GridSpec } from "../../src/evaluate/compareModels.js";
import { CLASSIFIERS } from "../../src/models/classifiers.js";
import { readTable, repoPath } from "../helpers.js";

/**
 * A predefined fold whose training rows hold one class, against scikit-learn 1.2
 * (test/reference/one_class_reference.py): which estimators raise there, and bench/sklearn_grid.py's
 * grid of a table where every row of class 10 lies in fold 10 (labels 5 and 10, some written 10.0;
 * fold values 1 and 1.0 being one fold).
 */
type MetricName = "Accuracy" | "AUC" | "Recall" | "Prec" | "F1" | "Kappa" | "MCC";
const METRICS: readonly MetricName[] = ["Accuracy", "AUC", "Recall", "Prec", "F1", "Kappa", "MCC"];
type ReferenceRow = { readonly Model: string } & Record<MetricName, number | null>;
const reference = JSON.parse(readFileSync(repoPath("test", "reference", "one_class_reference.json"), "utf8")) as {
  readonly estimators: Readonly<Record<string, string | null>>;
  readonly grid: readonly ReferenceRow[];
};
/** The models that answer the same as scikit-learn's to rounding; the trees draw from other random streams. */
const DETERMINISTIC = new Set(["nb", "knn", "ridge", "hgb", "dummy"]);

test("needsTwoClasses marks exactly the classifiers whose scikit-learn estimator raises on one training class", () => {
  assert.deepEqual(Object.keys(reference.estimators).sort(), CLASSIFIERS.map((model) => model.id).sort());
  for (const model of CLASSIFIERS) assert.equal(model.needsTwoClasses, reference.estimators[model.id] !== null, `${model.id}: ${reference.estimators[model.id]}`);
});

test("a fold whose training rows hold one class leaves out the models scikit-learn's grid leaves out, and scores the rest as it does", async () => {
  const { header, rows } = await readTable(repoPath("test", "reference", "one_class_folds.csv"));
  const spec: GridSpec = {
    task: "classification",
    target: "y",
    features: ["x1", "x2", "colour"],
    foldColumn: "fold",
    folds: 10,
    trainSize: 1,
    minRows: 0,
    seed: 123,
    models: CLASSIFIERS.map((model) => model.id),
  };
  const result = scoreTable(classificationTask, { header, rows }, [], spec);
  assert.equal(result.status, "ok", result.reason);
  const names = (list: readonly string[]) => [...list].sort();
  assert.deepEqual(names(result.rows.map((row) => row.model)), names(reference.grid.map((row) => row.Model)));
  for (const model of CLASSIFIERS.filter((model) => model.needsTwoClasses)) {
    assert.ok(
      result.notes.includes(`${model.name} failed and is left out: the training rows hold one class (5); it needs two, as in scikit-learn`),
      `${model.id}: ${result.notes.join("\n")}`,
    );
  }
  for (const row of result.rows) {
    const id = CLASSIFIERS.find((model) => model.name === row.model)!.id;
    if (!DETERMINISTIC.has(id)) continue;
    const expected = reference.grid.find((r) => r.Model === row.model)!;
    for (const metric of METRICS) assert.ok(Math.abs(row.mean[metric] - expected[metric]!) <= 1e-9, `${row.model} ${metric}: ${row.mean[metric]} vs ${expected[metric]}`);
  }
});
