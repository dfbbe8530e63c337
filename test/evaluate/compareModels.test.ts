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
  assert.equal(
    result.reason,
    "every model failed (Logistic Regression: singular matrix; Naive Bayes: singular matrix; Decision Tree Classifier: singular matrix)",
  );
  assert.deepEqual(result.rows, []);
});

test("a continuous target is refused with a reason that says so", () => {
  const continuous: Table = { header: ["x", "price"], rows: Array.from({ length: 60 }, (_, i) => [String(i % 5), (i * 1.37).toFixed(2)]) };
  const result = scoreTable(continuous, [], { ...spec, target: "price", features: ["x"] });
  assert.equal(result.status, "failed");
  assert.equal(result.reason, "the target price has 60 distinct values in 60 rows: it looks continuous, and automl-grid scores classifiers");
});

function returning(id: ModelId, proba: (rows: number, nClasses: number) => Float64Array): (id: ModelId) => ModelSpec {
  let nClasses = 0;
  const estimator: Estimator = {
    fit(_X, _y, k) {
      nClasses = k;
      return this;
    },
    predictProba: (X) => proba(X.rows, nClasses),
  };
  return (asked) => (asked === id ? { ...modelSpec(asked), create: () => estimator } : modelSpec(asked));
}

test("a model whose probabilities break the contract is left out with its reason, as one that throws", () => {
  const healthy = scoreTable(table, ["a"], spec);
  const cases: [string, (rows: number, k: number) => Float64Array, RegExp][] = [
    ["NaN", (rows, k) => new Float64Array(rows * k).fill(NaN), /^Naive Bayes failed and is left out: returned NaN probabilities \(row 1\) in fold 1$/],
    ["too short", (rows, k) => new Float64Array(rows * k - 1).fill(1 / k), /returned \d+ probabilities, expected \d+/],
    ["unnormalised", (rows, k) => new Float64Array(rows * k).fill(1), /returned probabilities summing to 2, not 1 \(row 1\) in fold 1/],
  ];
  for (const [name, proba, message] of cases) {
    const result = scoreTable(table, ["a"], spec, {}, returning("nb", proba));
    assert.equal(result.status, "ok", name);
    assert.deepEqual(result.rows.map((row) => row.Model), ["Logistic Regression", "Decision Tree Classifier"], name);
    assert.ok(result.notes.some((note) => message.test(note)), `${name}: ${result.notes.join("; ")}`);
    const strip = (rows: typeof result.rows): unknown[] => rows.map(({ TT_Sec: _, ...rest }) => rest);
    assert.deepEqual(strip(result.rows), strip(healthy.rows.filter((row) => row.Model !== "Naive Bayes")), name);
  }
});

test("Gaussian naive Bayes on features that are all constant is left out (its probabilities are NaN)", () => {
  const constant: Table = {
    header: ["x", "colour", "y"],
    rows: Array.from({ length: 40 }, (_, i) => ["3", "red", i % 3 === 0 ? "no" : "yes"]),
  };
  const result = scoreTable(constant, [], spec);
  assert.equal(result.status, "ok");
  assert.deepEqual(result.rows.map((row) => row.Model), ["Logistic Regression", "Decision Tree Classifier"]);
  assert.ok(
    result.notes.some((note) => /^Naive Bayes failed and is left out: returned NaN probabilities \(row \d+\) in fold \d+$/.test(note)),
    result.notes.join("; "),
  );
});

test("a table whose feature columns are all dropped fails with the reason each was dropped", () => {
  const ids: Table = { header: ["name", "y"], rows: Array.from({ length: 20 }, (_, i) => [`p${i}`, i % 2 === 0 ? "no" : "yes"]) };
  const result = scoreTable(ids, [], { ...spec, features: ["name"] });
  assert.equal(result.status, "failed");
  assert.match(result.reason, /^no usable feature columns \(name is an identifier/);
});
