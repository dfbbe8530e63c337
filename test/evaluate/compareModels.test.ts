import assert from "node:assert/strict";
import { test } from "node:test";
import type { Table } from "../../src/data/table.js";
import { scoreTable, type GridSpec } from "../../src/evaluate/compareModels.js";
import type { Estimator, ModelId, ModelSpec } from "../../src/models/estimator.js";
import { modelSpec } from "../../src/models/registry.js";

// 40 rows, two classes that x separates imperfectly, and a categorical with a missing value.
const table: Table = {
  header: ["x", "colour", "y"],
  rows: Array.from({ length: 40 }, (_, i) => [String((i % 7) + (i % 2) * 3), i === 5 ? "" : ["red", "blue", "green"][i % 3], i % 2 === 0 ? "no" : "yes"]),
};

const spec: GridSpec = {
  target: "y",
  features: ["x", "colour"],
  foldColumn: null,
  folds: 4,
  trainSize: 1,
  seed: 7,
  models: ["lr", "nb", "dt"],
};

const broken: Estimator = {
  fit() {
    throw new Error("singular matrix");
  },
  predictProba() {
    return new Float64Array(0);
  },
};

function failing(ids: readonly ModelId[]): (id: ModelId) => ModelSpec {
  return (id) => (ids.includes(id) ? { ...modelSpec(id), create: () => broken } : modelSpec(id));
}

test("a model that throws is left out of the grid, with its reason in the notes; the others are scored", () => {
  const healthy = scoreTable(table, ["a"], spec);
  const result = scoreTable(table, ["a"], spec, {}, failing(["nb"]));
  assert.equal(result.status, "ok");
  assert.deepEqual(result.rows.map((row) => row.Model), ["Logistic Regression", "Decision Tree Classifier"]);
  assert.ok(result.notes.includes("Naive Bayes failed and is left out: singular matrix"), result.notes.join("; "));
  // The failure changes nothing for the other models (seeds are per model, not a shared stream).
  const strip = (rows: typeof result.rows): unknown[] => rows.map(({ TT_Sec: _, ...rest }) => rest);
  assert.deepEqual(strip(result.rows), strip(healthy.rows.filter((row) => row.Model !== "Naive Bayes")));
});

test("when every model throws the partition fails with a reason instead of an empty grid", () => {
  const result = scoreTable(table, ["a"], spec, {}, failing(["lr", "nb", "dt"]));
  assert.equal(result.status, "failed");
  assert.equal(result.reason, "every model failed");
  assert.deepEqual(result.rows, []);
});

test("a continuous target is refused with a reason that says so", () => {
  const continuous: Table = { header: ["x", "price"], rows: Array.from({ length: 60 }, (_, i) => [String(i % 5), (i * 1.37).toFixed(2)]) };
  const result = scoreTable(continuous, [], { ...spec, target: "price", features: ["x"] });
  assert.equal(result.status, "failed");
  assert.equal(result.reason, "the target price has 60 distinct values in 60 rows: it looks continuous, and automl-grid scores classifiers");
});
