import assert from "node:assert/strict";
import { test } from "node:test";
import type { Table } from "../../src/data/table.js";
import { classificationTask } from "../../src/evaluate/classificationTask.js";
import { scoreTable, type GridSpec } from "../../src/evaluate/compareModels.js";
import { regressionTask } from "../../src/evaluate/regressionTask.js";

const spec: GridSpec = {
  task: "classification",
  target: "y",
  features: ["x"],
  foldColumn: null,
  folds: 3,
  trainSize: 1,
  minRows: 0,
  seed: 7,
  models: ["nb", "dt"],
};

/** A table of x and y, one row per label, x cycling over 0..4. */
function labelled(labels: readonly string[]): Table {
  return { header: ["x", "y"], rows: labels.map((label, i) => [String(i % 5), label]) };
}

const repeat = (label: string, n: number): string[] => Array.from({ length: n }, () => label);

test("a table with one class is skipped, not failed, and still says how many rows it has", () => {
  const result = scoreTable(classificationTask, labelled(repeat("no", 6)), ["Islands"], spec);
  assert.equal(result.status, "skipped");
  assert.equal(result.reason, "the target y has one class (no)");
  // The class balance of a target that was not read as classes is unknown.
  assert.deepEqual(result.facts, { Rows: 6 });
  assert.deepEqual(result.rows, []);
});

test("a table where a class has a single row is skipped with its class balance known", () => {
  const result = scoreTable(classificationTask, labelled([...repeat("no", 7), "yes"]), ["a"], spec);
  assert.equal(result.status, "skipped");
  assert.equal(result.reason, "a class has 1 row; 2 folds need at least 2 rows per class");
  assert.deepEqual(result.facts, { Rows: 8, Minority: 1 / 8 });
});

test("a class the train split leaves out of the cross-validated rows is skipped, never cross-validated as one class", () => {
  // 9 no and 1 yes at --train-size 0.5: 5 rows kept, the classes' quotas 4.5 and 0.5, the tie
  // drawn at random: the yes is held out, or kept as a class of one row; skipped either way.
  const reasons = new Set<string>();
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    const result = scoreTable(classificationTask, labelled([...repeat("no", 9), "yes"]), ["a"], { ...spec, trainSize: 0.5, seed });
    assert.equal(result.status, "skipped");
    reasons.add(result.reason);
  }
  const why = (rows: string): string => `a class has ${rows}; 2 folds need at least 2 rows per class (the --train-size 0.5 split keeps 5 of 10 rows)`;
  assert.deepEqual(reasons, new Set([why("0 rows"), why("1 row")]));
});

test("a --train-size that keeps no row is skipped for lack of data, in either task, the reason naming the split", () => {
  const tiny = { ...spec, trainSize: 0.1 };
  const classes = scoreTable(classificationTask, labelled(["no", "yes", "no", "yes"]), ["a"], tiny);
  assert.deepEqual([classes.status, classes.reason], ["skipped", "a class has 0 rows; 2 folds need at least 2 rows per class (the --train-size 0.1 split keeps 0 of 4 rows)"]);
  const quantities: Table = { header: ["x", "y"], rows: [["1", "2.5"], ["2", "3.5"], ["3", "1.5"], ["4", "0.5"]] };
  const amounts = scoreTable(regressionTask, quantities, ["a"], { ...tiny, task: "regression", models: ["dummy"] });
  assert.deepEqual([amounts.status, amounts.reason], ["skipped", "0 rows to cross-validate; 2 folds need at least 2 rows (the --train-size 0.1 split keeps 0 of 4 rows)"]);
});

test("minRows skips a table with fewer rows than it, rows with a missing target not counted", () => {
  const table = labelled([...repeat("no", 6), ...repeat("yes", 3), "", "NA"]);
  const small = scoreTable(classificationTask, table, ["a"], { ...spec, minRows: 10 });
  assert.equal(small.status, "skipped");
  assert.equal(small.reason, "9 rows, fewer than --min-rows 10");
  assert.deepEqual(small.facts, { Rows: 9, Minority: 3 / 9 });
  const enough = scoreTable(classificationTask, table, ["a"], { ...spec, minRows: 9 });
  assert.equal(enough.status, "ok", enough.reason);
});

test("a target that looks continuous fails (the task is wrong, data is not lacking), its class balance known all the same", () => {
  const continuous: Table = { header: ["x", "y"], rows: Array.from({ length: 60 }, (_, i) => [String(i % 5), (i * 1.37).toFixed(2)]) };
  const result = scoreTable(classificationTask, continuous, [], spec);
  assert.equal(result.status, "failed");
  assert.match(result.reason, /looks continuous/);
  assert.deepEqual(result.facts, { Rows: 60, Minority: 1 / 60 });
});

test("a skip reason counts one row as a row", () => {
  const one = scoreTable(classificationTask, labelled(["no"]), ["a"], { ...spec, minRows: 2 });
  assert.equal(one.reason, "1 row, fewer than --min-rows 2");
});

test("a table on which every model fails is failed, with its facts", () => {
  // Every feature constant: Gaussian naive Bayes has zero variances and answers NaN.
  const constant: Table = { header: ["x", "y"], rows: [...repeat("no", 7), ...repeat("yes", 3)].map((label) => ["1", label]) };
  const result = scoreTable(classificationTask, constant, ["a"], { ...spec, models: ["nb"] });
  assert.equal(result.status, "failed");
  assert.match(result.reason, /^every model failed \(Naive Bayes: returned NaN probabilities/);
  assert.deepEqual(result.facts, { Rows: 10, Minority: 0.3 });
});

test("a scored table's facts are its rows with a target and its smallest class's share of them", () => {
  const result = scoreTable(classificationTask, labelled([...repeat("no", 5), ...repeat("yes", 3), ...repeat("maybe", 2), ""]), ["a"], spec);
  assert.equal(result.status, "ok", result.reason);
  assert.deepEqual(result.facts, { Rows: 10, Minority: 0.2 });
});

test("a predefined fold column with one value in the table is too little data: skipped", () => {
  const table: Table = { header: ["x", "f", "y"], rows: [...repeat("no", 4), ...repeat("yes", 4)].map((label, i) => [String(i), "1", label]) };
  const result = scoreTable(classificationTask, table, ["a"], { ...spec, foldColumn: "f" });
  assert.equal(result.status, "skipped");
  assert.equal(result.reason, "fold column f has fewer than 2 distinct values");
});

test("a class with a single row is skipped under predefined folds too, as k-fold skips it", () => {
  // The audit's table: "b" once, in fold 0, among nine "a" rows over three fold values.
  const labels = ["a", "a", "a", "b", "a", "a", "a", "a", "a", "a"];
  const table: Table = { header: ["x", "f", "y"], rows: labels.map((label, i) => [String(i + 1), String(i % 3), label]) };
  const folded = scoreTable(classificationTask, table, ["a"], { ...spec, foldColumn: "f", models: ["dt", "dummy"] });
  assert.equal(folded.status, "skipped");
  assert.equal(folded.reason, "a class has 1 row; 2 folds need at least 2 rows per class");
  assert.deepEqual(folded.facts, { Rows: 10, Minority: 0.1 });
  assert.equal(scoreTable(classificationTask, table, ["a"], { ...spec, models: ["dt", "dummy"] }).reason, folded.reason);
  // Counted on the rows cross-validated: two "b" rows fold, whatever folds hold them.
  const two: Table = { header: table.header, rows: [...table.rows, ["11", "0", "b"]] };
  assert.equal(scoreTable(classificationTask, two, ["a"], { ...spec, foldColumn: "f", models: ["dt", "dummy"] }).status, "ok");
});

test("regression: one row is skipped; its facts are the row count alone (a quantity has no class balance)", () => {
  const regression = { ...spec, task: "regression" as const, models: ["lr"] };
  const one = scoreTable(regressionTask, { header: ["x", "y"], rows: [["1", "2.5"]] }, ["a"], regression);
  assert.equal(one.status, "skipped");
  assert.equal(one.reason, "1 row to cross-validate; 2 folds need at least 2 rows");
  assert.deepEqual(one.facts, { Rows: 1 });
  const rows = Array.from({ length: 12 }, (_, i) => [String(i), String(2 * i + (i % 3))]);
  const scored = scoreTable(regressionTask, { header: ["x", "y"], rows }, ["a"], regression);
  assert.equal(scored.status, "ok", scored.reason);
  assert.deepEqual(scored.facts, { Rows: 12 });
  assert.deepEqual(regressionTask.targetFacts, []);
});
