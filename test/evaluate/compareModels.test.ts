import assert from "node:assert/strict";
import { test } from "node:test";
import type { Table } from "../../src/data/table.js";
import type { Classes } from "../../src/evaluate/classificationMetrics.js";
import { classificationTask } from "../../src/evaluate/classificationTask.js";
import { scoreTable, type GridSpec } from "../../src/evaluate/compareModels.js";
import { WARM_UP_FITS, WARM_UP_ROWS } from "../../src/evaluate/fitModels.js";
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
  minRows: 0,
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
  assert.equal(
    result.reason,
    "every model failed (Logistic Regression: singular matrix; Naive Bayes: singular matrix; Decision Tree Classifier: singular matrix)",
  );
  assert.deepEqual(result.rows, []);
});

test("a continuous target is refused with a reason that says so", () => {
  const continuous: Table = { header: ["x", "price"], rows: Array.from({ length: 60 }, (_, i) => [String(i % 5), (i * 1.37).toFixed(2)]) };
  const result = scoreTable(classificationTask, continuous, [], { ...spec, target: "price", features: ["x"] });
  assert.equal(result.status, "failed");
  assert.equal(result.reason, "the target price has 60 distinct values in 60 rows: it looks continuous (try --task regression)");
});

test("a continuous target holding a word (PyCaret's ? marker) is told to mark it missing before --task regression", () => {
  const rows = Array.from({ length: 60 }, (_, i) => [String(i % 5), i === 7 ? "?" : (i * 1.37).toFixed(2)]);
  const result = scoreTable(classificationTask, { header: ["x", "price"], rows }, [], { ...spec, target: "price", features: ["x"] });
  assert.equal(result.status, "failed");
  assert.equal(result.reason, 'the target price has 60 distinct values in 60 rows: it looks continuous (try --task regression, with "?" written empty or NA)');
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

/** The classification task with one model replaced by one that answers `proba(test rows, classes)`. */
function returning(id: string, proba: (rows: number, nClasses: number) => Float64Array): Task<Classes> {
  return {
    ...classificationTask,
    models: classificationTask.models.map((model) =>
      model.id === id ? { ...model, fitPredict: (_train, y, test) => proba(test.rows, y.labels.length) } : model,
    ),
  };
}

test("a model whose probabilities break the contract is left out with its reason, as one that throws", () => {
  const healthy = scoreTable(classificationTask, table, ["a"], spec);
  const cases: [string, (rows: number, k: number) => Float64Array, RegExp][] = [
    ["NaN", (rows, k) => new Float64Array(rows * k).fill(NaN), /^Naive Bayes failed and is left out: returned NaN probabilities \(row 1\) in fold 1$/],
    ["too short", (rows, k) => new Float64Array(rows * k - 1).fill(1 / k), /returned \d+ probabilities, expected \d+/],
    ["unnormalised", (rows, k) => new Float64Array(rows * k).fill(1), /returned probabilities summing to 2, not 1 \(row 1\) in fold 1/],
  ];
  for (const [name, proba, message] of cases) {
    const result = scoreTable(returning("nb", proba), table, ["a"], spec);
    assert.equal(result.status, "ok", name);
    assert.deepEqual(result.rows.map((row) => row.model), ["Logistic Regression", "Decision Tree Classifier"], name);
    assert.ok(result.notes.some((note) => message.test(note)), `${name}: ${result.notes.join("; ")}`);
    const strip = (rows: typeof result.rows): unknown[] =>
      rows.map((row) => ({ model: row.model, mean: { ...row.mean, TT_Sec: 0 }, sd: { ...row.sd, TT_Sec: 0 } }));
    assert.deepEqual(strip(result.rows), strip(healthy.rows.filter((row) => row.model !== "Naive Bayes")), name);
  }
});

test("Gaussian naive Bayes on features that are all constant is left out (its probabilities are NaN)", () => {
  const constant: Table = {
    header: ["x", "colour", "y"],
    rows: Array.from({ length: 40 }, (_, i) => ["3", "red", i % 3 === 0 ? "no" : "yes"]),
  };
  const result = scoreTable(classificationTask, constant, [], spec);
  assert.equal(result.status, "ok");
  assert.deepEqual(result.rows.map((row) => row.model), ["Logistic Regression", "Decision Tree Classifier"]);
  assert.ok(
    result.notes.some((note) => /^Naive Bayes failed and is left out: returned NaN probabilities \(row \d+\) in fold \d+$/.test(note)),
    result.notes.join("; "),
  );
});

test("a table whose feature columns are all dropped fails with the reason each was dropped", () => {
  const ids: Table = { header: ["name", "y"], rows: Array.from({ length: 20 }, (_, i) => [`p${i}`, i % 2 === 0 ? "no" : "yes"]) };
  const result = scoreTable(classificationTask, ids, [], { ...spec, features: ["name"] });
  assert.equal(result.status, "failed");
  assert.match(result.reason, /^no usable feature columns \(name is an identifier/);
});

test("a model refusing a column's value is named by the file's column, not the encoded index or the fold's row", () => {
  // colour takes three encoded columns before big; 5e38 is beyond float32, which the trees need.
  const wide: Table = {
    header: ["colour", "big", "x", "y"],
    rows: Array.from({ length: 40 }, (_, i) => [["red", "blue", "green"][i % 3], i === 17 ? "5e38" : String(i % 5), String(i % 7), i % 2 === 0 ? "no" : "yes"]),
  };
  const result = scoreTable(classificationTask, wide, ["a"], { ...spec, features: ["colour", "big", "x"], models: ["dt", "nb"] });
  assert.equal(result.status, "ok");
  const note = result.notes.find((line) => line.startsWith("Decision Tree Classifier failed"));
  assert.match(note ?? "", /^Decision Tree Classifier failed and is left out: column big holds 5e\+38: trees need finite float32 values$/);
});

test("a warm-up fit runs on a sample before a model's first timed fit and changes nothing in the grid", () => {
  const fits = new Map<string, number[]>();
  const counting: Task<Classes> = {
    ...classificationTask,
    models: classificationTask.models.map((model) => ({
      ...model,
      fitPredict: (train, y, test, rng) => {
        fits.set(model.id, [...(fits.get(model.id) ?? []), train.rows]);
        return model.fitPredict(train, y, test, rng);
      },
    })),
  };
  const asked: string[] = [];
  const warmed = new Set<string>();
  const warmUp = (model: string): boolean => {
    asked.push(model);
    if (warmed.has(model)) return false;
    warmed.add(model);
    return true;
  };
  const large: Table = {
    header: ["x", "colour", "y"],
    rows: Array.from({ length: 1400 }, (_, i) => [String((i * 37) % 101), ["red", "blue", "green"][i % 3], (i * 37) % 101 > 40 ? "no" : "yes"]),
  };
  const plain = scoreTable(classificationTask, large, ["a"], spec);
  const warm = scoreTable(counting, large, ["a"], spec, { warmUp });
  // Asked before every fit (3 models x 4 folds); each model fitted first on the sample (once, or
  // again while its fits are quick), then on each fold's 1,050 training rows.
  assert.equal(asked.length, 12);
  for (const id of spec.models) {
    const sizes = fits.get(id) ?? [];
    const warmUps = sizes.length - 4;
    assert.ok(warmUps >= 1 && warmUps <= WARM_UP_FITS, `${id}: ${sizes.join(" ")}`);
    assert.deepEqual(sizes, [...Array<number>(warmUps).fill(WARM_UP_ROWS), 1050, 1050, 1050, 1050], id);
  }
  const strip = (rows: typeof plain.rows): unknown[] => rows.map((row) => ({ model: row.model, mean: { ...row.mean, TT_Sec: 0 }, sd: { ...row.sd, TT_Sec: 0 } }));
  assert.deepEqual(strip(warm.rows), strip(plain.rows));
});

test("a warm-up whose sample cannot be fitted is ignored: the fold's own fit decides", () => {
  const large: Table = {
    header: ["x", "y"],
    rows: Array.from({ length: 1400 }, (_, i) => [String((i * 37) % 101), (i * 37) % 101 > 40 ? "no" : "yes"]),
  };
  const largeSpec: GridSpec = { ...spec, features: ["x"], models: ["lr", "nb"] };
  // Logistic regression refuses the sample (as a model may refuse a sample of one class).
  const refusing: Task<Classes> = {
    ...classificationTask,
    models: classificationTask.models.map((model) =>
      model.id !== "lr"
        ? model
        : {
            ...model,
            fitPredict: (train, y, test, rng) => {
              if (train.rows === WARM_UP_ROWS) throw new Error("one class in the sample");
              return model.fitPredict(train, y, test, rng);
            },
          },
    ),
  };
  const plain = scoreTable(classificationTask, large, ["a"], largeSpec);
  const warm = scoreTable(refusing, large, ["a"], largeSpec, { warmUp: () => true });
  assert.equal(warm.status, "ok");
  assert.deepEqual(warm.notes, plain.notes);
  assert.deepEqual(
    warm.rows.map((row) => [row.model, row.mean.Accuracy, row.mean.AUC]),
    plain.rows.map((row) => [row.model, row.mean.Accuracy, row.mean.AUC]),
  );
});
