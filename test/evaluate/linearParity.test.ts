import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { classificationTask } from "../../src/evaluate/classificationTask.js";
import { scoreTable, type GridSpec } from "../../src/evaluate/compareModels.js";
import type { GridRow } from "../../src/evaluate/grid.js";
import { regressionTask } from "../../src/evaluate/regressionTask.js";
import type { Task } from "../../src/evaluate/task.js";
import { readTable, repoPath } from "../helpers.js";

/**
 * Issue 10's models in our grid against scikit-learn's on the same predefined folds
 * (test/reference/linear_grid.json, made by test/reference/linear_grid_reference.py).
 * Tolerances from the issue: Accuracy and AUC (R2 for regression) within 0.01, 0.03 for svm.
 * Ridge, LDA and dummy are closed-form and reproduce every column to rounding, so they are held
 * to 1e-6 on all seven; so are Bayesian ridge and Huber on R2 and MAE (Huber reaches the optimum
 * scikit-learn's solver stops just short of, measured within 1e-5 relative on these folds).
 * SGD's grid moves by 0.05 from one seed to the next on these few hundred rows, on both sides,
 * so ours over seeds 0..9 is compared with scikit-learn's over random_state 0..9, as means.
 * QDA is compared on flowers only: on passengers its one-hot levels leave every class a
 * direction without variance, and scikit-learn's answer there is rounding noise (see
 * src/models/quadraticDiscriminant.ts and test/reference/linear_reference.py's "one-hot").
 */
type Grid = Readonly<Record<string, Readonly<Record<string, number>>>>;
const reference = JSON.parse(readFileSync(repoPath("test", "reference", "linear_grid.json"), "utf8")) as {
  readonly sklearn: string;
  readonly svmSeeds: readonly number[];
  readonly passengers: { readonly grid: Grid };
  readonly flowers: { readonly grid: Grid };
  readonly policies: { readonly grid: Grid };
};
const LABEL_METRICS = ["Accuracy", "AUC", "Recall", "Prec", "F1", "Kappa", "MCC"];

async function grid<Y>(task: Task<Y>, file: string, target: string, ignore: readonly string[], models: readonly string[], seed: number): Promise<readonly GridRow[]> {
  const { header, rows } = await readTable(repoPath(...file.split("/")));
  const excluded = new Set([target, "fold", ...ignore]);
  const spec: GridSpec = {
    task: task.id,
    target,
    features: header.filter((column) => !excluded.has(column)),
    foldColumn: "fold",
    folds: 10,
    trainSize: 1,
    minRows: 0,
    seed,
    models,
  };
  const result = scoreTable(task, { header, rows }, [], spec);
  assert.equal(result.status, "ok", result.reason);
  return result.rows;
}

function assertWithin(row: GridRow, expected: Readonly<Record<string, number>>, metrics: readonly string[], tolerance: number): void {
  for (const metric of metrics) {
    const gap = Math.abs(row.mean[metric] - expected[metric]);
    assert.ok(gap <= tolerance, `${row.model} ${metric} ${row.mean[metric]} vs scikit-learn ${expected[metric]}`);
  }
}

const CASES = [
  { name: "passengers", file: "fixtures/parity/passengers-folds.csv", target: "Survived", ignore: ["PassengerId"], qda: false },
  { name: "flowers", file: "fixtures/parity/flowers-folds.csv", target: "species", ignore: [], qda: true },
] as const;

for (const c of CASES) {
  test(`ridge, LDA and dummy reproduce scikit-learn's grid on ${c.name}, every metric to 1e-6${c.qda ? "; QDA within 0.01" : ""}`, async () => {
    const expected = reference[c.name].grid;
    const rows = await grid(classificationTask, c.file, c.target, c.ignore, ["ridge", "qda", "lda", "dummy"], 123);
    for (const row of rows) {
      if (row.model === "Quadratic Discriminant Analysis") {
        if (c.qda) assertWithin(row, expected[row.model], ["Accuracy", "AUC"], 0.01);
        continue;
      }
      assertWithin(row, expected[row.model], LABEL_METRICS, 1e-6);
    }
  });

  test(`the SVM's grid over ten seeds matches scikit-learn's over ten random states on ${c.name}, Accuracy and AUC within 0.03`, async () => {
    const runs = await Promise.all(reference.svmSeeds.map((seed) => grid(classificationTask, c.file, c.target, c.ignore, ["svm"], seed)));
    const mean = (metric: string): number => runs.reduce((sum, rows) => sum + rows[0].mean[metric], 0) / runs.length;
    const expected = reference[c.name].grid["SVM - Linear Kernel"];
    for (const metric of ["Accuracy", "AUC"]) {
      assert.ok(Math.abs(mean(metric) - expected[metric]) <= 0.03, `${metric} ${mean(metric)} vs scikit-learn ${expected[metric]}`);
    }
  });
}

test("Bayesian ridge and Huber reproduce scikit-learn's regression grid on an insurance-shaped table: R2 and MAE to 1e-6 relative", async () => {
  const rows = await grid(regressionTask, "test/reference/linear_regression_folds.csv", "charges", [], ["br", "huber"], 123);
  assert.deepEqual(
    rows.map((row) => row.model),
    ["Bayesian Ridge", "Huber Regressor"],
  );
  for (const row of rows) {
    const expected = reference.policies.grid[row.model];
    for (const metric of ["R2", "MAE", "RMSE"]) {
      const gap = Math.abs(row.mean[metric] - expected[metric]) / Math.max(1, Math.abs(expected[metric]));
      assert.ok(gap <= 1e-6, `${row.model} ${metric} ${row.mean[metric]} vs scikit-learn ${expected[metric]}`);
    }
  }
});
