import assert from "node:assert/strict";
import { test } from "node:test";
import { keyColumnNames } from "../../src/report/keyColumns.js";
import { taskInfo } from "../../src/evaluate/tasks.js";
import { keyColumns } from "../../src/report/leaderboard.js";

const reserved = ["Model", "Accuracy", "TT_Sec", "status", "reason"];

test("keyColumnNames keeps a key column's name unless the grid uses it, then shows it as by_<name>", () => {
  assert.deepEqual(keyColumnNames(["region", "plan"], reserved), ["region", "plan"]);
  assert.deepEqual(keyColumnNames(["Model"], reserved), ["by_Model"]);
  assert.deepEqual(keyColumnNames(["store", "status", "Accuracy"], reserved), ["store", "by_status", "by_Accuracy"]);
  assert.deepEqual(keyColumnNames([], reserved), []);
});

test("keyColumnNames prefixes again while the name is still taken, by the grid or another key column", () => {
  assert.deepEqual(keyColumnNames(["Model", "by_Model"], reserved), ["by_by_Model", "by_Model"]);
  assert.deepEqual(keyColumnNames(["by_Model", "Model", "by_by_Model"], reserved), ["by_Model", "by_by_by_Model", "by_by_Model"]);
  assert.deepEqual(keyColumnNames(["x"], ["x", "by_x"]), ["by_by_x"]);
});

test("keyColumnNames is case-sensitive, as json keys and csv headers are", () => {
  assert.deepEqual(keyColumnNames(["model", "STATUS"], reserved), ["model", "STATUS"]);
});

test("the leaderboard reserves every column it writes: Model, each metric, TT_Sec, status and reason", () => {
  const by = ["Model", "Accuracy", "AUC", "Recall", "Prec", "F1", "Kappa", "MCC", "TT_Sec", "status", "reason"];
  assert.deepEqual(keyColumns(by, taskInfo("classification")), by.map((column) => `by_${column}`));
});
