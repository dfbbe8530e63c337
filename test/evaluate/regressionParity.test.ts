import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { scoreTable, type GridSpec } from "../../src/evaluate/compareModels.js";
import type { GridRow } from "../../src/evaluate/grid.js";
import { regressionTask } from "../../src/evaluate/regressionTask.js";
import { readTable, repoPath } from "../helpers.js";

/**
 * Our regression grid against scikit-learn's on the same predefined folds
 * (test/reference/regression_grid.json, made by test/reference/regression_grid_reference.py).
 * Tolerances from issue 9: R2 within 0.01 for lr, lasso, ridge, en, knn and dummy and within 0.03
 * for the trees, MAE within 2% and 6%. The trees are compared as means over ten seeds on both
 * sides: one tree's R2 on this table moves by 0.05 between scikit-learn's own seeds.
 * Lasso, ridge, elastic net, kNN and dummy reproduce every column to 1e-6; linear regression does
 * not, by design: scikit-learn's lstsq misses the collinearity of z-scored one-hot columns on
 * most folds and returns a near-singular fit, where ours returns the minimum-norm solution
 * (src/stats/minimumNormLeastSquares.ts), which is why its columns are held to the issue's
 * tolerances only.
 */
type Metric = "MAE" | "MSE" | "RMSE" | "R2" | "RMSLE" | "MAPE";
type ReferenceRow = { readonly Model: string } & Record<Metric, number | null>;
const METRICS: readonly Metric[] = ["MAE", "MSE", "RMSE", "R2", "RMSLE", "MAPE"];
const reference = JSON.parse(readFileSync(repoPath("test", "reference", "regression_grid.json"), "utf8")) as {
  readonly sklearn: string;
  readonly policies: readonly ReferenceRow[];
  readonly treesOverSeeds: readonly ReferenceRow[];
  readonly treeSeeds: readonly number[];
};

const TREES = new Set(["Decision Tree Regressor", "Random Forest Regressor"]);
const EXACT = new Set(["Lasso Regression", "Ridge Regression", "Elastic Net", "K Neighbors Regressor", "Dummy Regressor"]);

async function grid(models: readonly string[], seed: number): Promise<readonly GridRow[]> {
  const { header, rows } = await readTable(repoPath("fixtures", "parity", "policies-folds.csv"));
  const spec: GridSpec = {
    task: "regression",
    target: "charges",
    features: header.filter((column) => !["charges", "fold", "policy_id"].includes(column)),
    foldColumn: "fold",
    folds: 10,
    trainSize: 1,
    minRows: 0,
    seed,
    models,
  };
  const result = scoreTable(regressionTask, { header, rows }, [], spec);
  assert.equal(result.status, "ok", result.reason);
  return result.rows;
}

function withinIssueTolerance(model: string, r2: number, mae: number, ref: ReferenceRow): void {
  const trees = TREES.has(model);
  assert.ok(Math.abs(r2 - ref.R2!) <= (trees ? 0.03 : 0.01), `${model} R2 ${r2} vs sklearn ${ref.R2}`);
  assert.ok(Math.abs(mae - ref.MAE!) <= (trees ? 0.06 : 0.02) * ref.MAE!, `${model} MAE ${mae} vs sklearn ${ref.MAE}`);
}

test("the regression grid matches scikit-learn 1.2 on predefined folds within issue 9's tolerances", async () => {
  assert.equal(reference.sklearn, "1.2.1");
  // The models the reference covers (the registry has more, checked by their own tests).
  const covered = regressionTask.models.filter((model) => reference.policies.some((row) => row.Model === model.name));
  const rows = await grid(
    covered.map((model) => model.id),
    123,
  );
  assert.deepEqual(
    rows.map((row) => row.model),
    reference.policies.map((row) => row.Model),
  );
  for (const row of rows) {
    if (TREES.has(row.model)) continue;
    const ref = reference.policies.find((r) => r.Model === row.model)!;
    withinIssueTolerance(row.model, row.mean.R2, row.mean.MAE, ref);
    if (!EXACT.has(row.model)) continue;
    for (const metric of METRICS) {
      const expected = ref[metric];
      const ours = row.mean[metric];
      if (expected === null) assert.ok(Number.isNaN(ours), `${row.model} ${metric} ${ours} vs sklearn undefined`);
      else assert.ok(Math.abs(ours - expected) <= 1e-6 * Math.max(1, Math.abs(expected)), `${row.model} ${metric} ${ours} vs sklearn ${expected}`);
    }
  }
});

test("the regression trees' grids, averaged over ten seeds, match scikit-learn's over ten seeds", async () => {
  const runs = await Promise.all(reference.treeSeeds.map((seed) => grid(["dt", "rf"], seed)));
  for (const ref of reference.treesOverSeeds) {
    const mean = (metric: Metric): number =>
      runs.reduce((sum, rows) => sum + rows.find((row) => row.model === ref.Model)!.mean[metric], 0) / runs.length;
    withinIssueTolerance(ref.Model, mean("R2"), mean("MAE"), ref);
  }
});
