import assert from "node:assert/strict";
import { test } from "node:test";
import type { Table } from "../../src/data/table.js";
import type { Classes } from "../../src/evaluate/classificationMetrics.js";
import { classificationTask } from "../../src/evaluate/classificationTask.js";
import { scoreTable, type GridSpec } from "../../src/evaluate/compareModels.js";
import type { Task } from "../../src/evaluate/task.js";

// 40 rows, two classes that x separates imperfectly, and a categorical with a missing value.
const table: Table = {
  header: ["x", "colour", "y"],
  rows: Array.from({ length: 40 }, (_, i) => [String((i % 7) + (i % 2) * 3), i === 5 ? "" : ["red", "blue", "green"][i % 3], i % 2 === 0 ? "no" : "yes"]),
};

const spec: GridSpec = {
  task: "classification",
  target: "y",
  features: ["x", "colour"],
  foldColumn: null,
  folds: 4,
  trainSize: 1,
  seed: 7,
  models: ["lr", "nb", "dt"],
};

/** The classification task with some models replaced by one that throws, or by one that returns `output`. */
function failing(ids: readonly string[], output?: Float64Array): Task<Classes> {
  return {
    ...classificationTask,
    models: classificationTask.models.map((model) =>
      ids.includes(model.id)
        ? {
            ...model,
            fitPredict: () => {
              if (output === undefined) throw new Error("singular matrix");
              return output;
            },
          }
        : model,
    ),
  };
}

test("a model that throws is left out of the grid, with its reason in the notes; the others are scored", () => {
  const healthy = scoreTable(classificationTask, table, ["a"], spec);
  const result = scoreTable(failing(["nb"]), table, ["a"], spec);
  assert.equal(result.status, "ok");
  assert.deepEqual(result.rows.map((row) => row.model), ["Logistic Regression", "Decision Tree Classifier"]);
  assert.ok(result.notes.includes("Naive Bayes failed and is left out: singular matrix"), result.notes.join("; "));
  // The failure changes nothing for the other models (seeds are per model, not a shared stream).
  const strip = (rows: typeof result.rows): unknown[] =>
    rows.map((row) => ({ model: row.model, mean: { ...row.mean, TT_Sec: 0 }, sd: { ...row.sd, TT_Sec: 0 } }));
  assert.deepEqual(strip(result.rows), strip(healthy.rows.filter((row) => row.model !== "Naive Bayes")));
});

test("when every model throws the partition fails with a reason instead of an empty grid", () => {
  const result = scoreTable(failing(["lr", "nb", "dt"]), table, ["a"], spec);
  assert.equal(result.status, "failed");
  assert.equal(result.reason, "every model failed");
  assert.deepEqual(result.rows, []);
});

test("a continuous target is refused with a reason that says so", () => {
  const continuous: Table = { header: ["x", "price"], rows: Array.from({ length: 60 }, (_, i) => [String(i % 5), (i * 1.37).toFixed(2)]) };
  const result = scoreTable(classificationTask, continuous, [], { ...spec, target: "price", features: ["x"] });
  assert.equal(result.status, "failed");
  assert.equal(result.reason, "the target price has 60 distinct values in 60 rows: it looks continuous (try --task regression)");
});

test("a model whose probabilities are not finite is left out before any metric sees them", () => {
  const nan = new Float64Array(40 * 2).fill(NaN);
  const result = scoreTable(failing(["nb"], nan), table, ["a"], spec);
  assert.deepEqual(result.rows.map((row) => row.model), ["Logistic Regression", "Decision Tree Classifier"]);
  assert.ok(result.notes.some((note) => note.startsWith("Naive Bayes failed and is left out: ")), result.notes.join("; "));
});

test("each grid row carries the fold mean and the fold standard deviation of every column", () => {
  const result = scoreTable(classificationTask, table, ["a"], spec);
  for (const row of result.rows) {
    for (const column of ["Accuracy", "AUC", "Recall", "Prec", "F1", "Kappa", "MCC", "TT_Sec"]) {
      assert.ok(Number.isFinite(row.mean[column]), `${row.model} ${column} mean`);
      assert.ok(row.sd[column] >= 0, `${row.model} ${column} sd`);
    }
  }
});
